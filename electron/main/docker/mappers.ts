import type Dockerode from 'dockerode';

import {
  type ContainerFileEntry,
  type ContainerFileKind,
  type ContainerInspectView,
  type ContainerProcessList,
  type ContainerState,
  type ContainerSummary,
  type DiskUsage,
  type DiskUsageTotal,
  type EngineEvent,
  type EngineId,
  type EnvVariable,
  type HostInfo,
  type ImageDetails,
  type ImageLayer,
  type ImageSummary,
  type ImageUser,
  MASKED_VALUE,
  type NetworkAttachment,
  type NetworkIpamPool,
  type NetworkSummary,
  type PortBinding,
  predefinedNetworkNames,
  type StatsSample,
  type VolumeSummary,
  type VolumeUser,
} from '../../common';
import type { DockerEvent } from './engine/events';

const containerStates: ReadonlySet<string> = new Set<ContainerState>([
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
]);

/** States other engines report through the Docker-compatible API (Podman), in Docker's vocabulary. */
const foreignStates: Record<string, ContainerState> = {
  configured: 'created',
  initialized: 'created',
  stopped: 'exited',
  stopping: 'running',
};

/** Narrows the daemon's `State` to ours; anything unknown reads as not running. */
export function toContainerState(state: unknown): ContainerState {
  const value = typeof state === 'string' ? state.toLowerCase() : '';
  if (containerStates.has(value)) return value as ContainerState;
  return foreignStates[value] ?? 'exited';
}

function toProtocol(type: unknown): PortBinding['protocol'] {
  return type === 'udp' || type === 'sctp' ? type : 'tcp';
}

const wildcardHosts = new Set(['0.0.0.0', '::']);

function compareOptional<T extends number | string>(a: T | undefined, b: T | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

/**
 * The daemon lists ports in map order (it changes between calls) and lists a port published on all interfaces
 * twice, once for `0.0.0.0` and once for `::`. We keep one entry per binding and a stable order (private port,
 * protocol, public port, host IP) so rows never reshuffle, as lazydocker does.
 */
export function toPortBindings(ports: readonly Partial<Dockerode.Port>[] | null | undefined): PortBinding[] {
  const byKey = new Map<string, PortBinding>();
  for (const port of ports ?? []) {
    if (typeof port.PrivatePort !== 'number') continue;
    const protocol = toProtocol(port.Type);
    const publicPort =
      typeof port.PublicPort === 'number' && port.PublicPort > 0 ? port.PublicPort : undefined;
    const ip = typeof port.IP === 'string' && port.IP !== '' ? port.IP : undefined;
    const binding: PortBinding = { privatePort: port.PrivatePort, protocol };
    if (publicPort !== undefined) binding.publicPort = publicPort;
    if (publicPort !== undefined && ip !== undefined) binding.hostIp = ip;
    const hostKey = binding.hostIp !== undefined && wildcardHosts.has(binding.hostIp) ? '*' : binding.hostIp;
    const key = `${binding.privatePort}/${protocol}/${publicPort ?? ''}/${hostKey ?? ''}`;
    const existing = byKey.get(key);
    // Of the 0.0.0.0/:: pair, keep the IPv4 wildcard: it is what `docker ps` users read first.
    if (!existing || (existing.hostIp === '::' && binding.hostIp === '0.0.0.0')) byKey.set(key, binding);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.privatePort - b.privatePort ||
      compareOptional(a.protocol, b.protocol) ||
      compareOptional(a.publicPort, b.publicPort) ||
      compareOptional(a.hostIp, b.hostIp),
  );
}

/**
 * The container's name as `docker ps` shows it. Legacy links add names like `/web/db`; the container's own name
 * is the one with no further slash.
 */
export function toContainerName(names: readonly string[] | null | undefined): string {
  const list = names ?? [];
  const own = list.find((name) => !name.slice(1).includes('/')) ?? list[0] ?? '';
  return own.startsWith('/') ? own.slice(1) : own;
}

/** The one place a `/containers/json` entry becomes our {@link ContainerSummary}. */
export function toContainerSummary(engineId: EngineId, info: Dockerode.ContainerInfo): ContainerSummary {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(info.Labels ?? {})) {
    if (typeof value === 'string') labels[key] = value;
  }
  return {
    engineId,
    id: info.Id,
    name: toContainerName(info.Names),
    image: info.Image ?? '',
    imageId: info.ImageID ?? '',
    command: info.Command ?? '',
    state: toContainerState(info.State),
    status: info.Status ?? '',
    created: typeof info.Created === 'number' ? info.Created * 1000 : 0,
    ports: toPortBindings(info.Ports),
    labels,
  };
}

