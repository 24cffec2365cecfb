import { useCallback, useMemo, useState } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import type { HostChoice } from '../../components/HostPicker/HostPicker';
import { isHostDown } from '../../components/ResourceList/host-health';
import { type HostScope, useSingleHostScope } from '../../components/ResourceList/host-scope';
import { type HostLists, useHostLists } from '../../components/ResourceList/use-host-lists';
import { type RowSelection, useRowSelection } from '../../components/ResourceList/use-row-selection';
import { itemKey } from '../../lib/merge';
import { useEngines, useSettings } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import type { ImagesState } from './images-store';
import type { ImageSort } from './ImageTable';
import {
  defaultHost,
  filterRows,
  type ImageFilter,
  type ImageRow,
  rowLabel,
  sortRows,
  toImageRows,
} from './presentation';

/** The images page's state over the hosts of its scope, on the shared list framework. */
export interface ImagesList {
  scope: HostScope;
  /** The page's one host (without "All hosts"). */
  engineId: EngineId;
  lists: HostLists<ImageRow['image'], ImagesState>;
  /** Every listed host's rows (one per name), and the ones shown (filtered, sorted). */
  allRows: readonly ImageRow[];
  rows: readonly ImageRow[];
  search: string;
  setSearch: (search: string) => void;
  filter: ImageFilter;
  setFilter: (filter: ImageFilter) => void;
  sort: ImageSort;
  setSort: (sort: ImageSort) => void;
  selection: RowSelection<ImageRow>;
  /** Images (`itemKey` of engine and id) with an action in flight. */
  pending: ReadonlySet<string>;
  /** Any host's name (every engine's, listed or not: the task list names them all). */
  nameOf: (engineId: EngineId) => string;
  /** Dialogs not tied to a row: the one host, or under "All hosts" a picker of the hosts that can take work. */
  hostChoice: HostChoice;
  /** The one host is down (`isHostDown`); under "All hosts" never (each host has its own line). */
  unreachable: boolean;
  /** No host can take new work (pull, build, load, prune). */
  noWork: boolean;
}

const keyOf = (row: ImageRow): string => row.key;

/** Dialogs not tied to a row go to the one host, or under "All hosts" to one of those that answer. */
function useHostChoice(scope: HostScope, engineId: EngineId, nameOf: (id: EngineId) => string): HostChoice {
  const { engines } = useEngines();
  const { settings } = useSettings();
  const usableKey = scope.engineIds
    .filter((id) => {
      const state = engines.find((engine) => engine.id === id)?.status.state;
      return state !== undefined && !isHostDown(state);
    })
    .join('\u0000');
  const active = settings.activeEngineId;
  return useMemo<HostChoice>(() => {
    if (!scope.all) return { engineIds: [engineId], hostName: nameOf, initial: engineId };
    const ids = usableKey.split('\u0000').filter(Boolean);
    return { engineIds: ids, hostName: nameOf, initial: defaultHost(ids, active) ?? engineId };
  }, [scope.all, engineId, usableKey, active, nameOf]);
}

/**
 * Every image of the hosts of a scope (the given one, else the one host `engineId`), merged per host by the shared
 * `useHostLists` (one stale-host rule), one row per name, with search, filter, sort and the shared selection.
 */
export function useImagesList(engineId: EngineId, given: HostScope | undefined): ImagesList {
  const stores = useStores();
  const single = useSingleHostScope(engineId);
  const scope = given ?? single;
  const lists = useHostLists(scope.engineIds, stores.images);
  const { engines } = useEngines();
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<ImageFilter>('all');
  const [sort, setSort] = useState<ImageSort>({ key: 'created', direction: 'desc' });

  const hostName = scope.all ? scope.hostName : undefined;
  const nameOf = useCallback(
    (id: EngineId) => hostName?.(id) ?? engines.find((engine) => engine.id === id)?.name ?? id,
    [hostName, engines],
  );
  const allRows = useMemo(() => toImageRows(lists.items, hostName), [lists.items, hostName]);
  const rows = useMemo(
    () => sortRows(filterRows(allRows, filter, search), sort.key, sort.direction),
    [allRows, filter, search, sort],
  );
  const selection = useRowSelection({
    items: allRows,
    shown: rows,
    keyOf,
    itemLabel: (row) => `Select ${rowLabel(row)}`,
    allLabel: 'Select all shown images',
  });
  const pending = useMemo(() => {
    const keys = new Set<string>();
    for (const state of lists.states)
      for (const id of state.pending) keys.add(itemKey({ engineId: state.engineId, id }));
    return keys;
  }, [lists.states]);
  const hostChoice = useHostChoice(scope, engineId, nameOf);
  const unreachable = !scope.all && lists.down.some((engine) => engine.id === engineId);
  return {
    scope,
    engineId,
    lists,
    allRows,
    rows,
    search,
    setSearch,
    filter,
    setFilter,
    sort,
    setSort,
    selection,
    pending,
    nameOf,
    hostChoice,
    unreachable,
    noWork: scope.all ? hostChoice.engineIds.length === 0 : unreachable,
  };
}
