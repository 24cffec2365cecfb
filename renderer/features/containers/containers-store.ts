import {
  type BerthApi,
  type ContainerListSnapshot,
  type ContainersChange,
  type ContainerSummary,
  type EngineId,
  IpcError,
  IpcEvent,
  type OperationSummary,
  type RunSpec,
} from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { combineStores } from '../../stores/combine-stores';
import { createExternalStore, type ExternalStore, type WritableStore } from '../../stores/external-store';
import type { ReportError } from '../../stores/report-error';
import {
  applyListChange,
  createRevisionedListStore,
  type RevisionedListState,
} from '../../stores/revisioned-list';

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

/** What the containers store knows about one engine: its revisioned list, and the actions in flight. */
export interface ContainersState extends RevisionedListState<ContainerSummary> {
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
  /** {@link bulk} without the report, for an action that spans several engines and is reported once. */
  runBulk: (action: BulkAction, ids: readonly string[], options?: RemoveOptions) => Promise<BulkOutcome>;
  /** Reports the failures of one bulk action, over one or several engines, in one notification. */
  reportBulk: (action: BulkAction, parts: readonly BulkPart[]) => void;
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
  return applyListChange(snapshot, change, (item) => item.id);
}

/** One engine's part of a bulk action, for {@link ContainersStore.reportBulk}. */
export interface BulkPart {
  /** Shown before each failed container's name when the action spanned several hosts. */
  host?: string;
  outcome: BulkOutcome;
}

/**
 * The one notification for a bulk action's failures, or undefined when nothing failed: the title counts them
 * (or names the container when there was one), the message has one line per failure. Parts that name a host
 * say which host each failed container is on.
 */
export function bulkFailure(
  action: BulkAction,
  parts: readonly BulkPart[],
): { error: IpcError; title: string } | undefined {
  const { verb } = BULK_VERBS[action];
  let attempted = 0;
  const failed: Array<{ label: string; error: IpcError }> = [];
  for (const { host, outcome } of parts) {
    attempted += outcome.succeeded.length + outcome.failed.length;
    for (const { name, error } of outcome.failed) {
      failed.push({ label: host === undefined ? name : `${name} on ${host}`, error });
    }
  }
  const [first] = failed;
  if (first === undefined) return undefined;
  const lines = failed.map((failure) => `${failure.label}: ${failure.error.message}`);
  return {
    error: new IpcError(first.error.code, lines.join('\n')),
    title:
      attempted === 1
        ? `Could not ${verb} ${first.label}`
        : `Could not ${verb} ${failed.length} of ${attempted} containers`,
  };
}

/** Items grouped by engine, engines and items in first-seen order. */
export function groupByEngine<T extends { engineId: EngineId }>(items: readonly T[]): Map<EngineId, T[]> {
  const groups = new Map<EngineId, T[]>();
  for (const item of items) {
    const group = groups.get(item.engineId);
    if (group === undefined) groups.set(item.engineId, [item]);
    else group.push(item);
  }
  return groups;
}

/** A container on its engine. */
export interface ContainerRef {
  engineId: EngineId;
  id: string;
}

/**
 * One bulk action over containers of one or several engines: each engine's store runs its share at the same
 * time (each {@link BULK_CONCURRENCY} at a time), and every failure is reported together in one notification,
 * naming the host when `hostName` is given. Resolves with the containers it succeeded on.
 */
export async function bulkOnEngines(
  storeOf: (engineId: EngineId) => ContainersStore,
  action: BulkAction,
  targets: readonly ContainerRef[],
  options: RemoveOptions = {},
  hostName?: (engineId: EngineId) => string,
): Promise<ContainerRef[]> {
  const parts = await Promise.all(
    [...groupByEngine(targets)].map(async ([engineId, items]) => ({
      engineId,
      outcome: await storeOf(engineId).runBulk(
        action,
        items.map((item) => item.id),
        options,
      ),
    })),
  );
  const [first] = parts;
  if (first === undefined) return [];
  storeOf(first.engineId).reportBulk(
    action,
    parts.map(({ engineId, outcome }) =>
      hostName === undefined ? { outcome } : { host: hostName(engineId), outcome },
    ),
  );
  return parts.flatMap(({ engineId, outcome }) => outcome.succeeded.map((id) => ({ engineId, id })));
}

