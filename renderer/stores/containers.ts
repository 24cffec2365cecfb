import {
  type BerthApi,
  type ContainerListSnapshot,
  type ContainersChange,
  type ContainerSummary,
  type EngineId,
  ErrorCode,
  IpcError,
  IpcEvent,
  type OperationSummary,
  type RunSpec,
} from '../../electron/common/bridge';
import { toIpcError } from '../lib/api';
import { createExternalStore, type ExternalStore } from './external-store';
import type { ReportError } from './report-error';

/** An action the user started on one container and that has not answered yet. */
export type PendingAction =
  'starting' | 'stopping' | 'restarting' | 'pausing' | 'unpausing' | 'killing' | 'renaming' | 'removing';

/** What a bulk action (several selected containers, or a Compose project) does to each container. */
export type BulkAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove';

/** How many actions of one bulk request run at once, so a big selection does not flood the daemon. */
export const BULK_CONCURRENCY = 4;

/** The outcome of a bulk action: which containers it succeeded on, and why it failed on the others. */
export interface BulkOutcome {
  succeeded: string[];
  failed: Array<{ id: string; name: string; error: IpcError }>;
}

/** What the containers store knows about one engine. */
export interface ContainersState {
  engineId: EngineId;
  /**
   * `loading` until the first snapshot, `ready` once there is one (it stays: a later failure keeps the
   * last known list), `failed` when no snapshot could be fetched at all.
   */
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  /** The last known list; `revision` is the last change applied. */
  snapshot?: ContainerListSnapshot;
  /** Why the last `containers:list` failed; cleared by the next success. */
  error?: IpcError;
  /** A list request is in flight (first load, a revision gap or a retry). */
  refreshing: boolean;
  /** Per-container action in flight, by container id. */
  pending: ReadonlyMap<string, PendingAction>;
}

export interface RemoveOptions {
  /** Kill a running container first. */
  force?: boolean;
  /** Also remove its anonymous volumes. */
  removeVolumes?: boolean;
}

export interface ContainersStore extends ExternalStore<ContainersState> {
  /** Subscribes to changes, then fetches the list; idempotent (the first subscriber calls it). */
  start: () => void;
  /** Fetches the list again. */
  refresh: () => Promise<void>;
  /** Each action resolves `true` on success; a failure is reported and resolves `false`. */
  startContainer: (id: string) => Promise<boolean>;
  /** `timeoutSeconds` before the daemon kills it; the container's own default when absent. */
  stopContainer: (id: string, options?: { timeoutSeconds?: number }) => Promise<boolean>;
  restartContainer: (id: string, options?: { timeoutSeconds?: number }) => Promise<boolean>;
  pauseContainer: (id: string) => Promise<boolean>;
  unpauseContainer: (id: string) => Promise<boolean>;
  /** SIGKILL unless another signal is given. */
  killContainer: (id: string, options?: { signal?: string }) => Promise<boolean>;
  renameContainer: (id: string, name: string) => Promise<boolean>;
  removeContainer: (id: string, options?: RemoveOptions) => Promise<boolean>;
  /**
   * Runs one action on several containers, {@link BULK_CONCURRENCY} at a time; every failure is reported
   * together in one notification. Containers with an action already in flight are skipped.
   */
  bulk: (action: BulkAction, ids: readonly string[], options?: RemoveOptions) => Promise<BulkOutcome>;
  /**
   * Asks main to run a container (pull if needed, create, start): resolves with the operation to follow, or
   * with why main refused to start it. Not reported: the Run dialog shows it next to the field.
   */
  runContainer: (spec: RunSpec) => Promise<{ operation: OperationSummary } | { error: IpcError }>;
  dispose: () => void;
}

/** Calls `task` for every item with at most `limit` calls in flight; resolves when all have settled. */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}

const BULK_VERBS: Record<BulkAction, { pending: PendingAction; verb: string }> = {
  start: { pending: 'starting', verb: 'start' },
  stop: { pending: 'stopping', verb: 'stop' },
  restart: { pending: 'restarting', verb: 'restart' },
  pause: { pending: 'pausing', verb: 'pause' },
  unpause: { pending: 'unpausing', verb: 'unpause' },
  kill: { pending: 'killing', verb: 'kill' },
  remove: { pending: 'removing', verb: 'remove' },
};

