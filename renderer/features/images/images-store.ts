import {
  type BerthApi,
  type EngineId,
  type ImageBuildRequest,
  type ImageDetails,
  type ImagePruneMode,
  type ImagePrunePreview,
  type ImagePruneResult,
  type ImageRemoveOutcome,
  type ImageSummary,
  IpcEvent,
  type OperationSummary,
} from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { combineStores } from '../../stores/combine-stores';
import { createExternalStore, type ExternalStore } from '../../stores/external-store';
import type { ReportError } from '../../stores/report-error';
import { createRevisionedListStore, type RevisionedListState } from '../../stores/revisioned-list';

/** Image ids of one engine with a remove or tag in flight. */
export interface ImagesExtras {
  pending: ReadonlySet<string>;
}

/** What the images store knows about one engine: the revisioned list and the images with an action in flight. */
export type ImagesState = RevisionedListState<ImageSummary> & ImagesExtras;

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

/**
 * The images of one engine, kept current by `images:changed` through the generic revisioned list (subscribe
 * before listing, apply the next revision only, refetch on a gap). Actions report failures through `reportError`, except
 * those whose form shows the error itself (inspect, build).
 */
export function createImagesStore(api: BerthApi, engineId: EngineId, reportError: ReportError): ImagesStore {
  let disposed = false;
  let statusUnsubscribe: (() => void) | undefined;
  const list = createRevisionedListStore<ImageSummary>({
    engineId,
    list: () => api.images.list(engineId),
    subscribe: (listener) => api.events.on(IpcEvent.ImagesChanged, listener),
    keyOf: (image) => image.id,
  });
  const extras = createExternalStore<ImagesExtras>({ pending: new Set() }, () => start());
  const combined = combineStores(list, extras, (listState, extraState) => ({ ...listState, ...extraState }));

  function start(): void {
    list.start();
    if (statusUnsubscribe !== undefined) return;
    try {
      // A host that was down when the page opened lists once it connects.
      statusUnsubscribe = api.events.on(IpcEvent.EngineStatusChanged, (engine) => {
        if (engine.id !== engineId || engine.status.state !== 'connected') return;
        if (list.getSnapshot().snapshot === undefined) void list.refresh();
      });
    } catch {
      // The list store has already reported the failed subscription.
    }
  }

  function setPending(ids: readonly string[], busy: boolean): void {
    if (disposed || ids.length === 0) return;
    extras.update((current) => {
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
    getSnapshot: combined.getSnapshot,
    subscribe: combined.subscribe,
    start,
    refresh: list.refresh,
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
      statusUnsubscribe?.();
      statusUnsubscribe = undefined;
      list.dispose();
    },
  };
}
