import type {
  EngineId,
  IpcError,
  ResourceListChange,
  ResourceListSnapshot,
} from '../../electron/common/bridge';
import { toIpcError } from '../lib/api';
import { createExternalStore, type ExternalStore, type WritableStore } from './external-store';
import { createLiveLifecycle } from './live-store';

/** What a revisioned list store knows about one engine's list. */
export interface RevisionedListState<T> {
  engineId: EngineId;
  /**
   * `loading` until the first snapshot, `ready` once there is one (it stays: a later failure keeps the last
   * known list), `failed` when no snapshot could be fetched at all.
   */
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  snapshot?: ResourceListSnapshot<T>;
  /** Why the last list request failed; cleared by the next success. */
  error?: IpcError;
  /** A list request is in flight. */
  refreshing: boolean;
}

/** Applies one change to a snapshot; the caller checks that `change.revision === snapshot.revision + 1`. */
export function applyListChange<T>(
  snapshot: ResourceListSnapshot<T>,
  change: ResourceListChange<T>,
  keyOf: (item: T) => string,
): ResourceListSnapshot<T> {
  const removed = new Set(change.removed);
  const upserts = new Map(change.upserted.map((item) => [keyOf(item), item]));
  const items: T[] = [];
  for (const item of snapshot.items) {
    const key = keyOf(item);
    if (removed.has(key)) continue;
    const replacement = upserts.get(key);
    if (replacement === undefined) {
      items.push(item);
    } else {
      items.push(replacement);
      upserts.delete(key);
    }
  }
  for (const [key, added] of upserts) if (!removed.has(key)) items.push(added);
  return { engineId: snapshot.engineId, revision: change.revision, items };
}

interface RevisionedListSource<T> {
  engineId: EngineId;
  /** Lists the whole collection (`volumes:list`, `networks:list`). */
  list: () => Promise<ResourceListSnapshot<T>>;
  /** Subscribes to the collection's changes (of every engine); returns the unsubscribe function. */
  subscribe: (listener: (change: ResourceListChange<T>) => void) => () => void;
  keyOf: (item: T) => string;
}

/** The list half of a resource store: current through revisioned changes, refetched on a gap. */
interface RevisionedListStore<T> extends ExternalStore<RevisionedListState<T>> {
  /** Subscribes, then lists; idempotent (the first subscriber calls it). */
  start: () => void;
  /** Lists again. */
  refresh: () => Promise<void>;
  dispose: () => void;
}

/**
 * A resource list kept current the way the containers list is: subscribe to changes before listing, apply a
 * change only when it is the next revision, ignore older ones, and list again on a gap. Changes that arrive
 * before the first snapshot (or ahead of a gap) wait, keyed by revision.
 */
export function createRevisionedListStore<T>(
  source: RevisionedListSource<T>,
): RevisionedListStore<T> & { state: WritableStore<RevisionedListState<T>> } {
  let inFlight: Promise<void> | undefined;
  const waiting = new Map<number, ResourceListChange<T>>();
  const state = createExternalStore<RevisionedListState<T>>(
    { engineId: source.engineId, phase: 'idle', refreshing: false },
    () => life.start(),
  );
  const life = createLiveLifecycle({
    subscribe: () => [source.subscribe(receive)],
    fetch: () => refresh(),
    onSubscribeFailed: (error) =>
      state.set({ engineId: source.engineId, phase: 'failed', refreshing: false, error }),
  });

  function drain(): boolean {
    const current = state.getSnapshot();
    let snapshot = current.snapshot;
    if (snapshot === undefined) return false;
    for (const revision of [...waiting.keys()]) if (revision <= snapshot.revision) waiting.delete(revision);
    let next = waiting.get(snapshot.revision + 1);
    while (next !== undefined) {
      waiting.delete(next.revision);
      snapshot = applyListChange(snapshot, next, source.keyOf);
      next = waiting.get(snapshot.revision + 1);
    }
    if (snapshot !== current.snapshot) state.set({ ...current, snapshot });
    return waiting.size > 0;
  }

  function receive(change: ResourceListChange<T>): void {
    if (change.engineId !== source.engineId) return;
    const snapshot = state.getSnapshot().snapshot;
    if (snapshot !== undefined && change.revision <= snapshot.revision) return;
    waiting.set(change.revision, change);
    if (snapshot === undefined) return;
    if (drain() && inFlight === undefined) void refresh();
  }

  function refresh(): Promise<void> {
    if (inFlight !== undefined) return inFlight;
    state.update((current) => ({
      ...current,
      phase: current.snapshot === undefined ? 'loading' : current.phase,
      refreshing: true,
    }));
    const settle = (): void => {
      inFlight = undefined;
      if (!life.isDisposed()) state.update((current) => ({ ...current, refreshing: false }));
    };
    inFlight = (async () => {
      for (;;) {
        const before = state.getSnapshot().snapshot?.revision;
        try {
          const listed = await source.list();
          if (life.isDisposed()) return settle();
          state.update((current) => {
            const keep = current.snapshot !== undefined && current.snapshot.revision > listed.revision;
            const { error: _dropped, ...rest } = current;
            return { ...rest, phase: 'ready', snapshot: keep ? current.snapshot : listed };
          });
        } catch (error) {
          if (life.isDisposed()) return settle();
          const ipcError = toIpcError(error);
          state.update((current) => ({
            ...current,
            phase: current.snapshot === undefined ? 'failed' : current.phase,
            error: ipcError,
          }));
          return settle();
        }
        const gap = drain();
        const after = state.getSnapshot().snapshot?.revision;
        if (!gap || (before !== undefined && after !== undefined && after <= before)) return settle();
      }
    })();
    return inFlight;
  }

  return {
    state,
    getSnapshot: state.getSnapshot,
    subscribe: state.subscribe,
    start: life.start,
    refresh,
    dispose() {
      life.dispose();
      waiting.clear();
    },
  };
}
