import { useCallback, useState, useSyncExternalStore } from 'react';

import type { AppView, EngineId } from '../../../electron/common/bridge';
import type { PerEngine } from '../../lib/merge';
import type { ExternalStore } from '../../stores/external-store';
import type { DetailRoute } from '../../stores/navigation';
import type { RevisionedListState } from '../../stores/revisioned-list';
import type { HostChoice } from '../HostPicker/HostPicker';
import type { TableSort } from '../VirtualTable/VirtualTable';
import { type HostScope, useSingleHostScope } from './host-scope';
import type { HostNameOf } from './presentation';
import { useDetailRoute } from './use-detail-route';
import { type HostLists, useHostLists } from './use-host-lists';

type ListStore<S> = ExternalStore<S> & { refresh: () => Promise<void> };

/** A host's list state with the ids whose action is under way (their buttons wait). */
type ListState = RevisionedListState<PerEngine> & { pending: ReadonlySet<string> };

interface ResourceListOptions<S, ST, K extends string> {
  /** The one host listed when no scope is given. */
  engineId: EngineId;
  scope: HostScope | undefined;
  page: AppView;
  kind: DetailRoute['kind'];
  storeFor: (engineId: EngineId) => ST & ListStore<S>;
  initialSort: TableSort<K>;
  /**
   * The row's id in its host (a volume's name, a network's id): its key, its details route's `id`. Define it
   * outside the component: `open` and `pendingOf` change with it, and the columns are memoised on them.
   */
  idOf: (item: ItemOf<S>) => string;
}

/** Everything a resource list page keeps the same way (volumes, networks). */
export interface ResourceList<T, S, ST, K extends string> {
  scope: HostScope;
  lists: HostLists<T, S>;
  /** Under "All hosts", the host's name for search and sort; otherwise undefined (hosts are not shown). */
  hostOf: HostNameOf | undefined;
  /** Where Create and Prune may go, and go by default. */
  hostChoice: HostChoice;
  search: string;
  setSearch: (search: string) => void;
  sort: TableSort<K>;
  setSort: (sort: TableSort<K>) => void;
  idOf: (item: T) => string;
  /** An action on the row is under way (its host's store says so). */
  pendingOf: (item: T) => boolean;
  /** The key of the details route's row, and opening a row's details / closing them. */
  selectedKey: string | undefined;
  open: (item: T) => void;
  close: () => void;
  /** The store of the details' host (listed or not), its state, and the row shown (null when gone or closed). */
  detailStore: ST;
  detailState: S;
  detailItem: T | null;
}

/**
 * The state of a resource list page over the hosts of a scope (the given one, else the one host `engineId`): one
 * store per host merged, search and sort, and the details drawer as a route that belongs to its own host.
 */
export function useResourceList<S extends ListState, ST, K extends string>({
  engineId,
  scope: given,
  page,
  kind,
  storeFor,
  initialSort,
  idOf,
}: ResourceListOptions<S, ST, K>): ResourceList<ItemOf<S>, S, ST & ListStore<S>, K> {
  const single = useSingleHostScope(engineId);
  const scope = given ?? single;
  const lists = useHostLists(scope.engineIds, storeFor);
  const { detail, selectedKey, open: openRoute, close } = useDetailRoute(page, kind);
  // The drawer shows the object from its own host's store, whether or not that host is listed.
  const detailStore = storeFor(detail?.engineId ?? scope.defaultEngineId);
  const detailState = useSyncExternalStore(detailStore.subscribe, detailStore.getSnapshot);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<TableSort<K>>(initialSort);
  const { stateOf } = lists;
  const pendingOf = useCallback(
    (item: ItemOf<S>) => stateOf(item.engineId)?.pending.has(idOf(item)) ?? false,
    [stateOf, idOf],
  );
  const open = useCallback((item: ItemOf<S>) => openRoute(item.engineId, idOf(item)), [openRoute, idOf]);
  const detailItem =
    detail === undefined
      ? null
      : ((detailState.snapshot?.items as readonly ItemOf<S>[] | undefined)?.find(
          (item) => idOf(item) === detail.id,
        ) ?? null);
  return {
    scope,
    lists,
    hostOf: scope.all ? scope.hostName : undefined,
    hostChoice: { engineIds: scope.engineIds, hostName: scope.hostName, initial: scope.defaultEngineId },
    search,
    setSearch,
    sort,
    setSort,
    idOf,
    pendingOf,
    selectedKey,
    open,
    close,
    detailStore,
    detailState,
    detailItem,
  };
}

/** The items of a list store's state. */
export type ItemOf<S> = S extends RevisionedListState<infer T> ? T : never;
