import { Accordion, Alert, Button, Group, Loader, Table, Text } from '@mantine/core';
import { IconRuler } from '@tabler/icons-react';

import { formatBytes } from '../../../electron/common/bridge';
import type { HostState, HostStore } from '../../stores/host';
import { diskUsageRows } from './presentation';

/** `docker system df -v`: the totals, then every image, container, volume and build cache entry. */
export function DiskUsageView({ state, store }: { state: HostState; store: HostStore }) {
  const { diskUsage } = state;
  const usage = diskUsage.value;
  return (
    <>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Measuring walks every layer and volume on the host; on a big host it takes a while.
        </Text>
        <Button
          leftSection={<IconRuler size={16} aria-hidden />}
          loading={diskUsage.phase === 'loading'}
          onClick={() => void store.measureDiskUsage()}
        >
          {usage === undefined ? 'Measure disk usage' : 'Measure again'}
        </Button>
      </Group>
      {diskUsage.error !== undefined && (
        <Alert color="red" title="Could not measure the disk usage">
          {diskUsage.error.message}
        </Alert>
      )}
      {diskUsage.phase === 'loading' && usage === undefined && (
        <Group gap="xs" role="status">
          <Loader size="sm" />
          <Text size="sm">Measuring…</Text>
        </Group>
      )}
      {usage !== undefined && (
        <>
          <Table withTableBorder fz="sm" data-testid="disk-usage-totals">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Type</Table.Th>
                <Table.Th>Total</Table.Th>
                <Table.Th>Active</Table.Th>
                <Table.Th>Size</Table.Th>
                <Table.Th>Reclaimable</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {diskUsageRows(usage).map((row) => (
                <Table.Tr key={row.type} data-testid="disk-usage-row" data-type={row.type}>
                  <Table.Td>{row.type}</Table.Td>
                  <Table.Td>{row.total}</Table.Td>
                  <Table.Td>{row.active}</Table.Td>
                  <Table.Td>{row.size}</Table.Td>
                  <Table.Td>{row.reclaimable}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Accordion multiple variant="separated">
            <Accordion.Item value="images">
              <Accordion.Control>Images ({usage.images.length})</Accordion.Control>
              <Accordion.Panel>
                <Table fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Image</Table.Th>
                      <Table.Th>Size</Table.Th>
                      <Table.Th>Shared</Table.Th>
                      <Table.Th>Containers</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {usage.images.map((image) => (
                      <Table.Tr key={image.id}>
                        <Table.Td>
                          {image.tags.join(', ') || image.id.replace('sha256:', '').slice(0, 12)}
                        </Table.Td>
                        <Table.Td>{formatBytes(image.size)}</Table.Td>
                        <Table.Td>{image.sharedSize < 0 ? '—' : formatBytes(image.sharedSize)}</Table.Td>
                        <Table.Td>{image.containers < 0 ? '—' : image.containers}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="containers">
              <Accordion.Control>Containers ({usage.containers.length})</Accordion.Control>
              <Accordion.Panel>
                <Table fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Container</Table.Th>
                      <Table.Th>Image</Table.Th>
                      <Table.Th>State</Table.Th>
                      <Table.Th>Written</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {usage.containers.map((container) => (
                      <Table.Tr key={container.id}>
                        <Table.Td>{container.name}</Table.Td>
                        <Table.Td>{container.image}</Table.Td>
                        <Table.Td>{container.state}</Table.Td>
                        <Table.Td>{formatBytes(container.sizeRw)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="volumes">
              <Accordion.Control>Volumes ({usage.volumes.length})</Accordion.Control>
              <Accordion.Panel>
                <Table fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Volume</Table.Th>
                      <Table.Th>Links</Table.Th>
                      <Table.Th>Size</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {usage.volumes.map((volume) => (
                      <Table.Tr key={volume.name}>
                        <Table.Td>{volume.name}</Table.Td>
                        <Table.Td>{volume.refCount}</Table.Td>
                        <Table.Td>{volume.size === null ? 'n/a' : formatBytes(volume.size)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="cache">
              <Accordion.Control>Build cache ({usage.buildCache.length})</Accordion.Control>
              <Accordion.Panel>
                <Table fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Entry</Table.Th>
                      <Table.Th>Type</Table.Th>
                      <Table.Th>Size</Table.Th>
                      <Table.Th>In use</Table.Th>
                      <Table.Th>Shared</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {usage.buildCache.map((entry) => (
                      <Table.Tr key={entry.id}>
                        <Table.Td>{entry.description || entry.id.slice(0, 12)}</Table.Td>
                        <Table.Td>{entry.type}</Table.Td>
                        <Table.Td>{formatBytes(entry.size)}</Table.Td>
                        <Table.Td>{entry.inUse ? 'yes' : 'no'}</Table.Td>
                        <Table.Td>{entry.shared ? 'yes' : 'no'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        </>
      )}
    </>
  );
}
