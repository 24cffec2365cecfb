import { Alert, Badge, Button, EmptyState, Group, SegmentedControl, Text, Tooltip } from '@mantine/core';
import { IconDatabase, IconRuler, IconTrash } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';

import type { EngineId, VolumeSummary } from '../../../electron/common/bridge';
import type { HostScope } from '../../components/ResourceList/host-scope';
import { groupByHost } from '../../components/ResourceList/presentation';
import { onHost, removeColumn, ResourceListPage } from '../../components/ResourceList/ResourcePage';
import { useResourceList } from '../../components/ResourceList/use-resource-list';
import { perEngineKey, useRowSelection } from '../../components/ResourceList/use-row-selection';
import type { TableColumn, TableSort } from '../../components/VirtualTable/VirtualTable';
import { useNow } from '../../hooks/use-now';
import { itemKey } from '../../lib/merge';
import { useStores } from '../../stores/StoresProvider';
import layout from '../../styles/page.module.css';
import { formatCreated } from '../containers/presentation';
import { CreateVolumeModal } from './CreateVolumeModal';
import {
  displayVolumeName,
  filterVolumes,
  formatUsers,
  formatVolumeSize,
  sortVolumes,
  type VolumeSortKey,
  type VolumeUsageFilter,
} from './presentation';
import { PruneVolumesModal } from './PruneVolumesModal';
import { RemoveVolumesModal } from './RemoveVolumesModal';
import { VolumeDetails } from './VolumeDetails';

export interface VolumesPageProps {
  /** The engine whose volumes are listed when no `scope` is given. @default 'local' */
  engineId?: EngineId;
  /** The hosts listed (the host switcher's); one merged table with a Host column under "All hosts". */
  scope?: HostScope;
}

const USAGE_OPTIONS: Array<{ label: string; value: VolumeUsageFilter }> = [
  { label: 'All', value: 'all' },
  { label: 'In use', value: 'used' },
  { label: 'Unused', value: 'unused' },
];

function isUsageFilter(value: string): value is VolumeUsageFilter {
  return USAGE_OPTIONS.some((option) => option.value === value);
}

const BY_NAME: TableSort<VolumeSortKey> = { key: 'name', direction: 'asc' };
const idOf = (volume: VolumeSummary): string => volume.name;
const keyOf = perEngineKey(idOf);

/**
 * Every volume of the listed hosts, live: search, filters, sort, sizes on demand, create, remove, prune, files.
 * Each action goes to the volume's own host; a volume's details are the route `{ kind: 'volume', engineId, id:
 * name }`.
 */
