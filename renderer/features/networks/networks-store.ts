import {
  type BerthApi,
  type EngineId,
  IpcEvent,
  type NetworkConnectRequest,
  type NetworkCreateRequest,
  type NetworkDisconnectRequest,
  type NetworkPrunePreview,
  type NetworkSummary,
  type PruneReport,
} from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { combineStores } from '../../stores/combine-stores';
import { createExternalStore, type ExternalStore } from '../../stores/external-store';
import type { ReportError } from '../../stores/report-error';
import { createRevisionedListStore, type RevisionedListState } from '../../stores/revisioned-list';

export type NetworksState = RevisionedListState<NetworkSummary> & {
  /** Networks being removed, by id. */
  pending: ReadonlySet<string>;
};

type WithoutEngine<T> = Omit<T, 'engineId'>;

export interface NetworksStore extends ExternalStore<NetworksState> {
  start: () => void;
  refresh: () => Promise<void>;
  /** Throws `IpcError` so the form can show why. */
  createNetwork: (request: WithoutEngine<NetworkCreateRequest>) => Promise<NetworkSummary>;
  /**
   * Removes each network, one request per network (Docker has no bulk remove); every refusal is reported with
   * the network's name and, given `host` (under "All hosts"), its host. Resolves the ids removed.
   */
  removeNetworks: (networks: readonly NetworkSummary[], host?: string) => Promise<ReadonlySet<string>>;
  /** Throws `IpcError`. */
  prunePreview: () => Promise<NetworkPrunePreview>;
  /** Throws `IpcError`. */
  prune: () => Promise<PruneReport>;
  /** Throws `IpcError` so the form can show why. */
  connect: (request: WithoutEngine<NetworkConnectRequest>) => Promise<void>;
  /** Resolves `true` once disconnected; a failure is reported. */
  disconnect: (request: WithoutEngine<NetworkDisconnectRequest>) => Promise<boolean>;
  dispose: () => void;
}

const rethrow = (error: unknown): never => {
  throw toIpcError(error);
};

/** Builds the networks store of one engine over `networks:*` and `networks:changed`. */
export function createNetworksStore(
  api: BerthApi,
  engineId: EngineId,
  reportError: ReportError,
): NetworksStore {
  let disposed = false;
  const list = createRevisionedListStore<NetworkSummary>({
    engineId,
    list: () => api.networks.list(engineId),
    subscribe: (listener) => api.events.on(IpcEvent.NetworksChanged, listener),
    keyOf: (network) => network.id,
  });
  const pending = createExternalStore<ReadonlySet<string>>(new Set());
  const combined = combineStores(list, pending, (listState, ids) => ({ ...listState, pending: ids }));

  const mark = (id: string, busy: boolean): void =>
    pending.update((current) => {
      const next = new Set(current);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
    });

  return {
    getSnapshot: combined.getSnapshot,
    subscribe: combined.subscribe,
    start: list.start,
    refresh: list.refresh,
    createNetwork: (request) => api.networks.create({ ...request, engineId }).catch(rethrow),
    async removeNetworks(networks, host) {
      const on = host === undefined ? '' : ` on ${host}`;
      for (const network of networks) mark(network.id, true);
      const removed = await Promise.all(
        networks.map(async (network) => {
          try {
            await api.networks.remove({ engineId, id: network.id });
            return true;
          } catch (error) {
            if (!disposed) reportError(toIpcError(error), `Could not remove network ${network.name}${on}`);
            return false;
          } finally {
            if (!disposed) mark(network.id, false);
          }
        }),
      );
      return new Set(networks.filter((_, index) => removed[index] === true).map((network) => network.id));
    },
    prunePreview: () => api.networks.prunePreview(engineId).catch(rethrow),
    prune: () => api.networks.prune(engineId).catch(rethrow),
    connect: (request) => api.networks.connect({ ...request, engineId }).catch(rethrow),
    async disconnect(request) {
      try {
        await api.networks.disconnect({ ...request, engineId });
        return true;
      } catch (error) {
        if (!disposed) reportError(toIpcError(error), `Could not disconnect ${request.container}`);
        return false;
      }
    },
    dispose() {
      disposed = true;
      list.dispose();
    },
  };
}
