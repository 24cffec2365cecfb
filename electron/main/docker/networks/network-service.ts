import type Dockerode from 'dockerode';

import {
  type EngineId,
  ErrorCode,
  IpcError,
  type NetworkConnectRequest,
  type NetworkCreateRequest,
  type NetworkDisconnectRequest,
  type NetworkListSnapshot,
  type NetworkPrunePreview,
  type NetworksChange,
  type NetworkSummary,
  predefinedNetworkNames,
  type PruneReport,
  staticAddressProblem,
  validateIpamPools,
} from '../../../common';
import type { ContainerInventory } from '../containers/container-inventory';
import type { EngineRegistry } from '../engine/engine-registry';
import type { DockerEvent } from '../engine/events';
import { type EventTarget, RevisionedList, type RevisionedListOptions } from '../lists/revisioned-list';
import { toNetworkAttachments, toNetworkSummary } from './mappers';

type Attachments = ReturnType<typeof toNetworkAttachments>;

/**
 * Whether an event can change the networks list: network events (who is attached comes from the containers
 * list, re-joined when it changes; after a `connect`/`disconnect` the join refreshes that container first).
 */
function affectsNetworkList(event: DockerEvent): boolean {
  return event.type === 'network';
}

/** A network event names its network (`prune` names none: the whole list). */
function networkEventTarget(event: DockerEvent): EventTarget | undefined {
  if (event.action === 'prune' || event.actorId === '') return undefined;
  return { key: event.actorId, gone: event.action === 'destroy' || event.action === 'remove' };
}

const predefined: ReadonlySet<string> = new Set(predefinedNetworkNames);

/**
 * Containers with a live endpoint on the network. Stopped containers keep their configuration but hold no
 * endpoint, and the daemon removes and prunes networks regardless of them.
 */
function activeAttachments(network: NetworkSummary): NetworkSummary['containers'] {
  return network.containers.filter(
    (container) =>
      container.state === 'running' || container.state === 'paused' || container.state === 'restarting',
  );
}

