import {
  type BerthApi,
  type EngineId,
  type EngineInfo,
  type IpcError,
  IpcEvent,
} from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { createExternalStore, type ExternalStore } from '../../stores/external-store';
import { createLiveLifecycle, phaseAfterFailure, phaseWhileLoading } from '../../stores/live-store';
import type { ReportError } from '../../stores/report-error';

/** What the engines store knows: every engine Berth talks to, with its live status. */
export interface EnginesState {
  /** `loading` until `engines:list` answered once; `failed` when it never did. */
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  engines: readonly EngineInfo[];
  /** Why the last `engines:list` failed. */
  error?: IpcError;
}

export interface EnginesStore extends ExternalStore<EnginesState> {
  /** Subscribes to status events, then lists the engines; idempotent (first subscriber calls it). */
  start: () => void;
  /** Lists the engines again (after a failed first list). */
  refresh: () => Promise<void>;
  /** Asks main to reconnect now instead of waiting for the next backoff step. */
  reconnect: (engineId: EngineId) => Promise<void>;
  dispose: () => void;
}

/** Keeps whichever status is newer, so a list reply that raced a status event cannot roll it back. */
function newer(current: EngineInfo | undefined, candidate: EngineInfo): EngineInfo {
  if (current === undefined) return candidate;
  return candidate.status.since >= current.status.since ? candidate : current;
}

/** Replaces the engine with the same id in place (keeping order) or appends it. */
function upsertEngine(engines: readonly EngineInfo[], engine: EngineInfo): readonly EngineInfo[] {
  const index = engines.findIndex((candidate) => candidate.id === engine.id);
  if (index === -1) return [...engines, engine];
  const kept = newer(engines[index], engine);
  if (kept === engines[index]) return engines;
  const next = engines.slice();
  next[index] = kept;
  return next;
}

/** Builds the engines store: `engines:list` once, then `engines:statusChanged` events upsert by id. */
export function createEnginesStore(api: BerthApi, reportError: ReportError): EnginesStore {
  const state = createExternalStore<EnginesState>({ phase: 'idle', engines: [] }, () => life.start());
  const life = createLiveLifecycle({
    subscribe: () => [
      api.events.on(IpcEvent.EngineStatusChanged, (engine) => {
        state.update((current) => {
          const engines = upsertEngine(current.engines, engine);
          return engines === current.engines ? current : { ...current, engines };
        });
      }),
      // Hosts come and go at run time (added, removed, a context deleted by the CLI).
      api.events.on(IpcEvent.EngineRemoved, ({ id }) => {
        state.update((current) =>
          current.engines.some((engine) => engine.id === id)
            ? { ...current, engines: current.engines.filter((engine) => engine.id !== id) }
            : current,
        );
      }),
    ],
    fetch: () => refresh(),
    onSubscribeFailed: (error) => state.set({ phase: 'failed', engines: [], error }),
  });

  async function refresh(): Promise<void> {
    state.update((current) => ({ ...current, phase: phaseWhileLoading(current.phase) }));
    try {
      const listed = await api.engines.list();
      if (life.isDisposed()) return;
      state.update((current) => {
        // Status events that arrived while listing may be newer than the list itself.
        const byId = new Map(current.engines.map((engine) => [engine.id, engine]));
        const engines = listed.map((engine) => newer(byId.get(engine.id), engine));
        const listedIds = new Set(listed.map((engine) => engine.id));
        const extra = current.engines.filter((engine) => !listedIds.has(engine.id));
        return { phase: 'ready', engines: [...engines, ...extra] };
      });
    } catch (error) {
      if (life.isDisposed()) return;
      const ipcError = toIpcError(error);
      state.update((current) => ({
        ...current,
        phase: phaseAfterFailure(current.phase),
        error: ipcError,
      }));
    }
  }

  return {
    getSnapshot: state.getSnapshot,
    subscribe: state.subscribe,
    start: life.start,
    refresh,
    async reconnect(engineId) {
      try {
        await api.engines.reconnect(engineId);
      } catch (error) {
        reportError(toIpcError(error), `Could not reconnect to ${engineId}`);
      }
    },
    dispose: life.dispose,
  };
}

/** Finds one engine in the store's state. */
export function selectEngine(state: EnginesState, engineId: EngineId): EngineInfo | undefined {
  return state.engines.find((engine) => engine.id === engineId);
}