/** Structural equality of two summaries (used to push only rows that really changed). */
export function sameContainerSummary(a: ContainerSummary, b: ContainerSummary): boolean {
  if (
    a.id !== b.id ||
    a.engineId !== b.engineId ||
    a.name !== b.name ||
    a.image !== b.image ||
    a.imageId !== b.imageId ||
    a.command !== b.command ||
    a.state !== b.state ||
    a.status !== b.status ||
    a.created !== b.created ||
    a.ports.length !== b.ports.length
  ) {
    return false;
  }
  for (let i = 0; i < a.ports.length; i++) {
    const p = a.ports[i];
    const q = b.ports[i];
    if (
      p.privatePort !== q.privatePort ||
      p.protocol !== q.protocol ||
      p.publicPort !== q.publicPort ||
      p.hostIp !== q.hostIp
    ) {
      return false;
    }
  }
  const aKeys = Object.keys(a.labels);
  if (aKeys.length !== Object.keys(b.labels).length) return false;
  return aKeys.every((key) => Object.hasOwn(b.labels, key) && a.labels[key] === b.labels[key]);
}

// ---------------------------------------------------------------------------------------------------------------
// Volumes, networks and the host. The daemon's JSON is read defensively: fields differ between API versions and
// Docker-compatible engines, and a missing field must never break a list.

type RawObject = Record<string, unknown>;

function rawObject(value: unknown): RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawObject) : {};
}

function rawText(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function rawNumber(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function rawFlag(value: unknown): boolean {
  return value === true || value === 'true';
}

function rawStringMap(value: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [key, entry] of Object.entries(rawObject(value))) {
    if (typeof entry === 'string') map[key] = entry;
  }
  return map;
}

function rawStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** An RFC 3339 time as epoch ms; `undefined` when absent or Go's zero time. */
function rawEpochMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '' || value.startsWith('0001-01-01')) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

const byNameOrder = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** Label Berth puts on its own short-lived helper containers, which are not "users" of a volume. */
export const HELPER_LABEL = 'io.berth.helper';

/** Who mounts which volume, from `/containers/json` (its `Mounts`), keyed by volume name. */
export function toVolumeUsers(containers: readonly Dockerode.ContainerInfo[]): Map<string, VolumeUser[]> {
  const users = new Map<string, VolumeUser[]>();
  for (const container of containers) {
    if (rawObject(container.Labels)[HELPER_LABEL] !== undefined) continue;
    const mounts: unknown[] = Array.isArray(container.Mounts) ? container.Mounts : [];
    for (const raw of mounts) {
      const mount = rawObject(raw);
      const name = rawText(mount.Name);
      if (mount.Type !== 'volume' || name === '') continue;
      const list = users.get(name) ?? [];
      list.push({
        id: container.Id,
        name: toContainerName(container.Names),
        state: toContainerState(container.State),
        destination: rawText(mount.Destination),
        readOnly: mount.RW === false,
      });
      users.set(name, list);
    }
  }
  for (const list of users.values()) list.sort(byNameOrder);
  return users;
}

/** Docker marks anonymous volumes with this label since 23.0; older ones are recognisable by their 64-hex name. */
const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

/** The one place a `/volumes` entry becomes our {@link VolumeSummary}. */
export function toVolumeSummary(
  engineId: EngineId,
  raw: unknown,
  users: readonly VolumeUser[],
): VolumeSummary {
  const volume = rawObject(raw);
  const name = rawText(volume.Name);
  const labels = rawStringMap(volume.Labels);
  const summary: VolumeSummary = {
    engineId,
    name,
    driver: rawText(volume.Driver, 'local'),
    mountpoint: rawText(volume.Mountpoint),
    scope: rawText(volume.Scope, 'local'),
    labels,
    options: rawStringMap(volume.Options),
    anonymous: Object.hasOwn(labels, ANONYMOUS_LABEL) || /^[0-9a-f]{64}$/.test(name),
    usedBy: [...users],
  };
  const created = rawEpochMs(volume.CreatedAt);
  if (created !== undefined) summary.created = created;
  return summary;
}

/** Volume sizes from `/system/df` (`UsageData.Size`, `-1` when unknown). */
export function toVolumeSizes(df: unknown): Record<string, number | null> {
  const sizes: Record<string, number | null> = {};
  const volumes: unknown[] = Array.isArray(rawObject(df).Volumes) ? (rawObject(df).Volumes as unknown[]) : [];
  for (const raw of volumes) {
    const volume = rawObject(raw);
    const size = rawNumber(rawObject(volume.UsageData).Size, -1);
    sizes[rawText(volume.Name)] = size < 0 ? null : size;
  }
  return sizes;
}

function withoutPrefix(address: string): string | undefined {
  if (address === '') return undefined;
  const slash = address.indexOf('/');
  return slash < 0 ? address : address.slice(0, slash);
}

/**
 * Which containers are on which network, from `/containers/json` (`NetworkSettings.Networks`). A stopped
 * container has no `NetworkID`, so attachments are keyed both by network id and by network name.
 */
