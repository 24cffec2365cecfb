import { useSyncExternalStore } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import type { ExternalStore } from '../../stores/external-store';
import { useStores } from '../../stores/StoresProvider';
import type { SwarmStore } from './swarm-store';

/** The swarm store of one engine. */
export function useSwarmStore(engineId: EngineId): SwarmStore {
  return useStores().resources.swarm(engineId);
}

/** A store's current value (subscribing starts its list the first time). */
export function useStoreValue<T>(store: ExternalStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
