import { Badge, Group, Text } from '@mantine/core';

import type { VolumeSummary } from '../../../electron/common/bridge';
import type { TableColumn } from '../../components/VirtualTable/VirtualTable';
import layout from '../../styles/page.module.css';
import { formatCreated } from '../containers/presentation';
import { displayVolumeName, formatUsers, formatVolumeSize, type VolumeSortKey } from './presentation';
import type { VolumesState } from './volumes-store';

/** Whether a host's sizes are being measured for the first time (its Size cells say `…`). */
export function measuring(state: Pick<VolumesState, 'sizesLoading' | 'sizes'> | undefined): boolean {
  return state?.sizesLoading === true && state.sizes === undefined;
}

/** The columns of one host's volumes (the page adds Host under "All hosts" and Remove last). */
export function volumeColumns({
  now,
  sizeOf,
  measuring,
}: {
  now: number;
  /** The volume's size in bytes, once measured (`docker system df`). */
  sizeOf: (volume: VolumeSummary) => number | null | undefined;
  measuring: (volume: VolumeSummary) => boolean;
}): TableColumn<VolumeSummary, VolumeSortKey>[] {
  return [
    {
      id: 'name',
      label: 'Name',
      width: 'minmax(9rem, 3fr)',
      sortKey: 'name',
      title: (volume) => volume.name,
      render: (volume) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600} truncate>
            {displayVolumeName(volume)}
          </Text>
          {volume.anonymous && (
            <Badge size="xs" variant="light" color="gray">
              anonymous
            </Badge>
          )}
        </Group>
      ),
    },
    {
      id: 'driver',
      label: 'Driver',
      width: '5rem',
      priority: 5,
      sortKey: 'driver',
      render: (volume) => volume.driver,
    },
    {
      id: 'users',
      label: 'Used by',
      width: 'minmax(7rem, 2fr)',
      priority: 2,
      sortKey: 'users',
      title: (volume) => formatUsers(volume.usedBy),
      render: (volume) =>
        volume.usedBy.length === 0 ? (
          <Text size="sm" c="dimmed">
            unused
          </Text>
        ) : (
          formatUsers(volume.usedBy)
        ),
    },
    {
      id: 'size',
      label: 'Size',
      width: '5.5rem',
      priority: 3,
      sortKey: 'size',
      render: (volume) => (measuring(volume) ? '…' : formatVolumeSize(sizeOf(volume))),
    },
    {
      id: 'created',
      label: 'Created',
      width: '7rem',
      priority: 4,
      sortKey: 'created',
      title: (volume) =>
        volume.created !== undefined ? new Date(volume.created).toLocaleString() : undefined,
      render: (volume) => (volume.created !== undefined ? formatCreated(volume.created, now) : '—'),
    },
    {
      id: 'mountpoint',
      label: 'Mountpoint',
      width: 'minmax(7rem, 2fr)',
      priority: 6,
      title: (volume) => volume.mountpoint,
      render: (volume) => <span className={layout.mono}>{volume.mountpoint}</span>,
    },
    {
      id: 'labels',
      label: 'Labels',
      width: 'minmax(5rem, 1fr)',
      priority: 7,
      title: (volume) =>
        Object.entries(volume.labels)
          .map(([key, value]) => `${key}=${value}`)
          .join('\n'),
      render: (volume) => {
        const count = Object.keys(volume.labels).length;
        return count === 0 ? '' : `${count} label${count === 1 ? '' : 's'}`;
      },
    },
  ];
}
