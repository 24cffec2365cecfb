import {
  type DiskUsage,
  type EngineEvent,
  type EngineId,
  ErrorCode,
  type EventName,
  IpcChannel,
  type IpcErrorData,
  type IpcEventMap,
  type NetworkConnectRequest,
  type NetworkCreateRequest,
  type NetworkDisconnectRequest,
  type NetworkSummary,
  type OperationSummary,
  type SystemInfo,
  type SystemPruneOptions,
  type SystemPrunePreview,
  type SystemPruneResult,
  type VolumeBrowseRequest,
  type VolumeCreateRequest,
  type VolumeEntry,
  type VolumeRemoveOutcome,
  type VolumeSummary,
  type VolumeTransferStart,
} from '../../../electron/common';
import type { NetworksChannel } from '../../../electron/common/ipc/networks/channels';
import type { SystemChannel } from '../../../electron/common/ipc/system/channels';
import type { VolumesChannel } from '../../../electron/common/ipc/volumes/channels';
import { makeDiskUsage, makeSystemInfo } from './resource-fixtures';

type Handler = (...args: never[]) => unknown;
type ResourceChannel =
  | (typeof VolumesChannel)[keyof typeof VolumesChannel]
  | (typeof NetworksChannel)[keyof typeof NetworksChannel]
  | (typeof SystemChannel)[keyof typeof SystemChannel];

/** Thrown by a fake handler to answer with an error envelope. */
export class FakeIpcFailure extends Error {
  constructor(readonly data: IpcErrorData) {
    super(data.message);
  }
}

interface EngineResources {
  volumeRevision: number;
  volumes: Map<string, VolumeSummary>;
  networkRevision: number;
  networks: Map<string, NetworkSummary>;
  events: EngineEvent[];
}

/**
 * The volumes, networks and host of each engine as main would hold them, for the fake bridge: changes emit
 * revisioned `volumes:changed` / `networks:changed`, refusals answer as main does, and what only a daemon
 * can know (disk usage, folder contents, transfers) is seeded by the test.
 */
export class FakeResources {
  sizes: Record<string, number | null> = {};
  system: SystemInfo = makeSystemInfo();
  diskUsage: DiskUsage = makeDiskUsage();
  /** Folder listings by `volume:path`. */
  readonly folders = new Map<string, VolumeEntry[]>();
  /** What the next download/export/import answers; `{ started: false }` (a cancelled dialog) by default. */
  transferAnswer: VolumeTransferStart = { started: false };
  pruneResult: SystemPruneResult = {
    containers: ['c2'],
    networks: [],
    images: ['deleted: sha256:bbb'],
    volumes: [],
    buildCache: [],
    reclaimedBytes: 20_003_000,
    failures: [],
  };
  /** When false, changes alter the data but emit nothing (a lost event). */
  emitChanges = true;
  private readonly engines = new Map<EngineId, EngineResources>();

  constructor(private readonly emit: <E extends EventName>(name: E, payload: IpcEventMap[E]) => void) {}

  /** Volumes main already had before the renderer asked (no change emitted). */
  seedVolumes(engineId: EngineId, volumes: VolumeSummary[]): void {
    for (const volume of volumes) this.engine(engineId).volumes.set(volume.name, volume);
  }

  seedNetworks(engineId: EngineId, networks: NetworkSummary[]): void {
    for (const network of networks) this.engine(engineId).networks.set(network.id, network);
  }

  seedEvents(engineId: EngineId, events: EngineEvent[]): void {
    this.engine(engineId).events.push(...events);
  }

  volumesOf(engineId: EngineId = 'local'): VolumeSummary[] {
    return [...this.engine(engineId).volumes.values()];
  }

  networksOf(engineId: EngineId = 'local'): NetworkSummary[] {
    return [...this.engine(engineId).networks.values()];
  }

  /** Creates or replaces a volume as a daemon event would: next revision, change emitted. */
  upsertVolume(engineId: EngineId, volume: VolumeSummary): void {
    const engine = this.engine(engineId);
    engine.volumes.set(volume.name, volume);
    engine.volumeRevision += 1;
    if (this.emitChanges)
      this.emit('volumes:changed', {
        engineId,
        revision: engine.volumeRevision,
        upserted: [volume],
        removed: [],
      });
  }

  removeVolume(engineId: EngineId, name: string): void {
    const engine = this.engine(engineId);
    engine.volumes.delete(name);
    engine.volumeRevision += 1;
    if (this.emitChanges)
      this.emit('volumes:changed', {
        engineId,
        revision: engine.volumeRevision,
        upserted: [],
        removed: [name],
      });
  }

  upsertNetwork(engineId: EngineId, network: NetworkSummary): void {
    const engine = this.engine(engineId);
    engine.networks.set(network.id, network);
    engine.networkRevision += 1;
    if (this.emitChanges)
      this.emit('networks:changed', {
        engineId,
        revision: engine.networkRevision,
        upserted: [network],
        removed: [],
      });
  }

