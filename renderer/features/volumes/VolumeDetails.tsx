import { Badge, Button, Code, Divider, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { IconFileExport, IconFileImport, IconTrash } from '@tabler/icons-react';

import type { VolumeSummary } from '../../../electron/common/bridge';
import { KeyValuePairs } from '../../components/KeyValue/KeyValue';
import { DetailsDrawer } from '../../components/ResourceList/DetailsDrawer';
import { displayVolumeName, formatVolumeSize } from './presentation';
import { VolumeBrowser } from './VolumeBrowser';
import type { VolumesStore, VolumeTransfer } from './volumes-store';

interface VolumeDetailsProps {
  /** The volume shown; `null` keeps the drawer closed. */
  volume: VolumeSummary | null;
  /** The volume's host, named under "All hosts". */
  host?: string | undefined;
  size: number | null | undefined;
  store: VolumesStore;
  transfers: readonly VolumeTransfer[];
  onClose: () => void;
  onRemove: (volume: VolumeSummary) => void;
}

function TransferLine({ transfer }: { transfer: VolumeTransfer }) {
  const { operation } = transfer;
  const color = operation.state === 'failed' ? 'red' : operation.state === 'succeeded' ? 'green' : 'blue';
  return (
    <Stack gap={2} data-testid="volume-transfer" data-state={operation.state}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{operation.title}</Text>
        <Badge color={color}>{operation.state}</Badge>
      </Group>
      {operation.state === 'running' && (
        <Progress value={(operation.progress.fraction ?? 0) * 100} animated size="sm" />
      )}
      <Text size="xs" c="dimmed">
        {operation.error?.message ?? operation.progress.text ?? transfer.localPath}
      </Text>
    </Stack>
  );
}

/** A volume's details: what it is, who uses it, its files, and export/import. */
export function VolumeDetails({
  volume,
  host,
  size,
  store,
  transfers,
  onClose,
  onRemove,
}: VolumeDetailsProps) {
  const ours = volume === null ? [] : transfers.filter((transfer) => transfer.volume === volume.name);
  return (
    <DetailsDrawer
      title={volume === null ? undefined : displayVolumeName(volume)}
      {...(host === undefined ? {} : { host })}
      onClose={onClose}
      testId="volume-details"
    >
      {volume !== null && (
        <Stack gap="md">
          <Table variant="vertical" withTableBorder fz="sm">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={140}>Name</Table.Th>
                <Table.Td>{volume.name}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Driver</Table.Th>
                <Table.Td>{volume.driver}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Mountpoint</Table.Th>
                <Table.Td>
                  <Code>{volume.mountpoint}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Size</Table.Th>
                <Table.Td>{formatVolumeSize(size)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Created</Table.Th>
                <Table.Td>
                  {volume.created !== undefined ? new Date(volume.created).toLocaleString() : '—'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Used by</Table.Th>
                <Table.Td data-testid="volume-users">
                  {volume.usedBy.length === 0
                    ? 'No container'
                    : volume.usedBy.map((user) => (
                        <Text size="sm" key={user.id}>
                          {user.name} ({user.state}) at <Code>{user.destination}</Code>
                          {user.readOnly ? ', read-only' : ''}
                        </Text>
                      ))}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <KeyValuePairs title="Labels" pairs={volume.labels} />
          <KeyValuePairs title="Driver options" pairs={volume.options} />
          <Group gap="xs">
            <Button
              variant="light"
              leftSection={<IconFileExport size={16} aria-hidden />}
              onClick={() => void store.exportVolume(volume.name)}
            >
              Export to a tar file
            </Button>
            <Button
              variant="light"
              leftSection={<IconFileImport size={16} aria-hidden />}
              onClick={() => void store.importVolume(volume.name)}
            >
              Import a tar file
            </Button>
            <Button
              variant="light"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={() => onRemove(volume)}
            >
              Remove
            </Button>
          </Group>
          {ours.length > 0 && (
            <Stack gap="xs">
              {ours.map((transfer) => (
                <TransferLine key={transfer.operation.id} transfer={transfer} />
              ))}
            </Stack>
          )}
          <Divider label="Files" labelPosition="left" />
          <VolumeBrowser volume={volume.name} store={store} />
        </Stack>
      )}
    </DetailsDrawer>
  );
}
