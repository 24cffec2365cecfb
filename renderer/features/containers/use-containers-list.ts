import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';

import type { ContainerSummary, ContainerUsage, EngineId, EngineInfo } from '../../../electron/common/bridge';
import { isHostDown } from '../../components/ResourceList/host-health';
import { type HostScope, useSingleHostScope } from '../../components/ResourceList/host-scope';
import { type HostLists, useHostLists } from '../../components/ResourceList/use-host-lists';
import { type RowSelection, useRowSelection } from '../../components/ResourceList/use-row-selection';
import { itemKey } from '../../lib/merge';
import { useEngines } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import { useEngineStores } from '../hosts/use-hosts';
import {
  type ContainerRef,
  type ContainersState,
  groupByEngine,
  type PendingAction,
} from './containers-store';
import { buildListModel, type ContainerSort, type ListModel, type StateFilter } from './list-model';
import type { HostNameOf } from './presentation';

/** How the user looks at the list: state filter, search, sort, Compose grouping and folded projects. */
export interface ContainersQuery {
  stateFilter: StateFilter;
  setStateFilter: (filter: StateFilter) => void;
  search: string;
  setSearch: (search: string) => void;
  sort: ContainerSort;
  setSort: (sort: ContainerSort) => void;
  groupByProject: boolean;
  setGroupByProject: (on: boolean) => void;
  toggleProject: (group: string) => void;
}

/** The containers page's state over the hosts of its scope, on the shared list framework. */
export interface ContainersList {
  scope: HostScope;
  /** Under "All hosts", the host's name (column, labels, search); otherwise undefined. */
  hostOf: HostNameOf | undefined;
  lists: HostLists<ContainerSummary, ContainersState>;
  query: ContainersQuery;
  model: ListModel;
  selection: RowSelection<ContainerSummary>;
  /** Actions in flight and the latest CPU/memory samples, by `itemKey`. */
  pending: ReadonlyMap<string, PendingAction>;
  usage: ReadonlyMap<string, ContainerUsage>;
  /** The listed hosts that can run a container now. */
  runnable: readonly EngineInfo[];
  /** No list can come: the one host is down, or under "All hosts" none answers. */
  unreachable: boolean;
  /** Every listed host failed to list. */
  failed: boolean;
  /** Tells main which running containers are on screen, per engine, for their CPU and memory. */
  watchUsage: (visible: readonly ContainerRef[]) => void;
}

const keyOf = (container: ContainerSummary): string => itemKey(container);

/** A per-engine map keyed by container id, keyed by `itemKey` instead (ids can repeat across hosts). */
function prefixKeys<V>(engineId: EngineId, byId: ReadonlyMap<string, V>): Map<string, V> {
  const keyed = new Map<string, V>();
  for (const [id, value] of byId) keyed.set(itemKey({ engineId, id }), value);
  return keyed;
}

/** Merges per-engine maps (pending actions, usage samples) into one keyed by `itemKey`. */
function mergeByKey<V>(
  parts: readonly { engineId: EngineId; byId: ReadonlyMap<string, V> }[],
): Map<string, V> {
  const merged = new Map<string, V>();
  for (const { engineId, byId } of parts)
    for (const [key, value] of prefixKeys(engineId, byId)) merged.set(key, value);
  return merged;
}

function useContainersQuery(): ContainersQuery & { deferredSearch: string; collapsed: ReadonlySet<string> } {
  const [stateFilter, setStateFilter] = useState<StateFilter>('all');
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState<ContainerSort>({ key: 'name', direction: 'asc' });
  const [groupByProject, setGroupByProject] = useState(true);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const toggleProject = useCallback((group: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(group)) next.add(group);
      return next;
    });
  }, []);
  return {
    stateFilter,
    setStateFilter,
    search,
    deferredSearch,
    setSearch,
    sort,
    setSort,
    groupByProject,
    setGroupByProject,
    collapsed,
    toggleProject,
  };
}

/** Main samples CPU and memory per engine: each hears which of its running containers are on screen. */
function useUsageWatch(): ContainersList['watchUsage'] {
  const stores = useStores();
  const watched = useRef<ReadonlySet<EngineId>>(new Set());
  return useCallback(
    (visible: readonly ContainerRef[]) => {
      const byEngine = groupByEngine(visible);
      // An engine whose rows left the screen (or the list) hears that none are.
      for (const id of new Set([...watched.current, ...byEngine.keys()])) {
        stores.usage(id).watch((byEngine.get(id) ?? []).map((ref) => ref.id));
      }
      watched.current = new Set(byEngine.keys());
    },
    [stores],
  );
}

/**
 * Every container of the hosts of a scope (the given one, else the one host `engineId`), merged per host by the
 * shared `useHostLists` (one stale-host rule), with the page's query, selection, pending actions and usage.
 */
export function useContainersList(engineId: EngineId, given: HostScope | undefined): ContainersList {
  const stores = useStores();
  const single = useSingleHostScope(engineId);
  const scope = given ?? single;
  const hostOf = scope.all ? scope.hostName : undefined;
  const lists = useHostLists(scope.engineIds, stores.containers);
  const usageStates = useEngineStores(scope.engineIds, stores.usage);
  const { engines } = useEngines();
  const query = useContainersQuery();
  const { states } = lists;

  const pending = useMemo(
    () => mergeByKey(states.map((state) => ({ engineId: state.engineId, byId: state.pending }))),
    [states],
  );
  const usage = useMemo(
    () => mergeByKey(usageStates.map((state) => ({ engineId: state.engineId, byId: state.samples }))),
    [usageStates],
  );
  // Sorting by CPU or memory follows the samples; other sorts ignore them so rows do not move every 5 s.
  const { sort, stateFilter, deferredSearch, groupByProject, collapsed } = query;
  const usageForSort = sort.key === 'cpu' || sort.key === 'memory' ? usage : undefined;
  const model = useMemo(
    () =>
      buildListModel(
        lists.items,
        { state: stateFilter, search: deferredSearch, sort, groupByProject, collapsed },
        usageForSort,
        hostOf,
      ),
    [lists.items, stateFilter, deferredSearch, sort, groupByProject, collapsed, usageForSort, hostOf],
  );
  const selection = useRowSelection({
    items: lists.items,
    shown: model.matched,
    keyOf,
    itemLabel: (container) => container.name,
    allLabel: 'Select all shown containers',
  });

  const listed = useMemo(
    () => engines.filter((engine) => scope.engineIds.includes(engine.id)),
    [engines, scope.engineIds],
  );
  const runnable = useMemo(() => listed.filter((engine) => engine.status.state === 'connected'), [listed]);
  const own = listed.find((engine) => engine.id === engineId);
  const unreachable = scope.all
    ? runnable.length === 0 && lists.down.length > 0
    : own !== undefined && isHostDown(own.status.state);
  return {
    scope,
    hostOf,
    lists,
    query,
    model,
    selection,
    pending,
    usage,
    runnable,
    unreachable,
    failed: states.length > 0 && states.every((state) => state.phase === 'failed'),
    watchUsage: useUsageWatch(),
  };
}
