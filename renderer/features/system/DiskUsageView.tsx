import { Accordion, Alert, Button, Group, Loader, Table, Text } from '@mantine/core';
import { IconRuler } from '@tabler/icons-react';
import type { ReactNode } from 'react';

import { formatBytes } from '../../../electron/common/bridge';
import { diskUsageRows } from './presentation';
import type { SystemState, SystemStore } from './system-store';

/** `docker system df -v`: the totals, then every image, container, volume and build cache entry. */
export function DiskUsageView({ state, store }: { state: SystemState; store: SystemStore }) {
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
            <UsageSection
              value="images"
              title="Images"
              items={usage.images}
              getKey={(image) => image.id}
              columns={[
                ['Image', (image) => image.tags.join(', ') || image.id.replace('sha256:', '').slice(0, 12)],
                ['Size', (image) => formatBytes(image.size)],
                ['Shared', (image) => (image.sharedSize < 0 ? '—' : formatBytes(image.sharedSize))],
                ['Containers', (image) => (image.containers < 0 ? '—' : image.containers)],
              ]}
            />
            <UsageSection
              value="containers"
              title="Containers"
              items={usage.containers}
              getKey={(container) => container.id}
              columns={[
                ['Container', (container) => container.name],
                ['Image', (container) => container.image],
                ['State', (container) => container.state],
                ['Written', (container) => formatBytes(container.sizeRw)],
              ]}
            />
            <UsageSection
              value="volumes"
              title="Volumes"
              items={usage.volumes}
              getKey={(volume) => volume.name}
              columns={[
                ['Volume', (volume) => volume.name],
                ['Links', (volume) => volume.refCount],
                ['Size', (volume) => (volume.size === null ? 'n/a' : formatBytes(volume.size))],
              ]}
            />
            <UsageSection
              value="cache"
              title="Build cache"
              items={usage.buildCache}
              getKey={(entry) => entry.id}
              columns={[
                ['Entry', (entry) => entry.description || entry.id.slice(0, 12)],
                ['Type', (entry) => entry.type],
                ['Size', (entry) => formatBytes(entry.size)],
                ['In use', (entry) => (entry.inUse ? 'yes' : 'no')],
                ['Shared', (entry) => (entry.shared ? 'yes' : 'no')],
              ]}
            />
          </Accordion>
        </>
      )}
    </>
  );
}

/** One kind of entry of `docker system df -v` as a folding table: a header and a cell per column. */
function UsageSection<T>({
  value,
  title,
  items,
  getKey,
  columns,
}: {
  value: string;
  title: string;
  items: readonly T[];
  getKey: (item: T) => string;
  columns: readonly (readonly [label: string, cell: (item: T) => ReactNode])[];
}) {
  return (
    <Accordion.Item value={value}>
      <Accordion.Control>
        {title} ({items.length})
      </Accordion.Control>
      <Accordion.Panel>
        <Table fz="sm">
          <Table.Thead>
            <Table.Tr>
              {columns.map(([label]) => (
                <Table.Th key={label}>{label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={getKey(item)}>
                {columns.map(([label, cell]) => (
                  <Table.Td key={label}>{cell(item)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
