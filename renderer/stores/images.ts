import {
  type BerthApi,
  type EngineId,
  type ImageBuildRequest,
  type ImageDetails,
  type ImageListSnapshot,
  type ImagePruneMode,
  type ImagePrunePreview,
  type ImagePruneResult,
  type ImageRemoveOutcome,
  type ImagesChange,
  type ImageSummary,
  type IpcError,
  IpcEvent,
  type OperationSummary,
} from '../../electron/common/bridge';
import { toIpcError } from '../lib/api';
import { createExternalStore, type ExternalStore } from './external-store';
import type { ReportError } from './report-error';

/** What the images store knows about one engine. */
export interface ImagesState {
  engineId: EngineId;
  /** `ready` once there is a list (it stays when a later refresh fails), `failed` when none could be fetched. */
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  snapshot?: ImageListSnapshot;
  /** Why the last `images:list` failed; cleared by the next success. */
  error?: IpcError;
  refreshing: boolean;
  /** Image ids with a remove or tag in flight. */
  pending: ReadonlySet<string>;
}

export interface ImagesStore extends ExternalStore<ImagesState> {
  start: () => void;
  refresh: () => Promise<void>;
  /** Details of one image; rejects with the `IpcError` (the details view shows it). */
  inspect: (id: string) => Promise<ImageDetails>;
  /** Removes refs in turn; resolves with each one's outcome (refusals included), or `undefined` on failure. */
  remove: (
    refs: string[],
    options?: { force?: boolean; ids?: string[] },
  ) => Promise<ImageRemoveOutcome[] | undefined>;
  /** Resolves `true` on success; a failure is reported. */
  tag: (source: string, target: string) => Promise<boolean>;
  prunePreview: (mode: ImagePruneMode) => Promise<ImagePrunePreview>;
  prune: (mode: ImagePruneMode) => Promise<ImagePruneResult | undefined>;
  /** Each starts a long-running operation and resolves with it (`undefined` when refused or cancelled). */
  pull: (ref: string) => Promise<OperationSummary | undefined>;
  push: (ref: string) => Promise<OperationSummary | undefined>;
  save: (refs: string[]) => Promise<OperationSummary | undefined>;
  load: () => Promise<OperationSummary | undefined>;
  /** The folder dialog (main remembers the choice as a valid build context). */
  chooseBuildContext: () => Promise<string | undefined>;
  /** Rejects with the `IpcError` (the build form shows it next to the fields). */
  build: (request: Omit<ImageBuildRequest, 'engineId'>) => Promise<OperationSummary>;
  dispose: () => void;
}

/** Applies one change to a snapshot; the caller checks that `change.revision === snapshot.revision + 1`. */
export function applyImagesChange(snapshot: ImageListSnapshot, change: ImagesChange): ImageListSnapshot {
  const removed = new Set(change.removed);
  const upserts = new Map(change.upserted.map((item) => [item.id, item]));
  const items: ImageSummary[] = [];
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
  for (const added of upserts.values()) if (!removed.has(added.id)) items.push(added);
  return { engineId: snapshot.engineId, revision: change.revision, items };
}

/**
 * The images of one engine, kept current by `images:changed` exactly as the containers store is: subscribe before
 * listing, apply the next revision only, refetch on a gap. Actions report failures through `reportError`, except
 * those whose form shows the error itself (inspect, build).
 */
export function createImagesStore(api: BerthApi, engineId: EngineId, reportError: ReportError): ImagesStore {
  let started = false;
  let disposed = false;
  let inFlight: Promise<void> | undefined;
  const disposers: Array<() => void> = [];
  const waiting = new Map<number, ImagesChange>();
  const state = createExternalStore<ImagesState>(
    { engineId, phase: 'idle', refreshing: false, pending: new Set() },
    () => start(),
  );

  function drain(): boolean {
    const current = state.getSnapshot();
    let snapshot = current.snapshot;
    if (snapshot === undefined) return false;
    for (const revision of [...waiting.keys()]) if (revision <= snapshot.revision) waiting.delete(revision);
    let next = waiting.get(snapshot.revision + 1);
    while (next !== undefined) {
      waiting.delete(next.revision);
      snapshot = applyImagesChange(snapshot, next);
      next = waiting.get(snapshot.revision + 1);
    }
    if (snapshot !== current.snapshot) state.set({ ...current, snapshot });
    return waiting.size > 0;
  }

  function receive(change: ImagesChange): void {
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
      if (!disposed) state.update((current) => ({ ...current, refreshing: false }));
    };
    inFlight = (async () => {
      for (;;) {
        const before = state.getSnapshot().snapshot?.revision;
        try {
          const listed = await api.images.list(engineId);
          if (disposed) return settle();
          state.update((current) => {
            const keep = current.snapshot !== undefined && current.snapshot.revision > listed.revision;
            const { error: _dropped, ...rest } = current;
            return { ...rest, phase: 'ready', snapshot: keep ? current.snapshot : listed };
          });
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
      disposers.push(
        api.events.on(IpcEvent.ImagesChanged, (change) => {
          if (change.engineId === engineId) receive(change);
        }),
        api.events.on(IpcEvent.EngineStatusChanged, (engine) => {
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

  function setPending(ids: readonly string[], busy: boolean): void {
    if (disposed || ids.length === 0) return;
    state.update((current) => {
      const pending = new Set(current.pending);
      for (const id of ids) {
        if (busy) pending.add(id);
        else pending.delete(id);
      }
      return { ...current, pending };
    });
  }

  /** Runs an action, reporting a failure under `title`; resolves `undefined` then. */
  async function attempt<T>(title: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if (!disposed) reportError(toIpcError(error), title);
      return undefined;
    }
  }

  return {
    getSnapshot: state.getSnapshot,
    subscribe: state.subscribe,
    start,
    refresh,
    inspect: (id) => api.images.inspect({ engineId, id }),
    async remove(refs, options = {}) {
      const ids = options.ids ?? [];
      setPending(ids, true);
      try {
        return await attempt(
          `Could not remove ${refs.length === 1 ? refs[0] : `${refs.length} images`}`,
          () => api.images.remove({ engineId, refs, ...(options.force === true ? { force: true } : {}) }),
        );
      } finally {
        setPending(ids, false);
      }
    },
    async tag(source, target) {
      const done = await attempt(`Could not tag ${source} as ${target}`, async () => {
        await api.images.tag({ engineId, source, target });
        return true;
      });
      return done === true;
    },
    prunePreview: (mode) => api.images.prunePreview({ engineId, mode }),
    prune: (mode) => attempt('Could not prune images', () => api.images.prune({ engineId, mode })),
    pull: (ref) => attempt(`Could not pull ${ref}`, () => api.images.pull({ engineId, ref })),
    push: (ref) => attempt(`Could not push ${ref}`, () => api.images.push({ engineId, ref })),
    save: async (refs) =>
      (await attempt(`Could not save ${refs.join(', ')}`, () => api.images.save({ engineId, refs }))) ??
      undefined,
    load: async () =>
      (await attempt('Could not load images', () => api.images.load({ engineId }))) ?? undefined,
    chooseBuildContext: async () =>
      (await attempt('Could not open the folder dialog', () => api.images.chooseBuildContext()))?.path,
    build: (request) => api.images.build({ engineId, ...request }),
    dispose() {
      disposed = true;
      for (const dispose of disposers.splice(0)) dispose();
      waiting.clear();
    },
  };
}