export function VolumesPage({ engineId = 'local', scope: given }: VolumesPageProps) {
  const stores = useStores();
  const list = useResourceList({
    engineId,
    scope: given,
    page: 'volumes',
    kind: 'volume',
    storeFor: stores.resources.volumes,
    initialSort: BY_NAME,
    idOf,
  });
  const { scope, lists, hostOf, search, sort, selectedKey, open, close, pendingOf, detailState } = list;
  const { all, hostName } = scope;
  const { states, stateOf, stale } = lists;
  const now = useNow(30_000);
  const [usage, setUsage] = useState<VolumeUsageFilter>('all');
  const [removing, setRemoving] = useState<readonly VolumeSummary[]>([]);
  const [creating, setCreating] = useState(false);
  const [pruning, setPruning] = useState(false);

  const sizesLoading = states.some((state) => state.sizesLoading);
  const sizesShown = states.some((state) => state.sizes !== undefined);
  const sizeOf = useCallback(
    (volume: VolumeSummary) => stateOf(volume.engineId)?.sizes?.sizes[volume.name],
    [stateOf],
  );
  const items = useMemo(
    () =>
      sortVolumes(
        filterVolumes(lists.items, search, usage, hostOf),
        sort.key,
        sort.direction,
        sizeOf,
        hostOf,
      ),
    [lists.items, search, usage, sort, sizeOf, hostOf],
  );
  const detailVolume = list.detailItem;
  const rowSelection = useRowSelection({
    items: lists.items,
    shown: items,
    keyOf,
    itemLabel: (volume) => `Select ${displayVolumeName(volume)}${onHost(scope, volume.engineId)}`,
    allLabel: 'Select all shown volumes',
  });
  const { chosen: selection, drop } = rowSelection;

  const columns = useMemo<TableColumn<VolumeSummary, VolumeSortKey>[]>(
    () => [
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
      { id: 'driver', label: 'Driver', width: '5rem', sortKey: 'driver', render: (volume) => volume.driver },
      {
        id: 'users',
        label: 'Used by',
        width: 'minmax(7rem, 2fr)',
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
        sortKey: 'size',
        render: (volume) => {
          const state = stateOf(volume.engineId);
          return state?.sizesLoading === true && state.sizes === undefined
            ? '…'
            : formatVolumeSize(sizeOf(volume));
        },
      },
      {
        id: 'created',
        label: 'Created',
        width: '7rem',
        sortKey: 'created',
        title: (volume) =>
          volume.created !== undefined ? new Date(volume.created).toLocaleString() : undefined,
        render: (volume) => (volume.created !== undefined ? formatCreated(volume.created, now) : '—'),
      },
      {
        id: 'mountpoint',
        label: 'Mountpoint',
        width: 'minmax(7rem, 2fr)',
        title: (volume) => volume.mountpoint,
        render: (volume) => <span className={layout.mono}>{volume.mountpoint}</span>,
      },
      {
        id: 'labels',
        label: 'Labels',
        width: 'minmax(5rem, 1fr)',
        title: (volume) =>
          Object.entries(volume.labels)
            .map(([key, value]) => `${key}=${value}`)
            .join('\n'),
        render: (volume) => {
          const count = Object.keys(volume.labels).length;
          return count === 0 ? '' : `${count} label${count === 1 ? '' : 's'}`;
        },
      },
      removeColumn({
        label: (volume) => `Remove ${displayVolumeName(volume)}${onHost(scope, volume.engineId)}`,
        stale,
        pendingOf,
        onRemove: (volume) => setRemoving([volume]),
      }),
    ],
    [scope, sizeOf, stateOf, pendingOf, now, stale],
  );

  // One request per host with that host's volumes; refusals are reported naming the host.
  const remove = (volumes: readonly VolumeSummary[]) => {
    setRemoving([]);
    for (const [host, group] of groupByHost(volumes)) {
      void stores.resources
        .volumes(host)
        .removeVolumes(
          group.map((volume) => volume.name),
          all ? hostName(host) : undefined,
        )
        .then((outcomes) => {
          const removed = new Set(
            outcomes
              .filter((outcome) => outcome.removed)
              .map((outcome) => itemKey({ engineId: host, id: outcome.name })),
          );
          drop(removed);
          if (selectedKey !== undefined && removed.has(selectedKey)) close();
        });
    }
  };

  return (
    <ResourceListPage
      title="Volumes"
      noun="volume"
      icon={<IconDatabase size={28} aria-hidden />}
      list={list}
      items={items}
      columns={columns}
      hostSortKey="host"
      nameOf={(volume) => volume.name}
      rowData={(volume) => ({
        used: volume.usedBy.length > 0 ? 'true' : 'false',
        pending: pendingOf(volume) ? 'true' : undefined,
      })}
      selection={rowSelection.table}
      onCreate={() => setCreating(true)}
      onPrune={() => setPruning(true)}
      staleNote="Showing the last known list; actions are disabled until the engine answers."
      filters={
        <>
          <SegmentedControl
            aria-label="Show volumes"
            data={USAGE_OPTIONS}
            value={usage}
            onChange={(value) => {
              if (isUsageFilter(value)) setUsage(value);
            }}
          />
          <Tooltip label="Sizes come from docker system df, which can take a while on big hosts">
            <Button
              variant="default"
              leftSection={<IconRuler size={16} aria-hidden />}
              loading={sizesLoading}
              disabled={lists.allStale}
              onClick={() => {
                for (const host of scope.engineIds) {
                  if (!stale.has(host)) void stores.resources.volumes(host).loadSizes();
                }
              }}
            >
              {sizesShown ? 'Refresh sizes' : 'Show sizes'}
            </Button>
          </Tooltip>
        </>
      }
      actions={
        <Button
          color="red"
          variant="light"
          leftSection={<IconTrash size={16} aria-hidden />}
          disabled={selection.every((volume) => stale.has(volume.engineId))}
          onClick={() => setRemoving(selection.filter((volume) => !stale.has(volume.engineId)))}
        >
          {selection.length > 0 ? `Remove ${selection.length}` : 'Remove'}
        </Button>
      }
      banners={states
        .filter((state) => state.sizesError !== undefined)
        .map((state) => (
          <Alert
            key={state.engineId}
            color="yellow"
            title={`Could not measure the sizes${onHost(scope, state.engineId)}`}
            className={layout.banner}
          >
            {state.sizesError?.message}
          </Alert>
        ))}
      empty={
        <EmptyState
          className={layout.state}
          data-testid="volumes-empty"
          icon={<IconDatabase size={28} aria-hidden />}
          withIndicatorBackground
          title={all ? 'No volumes on any host yet' : 'No volumes on this engine yet'}
          description="Volumes created here, with docker volume create or by containers, appear as soon as they exist."
        />
      }
      noMatch={
        <Text className={layout.state} c="dimmed" data-testid="volumes-no-match">
          No volume matches.
        </Text>
      }
    >
      <CreateVolumeModal
        opened={creating}
        hosts={list.hostChoice}
        onClose={() => setCreating(false)}
        onCreated={(volume) => {
          setCreating(false);
          open(volume);
        }}
      />
      <RemoveVolumesModal
        volumes={removing}
        hostName={hostOf}
        onCancel={() => setRemoving([])}
        onConfirm={remove}
      />
      <PruneVolumesModal opened={pruning} hosts={list.hostChoice} onClose={() => setPruning(false)} />
      <VolumeDetails
        volume={detailVolume}
        host={all && detailVolume !== null ? hostName(detailVolume.engineId) : undefined}
        size={detailVolume === null ? undefined : detailState.sizes?.sizes[detailVolume.name]}
        store={list.detailStore}
        transfers={detailState.transfers}
        onClose={close}
        onRemove={(volume) => setRemoving([volume])}
      />
    </ResourceListPage>
  );
}