export function toNetworkAttachments(containers: readonly Dockerode.ContainerInfo[]): {
  byId: Map<string, NetworkAttachment[]>;
  byName: Map<string, NetworkAttachment[]>;
} {
  const byId = new Map<string, NetworkAttachment[]>();
  const byName = new Map<string, NetworkAttachment[]>();
  const add = (map: Map<string, NetworkAttachment[]>, key: string, attachment: NetworkAttachment): void => {
    const list = map.get(key) ?? [];
    list.push(attachment);
    map.set(key, list);
  };
  for (const container of containers) {
    if (rawObject(container.Labels)[HELPER_LABEL] !== undefined) continue;
    const networks = rawObject(rawObject(container.NetworkSettings).Networks);
    for (const [networkName, raw] of Object.entries(networks)) {
      const endpoint = rawObject(raw);
      const ipam = rawObject(endpoint.IPAMConfig);
      const attachment: NetworkAttachment = {
        containerId: container.Id,
        containerName: toContainerName(container.Names),
        state: toContainerState(container.State),
        aliases: rawStrings(endpoint.Aliases),
      };
      const ipv4 = withoutPrefix(rawText(endpoint.IPAddress));
      const ipv6 = withoutPrefix(rawText(endpoint.GlobalIPv6Address));
      const mac = rawText(endpoint.MacAddress);
      const staticIpv4 = rawText(ipam.IPv4Address);
      const staticIpv6 = rawText(ipam.IPv6Address);
      if (ipv4 !== undefined) attachment.ipv4 = ipv4;
      if (ipv6 !== undefined) attachment.ipv6 = ipv6;
      if (mac !== '') attachment.macAddress = mac;
      if (staticIpv4 !== '') attachment.staticIpv4 = staticIpv4;
      if (staticIpv6 !== '') attachment.staticIpv6 = staticIpv6;
      const networkId = rawText(endpoint.NetworkID);
      if (networkId !== '') add(byId, networkId, attachment);
      else add(byName, networkName, attachment);
    }
  }
  return { byId, byName };
}

const predefinedNetworks: ReadonlySet<string> = new Set(predefinedNetworkNames);

/** The one place a `/networks` entry becomes our {@link NetworkSummary}. */
export function toNetworkSummary(
  engineId: EngineId,
  raw: unknown,
  attachments: ReturnType<typeof toNetworkAttachments>,
): NetworkSummary {
  const network = rawObject(raw);
  const id = rawText(network.Id);
  const name = rawText(network.Name);
  const ipamRecord = rawObject(network.IPAM);
  const configs: unknown[] = Array.isArray(ipamRecord.Config) ? ipamRecord.Config : [];
  const ipam = configs.map((entry): NetworkIpamPool => {
    const config = rawObject(entry);
    const pool: NetworkIpamPool = {};
    if (rawText(config.Subnet) !== '') pool.subnet = rawText(config.Subnet);
    if (rawText(config.Gateway) !== '') pool.gateway = rawText(config.Gateway);
    if (rawText(config.IPRange) !== '') pool.ipRange = rawText(config.IPRange);
    return pool;
  });
  const containers = [...(attachments.byId.get(id) ?? []), ...(attachments.byName.get(name) ?? [])];
  containers.sort((a, b) => byNameOrder({ name: a.containerName }, { name: b.containerName }));
  const summary: NetworkSummary = {
    engineId,
    id,
    name,
    driver: rawText(network.Driver),
    scope: rawText(network.Scope, 'local'),
    internal: rawFlag(network.Internal),
    attachable: rawFlag(network.Attachable),
    ingress: rawFlag(network.Ingress),
    enableIPv6: rawFlag(network.EnableIPv6),
    ipamDriver: rawText(ipamRecord.Driver, 'default'),
    ipam,
    options: rawStringMap(network.Options),
    labels: rawStringMap(network.Labels),
    predefined: predefinedNetworks.has(name) && rawText(network.Scope, 'local') === 'local',
    containers,
  };
  const created = rawEpochMs(network.Created);
  if (created !== undefined) summary.created = created;
  return summary;
}

function pluginNames(plugins: RawObject, key: string): string[] {
  return rawStrings(plugins[key]);
}

