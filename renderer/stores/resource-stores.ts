import type { BerthApi, EngineId } from '../../electron/common/bridge';
import { createNetworksStore, type NetworksStore } from '../features/networks/networks-store';
import { createEngineEventsStore, type EngineEventsStore } from '../features/system/events-store';
import { createHostStore, type HostStore } from '../features/system/system-store';
import { createVolumesStore, type VolumesStore } from '../features/volumes/volumes-store';
import type { ReportError } from './report-error';

/** The stores of volumes, networks, the host and its event timeline, one of each per engine, made on first use. */
export interface ResourceStores {
  volumes: (engineId: EngineId) => VolumesStore;
  networks: (engineId: EngineId) => NetworksStore;
  host: (engineId: EngineId) => HostStore;
  engineEvents: (engineId: EngineId) => EngineEventsStore;
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
  const host = perEngine((engineId) => createHostStore(api, engineId));
  const engineEvents = perEngine((engineId) => createEngineEventsStore(api, engineId));
  return {
    volumes: volumes.get,
    networks: networks.get,
    host: host.get,
    engineEvents: engineEvents.get,
    dispose() {
      volumes.dispose();
      networks.dispose();
      host.dispose();
      engineEvents.dispose();
    },
  };
}