/** Marks containers pending while an action on them runs; a second action on a pending container is refused. */
function pendingTracker(
  pendingStore: WritableStore<ReadonlyMap<string, PendingAction>>,
  isDisposed: () => boolean,
) {
  function setPending(id: string, action: PendingAction | undefined): void {
    pendingStore.update((current) => {
      const pending = new Map(current);
      if (action === undefined) pending.delete(id);
      else pending.set(id, action);
      return pending;
    });
  }
  const isPending = (id: string): boolean => pendingStore.getSnapshot().has(id);
  /** Runs one action with the container marked pending; resolves to its error, if any (not reported). */
  async function perform(id: string, action: PendingAction, call: () => Promise<void>) {
    if (isPending(id)) return undefined;
    setPending(id, action);
    try {
      await call();
      return undefined;
    } catch (error) {
      return toIpcError(error);
    } finally {
      if (!isDisposed()) setPending(id, undefined);
    }
  }
  return { isPending, perform };
}

/** The requests for one engine's containers, and each bulk action's request. */
function containerCalls(api: BerthApi, engineId: EngineId) {
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

  return { ref, calls, withTimeout, removeOptions };
}

/**
 * Builds the containers store of one engine: the generic revisioned list (subscribe to `containers:changed`
 * before listing, apply only the next revision, refetch on a gap) plus the actions in flight per container.
 */
export function createContainersStore(
  api: BerthApi,
  engineId: EngineId,
  reportError: ReportError,
): ContainersStore {
  let disposed = false;
  let statusUnsubscribe: (() => void) | undefined;
  const list = createRevisionedListStore<ContainerSummary>({
    engineId,
    list: () => api.containers.list(engineId),
    subscribe: (listener) => api.events.on(IpcEvent.ContainersChanged, listener),
    keyOf: (item) => item.id,
  });
  const pendingStore = createExternalStore<ReadonlyMap<string, PendingAction>>(new Map());
  const state = combineStores(list, pendingStore, (listState, pending) => ({ ...listState, pending }));
  const { isPending, perform } = pendingTracker(pendingStore, () => disposed);
  const { ref, calls, withTimeout, removeOptions } = containerCalls(api, engineId);

  function start(): void {
    if (statusUnsubscribe !== undefined || disposed) return;
    try {
      statusUnsubscribe = api.events.on(IpcEvent.EngineStatusChanged, (engine) => {
        // Main pushes changes after a reconnect; only a store that never had a list must ask.
        if (engine.id !== engineId || engine.status.state !== 'connected') return;
        if (list.getSnapshot().snapshot === undefined) void list.refresh();
      });
    } catch {
      // The list below fails the same way and says why.
    }
    list.start();
  }

  function nameOf(id: string): string {
    return list.getSnapshot().snapshot?.items.find((item) => item.id === id)?.name ?? id.slice(0, 12);
  }

  async function run(id: string, action: PendingAction, verb: string, call: () => Promise<void>) {
    if (isPending(id)) return false;
    const name = nameOf(id);
    const error = await perform(id, action, call);
    if (error !== undefined && !disposed) reportError(error, `Could not ${verb} ${name}`);
    return error === undefined;
  }

  async function runBulk(action: BulkAction, ids: readonly string[], options: RemoveOptions = {}) {
    const outcome: BulkOutcome = { succeeded: [], failed: [] };
    const { pending } = BULK_VERBS[action];
    const todo = [...new Set(ids)].filter((id) => !isPending(id));
    const names = new Map(todo.map((id) => [id, nameOf(id)]));
    await forEachBounded(todo, BULK_CONCURRENCY, async (id) => {
      const error = await perform(id, pending, () => calls[action](id, options));
      if (error === undefined) outcome.succeeded.push(id);
      else outcome.failed.push({ id, name: names.get(id) ?? id.slice(0, 12), error });
    });
    return outcome;
  }

  function reportBulk(action: BulkAction, parts: readonly BulkPart[]): void {
    if (disposed) return;
    const failure = bulkFailure(action, parts);
    if (failure !== undefined) reportError(failure.error, failure.title);
  }

  return {
    getSnapshot: state.getSnapshot,
    subscribe: (listener) => {
      const unsubscribe = state.subscribe(listener);
      start();
      return unsubscribe;
    },
    start,
    refresh: list.refresh,
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
    runBulk,
    reportBulk,
    async bulk(action, ids, options) {
      const outcome = await runBulk(action, ids, options);
      reportBulk(action, [{ outcome }]);
      return outcome;
    },
    async runContainer(spec) {
      try {
        return { operation: await api.containers.run(spec) };
      } catch (error) {
        return { error: toIpcError(error) };
      }
    },
    dispose() {
      disposed = true;
      statusUnsubscribe?.();
      statusUnsubscribe = undefined;
      list.dispose();
    },
  };
}
