import type {
  BerthApi,
  DiskUsage,
  EngineId,
  IpcError,
  SystemInfo,
  SystemPruneOptions,
  SystemPrunePreview,
  SystemPruneResult,
} from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { createExternalStore, type ExternalStore } from '../../stores/external-store';

/** One value fetched on request. */
export interface Loadable<T> {
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  value?: T;
  error?: IpcError;
}

export interface SystemState {
  engineId: EngineId;
  /** `/info` + `/version`, loaded when the host page is shown. */
  info: Loadable<SystemInfo>;
  /** `/system/df`: expensive, so only when the user asks. */
  diskUsage: Loadable<DiskUsage>;
}

export interface SystemStore extends ExternalStore<SystemState> {
  /** Loads the host's description (again). */
  loadInfo: () => Promise<void>;
  /** Measures disk usage. */
  measureDiskUsage: () => Promise<void>;
  /** What `docker system prune` would remove; throws `IpcError`. */
  prunePreview: (options: Omit<SystemPruneOptions, 'engineId'>) => Promise<SystemPrunePreview>;
  /** Runs it; throws `IpcError`. Disk usage is measured again afterwards when it was shown. */
  prune: (options: Omit<SystemPruneOptions, 'engineId'>) => Promise<SystemPruneResult>;
  dispose: () => void;
}

/** Builds the store of one Docker host's description, disk usage and system prune. */
export function createSystemStore(api: BerthApi, engineId: EngineId): SystemStore {
  let disposed = false;
  const state = createExternalStore<SystemState>(
    { engineId, info: { phase: 'idle' }, diskUsage: { phase: 'idle' } },
    () => void store.loadInfo(),
  );

  async function load<K extends 'info' | 'diskUsage'>(
    key: K,
    call: () => Promise<NonNullable<SystemState[K]['value']>>,
  ): Promise<void> {
    state.update((current) => ({ ...current, [key]: { ...current[key], phase: 'loading' } }));
    try {
      const value = await call();
      if (!disposed) state.update((current) => ({ ...current, [key]: { phase: 'ready', value } }));
    } catch (error) {
      if (disposed) return;
      const failure = toIpcError(error);
      state.update((current) => ({
        ...current,
        [key]: {
          phase: 'failed',
          ...(current[key].value !== undefined ? { value: current[key].value } : {}),
          error: failure,
        },
      }));
    }
  }

  const store: SystemStore = {
    getSnapshot: state.getSnapshot,
    subscribe: state.subscribe,
    loadInfo: () => load('info', () => api.system.info(engineId)),
    measureDiskUsage: () => load('diskUsage', () => api.system.diskUsage(engineId)),
    prunePreview: (options) =>
      api.system.prunePreview({ ...options, engineId }).catch((error: unknown) => {
        throw toIpcError(error);
      }),
    async prune(options) {
      try {
        const result = await api.system.prune({ ...options, engineId });
        if (state.getSnapshot().diskUsage.value !== undefined) void store.measureDiskUsage();
        return result;
      } catch (error) {
        throw toIpcError(error);
      }
    },
    dispose() {
      disposed = true;
    },
  };
  return store;
}
