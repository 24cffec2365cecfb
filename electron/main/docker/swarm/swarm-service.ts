import {
  type EngineId,
  ErrorCode,
  IpcError,
  type SwarmJoinTokens,
  type SwarmNode,
  type SwarmNodeList,
  type SwarmNodesChange,
  type SwarmState,
} from '../../../common';
import type {
  SwarmInitRequest,
  SwarmJoinRequest,
  SwarmUpdateNodeRequest,
} from '../../../common/ipc/swarm/contract';
import type { EngineRegistry } from '../engine/engine-registry';
import { record, text } from '../engine/readers';
import { RevisionedList, type RevisionedListOptions } from '../lists/revisioned-list';
import { toSwarmNode, toSwarmState, versionOf } from './mappers';
import { swarmRequest, writeWithVersion } from './swarm-requests';

export interface SwarmServiceOptions extends RevisionedListOptions {
  /** Test seam: runs between reading an object and writing it back (a test changes it there, for real). */
  beforeWrite?: (attempt: number) => Promise<void>;
}

/** Joining and leaving wait on the cluster (raft, certificates); give them more than a unary call. */
const CLUSTER_CALL_MS = 30_000;

/**
 * The swarm of each host: its state from `/info`, init/join/leave, join tokens, and the nodes (a live list
 * driven by `node` events). Node updates send the version index they read and retry once on "update out of
 * sequence". Everything but `state`, `init`, `join` and `leave` needs a manager.
 */