/** `/info` and `/version` as our {@link HostInfo}. */
export function toHostInfo(engineId: EngineId, rawInfo: unknown, rawVersion: unknown): HostInfo {
  const info = rawObject(rawInfo);
  const version = rawObject(rawVersion);
  const registry = rawObject(info.RegistryConfig);
  const indexConfigs = Object.values(rawObject(registry.IndexConfigs)).map(rawObject);
  const insecure = [
    ...rawStrings(registry.InsecureRegistryCIDRs),
    ...indexConfigs.filter((config) => config.Secure === false).map((config) => rawText(config.Name)),
  ].filter((entry, index, all) => entry !== '' && all.indexOf(entry) === index);
  const mirrors = [
    ...rawStrings(registry.Mirrors),
    ...indexConfigs.flatMap((config) => rawStrings(config.Mirrors)),
  ].filter((entry, index, all) => all.indexOf(entry) === index);
  const plugins = rawObject(info.Plugins);
  const swarm = rawObject(info.Swarm);
  const components: unknown[] = Array.isArray(version.Components) ? version.Components : [];
  const driverStatus: unknown[] = Array.isArray(info.DriverStatus) ? info.DriverStatus : [];
  const warnings = rawStrings(info.Warnings);
  const host: HostInfo = {
    engineId,
    name: rawText(info.Name),
    engineVersion: rawText(version.Version, rawText(info.ServerVersion)),
    apiVersion: rawText(version.ApiVersion),
    experimental: rawFlag(version.Experimental) || rawFlag(info.ExperimentalBuild),
    components: components
      .map(rawObject)
      .map((component) => ({ name: rawText(component.Name), version: rawText(component.Version) }))
      .filter((component) => component.name !== '' && component.name !== 'Engine'),
    operatingSystem: rawText(info.OperatingSystem),
    osType: rawText(info.OSType, rawText(version.Os)),
    kernelVersion: rawText(info.KernelVersion, rawText(version.KernelVersion)),
    architecture: rawText(info.Architecture, rawText(version.Arch)),
    cpus: rawNumber(info.NCPU),
    memoryBytes: rawNumber(info.MemTotal),
    storageDriver: rawText(info.Driver),
    storageDriverStatus: driverStatus
      .filter((pair): pair is unknown[] => Array.isArray(pair) && pair.length >= 2)
      .map((pair): [string, string] => [rawText(pair[0]), rawText(pair[1])]),
    loggingDriver: rawText(info.LoggingDriver),
    cgroupDriver: rawText(info.CgroupDriver),
    cgroupVersion: rawText(info.CgroupVersion),
    dataRoot: rawText(info.DockerRootDir),
    runtimes: Object.keys(rawObject(info.Runtimes)).sort(),
    defaultRuntime: rawText(info.DefaultRuntime),
    indexServerAddress: rawText(info.IndexServerAddress),
    registryMirrors: mirrors,
    insecureRegistries: insecure,
    plugins: {
      volume: pluginNames(plugins, 'Volume'),
      network: pluginNames(plugins, 'Network'),
      log: pluginNames(plugins, 'Log'),
      authorization: pluginNames(plugins, 'Authorization'),
    },
    swarm: {
      state: rawText(swarm.LocalNodeState, 'inactive'),
      controlAvailable: rawFlag(swarm.ControlAvailable),
    },
    securityOptions: rawStrings(info.SecurityOptions),
    liveRestore: rawFlag(info.LiveRestoreEnabled),
    containers: {
      total: rawNumber(info.Containers),
      running: rawNumber(info.ContainersRunning),
      paused: rawNumber(info.ContainersPaused),
      stopped: rawNumber(info.ContainersStopped),
    },
    images: rawNumber(info.Images),
    warnings,
  };
  const optional: Array<[keyof HostInfo, string]> = [
    ['minApiVersion', rawText(version.MinAPIVersion)],
    ['gitCommit', rawText(version.GitCommit)],
    ['goVersion', rawText(version.GoVersion)],
    ['buildTime', rawText(version.BuildTime)],
    ['osVersion', rawText(info.OSVersion)],
  ];
  for (const [key, value] of optional) if (value !== '') Object.assign(host, { [key]: value });
  if (rawText(swarm.NodeID) !== '') host.swarm.nodeId = rawText(swarm.NodeID);
  if (rawText(swarm.Error) !== '') host.swarm.error = rawText(swarm.Error);
  const systemTime = rawEpochMs(info.SystemTime);
  if (systemTime !== undefined) host.systemTime = systemTime;
  return host;
}

/** Running, paused and restarting containers hold their writable layer: not reclaimable (as `docker system df`). */
function isActiveState(state: ContainerState): boolean {
  return state === 'running' || state === 'paused' || state === 'restarting';
}

/**
 * `/system/df` as our {@link DiskUsage}, with totals computed exactly as the docker CLI computes the lines of
 * `docker system df` (cli/command/formatter/disk_usage.go).
 */
