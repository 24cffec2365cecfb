import { Alert, Button, SegmentedControl, Text, Tooltip } from '@mantine/core';
import { IconDatabase, IconRuler } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';

import type { EngineId, VolumeSummary } from '../../../electron/common/bridge';
import type { HostScope } from '../../components/ResourceList/host-scope';
import { ListMessage } from '../../components/ResourceList/ListStates';
import { removeOnHosts } from '../../components/ResourceList/remove-on-hosts';
import {
  onHost,
  RemoveChosenButton,
  removeColumn,
  ResourceListPage,
} from '../../components/ResourceList/ResourcePage';
import { type ResourceList, useResourceList } from '../../components/ResourceList/use-resource-list';
import { perEngineKey, useRowSelection } from '../../components/ResourceList/use-row-selection';
import type { TableSort } from '../../components/VirtualTable/VirtualTable';
import { useNow } from '../../hooks/use-now';
import type { BerthStores } from '../../stores/stores';
import { useStores } from '../../stores/StoresProvider';
import layout from '../../styles/page.module.css';
import { CreateVolumeModal } from './CreateVolumeModal';
import {
  displayVolumeName,
  filterVolumes,
  sortVolumes,
  type VolumeSortKey,
  type VolumeUsageFilter,
} from './presentation';
import { PruneVolumesModal } from './PruneVolumesModal';
import { RemoveVolumesModal } from './RemoveVolumesModal';
import { measuring, volumeColumns } from './volume-columns';
import { VolumeDetails } from './VolumeDetails';
import type { VolumesState } from './volumes-store';

interface VolumesPageProps {
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

/** The columns with the Remove button last, memoised on what their cells read. */
function useVolumeColumns(
  { scope, lists, pendingOf }: Pick<VolumesResourceList, 'scope' | 'lists' | 'pendingOf'>,
  sizeOf: (volume: VolumeSummary) => number | null | undefined,
  now: number,
  setRemoving: (volumes: readonly VolumeSummary[]) => void,
) {
  const { stateOf, stale } = lists;
  return useMemo(
    () => [
      ...volumeColumns({ now, sizeOf, measuring: (volume) => measuring(stateOf(volume.engineId)) }),
      removeColumn<VolumeSummary, VolumeSortKey>({
        label: (volume) => `Remove ${displayVolumeName(volume)}${onHost(scope, volume.engineId)}`,
        stale,
        pendingOf,
        onRemove: (volume) => setRemoving([volume]),
      }),
    ],
    [scope, sizeOf, stateOf, pendingOf, now, stale, setRemoving],
  );
}

/** One request per host with that host's volumes; refusals are reported naming the host. */
function removeVolumes(
  stores: BerthStores,
  list: Parameters<typeof removeOnHosts<VolumeSummary>>[0],
  selection: Parameters<typeof removeOnHosts<VolumeSummary>>[1],
  volumes: readonly VolumeSummary[],
): void {
  removeOnHosts(list, selection, volumes, async (host, group, label) => {
    const names = group.map((volume) => volume.name);
    const outcomes = await stores.resources.volumes(host).removeVolumes(names, label);
    return outcomes.filter((outcome) => outcome.removed).map((outcome) => outcome.name);
  });
}

/** What the volume parts of the page read: the hosts and their lists (with sizes). */
type VolumesResourceList = ResourceList<VolumeSummary, VolumesState, unknown, VolumeSortKey>;
type VolumesListView = Pick<VolumesResourceList, 'scope' | 'lists'>;

/** The usage filter, and sizes on demand. */
function VolumeFilters({
  list,
  usage,
  setUsage,
}: {
  list: VolumesListView;
  usage: VolumeUsageFilter;
  setUsage: (usage: VolumeUsageFilter) => void;
}) {
  return (
    <>
      <SegmentedControl
        aria-label="Show volumes"
        data={USAGE_OPTIONS}
        value={usage}
        onChange={(value) => {
          if (isUsageFilter(value)) setUsage(value);
        }}
      />
      <SizesButton list={list} />
    </>
  );
}

/** The hosts whose sizes could not be measured, one banner each. */
function SizesErrors({ list }: { list: VolumesListView }) {
  return list.lists.states
    .filter((state) => state.sizesError !== undefined)
    .map((state) => (
      <Alert
        key={state.engineId}
        color="yellow"
        title={`Could not measure the sizes${onHost(list.scope, state.engineId)}`}
        className={layout.banner}
      >
        {state.sizesError?.message}
      </Alert>
    ));
}

/** Measures (or measures again) the sizes of every listed host that answers. */
function SizesButton({ list }: { list: VolumesListView }) {
  const stores = useStores();
  const { scope, lists } = list;
  const { states, stale } = lists;
  return (
    <Tooltip label="Sizes come from docker system df, which can take a while on big hosts">
      <Button
        variant="default"
        leftSection={<IconRuler size={16} aria-hidden />}
        loading={states.some((state) => state.sizesLoading)}
        disabled={lists.allStale}
        onClick={() => {
          for (const host of scope.engineIds) {
            if (!stale.has(host)) void stores.resources.volumes(host).loadSizes();
          }
        }}
      >
        {states.some((state) => state.sizes !== undefined) ? 'Refresh sizes' : 'Show sizes'}
      </Button>
    </Tooltip>
  );
}

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
  const { scope, lists, hostOf, search, sort, open, close, pendingOf, detailState } = list;
  const { all, hostName } = scope;
  const { stateOf, stale } = lists;
  const now = useNow(30_000);
  const [usage, setUsage] = useState<VolumeUsageFilter>('all');
  const [removing, setRemoving] = useState<readonly VolumeSummary[]>([]);
  const [creating, setCreating] = useState(false);
  const [pruning, setPruning] = useState(false);

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
  const { chosen: selection } = rowSelection;

  const columns = useVolumeColumns(list, sizeOf, now, setRemoving);

  const remove = (volumes: readonly VolumeSummary[]) => {
    setRemoving([]);
    removeVolumes(stores, list, rowSelection, volumes);
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
      filters={<VolumeFilters list={list} usage={usage} setUsage={setUsage} />}
      actions={<RemoveChosenButton chosen={selection} stale={stale} onRemove={setRemoving} />}
      banners={<SizesErrors list={list} />}
      empty={
        <ListMessage
          testId="volumes-empty"
          icon={<IconDatabase size={28} aria-hidden />}
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