  removeNetwork(engineId: EngineId, id: string): void {
    const engine = this.engine(engineId);
    engine.networks.delete(id);
    engine.networkRevision += 1;
    if (this.emitChanges)
      this.emit('networks:changed', {
        engineId,
        revision: engine.networkRevision,
        upserted: [],
        removed: [id],
      });
  }

  /** New daemon events, buffered and pushed as one batch. */
  pushEvents(engineId: EngineId, events: EngineEvent[]): void {
    this.engine(engineId).events.push(...events);
    this.emit('system:eventsReceived', { engineId, events });
  }

  /** A running operation summary, as main answers a started transfer. */
  static operation(kind: string, title: string): OperationSummary {
    return {
      id: `op-${kind}`,
      kind,
      engineId: 'local',
      title,
      state: 'running',
      startedAt: 1,
      progress: { items: [] },
    };
  }

  handlers(): Record<ResourceChannel, Handler> {
    return {
      [IpcChannel.VolumesList]: (engineId: EngineId) => {
        const engine = this.engine(engineId);
        return { engineId, revision: engine.volumeRevision, items: [...engine.volumes.values()] };
      },
      [IpcChannel.VolumesSizes]: (engineId: EngineId) => ({
        engineId,
        sizes: { ...this.sizes },
        measuredAt: 1,
      }),
      [IpcChannel.VolumesCreate]: (request: VolumeCreateRequest) => {
        const engine = this.engine(request.engineId);
        const name = request.name === undefined || request.name === '' ? 'f'.repeat(64) : request.name;
        if (engine.volumes.has(name)) this.fail(ErrorCode.Conflict, `A volume named ${name} already exists.`);
        const volume: VolumeSummary = {
          engineId: request.engineId,
          name,
          driver: request.driver ?? 'local',
          mountpoint: `/var/lib/docker/volumes/${name}/_data`,
          scope: 'local',
          created: 2,
          labels: request.labels ?? {},
          options: request.driverOptions ?? {},
          anonymous: request.name === undefined || request.name === '',
          usedBy: [],
        };
        this.upsertVolume(request.engineId, volume);
        return volume;
      },
      [IpcChannel.VolumesRemove]: ({ engineId, names }: { engineId: EngineId; names: string[] }) => {
        const engine = this.engine(engineId);
        return names.map((name): VolumeRemoveOutcome => {
          const volume = engine.volumes.get(name);
          if (volume === undefined) {
            return {
              name,
              removed: false,
              error: { code: ErrorCode.NotFound, message: `No such volume: ${name}` },
            };
          }
          if (volume.usedBy.length > 0) {
            const users = volume.usedBy.map((user) => user.name).join(', ');
            return {
              name,
              removed: false,
              error: {
                code: ErrorCode.Conflict,
                message: `Volume ${name} is in use by ${users}. Remove ${volume.usedBy.length === 1 ? 'that container' : 'those containers'} first; Berth never deletes data a container uses.`,
              },
            };
          }
          this.removeVolume(engineId, name);
          return { name, removed: true };
        });
      },
      [IpcChannel.VolumesPrunePreview]: (engineId: EngineId) => {
        const volumes = this.volumesOf(engineId)
          .filter((volume) => volume.usedBy.length === 0)
          .map((volume) => ({ name: volume.name, size: this.sizes[volume.name] ?? null }));
        return {
          engineId,
          volumes,
          reclaimableBytes: volumes.reduce((sum, volume) => sum + (volume.size ?? 0), 0),
        };
      },
      [IpcChannel.VolumesPrune]: (engineId: EngineId) => {
        const unused = this.volumesOf(engineId).filter((volume) => volume.usedBy.length === 0);
        for (const volume of unused) this.removeVolume(engineId, volume.name);
        return {
          removed: unused.map((volume) => volume.name),
          reclaimedBytes: unused.reduce((sum, volume) => sum + (this.sizes[volume.name] ?? 0), 0),
        };
      },
      [IpcChannel.VolumesBrowse]: (request: VolumeBrowseRequest) => {
        const entries = this.folders.get(`${request.volume}:${request.path}`);
        if (entries === undefined) {
          this.fail(ErrorCode.NotFound, `There is no folder /${request.path} in volume ${request.volume}.`);
        }
        return {
          engineId: request.engineId,
          volume: request.volume,
          path: request.path,
          entries,
          truncated: false,
        };
      },
      [IpcChannel.VolumesDownload]: () => this.transferAnswer,
      [IpcChannel.VolumesExport]: () => this.transferAnswer,
      [IpcChannel.VolumesImport]: () => this.transferAnswer,
      [IpcChannel.NetworksList]: (engineId: EngineId) => {
        const engine = this.engine(engineId);
        return { engineId, revision: engine.networkRevision, items: [...engine.networks.values()] };
      },
      [IpcChannel.NetworksCreate]: (request: NetworkCreateRequest) => {
        if (this.networksOf(request.engineId).some((network) => network.name === request.name)) {
          this.fail(ErrorCode.Conflict, `network with name ${request.name} already exists`);
        }
        const network: NetworkSummary = {
          engineId: request.engineId,
          id: `${request.name.padEnd(12, '0')}${'e'.repeat(52)}`,
          name: request.name,
          driver: request.driver,
          scope: 'local',
          created: 2,
          internal: request.internal === true,
          attachable: request.attachable === true,
          ingress: false,
          enableIPv6: request.enableIPv6 === true,
          ipamDriver: 'default',
          ipam: request.ipam,
          options: request.options ?? {},
          labels: request.labels ?? {},
          predefined: false,
          containers: [],
        };
        this.upsertNetwork(request.engineId, network);
        return network;
      },
      [IpcChannel.NetworksRemove]: ({ engineId, id }: { engineId: EngineId; id: string }) => {
        const network = this.network(engineId, id);
        if (network.predefined) {
          this.fail(
            ErrorCode.Forbidden,
            `${network.name} is one of Docker's predefined networks (bridge, host, none); it cannot be removed.`,
          );
        }
        const attached = network.containers.filter((container) => container.state === 'running');
        if (attached.length > 0) {
          this.fail(
            ErrorCode.Conflict,
            `Network ${network.name} has ${attached.length === 1 ? 'a container' : 'containers'} attached: ${attached.map((container) => container.containerName).join(', ')}. Disconnect or stop ${attached.length === 1 ? 'it' : 'them'} first.`,
          );
        }
        this.removeNetwork(engineId, network.id);
      },
      [IpcChannel.NetworksPrunePreview]: (engineId: EngineId) => ({
        engineId,
        networks: this.networksOf(engineId)
          .filter((network) => !network.predefined && network.containers.every((c) => c.state !== 'running'))
          .map(({ id, name, driver }) => ({ id, name, driver })),
      }),
      [IpcChannel.NetworksPrune]: (engineId: EngineId) => {
        const removed = this.networksOf(engineId).filter(
          (network) => !network.predefined && network.containers.every((c) => c.state !== 'running'),
        );
        for (const network of removed) this.removeNetwork(engineId, network.id);
        return { removed: removed.map((network) => network.name), reclaimedBytes: 0 };
      },
      [IpcChannel.NetworksConnect]: (request: NetworkConnectRequest) => {
        const network = this.network(request.engineId, request.network);
        this.upsertNetwork(request.engineId, {
          ...network,
          containers: [
            ...network.containers,
            {
              containerId: request.container,
              containerName: request.container,
              state: 'running',
              aliases: request.aliases ?? [],
              ...(request.ipv4Address !== undefined
                ? { ipv4: request.ipv4Address, staticIpv4: request.ipv4Address }
                : {}),
            },
          ],
        });
      },
      [IpcChannel.NetworksDisconnect]: (request: NetworkDisconnectRequest) => {
        const network = this.network(request.engineId, request.network);
        this.upsertNetwork(request.engineId, {
          ...network,
          containers: network.containers.filter(
            (container) =>
              container.containerId !== request.container && container.containerName !== request.container,
          ),
        });
      },
      [IpcChannel.SystemInfo]: () => this.system,
      [IpcChannel.SystemDiskUsage]: () => this.diskUsage,
      [IpcChannel.SystemPrunePreview]: (options: SystemPruneOptions): SystemPrunePreview => ({
        options,
        untagged: [],
        containers: this.diskUsage.containers
          .filter((container) => container.state !== 'running')
          .map(({ id, name, state, sizeRw }) => ({ id, name, state, size: sizeRw })),
        networks: [],
        images: this.diskUsage.images
          .filter((image) => image.containers === 0 && (options.allImages || image.tags.length === 0))
          .map(({ id, tags, size }) => ({ id, tags, size })),
        volumes: options.volumes
          ? this.diskUsage.volumes
              .filter((volume) => volume.refCount === 0)
              .map(({ name, size }) => ({ name, size }))
          : [],
        buildCache: [],
        reclaimableBytes: 20_003_000,
        anonymousVolumesOnly: false,
      }),
      [IpcChannel.SystemPrune]: () => this.pruneResult,
      [IpcChannel.SystemEvents]: ({ engineId, sinceSeq }: { engineId: EngineId; sinceSeq?: number }) => {
        const events = this.engine(engineId).events.filter(
          (event) => sinceSeq === undefined || event.seq > sinceSeq,
        );
        const lastSeq = Math.max(0, ...this.engine(engineId).events.map((event) => event.seq));
        return { engineId, events, lastSeq, capacity: 5000 };
      },
    };
  }

  private fail(code: IpcErrorData['code'], message: string): never {
    throw new FakeIpcFailure({ code, message });
  }

  private network(engineId: EngineId, idOrName: string): NetworkSummary {
    const network = this.networksOf(engineId).find(
      (candidate) => candidate.id === idOrName || candidate.name === idOrName,
    );
    if (network === undefined) this.fail(ErrorCode.NotFound, `No such network: ${idOrName}`);
    return network;
  }

  private engine(engineId: EngineId): EngineResources {
    let engine = this.engines.get(engineId);
    if (engine === undefined) {
      engine = { volumeRevision: 0, volumes: new Map(), networkRevision: 0, networks: new Map(), events: [] };
      this.engines.set(engineId, engine);
    }
    return engine;
  }
}
