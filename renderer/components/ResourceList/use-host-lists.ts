import { useCallback, useMemo } from 'react';

import type { EngineId, EngineInfo, IpcError } from '../../../electron/common/bridge';
import { useEngineStores } from '../../features/hosts/use-hosts';
import { mergeItems, type PerEngine } from '../../lib/merge';
import type { ExternalStore } from '../../stores/external-store';
import { useEngines } from '../../stores/hooks';
import type { RevisionedListState } from '../../stores/revisioned-list';
import { downHosts, staleHosts } from './host-health';
import type { ItemOf } from './use-resource-list';

/** One resource list (volumes, networks) over the hosts of a scope. */
export interface HostLists<T, S> {
  /** Each host's store state, in `engineIds` order. */
  states: readonly S[];
  stateOf: (engineId: EngineId) => S | undefined;
  /** Every host's items, merged (each carries its `engineId`). */
  items: T[];
  /** `ready` once any host has a list; `failed` when none has one and every host failed or is unreachable. */
  phase: 'loading' | 'ready' | 'failed';
  /** Why the list could not be loaded (the first host's reason). */
  error: string | undefined;
  /** The listed hosts that are down (`isHostDown`: unreachable, login refused, disconnected). */
  down: readonly EngineInfo[];
  /** Hosts whose rows are the last known ones (`isHostStale`: down, with a list): their actions wait. */
  stale: ReadonlySet<EngineId>;
  /** Every listed host is stale (so nothing on the page can act). */
  allStale: boolean;
  /** Lists again every host that has no list. */
  retry: () => void;
}

/**
 * The lists of one resource on several hosts, one store per host (`useEngineStores`), merged as the README's
 * "All hosts" recipe says. With one host it is that host's list.
 */
export function useHostLists<S extends RevisionedListState<PerEngine>>(
  engineIds: readonly EngineId[],
  storeFor: (engineId: EngineId) => ExternalStore<S> & { refresh: () => Promise<void> },
): HostLists<ItemOf<S>, S> {
  const states = useEngineStores(engineIds, storeFor);
  const { engines } = useEngines();
  const items = useMemo(
    () => mergeItems(states, (state) => state.snapshot?.items as readonly ItemOf<S>[] | undefined),
    [states],
  );
  const byEngine = useMemo(() => new Map(states.map((state) => [state.engineId, state])), [states]);
  const stateOf = useCallback((engineId: EngineId) => byEngine.get(engineId), [byEngine]);
  const down = useMemo(() => downHosts(engines, engineIds), [engines, engineIds]);
  const stale = useMemo(
    () => staleHosts(engines, engineIds, (engineId) => byEngine.get(engineId)?.snapshot !== undefined),
    [engines, engineIds, byEngine],
  );
  const downIds = new Set(down.map((engine) => engine.id));
  const anyList = states.some((state) => state.snapshot !== undefined);
  const hopeless =
    states.length > 0 && states.every((state) => state.phase === 'failed' || downIds.has(state.engineId));
  const phase = anyList ? 'ready' : hopeless ? 'failed' : 'loading';
  const firstError: IpcError | undefined = states.find((state) => state.error !== undefined)?.error;
  const error = firstError?.message ?? down[0]?.status.lastError;
  const retry = useCallback(() => {
    for (const state of states) if (state.snapshot === undefined) void storeFor(state.engineId).refresh();
  }, [states, storeFor]);
  return {
    states,
    stateOf,
    items,
    phase,
    error,
    down,
    stale,
    allStale: engineIds.length > 0 && engineIds.every((engineId) => stale.has(engineId)),
    retry,
  };
}