export function toDiskUsage(engineId: EngineId, raw: unknown): DiskUsage {
  const df = rawObject(raw);
  const list = (key: string): RawObject[] =>
    Array.isArray(df[key]) ? (df[key] as unknown[]).map(rawObject) : [];

  const images = list('Images').map((image) => ({
    id: rawText(image.Id),
    tags: rawStrings(image.RepoTags).filter((tag) => tag !== '<none>:<none>'),
    created: rawNumber(image.Created) * 1000,
    size: rawNumber(image.Size, -1),
    sharedSize: rawNumber(image.SharedSize, -1),
    containers: rawNumber(image.Containers, -1),
  }));
  const containers = list('Containers').map((container) => ({
    id: rawText(container.Id),
    name: toContainerName(rawStrings(container.Names)),
    image: rawText(container.Image),
    imageId: rawText(container.ImageID),
    state: toContainerState(container.State),
    sizeRw: rawNumber(container.SizeRw),
    sizeRootFs: rawNumber(container.SizeRootFs),
    created: rawNumber(container.Created) * 1000,
  }));
  const volumes = list('Volumes').map((volume) => {
    const usage = rawObject(volume.UsageData);
    const size = rawNumber(usage.Size, -1);
    return {
      name: rawText(volume.Name),
      driver: rawText(volume.Driver, 'local'),
      size: size < 0 ? null : size,
      refCount: rawNumber(usage.RefCount, 0),
    };
  });
  const buildCache = list('BuildCache').map((entry) => {
    const item = {
      id: rawText(entry.ID),
      type: rawText(entry.Type),
      description: rawText(entry.Description),
      size: rawNumber(entry.Size),
      inUse: rawFlag(entry.InUse),
      shared: rawFlag(entry.Shared),
    };
    const lastUsed = rawEpochMs(entry.LastUsedAt);
    return lastUsed === undefined ? item : { ...item, lastUsed };
  });

  // Images: the size is the daemon's LayersSize; what is in use is each used image's own (unshared) size.
  const imagesSize = rawNumber(df.LayersSize);
  let imagesUsed = 0;
  list('Images').forEach((image) => {
    const containersUsing = rawNumber(image.Containers, -1);
    const virtualSize = rawNumber(image.VirtualSize, rawNumber(image.Size, -1));
    const sharedSize = rawNumber(image.SharedSize, -1);
    if (containersUsing !== 0 && virtualSize !== -1 && sharedSize !== -1)
      imagesUsed += virtualSize - sharedSize;
  });
  const imagesTotal: DiskUsageTotal = {
    count: images.length,
    active: images.filter((image) => image.containers > 0).length,
    size: imagesSize,
    reclaimable: imagesSize - imagesUsed,
  };

  const containersTotal: DiskUsageTotal = { count: containers.length, active: 0, size: 0, reclaimable: 0 };
  for (const container of containers) {
    containersTotal.size += container.sizeRw;
    if (isActiveState(container.state)) containersTotal.active += 1;
    else containersTotal.reclaimable += container.sizeRw;
  }

  const volumesTotal: DiskUsageTotal = { count: volumes.length, active: 0, size: 0, reclaimable: 0 };
  for (const volume of volumes) {
    if (volume.refCount > 0) volumesTotal.active += 1;
    if (volume.size === null) continue;
    volumesTotal.size += volume.size;
    if (volume.refCount === 0) volumesTotal.reclaimable += volume.size;
  }

  // The CLI takes the builder's own total (BuilderSize) minus what is in use and not shared.
  const cacheTotal: DiskUsageTotal = { count: buildCache.length, active: 0, size: 0, reclaimable: 0 };
  let cacheInUse = 0;
  for (const entry of buildCache) {
    if (entry.inUse) cacheTotal.active += 1;
    if (!entry.shared) cacheTotal.size += entry.size;
    if (entry.inUse && !entry.shared) cacheInUse += entry.size;
  }
  cacheTotal.reclaimable = rawNumber(df.BuilderSize, cacheTotal.size) - cacheInUse;

  return {
    engineId,
    images,
    containers,
    volumes,
    buildCache,
    totals: {
      images: imagesTotal,
      containers: containersTotal,
      volumes: volumesTotal,
      buildCache: cacheTotal,
    },
  };
}

/** A parsed `/events` entry as a timeline row. */
export function toEngineEvent(engineId: EngineId, seq: number, event: DockerEvent): EngineEvent {
  const row: EngineEvent = {
    engineId,
    seq,
    type: event.type,
    action: event.action,
    actorId: event.actorId,
    attributes: { ...event.attributes },
    time: Number(event.timeNano / 1_000_000n),
    timeNano: event.timeNano.toString(),
  };
  const name = event.attributes.name;
  if (name !== undefined && name !== '') row.actorName = name;
  if (event.scope !== undefined) row.scope = event.scope;
  return row;
}

// ── Container details: stats, inspect, top, files ────────────────────────────────────────────────────────────

type DetailsJson = Record<string, unknown>;

function detailsObject(value: unknown): DetailsJson | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as DetailsJson)
    : undefined;
}

