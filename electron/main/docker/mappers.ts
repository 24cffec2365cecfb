import type Dockerode from 'dockerode';

import type { ContainerState, ContainerSummary, EngineId, PortBinding } from '../../common';

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
