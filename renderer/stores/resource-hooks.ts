import { useSyncExternalStore } from 'react';

import type { EngineId } from '../../electron/common/bridge';
import type { NetworksState, NetworksStore } from '../features/networks/networks-store';
import type { EngineEventsState, EngineEventsStore } from '../features/system/events-store';
import type { HostState, HostStore } from '../features/system/system-store';
import type { VolumesState, VolumesStore } from '../features/volumes/volumes-store';
import { useStores } from './StoresProvider';

/** The volumes of one engine, kept current by `volumes:changed`, and the store's actions. */
export function useVolumes(engineId: EngineId): { state: VolumesState; store: VolumesStore } {
  const store = useStores().resources.volumes(engineId);
  return { state: useSyncExternalStore(store.subscribe, store.getSnapshot), store };
}

/** The networks of one engine, kept current by `networks:changed`, and the store's actions. */
export function useNetworks(engineId: EngineId): { state: NetworksState; store: NetworksStore } {
  const store = useStores().resources.networks(engineId);
  return { state: useSyncExternalStore(store.subscribe, store.getSnapshot), store };
}

/** One Docker host's description, disk usage and prune. */
export function useHost(engineId: EngineId): { state: HostState; store: HostStore } {
  const store = useStores().resources.host(engineId);
  return { state: useSyncExternalStore(store.subscribe, store.getSnapshot), store };
}

/** The live event timeline of one engine. */
export function useEngineEvents(engineId: EngineId): { state: EngineEventsState; store: EngineEventsStore } {
  const store = useStores().resources.engineEvents(engineId);
  return { state: useSyncExternalStore(store.subscribe, store.getSnapshot), store };
}
