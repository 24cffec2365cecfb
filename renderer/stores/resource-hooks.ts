import { useSyncExternalStore } from 'react';

import type { EngineId } from '../../electron/common/bridge';
import type { NetworksState, NetworksStore } from '../features/networks/networks-store';
import type { EventsState, EventsStore } from '../features/system/events-store';
import type { SystemState, SystemStore } from '../features/system/system-store';
import { useStores } from './StoresProvider';

/** The networks of one engine, kept current by `networks:changed`, and the store's actions. */
export function useNetworks(engineId: EngineId): { state: NetworksState; store: NetworksStore } {
  const store = useStores().resources.networks(engineId);
  return { state: useSyncExternalStore(store.subscribe, store.getSnapshot), store };
}

/** One daemon's system view: its description, disk usage and prune. */
export function useSystem(engineId: EngineId): { state: SystemState; store: SystemStore } {
  const store = useStores().resources.system(engineId);
  return { state: useSyncExternalStore(store.subscribe, store.getSnapshot), store };
}

/** The live event timeline of one engine. */
export function useEvents(engineId: EngineId): { state: EventsState; store: EventsStore } {
  const store = useStores().resources.events(engineId);
  return { state: useSyncExternalStore(store.subscribe, store.getSnapshot), store };
}
