import type { IpcError } from '../../electron/common/bridge';
import { toIpcError } from '../lib/api';

/**
 * How every store fed by pushes from main starts and stops: it subscribes to the pushes first and only then
 * fetches, so nothing pushed falls between the fetch and the first push; a failed subscribe is reported instead
 * of fetching; after `dispose`, results that arrive late are dropped (the store asks `isDisposed()`).
 */
interface LiveLifecycle {
  /** Subscribes, then fetches; only the first call does anything. */
  start: () => void;
  /** Unsubscribes; idempotent. */
  dispose: () => void;
  isDisposed: () => boolean;
}

interface LiveLifecycleOptions {
  /** Subscribes to the store's pushes; returns the unsubscribers. Throws if the bridge is missing. */
  subscribe: () => ReadonlyArray<() => void>;
  /** The store's first fetch (its `refresh`). */
  fetch: () => Promise<void>;
  /** Puts the store in its failed phase when it could not subscribe. */
  onSubscribeFailed: (error: IpcError) => void;
}

export function createLiveLifecycle({
  subscribe,
  fetch,
  onSubscribeFailed,
}: LiveLifecycleOptions): LiveLifecycle {
  let started = false;
  let disposed = false;
  const disposers: Array<() => void> = [];
  return {
    start() {
      if (started) return;
      started = true;
      try {
        disposers.push(...subscribe());
      } catch (error) {
        onSubscribeFailed(toIpcError(error));
        return;
      }
      void fetch();
    },
    dispose() {
      disposed = true;
      for (const dispose of disposers.splice(0)) dispose();
    },
    isDisposed: () => disposed,
  };
}

/** A store's phase after a failed fetch: a store that had data keeps showing it (`ready`, with the error). */
export function phaseAfterFailure(phase: string): 'ready' | 'failed' {
  return phase === 'ready' ? 'ready' : 'failed';
}

/** A store's phase while it fetches: a store that had data keeps showing it. */
export function phaseWhileLoading(phase: string): 'ready' | 'loading' {
  return phase === 'ready' ? 'ready' : 'loading';
}
