import type {
  ContainerState,
  DiskUsage,
  DiskUsageTotal,
  EngineEvent,
  EngineId,
  SystemInfo,
} from '../../../common';
import { toContainerName, toContainerState } from '../containers/mappers';
import type { DockerEvent } from '../engine/events';
import { epochMs, flag, type JsonObject, list, num, record, strings, text } from '../engine/readers';

// The daemon's own description (`/info`, `/version`), its disk usage (`/system/df`) and its events, mapped to
// Berth's DTOs.

function pluginNames(plugins: JsonObject, key: string): string[] {
  return strings(plugins[key]);
}

/** `/info` and `/version` as our {@link SystemInfo}. */
export function toHostInfo(engineId: EngineId, rawInfo: unknown, rawVersion: unknown): SystemInfo {
  const info = record(rawInfo);
  const version = record(rawVersion);
  const registry = record(info.RegistryConfig);
  const indexConfigs = Object.values(record(registry.IndexConfigs)).map(record);
  const insecure = [
    ...strings(registry.InsecureRegistryCIDRs),
    ...indexConfigs.filter((config) => config.Secure === false).map((config) => text(config.Name)),
  ].filter((entry, index, all) => entry !== '' && all.indexOf(entry) === index);
  const mirrors = [
    ...strings(registry.Mirrors),
    ...indexConfigs.flatMap((config) => strings(config.Mirrors)),
  ].filter((entry, index, all) => all.indexOf(entry) === index);
  const plugins = record(info.Plugins);
  const swarm = record(info.Swarm);
  const warnings = strings(info.Warnings);
  const host: SystemInfo = {
    engineId,
    name: text(info.Name),
    engineVersion: text(version.Version, text(info.ServerVersion)),
    apiVersion: text(version.ApiVersion),
    experimental: flag(version.Experimental) || flag(info.ExperimentalBuild),
    components: list(version.Components)
      .map(record)
      .map((component) => ({ name: text(component.Name), version: text(component.Version) }))
      .filter((component) => component.name !== '' && component.name !== 'Engine'),
    operatingSystem: text(info.OperatingSystem),
    osType: text(info.OSType, text(version.Os)),
    kernelVersion: text(info.KernelVersion, text(version.KernelVersion)),
    architecture: text(info.Architecture, text(version.Arch)),
    cpus: num(info.NCPU),
    memoryBytes: num(info.MemTotal),
    storageDriver: text(info.Driver),
    storageDriverStatus: list(info.DriverStatus)
      .filter((pair): pair is unknown[] => Array.isArray(pair) && pair.length >= 2)
      .map((pair): [string, string] => [text(pair[0]), text(pair[1])]),
    loggingDriver: text(info.LoggingDriver),
    cgroupDriver: text(info.CgroupDriver),
    cgroupVersion: text(info.CgroupVersion),
    dataRoot: text(info.DockerRootDir),
    runtimes: Object.keys(record(info.Runtimes)).sort(),
    defaultRuntime: text(info.DefaultRuntime),
    indexServerAddress: text(info.IndexServerAddress),
    registryMirrors: mirrors,
    insecureRegistries: insecure,
    plugins: {
      volume: pluginNames(plugins, 'Volume'),
      network: pluginNames(plugins, 'Network'),
      log: pluginNames(plugins, 'Log'),
      authorization: pluginNames(plugins, 'Authorization'),
    },
    swarm: {
      state: text(swarm.LocalNodeState, 'inactive'),
      controlAvailable: flag(swarm.ControlAvailable),
    },
    securityOptions: strings(info.SecurityOptions),
    liveRestore: flag(info.LiveRestoreEnabled),
    containers: {
      total: num(info.Containers),
      running: num(info.ContainersRunning),
      paused: num(info.ContainersPaused),
      stopped: num(info.ContainersStopped),
    },
    images: num(info.Images),
    warnings,
  };
  const optional: Array<[keyof SystemInfo, string]> = [
    ['minApiVersion', text(version.MinAPIVersion)],
    ['gitCommit', text(version.GitCommit)],
    ['goVersion', text(version.GoVersion)],
    ['buildTime', text(version.BuildTime)],
    ['osVersion', text(info.OSVersion)],
  ];
  for (const [key, value] of optional) if (value !== '') Object.assign(host, { [key]: value });
  if (text(swarm.NodeID) !== '') host.swarm.nodeId = text(swarm.NodeID);
  if (text(swarm.Error) !== '') host.swarm.error = text(swarm.Error);
  const systemTime = epochMs(info.SystemTime);
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
  const df = record(raw);
  const objects = (key: string): JsonObject[] => list(df[key]).map(record);

  const images = objects('Images').map((image) => ({
    id: text(image.Id),
    tags: strings(image.RepoTags).filter((tag) => tag !== '<none>:<none>'),
    created: num(image.Created) * 1000,
    size: num(image.Size, -1),
    sharedSize: num(image.SharedSize, -1),
    containers: num(image.Containers, -1),
  }));
  const containers = objects('Containers').map((container) => ({
    id: text(container.Id),
    name: toContainerName(strings(container.Names)),
    image: text(container.Image),
    imageId: text(container.ImageID),
    state: toContainerState(container.State),
    sizeRw: num(container.SizeRw),
    sizeRootFs: num(container.SizeRootFs),
    created: num(container.Created) * 1000,
  }));
  const volumes = objects('Volumes').map((volume) => {
    const usage = record(volume.UsageData);
    const size = num(usage.Size, -1);
    return {
      name: text(volume.Name),
      driver: text(volume.Driver, 'local'),
      size: size < 0 ? null : size,
      refCount: num(usage.RefCount, 0),
    };
  });
  const buildCache = objects('BuildCache').map((entry) => {
    const item = {
      id: text(entry.ID),
      type: text(entry.Type),
      description: text(entry.Description),
      size: num(entry.Size),
      inUse: flag(entry.InUse),
      shared: flag(entry.Shared),
    };
    const lastUsed = epochMs(entry.LastUsedAt);
    return lastUsed === undefined ? item : { ...item, lastUsed };
  });

  // Images: the size is the daemon's LayersSize; what is in use is each used image's own (unshared) size.
  const imagesSize = num(df.LayersSize);
  let imagesUsed = 0;
  objects('Images').forEach((image) => {
    const containersUsing = num(image.Containers, -1);
    const virtualSize = num(image.VirtualSize, num(image.Size, -1));
    const sharedSize = num(image.SharedSize, -1);
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
  cacheTotal.reclaimable = num(df.BuilderSize, cacheTotal.size) - cacheInUse;

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