function namesOf(names: readonly string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/**
 * The networks of every engine, live (`/networks` joined with the networks of `/containers/json`, no inspect
 * per network), and what can be done to them: create with validated IPAM, remove (refused while containers are
 * attached, never the predefined ones), prune with a preview, connect and disconnect containers.
 */
export class NetworkService {
  private readonly networks: RevisionedList<NetworkSummary, unknown, Attachments>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly inventory: ContainerInventory,
    options: RevisionedListOptions = {},
  ) {
    this.networks = new RevisionedList<NetworkSummary, unknown, Attachments>(
      engines,
      {
        name: 'networks',
        affects: affectsNetworkList,
        target: networkEventTarget,
        keyOf: (network) => network.id,
        fetch: async (_engineId, client, abortSignal) =>
          await client.listNetworks({ abortSignal } as Dockerode.NetworkListOptions),
        fetchSome: async (_engineId, client, ids, abortSignal) =>
          await client.listNetworks({
            filters: { id: ids },
            abortSignal,
          } as Dockerode.NetworkListOptions),
        join: async (engineId, fresh) => toNetworkAttachments(await this.inventory.list(engineId, fresh)),
        row: toNetworkSummary,
      },
      options,
    );
    // Who is attached comes from the containers list: re-joined without asking the daemon.
    this.unsubscribe = inventory.onChanged((change) => void this.networks.rejoin(change.engineId));
  }

  list(engineId: EngineId): Promise<NetworkListSnapshot> {
    return this.networks.list(engineId);
  }

  onChanged(listener: (change: NetworksChange) => void): () => void {
    return this.networks.onChanged(listener);
  }

  /** Creates a network after checking its IPAM pools the way the form does (nothing is sent when invalid). */
  async create(request: NetworkCreateRequest): Promise<NetworkSummary> {
    const problems = validateIpamPools(request.ipam);
    if (problems.length > 0) {
      throw new IpcError(ErrorCode.Validation, problems.map((problem) => problem.message).join(' '));
    }
    await this.engines.ready(request.engineId);
    const pools = request.ipam
      .filter((pool) => (pool.subnet ?? '').trim() !== '')
      .map((pool) => {
        const config: Record<string, string> = { Subnet: (pool.subnet ?? '').trim() };
        if ((pool.gateway ?? '').trim() !== '') config.Gateway = (pool.gateway ?? '').trim();
        if ((pool.ipRange ?? '').trim() !== '') config.IPRange = (pool.ipRange ?? '').trim();
        return config;
      });
    const enableIPv6 = request.enableIPv6 === true || pools.some((pool) => (pool.Subnet ?? '').includes(':'));
    const body = {
      Name: request.name,
      Driver: request.driver,
      // Without it the daemon happily creates a second network with the same name.
      CheckDuplicate: true,
      Internal: request.internal === true,
      Attachable: request.attachable === true,
      EnableIPv6: enableIPv6,
      IPAM: { Driver: 'default', Config: pools },
      Options: request.options ?? {},
      Labels: request.labels ?? {},
    };
    const created = await this.engines.request(request.engineId, async (client, abortSignal) => {
      const network = await client.createNetwork({ ...body, abortSignal });
      return network.id;
    });
    const snapshot = await this.networks.refreshNow(request.engineId);
    const summary = snapshot.items.find((network) => network.id === created);
    if (summary === undefined) {
      throw new IpcError(ErrorCode.Internal, `The daemon created ${request.name} but does not list it.`);
    }
    return summary;
  }

  /** Removes a network; the predefined ones and networks with containers attached are refused with reasons. */
  async remove(engineId: EngineId, idOrName: string): Promise<void> {
    const network = await this.find(engineId, idOrName);
    if (network.predefined || predefined.has(network.name)) {
      throw new IpcError(
        ErrorCode.Forbidden,
        `${network.name} is one of Docker's predefined networks (bridge, host, none); it cannot be removed.`,
      );
    }
    const attached = activeAttachments(network);
    if (attached.length > 0) {
      throw new IpcError(
        ErrorCode.Conflict,
        `Network ${network.name} has ${attached.length === 1 ? 'a container' : 'containers'} attached: ${namesOf(attached.map((container) => container.containerName))}. Disconnect or stop ${attached.length === 1 ? 'it' : 'them'} first.`,
      );
    }
    try {
      await this.engines.request(engineId, (client, abortSignal) =>
        client.getNetwork(network.id).remove({ abortSignal }),
      );
    } catch (error) {
      if (error instanceof IpcError && /active endpoints/i.test(error.message)) {
        throw new IpcError(
          ErrorCode.Conflict,
          `Network ${network.name} still has containers attached. Disconnect them first.`,
          { cause: error },
        );
      }
      throw error;
    }
    await this.networks.refreshNow(engineId);
  }

  /** The networks a prune would remove now: user networks with no running container attached. */
  async prunePreview(engineId: EngineId): Promise<NetworkPrunePreview> {
    const snapshot = await this.networks.refreshNow(engineId);
    const networks = snapshot.items
      .filter((network) => this.prunable(network))
      .map((network) => ({ id: network.id, name: network.name, driver: network.driver }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { engineId, networks };
  }

  async prune(engineId: EngineId): Promise<PruneReport> {
    await this.engines.ready(engineId);
    const answer = await this.engines.request(
      engineId,
      (client, abortSignal) =>
        client.pruneNetworks({ abortSignal }) as Promise<{ NetworksDeleted?: string[] | null }>,
    );
    await this.networks.refreshNow(engineId);
    // The daemon frees no disk space by removing networks.
    return { removed: answer.NetworksDeleted ?? [], reclaimedBytes: 0 };
  }

  /** Attaches a container, optionally under aliases and with static addresses inside the network's subnets. */
  async connect(request: NetworkConnectRequest): Promise<void> {
    const network = await this.find(request.engineId, request.network);
    const subnets = network.ipam.map((pool) => pool.subnet ?? '').filter((subnet) => subnet !== '');
    const problems = [
      request.ipv4Address !== undefined ? staticAddressProblem(request.ipv4Address, 4, subnets) : undefined,
      request.ipv6Address !== undefined ? staticAddressProblem(request.ipv6Address, 6, subnets) : undefined,
    ].filter((problem): problem is string => problem !== undefined);
    if (problems.length > 0) throw new IpcError(ErrorCode.Validation, problems.join(' '));
    const endpoint: Record<string, unknown> = {};
    if (request.aliases !== undefined && request.aliases.length > 0) endpoint.Aliases = request.aliases;
    const ipam: Record<string, string> = {};
    if (request.ipv4Address !== undefined) ipam.IPv4Address = request.ipv4Address;
    if (request.ipv6Address !== undefined) ipam.IPv6Address = request.ipv6Address;
    if (Object.keys(ipam).length > 0) endpoint.IPAMConfig = ipam;
    await this.engines.request(request.engineId, (client, abortSignal) =>
      client.getNetwork(network.id).connect({
        Container: request.container,
        EndpointConfig: endpoint,
        abortSignal,
      } as Dockerode.NetworkConnectOptions),
    );
    await this.networks.refreshNow(request.engineId);
  }

  async disconnect(request: NetworkDisconnectRequest): Promise<void> {
    const network = await this.find(request.engineId, request.network);
    await this.engines.request(request.engineId, (client, abortSignal) =>
      client
        .getNetwork(network.id)
        .disconnect({ Container: request.container, Force: request.force === true, abortSignal }),
    );
    await this.networks.refreshNow(request.engineId);
  }

  dispose(): void {
    this.unsubscribe();
    this.networks.dispose();
  }

  /** What the daemon's network prune removes: local user networks without live endpoints. */
  private prunable(network: NetworkSummary): boolean {
    return (
      !network.predefined &&
      !network.ingress &&
      network.scope === 'local' &&
      activeAttachments(network).length === 0
    );
  }

  /** The current row of a network by id, id prefix or name. */
  private async find(engineId: EngineId, idOrName: string): Promise<NetworkSummary> {
    const snapshot = await this.networks.refreshNow(engineId);
    const network =
      snapshot.items.find((candidate) => candidate.id === idOrName) ??
      snapshot.items.find((candidate) => candidate.name === idOrName) ??
      (idOrName.length >= 6
        ? snapshot.items.find((candidate) => candidate.id.startsWith(idOrName))
        : undefined);
    if (network === undefined) throw new IpcError(ErrorCode.NotFound, `No such network: ${idOrName}`);
    return network;
  }
}
