import type { BerthApi, EngineId } from '../../electron/common/bridge';
import { createNetworksStore, type NetworksStore } from '../features/networks/networks-store';
import { createSwarmStore, type SwarmStore } from '../features/swarm/swarm-store';
import { createEventsStore, type EventsStore } from '../features/system/events-store';
import { createSystemStore, type SystemStore } from '../features/system/system-store';
import { createVolumesStore, type VolumesStore } from '../features/volumes/volumes-store';
import type { ReportError } from './report-error';

/** The stores of volumes, networks, the daemon's system view, its events timeline and its swarm, one of each per engine, made on first use. */
export interface ResourceStores {
  volumes: (engineId: EngineId) => VolumesStore;
  networks: (engineId: EngineId) => NetworksStore;
  system: (engineId: EngineId) => SystemStore;
  events: (engineId: EngineId) => EventsStore;
  swarm: (engineId: EngineId) => SwarmStore;
  dispose: () => void;
}

function perEngine<S extends { dispose: () => void }>(
  create: (engineId: EngineId) => S,
): { get: (engineId: EngineId) => S; dispose: () => void } {
  const stores = new Map<EngineId, S>();
  return {
    get(engineId) {
      let store = stores.get(engineId);
      if (store === undefined) {
        store = create(engineId);
        stores.set(engineId, store);
      }
      return store;
    },
    dispose() {
      for (const store of stores.values()) store.dispose();
      stores.clear();
    },
  };
}

/** Creates the resource stores over one API. */
export function createResourceStores(api: BerthApi, reportError: ReportError): ResourceStores {
  const volumes = perEngine((engineId) => createVolumesStore(api, engineId, reportError));
  const networks = perEngine((engineId) => createNetworksStore(api, engineId, reportError));
  const system = perEngine((engineId) => createSystemStore(api, engineId));
  const events = perEngine((engineId) => createEventsStore(api, engineId));
  const swarm = perEngine((engineId) => createSwarmStore(api, engineId, reportError));
  return {
    volumes: volumes.get,
    networks: networks.get,
    system: system.get,
    events: events.get,
    swarm: swarm.get,
    dispose() {
      volumes.dispose();
      networks.dispose();
      system.dispose();
      events.dispose();
      swarm.dispose();
    },
  };
}