export class SwarmService {
  private readonly nodes: RevisionedList<
    SwarmNode,
    { node: unknown; selfId: string | undefined; key: string }
  >;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly options: SwarmServiceOptions = {},
  ) {
    this.nodes = new RevisionedList(
      engines,
      {
        name: 'swarm nodes',
        affects: (event) => event.type === 'node',
        keyOf: (node) => node.id,
        fetch: async (engineId) => {
          const [nodes, info] = await Promise.all([
            swarmRequest<unknown[]>(engines, engineId, { method: 'GET', path: '/nodes' }),
            swarmRequest<unknown>(engines, engineId, { method: 'GET', path: '/info' }),
          ]);
          const selfId = text(record(record(info).Swarm).NodeID) || undefined;
          // The list keeps the answer's order: sorted by hostname here, as the rows show.
          const sortKey = (node: unknown): string => {
            const row = toSwarmNode(engineId, node, selfId);
            return `${row.hostname}\u0000${row.id}`;
          };
          return nodes
            .map((node) => ({ node, selfId, key: sortKey(node) }))
            .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
        },
        row: (engineId, item) => toSwarmNode(engineId, item.node, item.selfId),
      },
      options,
    );
  }

  /** What the host's `/info` says about its swarm. */
  async state(engineId: EngineId): Promise<SwarmState> {
    const info = await swarmRequest<unknown>(this.engines, engineId, { method: 'GET', path: '/info' });
    return toSwarmState(engineId, info);
  }

  /** `docker swarm init`: this host becomes the first manager of a new swarm. */
  async init(request: SwarmInitRequest): Promise<SwarmState> {
    await swarmRequest(
      this.engines,
      request.engineId,
      {
        method: 'POST',
        path: '/swarm/init',
        body: {
          AdvertiseAddr: request.advertiseAddress,
          ListenAddr: request.listenAddress ?? '0.0.0.0:2377',
          ...(request.dataPathPort !== undefined ? { DataPathPort: request.dataPathPort } : {}),
        },
      },
      CLUSTER_CALL_MS,
    );
    return this.state(request.engineId);
  }

  /** `docker swarm join`: the token decides whether the host joins as a worker or a manager. */
  async join(request: SwarmJoinRequest): Promise<SwarmState> {
    await swarmRequest(
      this.engines,
      request.engineId,
      {
        method: 'POST',
        path: '/swarm/join',
        body: {
          JoinToken: request.token,
          RemoteAddrs: [request.managerAddress],
          ListenAddr: request.listenAddress ?? '0.0.0.0:2377',
          ...(request.advertiseAddress !== undefined ? { AdvertiseAddr: request.advertiseAddress } : {}),
        },
      },
      CLUSTER_CALL_MS,
    );
    return this.state(request.engineId);
  }

  /**
   * `docker swarm leave`. The daemon refuses a manager without `force` (the last manager leaving ends the swarm
   * and its services, secrets and configs); its words say so, and the page asks before forcing.
   */
  async leave(engineId: EngineId, force: boolean): Promise<SwarmState> {
    await swarmRequest(
      this.engines,
      engineId,
      { method: 'POST', path: '/swarm/leave', query: { force } },
      CLUSTER_CALL_MS,
    );
    return this.state(engineId);
  }

  /** The join tokens and the managers' addresses, for the `docker swarm join` commands shown to the user. */
  async joinTokens(engineId: EngineId): Promise<SwarmJoinTokens> {
    const [swarm, nodes] = await Promise.all([
      swarmRequest<unknown>(this.engines, engineId, { method: 'GET', path: '/swarm' }),
      this.nodes.refreshNow(engineId),
    ]);
    const tokens = record(record(swarm).JoinTokens);
    return {
      worker: text(tokens.Worker),
      manager: text(tokens.Manager),
      managerAddresses: nodes.items
        .map((node) => node.managerStatus?.address)
        .filter((address): address is string => address !== undefined),
    };
  }

  /** Rotates one join token (the old one stops working for new nodes; joined nodes are not affected). */
  async rotateToken(engineId: EngineId, role: 'worker' | 'manager'): Promise<SwarmJoinTokens> {
    await writeWithVersion(
      'The swarm',
      () => swarmRequest<unknown>(this.engines, engineId, { method: 'GET', path: '/swarm' }),
      async (swarm) => {
        await swarmRequest(this.engines, engineId, {
          method: 'POST',
          path: '/swarm/update',
          query: {
            version: versionOf(swarm),
            rotateWorkerToken: role === 'worker',
            rotateManagerToken: role === 'manager',
          },
          body: record(record(swarm).Spec),
        });
      },
    );
    return this.joinTokens(engineId);
  }

  listNodes(engineId: EngineId): Promise<SwarmNodeList> {
    return this.nodes.list(engineId);
  }

  onNodesChanged(listener: (change: SwarmNodesChange) => void): () => void {
    return this.nodes.onChanged(listener);
  }

  /** Availability (drain/pause/activate), role (promote/demote) and labels, sent with the current version. */
  async updateNode(request: SwarmUpdateNodeRequest): Promise<SwarmNode> {
    const { engineId, id } = request;
    await writeWithVersion(
      `Node ${id}`,
      () => swarmRequest<unknown>(this.engines, engineId, { method: 'GET', path: `/nodes/${id}` }),
      async (node) => {
        const spec = { ...record(record(node).Spec) };
        if (request.availability !== undefined) spec.Availability = request.availability;
        if (request.role !== undefined) spec.Role = request.role;
        if (request.labels !== undefined) spec.Labels = request.labels;
        await swarmRequest(this.engines, engineId, {
          method: 'POST',
          path: `/nodes/${id}/update`,
          query: { version: versionOf(node) },
          body: spec,
        });
      },
      this.options.beforeWrite,
    );
    const snapshot = await this.nodes.refreshNow(engineId);
    const node = snapshot.items.find((candidate) => candidate.id === id || candidate.hostname === id);
    if (!node) throw new IpcError(ErrorCode.NotFound, `No such node: ${id}`);
    return node;
  }

  /** Removes a node; a node that is still up is refused by the daemon unless forced (a down node needs force). */
  async removeNode(engineId: EngineId, id: string, force: boolean): Promise<void> {
    await swarmRequest(this.engines, engineId, { method: 'DELETE', path: `/nodes/${id}`, query: { force } });
    await this.nodes.refreshNow(engineId);
  }

  dispose(): void {
    this.nodes.dispose();
  }
}