function detailsNumber(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * One `/containers/{id}/stats` sample as `docker stats` reads it: CPU % from the delta to `precpu_stats`
 * (× online CPUs), memory without the inactive page cache (cgroup v1 `total_inactive_file`, v2
 * `inactive_file`), network and block I/O summed over interfaces and devices. `undefined` for a sample that
 * is not an object (a stopped container sends zeros, which map to zeros).
 */
export function toStatsSample(raw: unknown): StatsSample | undefined {
  const stats = detailsObject(raw);
  if (!stats) return undefined;
  const cpu = detailsObject(stats.cpu_stats) ?? {};
  const precpu = detailsObject(stats.precpu_stats) ?? {};
  const cpuUsage = detailsObject(cpu.cpu_usage) ?? {};
  const precpuUsage = detailsObject(precpu.cpu_usage) ?? {};
  const perCpu = Array.isArray(cpuUsage.percpu_usage) ? cpuUsage.percpu_usage.length : 0;
  const onlineCpus = detailsNumber(cpu.online_cpus) || perCpu || 1;
  const cpuDelta = detailsNumber(cpuUsage.total_usage) - detailsNumber(precpuUsage.total_usage);
  const systemDelta = detailsNumber(cpu.system_cpu_usage) - detailsNumber(precpu.system_cpu_usage);
  const cpuPercent = cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;

  const memory = detailsObject(stats.memory_stats) ?? {};
  const memoryDetail = detailsObject(memory.stats) ?? {};
  const usage = detailsNumber(memory.usage);
  const inactive =
    'total_inactive_file' in memoryDetail
      ? detailsNumber(memoryDetail.total_inactive_file)
      : detailsNumber(memoryDetail.inactive_file);
  const memoryUsage = inactive < usage ? usage - inactive : usage;

  let networkRx = 0;
  let networkTx = 0;
  for (const network of Object.values(detailsObject(stats.networks) ?? {})) {
    networkRx += detailsNumber(detailsObject(network)?.rx_bytes);
    networkTx += detailsNumber(detailsObject(network)?.tx_bytes);
  }
  let blockRead = 0;
  let blockWrite = 0;
  const blkio = detailsObject(stats.blkio_stats) ?? {};
  const entries = Array.isArray(blkio.io_service_bytes_recursive) ? blkio.io_service_bytes_recursive : [];
  for (const entry of entries) {
    const item = detailsObject(entry);
    const op = typeof item?.op === 'string' ? item.op.toLowerCase() : '';
    if (op === 'read') blockRead += detailsNumber(item?.value);
    else if (op === 'write') blockWrite += detailsNumber(item?.value);
  }
  const read = typeof stats.read === 'string' ? Date.parse(stats.read) : Number.NaN;
  return {
    time: Number.isFinite(read) && read > 0 ? read : Date.now(),
    cpuPercent,
    onlineCpus,
    memoryUsage,
    memoryLimit: detailsNumber(memory.limit),
    networkRx,
    networkTx,
    blockRead,
    blockWrite,
    pids: detailsNumber(detailsObject(stats.pids_stats)?.current),
  };
}

/** `KEY=value` → `KEY=••••`; an entry without `=` (a bare name) is kept. */
export function maskEnvEntry(entry: string): string {
  const equals = entry.indexOf('=');
  return equals === -1 ? entry : `${entry.slice(0, equals + 1)}${MASKED_VALUE}`;
}

/** The inspect view of a container: the JSON as sent, except every `Config.Env` value masked. */
export function toContainerInspectView(engineId: EngineId, raw: unknown): ContainerInspectView {
  const inspect = structuredClone(detailsObject(raw) ?? {});
  const config = detailsObject(inspect.Config);
  const env: unknown = config?.Env;
  if (config && Array.isArray(env)) {
    config.Env = env.map((entry: unknown) => (typeof entry === 'string' ? maskEnvEntry(entry) : entry));
  }
  const state = detailsObject(inspect.State);
  const name = typeof inspect.Name === 'string' ? inspect.Name.replace(/^\//, '') : '';
  return {
    engineId,
    id: typeof inspect.Id === 'string' ? inspect.Id : '',
    name,
    tty: config?.Tty === true,
    running: state?.Running === true,
    inspect,
  };
}

/** The value of one environment variable of an inspect (the first entry with that name). */
export function envValueOf(raw: unknown, key: string): string | undefined {
  const env = detailsObject(detailsObject(raw)?.Config)?.Env;
  if (!Array.isArray(env)) return undefined;
  for (const entry of env) {
    if (typeof entry === 'string' && entry.startsWith(`${key}=`)) return entry.slice(key.length + 1);
  }
  return undefined;
}

/** `/containers/{id}/top` → titles and rows of strings. */
export function toProcessList(raw: unknown): ContainerProcessList {
  const top = detailsObject(raw) ?? {};
  const titles = Array.isArray(top.Titles) ? top.Titles.map(String) : [];
  const processes = Array.isArray(top.Processes)
    ? top.Processes.filter((row): row is unknown[] => Array.isArray(row)).map((row) => row.map(String))
    : [];
  return { titles, processes };
}

/** Go's `os.FileMode` bits as the archive stat header carries them. */
const goModeDir = 2 ** 31;
const goModeSymlink = 2 ** 27;

/** The `X-Docker-Container-Path-Stat` header (base64 JSON) of a path inside a container. */
export interface ContainerPathStat {
  name: string;
  size: number;
  kind: ContainerFileKind;
  mode: number;
  modified: number;
  linkTarget?: string;
}

export function toContainerPathStat(header: string | undefined): ContainerPathStat | undefined {
  if (!header) return undefined;
  let parsed: DetailsJson | undefined;
  try {
    parsed = detailsObject(JSON.parse(Buffer.from(header, 'base64').toString('utf8')));
  } catch {
    return undefined;
  }
  if (!parsed) return undefined;
  const mode = detailsNumber(parsed.mode);
  const kind: ContainerFileKind =
    mode >= goModeDir
      ? 'directory'
      : Math.floor(mode / goModeSymlink) % 2 === 1
        ? 'symlink'
        : mode < 2 ** 21
          ? 'file'
          : 'other';
  const modified = typeof parsed.mtime === 'string' ? Date.parse(parsed.mtime) : Number.NaN;
  const stat: ContainerPathStat = {
    name: typeof parsed.name === 'string' ? parsed.name : '',
    size: detailsNumber(parsed.size),
    kind,
    mode: mode % 0o1000,
    modified: Number.isFinite(modified) ? modified : 0,
  };
  if (typeof parsed.linkTarget === 'string' && parsed.linkTarget !== '') stat.linkTarget = parsed.linkTarget;
  return stat;
}

/** A tar entry of an archive of `directory`, as a directory entry (its name is the last path segment). */
export function toContainerFileEntry(
  directory: string,
  name: string,
  header: { type: string; size: number; mode: number; mtime: number; linkname?: string },
): ContainerFileEntry {
  const kind: ContainerFileKind =
    header.type === 'file'
      ? 'file'
      : header.type === 'directory'
        ? 'directory'
        : header.type === 'symlink'
          ? 'symlink'
          : 'other';
  const entry: ContainerFileEntry = {
    name,
    path: directory === '/' ? `/${name}` : `${directory}/${name}`,
    kind,
    size: kind === 'file' ? header.size : 0,
    mode: header.mode % 0o1000,
    modified: header.mtime * 1000,
  };
  if (kind === 'symlink' && header.linkname) entry.linkTarget = header.linkname;
  return entry;
}

/** What one stats sample says about a container's use of CPU and memory (main-internal, before any DTO). */
export interface UsageReading {
  /** Cumulative CPU time of the container, in the engine's unit (ns on Linux). */
  cpuTotal: number;
  /** Cumulative CPU time of the whole host (Linux only), same unit. */
  systemCpu?: number;
  /** CPUs the container may use; at least 1. */
  onlineCpus: number;
  /** Memory in use, without the reclaimable page cache, as `docker stats` shows it. */
  memoryBytes?: number;
  memoryLimitBytes?: number;
  /** When the daemon read the sample (epoch ms). */
  readAt: number;
}

interface RawStats {
  read?: unknown;
  cpu_stats?: {
    cpu_usage?: { total_usage?: unknown; percpu_usage?: unknown };
    system_cpu_usage?: unknown;
    online_cpus?: unknown;
  };
  memory_stats?: { usage?: unknown; limit?: unknown; stats?: Record<string, unknown> };
}

const finiteNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

/**
 * Reads a `GET /containers/{id}/stats?stream=false` body. A container that is not running answers with empty
 * stats (no read time, no CPU), which reads as `undefined`.
 */
export function toUsageReading(raw: unknown): UsageReading | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const stats = raw as RawStats;
  const readAt = typeof stats.read === 'string' ? Date.parse(stats.read) : Number.NaN;
  const cpuTotal = finiteNumber(stats.cpu_stats?.cpu_usage?.total_usage);
  // Go's zero time (0001-01-01) is what a stopped container reports.
  if (!Number.isFinite(readAt) || readAt <= 0 || cpuTotal === undefined) return undefined;
  const perCpu = stats.cpu_stats?.cpu_usage?.percpu_usage;
  const onlineCpus =
    finiteNumber(stats.cpu_stats?.online_cpus) || (Array.isArray(perCpu) ? perCpu.length : 0) || 1;
  const reading: UsageReading = { cpuTotal, onlineCpus, readAt };
  const systemCpu = finiteNumber(stats.cpu_stats?.system_cpu_usage);
  if (systemCpu !== undefined && systemCpu > 0) reading.systemCpu = systemCpu;
  const usage = finiteNumber(stats.memory_stats?.usage);
  if (usage !== undefined) {
    // As the docker CLI: cgroup v1 reports total_inactive_file, v2 inactive_file; both are reclaimable cache.
    const memory = stats.memory_stats?.stats ?? {};
    const inactive = finiteNumber(memory.total_inactive_file) ?? finiteNumber(memory.inactive_file);
    reading.memoryBytes = inactive !== undefined && inactive < usage ? usage - inactive : usage;
  }
  const limit = finiteNumber(stats.memory_stats?.limit);
  if (limit !== undefined && limit > 0) reading.memoryLimitBytes = limit;
  return reading;
}

/**
 * CPU use between two readings of one container, in percent of one CPU (so 4 busy CPUs read 400 %), computed as
 * the docker CLI does from the container's and the host's CPU time deltas. One-shot stats carry no previous
 * sample (`precpu_stats` is empty), so the caller keeps its own. `undefined` when the two cannot be compared.
 */
export function cpuPercentBetween(previous: UsageReading, next: UsageReading): number | undefined {
  const cpuDelta = next.cpuTotal - previous.cpuTotal;
  if (cpuDelta < 0 || next.readAt <= previous.readAt) return undefined;
  if (next.systemCpu !== undefined && previous.systemCpu !== undefined) {
    const systemDelta = next.systemCpu - previous.systemCpu;
    if (systemDelta <= 0) return undefined;
    return (cpuDelta / systemDelta) * next.onlineCpus * 100;
  }
  // Without host CPU time (Windows engines), measure against the wall clock between the two reads.
  const elapsedNs = (next.readAt - previous.readAt) * 1e6;
  return (cpuDelta / elapsedNs) * 100;
}

// ---------------------------------------------------------------------------------------------------------------
// Images. `/images/json` and `/images/{id}/json` differ between API versions (VirtualSize went away in 1.44,
// RepoTags may be null or hold `<none>:<none>`); everything is read defensively.

const NONE_TAG = '<none>:<none>';
const NONE_DIGEST = '<none>@<none>';

function imageStrings(value: unknown, placeholder: string): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is string => typeof item === 'string' && item !== '' && item !== placeholder,
  );
}

