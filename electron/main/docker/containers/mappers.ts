import type Dockerode from 'dockerode';

import type { ContainerState, ContainerSummary, EngineId, PortBinding } from '../../../common';
import type { DockerEvent } from '../engine/events';
import { count, stringMap } from '../engine/readers';

// Docker containers (`/containers/json`, one-shot stats) mapped to Berth's DTOs, in one place.

/** Label Berth puts on its own short-lived helper containers, which are not "users" of a volume or network. */
export const HELPER_LABEL = 'io.berth.helper';

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
export function toContainerSummary(
  engineId: EngineId,
  info: Dockerode.ContainerInfo & { RestartCount?: number },
): ContainerSummary {
  const labels = stringMap(info.Labels);
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
    ...(typeof info.RestartCount === 'number' ? { restartCount: info.RestartCount } : {}),
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
    a.restartCount !== b.restartCount ||
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

/**
 * Reads a `GET /containers/{id}/stats?stream=false` body. A container that is not running answers with empty
 * stats (no read time, no CPU), which reads as `undefined`.
 */
export function toUsageReading(raw: unknown): UsageReading | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const stats = raw as RawStats;
  const readAt = typeof stats.read === 'string' ? Date.parse(stats.read) : Number.NaN;
  const cpuTotal = count(stats.cpu_stats?.cpu_usage?.total_usage);
  // Go's zero time (0001-01-01) is what a stopped container reports.
  if (!Number.isFinite(readAt) || readAt <= 0 || cpuTotal === undefined) return undefined;
  const perCpu = stats.cpu_stats?.cpu_usage?.percpu_usage;
  const onlineCpus = count(stats.cpu_stats?.online_cpus) || (Array.isArray(perCpu) ? perCpu.length : 0) || 1;
  const reading: UsageReading = { cpuTotal, onlineCpus, readAt };
  const systemCpu = count(stats.cpu_stats?.system_cpu_usage);
  if (systemCpu !== undefined && systemCpu > 0) reading.systemCpu = systemCpu;
  const usage = count(stats.memory_stats?.usage);
  if (usage !== undefined) {
    // As the docker CLI: cgroup v1 reports total_inactive_file, v2 inactive_file; both are reclaimable cache.
    const memory = stats.memory_stats?.stats ?? {};
    const inactive = count(memory.total_inactive_file) ?? count(memory.inactive_file);
    reading.memoryBytes = inactive !== undefined && inactive < usage ? usage - inactive : usage;
  }
  const limit = count(stats.memory_stats?.limit);
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

/**
 * The row as a container event alone says it is now, for a hidden window (no request; the exact row, with the
 * daemon's own status text, is fetched when the window is shown). `undefined` when the event says too little.
 */
export function patchContainerFromEvent(
  row: ContainerSummary,
  event: DockerEvent,
): ContainerSummary | undefined {
  const [verb = '', detail = ''] = event.action.split(':', 2).map((part) => part.trim());
  const withoutSuffix = row.status.replace(/ \((?:Paused|healthy|unhealthy|health: starting)\)$/, '');
  switch (verb) {
    case 'start':
    case 'restart':
      return { ...row, state: 'running', status: 'Up Less than a second' };
    case 'unpause':
      return { ...row, state: 'running', status: withoutSuffix };
    case 'pause':
      return { ...row, state: 'paused', status: `${withoutSuffix} (Paused)` };
    case 'die':
      return {
        ...row,
        state: 'exited',
        status: `Exited (${event.attributes.exitCode ?? '?'}) Less than a second ago`,
      };
    case 'health_status':
      return detail === '' ? undefined : { ...row, status: `${withoutSuffix} (${detail})` };
    case 'rename':
      return event.attributes.name ? { ...row, name: event.attributes.name.replace(/^\//, '') } : undefined;
    default:
      return undefined;
  }
}
