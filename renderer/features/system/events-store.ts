import {
  type BerthApi,
  type EngineEvent,
  type EngineId,
  type IpcError,
  IpcEvent,
} from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { createExternalStore, type ExternalStore } from '../../stores/external-store';
import { createLiveLifecycle, phaseAfterFailure, phaseWhileLoading } from '../../stores/live-store';

export interface EventsState {
  engineId: EngineId;
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  /** Oldest first, by time; at most `capacity`. */
  events: readonly EngineEvent[];
  capacity: number;
  error?: IpcError;
}

export interface EventsStore extends ExternalStore<EventsState> {
  /** Subscribes to new events, then fetches what main has (the daemon's history included); idempotent. */
  start: () => void;
  /** Fetches again. */
  refresh: () => Promise<void>;
  dispose: () => void;
}

/** The renderer keeps as many events as main does, and never more. */
const DEFAULT_EVENT_CAPACITY = 5000;

function byTime(a: EngineEvent, b: EngineEvent): number {
  if (a.timeNano !== b.timeNano) {
    const difference = BigInt(a.timeNano) - BigInt(b.timeNano);
    return difference < 0n ? -1 : 1;
  }
  return a.seq - b.seq;
}

/** Merges new events into a sorted, bounded list, dropping ones already there (by `seq`). */
export function mergeEvents(
  current: readonly EngineEvent[],
  incoming: readonly EngineEvent[],
  capacity: number,
): readonly EngineEvent[] {
  const known = new Set(current.map((event) => event.seq));
  const fresh = incoming.filter((event) => !known.has(event.seq));
  if (fresh.length === 0) return current;
  const last = current.at(-1);
  const sorted = [...fresh].sort(byTime);
  const first = sorted[0];
  const merged =
    last === undefined || first === undefined || byTime(last, first) <= 0
      ? [...current, ...sorted]
      : [...current, ...sorted].sort(byTime);
  return merged.length > capacity ? merged.slice(merged.length - capacity) : merged;
}

/** The live event timeline of one engine: history from main on open, then pushed batches. */
export function createEventsStore(api: BerthApi, engineId: EngineId): EventsStore {
  let inFlight: Promise<void> | undefined;
  const state = createExternalStore<EventsState>(
    { engineId, phase: 'idle', events: [], capacity: DEFAULT_EVENT_CAPACITY },
    () => life.start(),
  );
  const life = createLiveLifecycle({
    subscribe: () => [
      api.events.on(IpcEvent.SystemEventsReceived, (batch) => {
        if (batch.engineId !== engineId || life.isDisposed()) return;
        state.update((current) => {
          const events = mergeEvents(current.events, batch.events, current.capacity);
          return events === current.events ? current : { ...current, events };
        });
      }),
    ],
    fetch: () => refresh(),
    onSubscribeFailed: (error) => state.update((current) => ({ ...current, phase: 'failed', error })),
  });

  function refresh(): Promise<void> {
    if (inFlight !== undefined) return inFlight;
    state.update((current) => ({ ...current, phase: phaseWhileLoading(current.phase) }));
    inFlight = (async () => {
      try {
        const page = await api.system.events({ engineId });
        if (life.isDisposed()) return;
        state.update(({ error: _dropped, ...current }) => ({
          ...current,
          phase: 'ready',
          capacity: page.capacity,
          events: mergeEvents(current.events, page.events, page.capacity),
        }));
      } catch (error) {
        if (life.isDisposed()) return;
        state.update((current) => ({
          ...current,
          phase: phaseAfterFailure(current.phase),
          error: toIpcError(error),
        }));
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  return {
    getSnapshot: state.getSnapshot,
    subscribe: state.subscribe,
    start: life.start,
    refresh,
    dispose: life.dispose,
  };
}