function imageStringMap(value: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return map;
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') map[key] = entry;
  return map;
}

function imageNumber(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The one place a `/images/json` entry becomes our {@link ImageSummary}; `containers` comes from the containers list. */
export function toImageSummary(
  engineId: EngineId,
  info: Dockerode.ImageInfo,
  containers: number,
): ImageSummary {
  const repoTags = imageStrings(info.RepoTags, NONE_TAG);
  return {
    engineId,
    id: info.Id,
    repoTags,
    repoDigests: imageStrings(info.RepoDigests, NONE_DIGEST),
    size: imageNumber(info.Size),
    created: imageNumber(info.Created) * 1000,
    labels: imageStringMap(info.Labels),
    dangling: repoTags.length === 0,
    containers,
  };
}

/** `KEY=value` lines of an image's `Env`, split at the first `=`. */
export function toEnvVariables(env: unknown): EnvVariable[] {
  return imageStrings(env, '').map((line) => {
    const equals = line.indexOf('=');
    return equals === -1
      ? { name: line, value: '' }
      : { name: line.slice(0, equals), value: line.slice(equals + 1) };
  });
}

/** One entry of `/images/{id}/history`. */
export function toImageLayer(entry: unknown): ImageLayer {
  const raw = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  return {
    id: typeof raw.Id === 'string' && raw.Id !== '' ? raw.Id : '<missing>',
    created: imageNumber(raw.Created) * 1000,
    createdBy: typeof raw.CreatedBy === 'string' ? raw.CreatedBy : '',
    size: imageNumber(raw.Size),
    comment: typeof raw.Comment === 'string' ? raw.Comment : '',
    tags: imageStrings(raw.Tags, NONE_TAG),
  };
}

/** Replaces every `Env` value of an inspect document with a mask, keeping the names. */
function maskInspectEnv(inspect: Record<string, unknown>): Record<string, unknown> {
  const masked: Record<string, unknown> = { ...inspect };
  for (const key of ['Config', 'ContainerConfig']) {
    const config = inspect[key];
    if (typeof config !== 'object' || config === null) continue;
    const env = (config as { Env?: unknown }).Env;
    masked[key] = {
      ...config,
      ...(Array.isArray(env)
        ? { Env: toEnvVariables(env).map((variable) => `${variable.name}=${IMAGE_ENV_MASK}`) }
        : {}),
    };
  }
  return masked;
}

/** What replaces an environment value in the inspect text. */
export const IMAGE_ENV_MASK = '••••••';

/** `/images/{id}/json` + `/images/{id}/history` + the containers using it → {@link ImageDetails}. */
export function toImageDetails(
  engineId: EngineId,
  inspect: Dockerode.ImageInspectInfo,
  history: unknown,
  usedBy: ImageUser[],
): ImageDetails {
  const config = (inspect.Config ?? {}) as Partial<Dockerode.ImageInspectInfo['Config']>;
  const created = Date.parse(inspect.Created);
  const list = (value: unknown): string[] => (typeof value === 'string' ? [value] : imageStrings(value, ''));
  return {
    engineId,
    id: inspect.Id,
    repoTags: imageStrings(inspect.RepoTags, NONE_TAG),
    repoDigests: imageStrings(inspect.RepoDigests, NONE_DIGEST),
    size: imageNumber(inspect.Size),
    created: Number.isFinite(created) ? created : 0,
    architecture: inspect.Architecture ?? '',
    os: inspect.Os ?? '',
    author: inspect.Author ?? '',
    labels: imageStringMap(config.Labels),
    cmd: list(config.Cmd),
    entrypoint: list(config.Entrypoint),
    workingDir: config.WorkingDir ?? '',
    user: config.User ?? '',
    exposedPorts: Object.keys(config.ExposedPorts ?? {}).sort(),
    volumes: Object.keys(config.Volumes ?? {}).sort(),
    env: toEnvVariables(config.Env),
    history: Array.isArray(history) ? history.map(toImageLayer) : [],
    usedBy,
    inspect: JSON.stringify(maskInspectEnv(inspect as unknown as Record<string, unknown>), null, 2),
  };
}
