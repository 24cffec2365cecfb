import {
  type BerthApi,
  type EngineId,
  IpcError,
  IpcEvent,
  type OperationSummary,
  type PruneReport,
  type VolumeCreateRequest,
  type VolumeDirectoryListing,
  type VolumePrunePreview,
  type VolumeRemoveOutcome,
  type VolumeSizes,
  type VolumeSummary,
  type VolumeTransferStart,
} from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { combineStores } from '../../stores/combine-stores';
import { createExternalStore, type ExternalStore, type WritableStore } from '../../stores/external-store';
import type { ReportError } from '../../stores/report-error';
import { createRevisionedListStore, type RevisionedListState } from '../../stores/revisioned-list';

/** A transfer (download, export, import) started from the volumes page, as its operation reports it. */
export interface VolumeTransfer {
  volume: string;
  localPath: string;
  operation: OperationSummary;
}

export interface VolumesExtras {
  /** From `/system/df`, loaded on demand (never with the list). */
  sizes?: VolumeSizes;
  sizesLoading: boolean;
  sizesError?: IpcError;
  /** Volumes being removed. */
  pending: ReadonlySet<string>;
  /** Recent transfers, newest first (at most 20). */
  transfers: readonly VolumeTransfer[];
}

export type VolumesState = RevisionedListState<VolumeSummary> & VolumesExtras;

export interface VolumesStore extends ExternalStore<VolumesState> {
  start: () => void;
  refresh: () => Promise<void>;
  /** Measures sizes through `/system/df`. */
  loadSizes: () => Promise<void>;
  /** Creates a volume; throws `IpcError` so a form can show why. */
  createVolume: (request: Omit<VolumeCreateRequest, 'engineId'>) => Promise<VolumeSummary>;
  /**
   * Removes each volume; every refusal is reported (naming the containers) and returned. `host` names the host
   * in those reports (under "All hosts", where volumes of several hosts are removed at once).
   */
  removeVolumes: (names: readonly string[], host?: string) => Promise<VolumeRemoveOutcome[]>;
  /** Throws `IpcError`. */
  prunePreview: () => Promise<VolumePrunePreview>;
  /** Throws `IpcError`. */
  prune: () => Promise<PruneReport>;
  /** One folder of a volume; throws `IpcError`. */
  browse: (volume: string, path: string) => Promise<VolumeDirectoryListing>;
  /** Each asks main for a file or folder and runs as an operation; failures are reported. */
  download: (
    volume: string,
    path: string,
    kind: 'file' | 'directory',
  ) => Promise<VolumeTransferStart | undefined>;
  exportVolume: (volume: string) => Promise<VolumeTransferStart | undefined>;
  importVolume: (volume: string) => Promise<VolumeTransferStart | undefined>;
  dispose: () => void;
}

/** What a store's helpers need of it: the API and its engine, its extras, how it reports, whether it is gone. */
interface StoreContext {
  api: BerthApi;
  engineId: EngineId;
  extras: WritableStore<VolumesExtras>;
  reportError: ReportError;
  isDisposed: () => boolean;
}

/** Removes volumes of one host, each marked pending meanwhile; every refusal is reported (naming `host`). */
async function removeVolumes(
  { api, engineId, extras, reportError, isDisposed }: StoreContext,
  names: readonly string[],
  host: string | undefined,
): Promise<VolumeRemoveOutcome[]> {
  const on = host === undefined ? '' : ` on ${host}`;
  const setPending = (add: boolean): void =>
    extras.update((current) => {
      const pending = new Set(current.pending);
      for (const name of names) {
        if (add) pending.add(name);
        else pending.delete(name);
      }
      return { ...current, pending };
    });
  setPending(true);
  try {
    const outcomes = await api.volumes.remove({ engineId, names: [...names] });
    for (const outcome of outcomes) {
      if (!outcome.removed && outcome.error !== undefined && !isDisposed()) {
        reportError(
          new IpcError(outcome.error.code, outcome.error.message),
          `Could not remove volume ${outcome.name}${on}`,
        );
      }
    }
    return outcomes;
  } catch (error) {
    const failure = toIpcError(error);
    if (!isDisposed())
      reportError(
        failure,
        names.length === 1
          ? `Could not remove volume ${names[0] ?? ''}${on}`
          : `Could not remove the volumes${on}`,
      );
    return names.map((name) => ({ name, removed: false, error: failure.toData() }));
  } finally {
    if (!isDisposed()) setPending(false);
  }
}

