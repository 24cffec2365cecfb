import type { ContainerState } from '../containers/types';
import type { EngineId } from '../hosts/engine';

/** A component the daemon reports in `/version` (containerd, runc, docker-init…). */
export interface SystemComponent {
  name: string;
  version: string;
}

/** The Docker host as `/info` and `/version` describe it. */
export interface SystemInfo {
  engineId: EngineId;
  /** The daemon's host name. */
  name: string;
  engineVersion: string;
  apiVersion: string;
  minApiVersion?: string;
  gitCommit?: string;
  goVersion?: string;
  buildTime?: string;
  experimental: boolean;
  components: SystemComponent[];
  operatingSystem: string;
  osType: string;
  osVersion?: string;
  kernelVersion: string;
  architecture: string;
  cpus: number;
  memoryBytes: number;
  storageDriver: string;
  /** The storage driver's own report (`Backing Filesystem`, `Supports d_type`…), in the daemon's order. */
  storageDriverStatus: Array<[string, string]>;
  loggingDriver: string;
  cgroupDriver: string;
  cgroupVersion: string;
  dataRoot: string;
  runtimes: string[];
  defaultRuntime: string;
  indexServerAddress: string;
  registryMirrors: string[];
  /** Insecure registries: CIDRs and host names (`InsecureRegistryCIDRs` and non-secure index configs). */
  insecureRegistries: string[];
  plugins: { volume: string[]; network: string[]; log: string[]; authorization: string[] };
  swarm: {
    /** `inactive`, `pending`, `active`, `error`, `locked`. */
    state: string;
    nodeId?: string;
    /** This node is a manager. */
    controlAvailable: boolean;
    error?: string;
  };
  securityOptions: string[];
  liveRestore: boolean;
  containers: { total: number; running: number; paused: number; stopped: number };
  images: number;
  /** Warnings the daemon reports about its own configuration. */
  warnings: string[];
  /** Epoch milliseconds of the daemon's clock when it answered. */
  systemTime?: number;
}

/** A total line of the disk usage, as `docker system df` prints it. */
export interface DiskUsageTotal {
  count: number;
  active: number;
  /** Bytes. */
  size: number;
  /** Bytes that pruning would free. */
  reclaimable: number;
}

export interface DiskUsageImage {
  id: string;
  tags: string[];
  created: number;
  size: number;
  sharedSize: number;
  /** Containers using it (`-1` when the daemon did not count). */
  containers: number;
}

export interface DiskUsageContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  state: ContainerState;
  /** Bytes written in its writable layer. */
  sizeRw: number;
  sizeRootFs: number;
  created: number;
}

export interface DiskUsageVolume {
  name: string;
  driver: string;
  /** Bytes; `null` when not measurable. */
  size: number | null;
  /** Containers that reference it. */
  refCount: number;
}

export interface DiskUsageBuildCache {
  id: string;
  type: string;
  description: string;
  size: number;
  inUse: boolean;
  shared: boolean;
  lastUsed?: number;
}

/** `docker system df -v`: what uses disk space on the host. */
export interface DiskUsage {
  engineId: EngineId;
  images: DiskUsageImage[];
  containers: DiskUsageContainer[];
  volumes: DiskUsageVolume[];
  buildCache: DiskUsageBuildCache[];
  totals: {
    images: DiskUsageTotal;
    containers: DiskUsageTotal;
    volumes: DiskUsageTotal;
    buildCache: DiskUsageTotal;
  };
}

/** The choices of `docker system prune`. */
export interface SystemPruneOptions {
  engineId: EngineId;
  /** `--volumes`. */
  volumes: boolean;
  /** `--all`: every unused image, not only dangling ones, and all build cache. */
  allImages: boolean;
}

/** What `docker system prune` with these options would remove now, computed from the lists. */
export interface SystemPrunePreview {
  options: SystemPruneOptions;
  containers: Array<{ id: string; name: string; state: ContainerState; size: number }>;
  networks: Array<{ id: string; name: string }>;
  images: Array<{ id: string; tags: string[]; size: number }>;
  /** References removed from images that stay (in use, or with a child that stays): `docker image prune -a` untags all but one. */
  untagged: string[];
  volumes: Array<{ name: string; size: number | null }>;
  buildCache: Array<{ id: string; description: string; size: number }>;
  /** The sum of the sizes above (an estimate: shared image layers may count more than once). */
  reclaimableBytes: number;
  /** Volume prune on Engine API ≥ 1.42 only removes anonymous volumes; true when that applies. */
  anonymousVolumesOnly: boolean;
}

/** What the prune endpoints answered. */
export interface SystemPruneResult {
  containers: string[];
  networks: string[];
  /** `untagged: …` and `deleted: …` lines, as the daemon reports them. */
  images: string[];
  volumes: string[];
  buildCache: string[];
  reclaimedBytes: number;
  /** Steps that failed (the others still ran), in the daemon's words. */
  failures: string[];
  /**
   * How what was removed differs from the last preview with the same options (something changed meanwhile), in
   * words; empty when it matched exactly, absent when there was no preview to compare with.
   */
  differences?: string[];
}

/** One daemon event in the timeline. */
export interface EngineEvent {
  engineId: EngineId;
  /** Arrival order in main, per engine; a cursor for `since`. */
  seq: number;
  /** `container`, `image`, `volume`, `network`, `daemon`, `plugin`… */
  type: string;
  action: string;
  actorId: string;
  /** The actor's name when the daemon says (`name` attribute), else absent. */
  actorName?: string;
  attributes: Record<string, string>;
  scope?: string;
  /** Epoch milliseconds. */
  time: number;
  /** Nanoseconds since the epoch, exact, as a decimal string. */
  timeNano: string;
}

export interface EventsRequest {
  engineId: EngineId;
  /** Only events with `seq` above this (what the caller already has); all buffered ones when absent. */
  sinceSeq?: number;
}

/** The buffered events of an engine, oldest first. */
export interface EventsPage {
  engineId: EngineId;
  events: EngineEvent[];
  /** The highest `seq` handed out so far (0 when none). */
  lastSeq: number;
  /** At most this many events are kept per engine; older ones are dropped. */
  capacity: number;
}

/** New events pushed to the renderer, batched (at most ten pushes a second). */
export interface EventsBatch {
  engineId: EngineId;
  events: EngineEvent[];
}