/** Applies one change to a snapshot; the caller checks that `change.revision === snapshot.revision + 1`. */
export function applyChange(
  snapshot: ContainerListSnapshot,
  change: ContainersChange,
): ContainerListSnapshot {
  const removed = new Set(change.removed);
  const upserts = new Map(change.upserted.map((item) => [item.id, item]));
  const items: ContainerSummary[] = [];
  for (const item of snapshot.items) {
    if (removed.has(item.id)) continue;
    const replacement = upserts.get(item.id);
    if (replacement === undefined) {
      items.push(item);
    } else {
      items.push(replacement);
      upserts.delete(item.id);
    }
  }
  for (const added of upserts.values()) {
    if (!removed.has(added.id)) items.push(added);
  }
  return { engineId: snapshot.engineId, revision: change.revision, items };
}

/**
 * Builds the containers store of one engine. It subscribes to `containers:changed` before it lists, applies
 * a change only when it is the next revision, ignores older ones, and refetches on a gap. Changes that
 * arrive before the first snapshot (or ahead of a gap) wait in a buffer keyed by revision.
 */
export function createContainersStore(
  api: BerthApi,
  engineId: EngineId,
  reportError: ReportError,
): ContainersStore {
  let started = false;
  let disposed = false;
  let inFlight: Promise<void> | undefined;
  const disposers: Array<() => void> = [];
  const waiting = new Map<number, ContainersChange>();
  const state = createExternalStore<ContainersState>(
    { engineId, phase: 'idle', refreshing: false, pending: new Map() },
    () => start(),
  );

  /** Applies every waiting change that fits; returns whether changes are still waiting behind a gap. */
  function drain(): boolean {
    const current = state.getSnapshot();
    let snapshot = current.snapshot;
    if (snapshot === undefined) return false;
    for (const revision of [...waiting.keys()]) {
      if (revision <= snapshot.revision) waiting.delete(revision);
    }
    let next = waiting.get(snapshot.revision + 1);
    while (next !== undefined) {
      waiting.delete(next.revision);
      snapshot = applyChange(snapshot, next);
      next = waiting.get(snapshot.revision + 1);
    }
    if (snapshot !== current.snapshot) state.set({ ...current, snapshot });
    return waiting.size > 0;
  }

  function receive(change: ContainersChange): void {
    const snapshot = state.getSnapshot().snapshot;
    if (snapshot !== undefined && change.revision <= snapshot.revision) return;
    waiting.set(change.revision, change);
    if (snapshot === undefined) return;
    // A gap means a change was lost: only a fresh list can tell what happened in it.
    if (drain() && inFlight === undefined) void refresh();
  }

  function accept(listed: ContainerListSnapshot): void {
    state.update((current) => {
      // Changes applied while the list was in flight may already be newer than the list.
      const keep = current.snapshot !== undefined && current.snapshot.revision > listed.revision;
      const { error: _dropped, ...rest } = current;
      return { ...rest, phase: 'ready', snapshot: keep ? current.snapshot : listed };
    });
  }

  function refresh(): Promise<void> {
    if (inFlight !== undefined) return inFlight;
    state.update((current) => ({
      ...current,
      phase: current.snapshot === undefined ? 'loading' : current.phase,
      refreshing: true,
    }));
    // Ends in the same synchronous step as the last state update, so a change that arrives right after
    // it sees no list in flight and can ask for its own.
    const settle = (): void => {
      inFlight = undefined;
      if (!disposed) state.update((current) => ({ ...current, refreshing: false }));
    };
    inFlight = (async () => {
      // Refetch while a gap remains and the lists keep moving forward; if main stops advancing, the next
      // change asks again.
      for (;;) {
        const before = state.getSnapshot().snapshot?.revision;
        try {
          const listed = await api.containers.list(engineId);
          if (disposed) return settle();
          accept(listed);
        } catch (error) {
          if (disposed) return settle();
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

  function start(): void {
    if (started) return;
    started = true;
    try {
      // Subscribe first: a change emitted while the list is in flight must not be lost.
      disposers.push(
        api.events.on(IpcEvent.ContainersChanged, (change) => {
          if (change.engineId === engineId) receive(change);
        }),
        api.events.on(IpcEvent.EngineStatusChanged, (engine) => {
          // Main pushes changes after a reconnect; only a store that never had a list must ask.
          if (engine.id !== engineId || engine.status.state !== 'connected') return;
          if (state.getSnapshot().snapshot === undefined) void refresh();
        }),
      );
    } catch (error) {
      state.update((current) => ({ ...current, phase: 'failed', error: toIpcError(error) }));
      return;
    }
    void refresh();
  }

  function setPending(id: string, action: PendingAction | undefined): void {
    state.update((current) => {
      const pending = new Map(current.pending);
      if (action === undefined) pending.delete(id);
      else pending.set(id, action);
      return { ...current, pending };
    });
  }

  function nameOf(id: string): string {
    return state.getSnapshot().snapshot?.items.find((item) => item.id === id)?.name ?? id.slice(0, 12);
  }

  /** Runs one action with the container marked pending; resolves to its error, if any (not reported). */
  async function perform(id: string, action: PendingAction, call: () => Promise<void>) {
    if (state.getSnapshot().pending.has(id)) return undefined;
    setPending(id, action);
    try {
      await call();
      return undefined;
    } catch (error) {
      return toIpcError(error);
    } finally {
      if (!disposed) setPending(id, undefined);
    }
  }

  async function run(id: string, action: PendingAction, verb: string, call: () => Promise<void>) {
    if (state.getSnapshot().pending.has(id)) return false;
    const name = nameOf(id);
    const error = await perform(id, action, call);
    if (error !== undefined && !disposed) reportError(error, `Could not ${verb} ${name}`);
    return error === undefined;
  }

  const ref = (id: string) => ({ engineId, id });
  const withTimeout = (timeoutSeconds: number | undefined) =>
    timeoutSeconds === undefined ? {} : { timeoutSeconds };
  const removeOptions = (options: RemoveOptions) => ({
    ...(options.force === undefined ? {} : { force: options.force }),
    ...(options.removeVolumes === undefined ? {} : { removeVolumes: options.removeVolumes }),
  });
  const calls: Record<BulkAction, (id: string, options: RemoveOptions) => Promise<void>> = {
    start: (id) => api.containers.start(ref(id)),
    stop: (id) => api.containers.stop(ref(id)),
    restart: (id) => api.containers.restart(ref(id)),
    pause: (id) => api.containers.pause(ref(id)),
    unpause: (id) => api.containers.unpause(ref(id)),
    kill: (id) => api.containers.kill(ref(id)),
    remove: (id, options) => api.containers.remove({ ...ref(id), ...removeOptions(options) }),
  };

  async function bulk(action: BulkAction, ids: readonly string[], options: RemoveOptions = {}) {
    const outcome: BulkOutcome = { succeeded: [], failed: [] };
    const { pending, verb } = BULK_VERBS[action];
    const todo = [...new Set(ids)].filter((id) => !state.getSnapshot().pending.has(id));
    const names = new Map(todo.map((id) => [id, nameOf(id)]));
    await forEachBounded(todo, BULK_CONCURRENCY, async (id) => {
      const error = await perform(id, pending, () => calls[action](id, options));
      if (error === undefined) outcome.succeeded.push(id);
      else outcome.failed.push({ id, name: names.get(id) ?? id.slice(0, 12), error });
    });
    if (outcome.failed.length > 0 && !disposed) {
      const [first] = outcome.failed;
      const lines = outcome.failed.map((failure) => `${failure.name}: ${failure.error.message}`);
      reportError(
        new IpcError(first?.error.code ?? ErrorCode.Internal, lines.join('\n')),
        todo.length === 1
          ? `Could not ${verb} ${first?.name ?? ''}`
          : `Could not ${verb} ${outcome.failed.length} of ${todo.length} containers`,
      );
    }
    return outcome;
  }

  return {
    getSnapshot: state.getSnapshot,
    subscribe: state.subscribe,
    start,
    refresh,
    startContainer: (id) => run(id, 'starting', 'start', () => api.containers.start(ref(id))),
    stopContainer: (id, options = {}) =>
      run(id, 'stopping', 'stop', () =>
        api.containers.stop({ ...ref(id), ...withTimeout(options.timeoutSeconds) }),
      ),
    restartContainer: (id, options = {}) =>
      run(id, 'restarting', 'restart', () =>
        api.containers.restart({ ...ref(id), ...withTimeout(options.timeoutSeconds) }),
      ),
    pauseContainer: (id) => run(id, 'pausing', 'pause', () => api.containers.pause(ref(id))),
    unpauseContainer: (id) => run(id, 'unpausing', 'unpause', () => api.containers.unpause(ref(id))),
    killContainer: (id, options = {}) =>
      run(id, 'killing', 'kill', () =>
        api.containers.kill({
          ...ref(id),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        }),
      ),
    renameContainer: (id, name) =>
      run(id, 'renaming', 'rename', () => api.containers.rename({ ...ref(id), name })),
    removeContainer: (id, options = {}) =>
      run(id, 'removing', 'remove', () => api.containers.remove({ ...ref(id), ...removeOptions(options) })),
    bulk,
    async runContainer(spec) {
      try {
        return { operation: await api.containers.run(spec) };
      } catch (error) {
        return { error: toIpcError(error) };
      }
    },
    dispose() {
      disposed = true;
      for (const dispose of disposers.splice(0)) dispose();
      waiting.clear();
    },
  };
}