/** Follows the progress of this store's transfers (`ops:updated`), reporting one that fails. */
function followTransfers(
  api: BerthApi,
  extras: WritableStore<VolumesExtras>,
  reportError: ReportError,
): () => void {
  return api.events.on(IpcEvent.OperationUpdated, ({ operation }) => {
    const transfers = extras.getSnapshot().transfers;
    const index = transfers.findIndex((transfer) => transfer.operation.id === operation.id);
    if (index < 0) return;
    const transfer = transfers[index];
    if (transfer === undefined) return;
    const updated = [...transfers];
    updated[index] = { ...transfer, operation };
    extras.update((current) => ({ ...current, transfers: updated }));
    if (operation.state === 'failed' && transfer.operation.state === 'running' && operation.error) {
      reportError(new IpcError(operation.error.code, operation.error.message), `${operation.title} failed`);
    }
  });
}

/** Builds the volumes store of one engine over `volumes:*`, `volumes:changed` and `ops:updated`. */
export function createVolumesStore(
  api: BerthApi,
  engineId: EngineId,
  reportError: ReportError,
): VolumesStore {
  let disposed = false;
  let opsUnsubscribe: (() => void) | undefined;
  const list = createRevisionedListStore<VolumeSummary>({
    engineId,
    list: () => api.volumes.list(engineId),
    subscribe: (listener) => api.events.on(IpcEvent.VolumesChanged, listener),
    keyOf: (volume) => volume.name,
  });
  const extras = createExternalStore<VolumesExtras>({
    sizesLoading: false,
    pending: new Set(),
    transfers: [],
  });
  const combined = combineStores(list, extras, (listState, extraState) => ({ ...listState, ...extraState }));

  function start(): void {
    list.start();
    if (opsUnsubscribe !== undefined) return;
    try {
      opsUnsubscribe = followTransfers(api, extras, reportError);
    } catch {
      // Without the event the transfers still run; only their progress is not shown.
    }
  }

  async function transfer(
    volume: string,
    call: () => Promise<VolumeTransferStart>,
    title: string,
  ): Promise<VolumeTransferStart | undefined> {
    try {
      const started = await call();
      if (started.started && !disposed) {
        const entry: VolumeTransfer = { volume, localPath: started.localPath, operation: started.operation };
        extras.update((current) => ({ ...current, transfers: [entry, ...current.transfers].slice(0, 20) }));
      }
      return started;
    } catch (error) {
      if (!disposed) reportError(toIpcError(error), title);
      return undefined;
    }
  }

  const store: VolumesStore = {
    getSnapshot: combined.getSnapshot,
    subscribe: (listener) => {
      const unsubscribe = combined.subscribe(listener);
      start();
      return unsubscribe;
    },
    start,
    refresh: list.refresh,
    async loadSizes() {
      extras.update((current) => ({ ...current, sizesLoading: true }));
      try {
        const sizes = await api.volumes.sizes(engineId);
        if (disposed) return;
        extras.update(({ sizesError: _dropped, ...current }) => ({ ...current, sizes, sizesLoading: false }));
      } catch (error) {
        if (disposed) return;
        extras.update((current) => ({ ...current, sizesLoading: false, sizesError: toIpcError(error) }));
      }
    },
    createVolume: (request) =>
      api.volumes.create({ ...request, engineId }).catch((error: unknown) => {
        throw toIpcError(error);
      }),
    removeVolumes: (names, host) =>
      removeVolumes({ api, engineId, extras, reportError, isDisposed: () => disposed }, names, host),
    prunePreview: () =>
      api.volumes.prunePreview(engineId).catch((error: unknown) => {
        throw toIpcError(error);
      }),
    async prune() {
      try {
        const report = await api.volumes.prune(engineId);
        // What was freed changes the sizes; measure again only if they were shown.
        if (extras.getSnapshot().sizes !== undefined) void store.loadSizes();
        return report;
      } catch (error) {
        throw toIpcError(error);
      }
    },
    browse: (volume, path) =>
      api.volumes.browse({ engineId, volume, path }).catch((error: unknown) => {
        throw toIpcError(error);
      }),
    download: (volume, path, kind) =>
      transfer(
        volume,
        () => api.volumes.download({ engineId, volume, path, kind }),
        `Could not download ${path}`,
      ),
    exportVolume: (volume) =>
      transfer(volume, () => api.volumes.export({ engineId, volume }), `Could not export volume ${volume}`),
    importVolume: (volume) =>
      transfer(
        volume,
        () => api.volumes.import({ engineId, volume }),
        `Could not import into volume ${volume}`,
      ),
    dispose() {
      disposed = true;
      list.dispose();
      opsUnsubscribe?.();
      opsUnsubscribe = undefined;
    },
  };
  return store;
}
