import type { MantineColor } from '@mantine/core';

import {
  type ContainerState,
  type ContainerSummary,
  type ContainerUsage,
  type EngineId,
  formatBytes,
  type PortBinding,
} from '../../../electron/common/bridge';
import { compareText } from '../../lib/collate';
import { itemKey } from '../../lib/merge';

const PROTOCOL_ORDER: Record<PortBinding['protocol'], number> = { tcp: 0, udp: 1, sctp: 2 };

/** IPv4 before IPv6, unpublished last, so `0.0.0.0:80` and `[::]:80` sit together in a stable order. */
function hostRank(port: PortBinding): number {
  if (port.publicPort === undefined) return 2;
  return port.hostIp?.includes(':') ? 1 : 0;
}

function formatHost(hostIp: string | undefined): string {
  if (hostIp === undefined || hostIp === '') return '';
  return hostIp.includes(':') ? `[${hostIp}]:` : `${hostIp}:`;
}

/** One port as the user reads it: `0.0.0.0:8080→80/tcp`, `[::]:8080→80/tcp`, or `80/tcp` when unpublished. */
export function formatPort(port: PortBinding): string {
  const target = `${port.privatePort}/${port.protocol}`;
  if (port.publicPort === undefined) return target;
  return `${formatHost(port.hostIp)}${port.publicPort}→${target}`;
}

/**
 * The ports of a container, in a deterministic order (container port, protocol, IPv4 before IPv6, host
 * port) and without duplicates, joined by `, `. The daemon's own order varies between calls.
 */
export function formatPorts(ports: readonly PortBinding[]): string {
  const sorted = [...ports].sort(
    (a, b) =>
      a.privatePort - b.privatePort ||
      PROTOCOL_ORDER[a.protocol] - PROTOCOL_ORDER[b.protocol] ||
      hostRank(a) - hostRank(b) ||
      (a.publicPort ?? 0) - (b.publicPort ?? 0) ||
      (a.hostIp ?? '').localeCompare(b.hostIp ?? ''),
  );
  return [...new Set(sorted.map(formatPort))].join(', ');
}

const STATE_COLORS: Record<ContainerState, MantineColor> = {
  running: 'green',
  restarting: 'orange',
  paused: 'yellow',
  created: 'blue',
  removing: 'grape',
  exited: 'gray',
  dead: 'red',
};

/** The Mantine color of a container state's badge. */
export function stateColor(state: ContainerState): MantineColor {
  return STATE_COLORS[state];
}

/** Whether Start makes sense: a paused container needs unpause, a dead one cannot start. */
export function canStart(state: ContainerState): boolean {
  return state === 'created' || state === 'exited';
}

/** Whether Stop makes sense: `docker stop` also stops restarting and paused containers. */
export function canStop(state: ContainerState): boolean {
  return state === 'running' || state === 'restarting' || state === 'paused';
}

/** Whether Pause makes sense (only a running container can be frozen). */
export function canPause(state: ContainerState): boolean {
  return state === 'running';
}

export function canUnpause(state: ContainerState): boolean {
  return state === 'paused';
}

/** Whether Kill makes sense: there is a process to signal. */
export function canKill(state: ContainerState): boolean {
  return state === 'running' || state === 'paused' || state === 'restarting';
}

/** Whether Restart makes sense (`docker restart` also starts a stopped container). */
export function canRestart(state: ContainerState): boolean {
  return state !== 'removing' && state !== 'dead';
}

/** Running, paused or restarting: the "running" filter, as `docker ps` without `-a` lists them. */
export function isActive(state: ContainerState): boolean {
  return state === 'running' || state === 'paused' || state === 'restarting';
}

/** Whether removing needs `force` (the daemon refuses to remove a container that is not stopped). */
export function removeNeedsForce(state: ContainerState): boolean {
  return canStop(state);
}

const SHA256_ID = /^(?:sha256:)?([0-9a-f]{64})$/;
const DIGEST = /@sha256:([0-9a-f]{64})$/;

/**
 * A readable image reference: a bare image id (`sha256:<64 hex>` or `<64 hex>`) becomes its 12-character
 * short id as the docker CLI prints it, a digest reference keeps its name with a 12-character digest, and
 * tags are kept.
 */
export function shortImageName(image: string): string {
  const id = SHA256_ID.exec(image);
  if (id?.[1] !== undefined) return id[1].slice(0, 12);
  const digest = DIGEST.exec(image);
  if (digest?.[1] !== undefined) return `${image.slice(0, digest.index)}@sha256:${digest[1].slice(0, 12)}`;
  return image;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function ago(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
}

/** How long ago `created` (epoch ms) was, relative to `now`: `just now`, `5 minutes ago`, `2 years ago`. */
export function formatCreated(created: number, now: number): string {
  const elapsed = now - created;
  // A daemon clock slightly ahead of ours reads as "just now", not as the future.
  if (elapsed < SECOND) return 'just now';
  if (elapsed < MINUTE) return ago(Math.floor(elapsed / SECOND), 'second');
  if (elapsed < HOUR) return ago(Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return ago(Math.floor(elapsed / HOUR), 'hour');
  const days = Math.floor(elapsed / DAY);
  if (days < 14) return ago(days, 'day');
  if (days < 60) return ago(Math.floor(days / 7), 'week');
  if (days < 365) return ago(Math.floor(days / 30), 'month');
  return ago(Math.floor(days / 365), 'year');
}

/** The label Compose puts on every container of a project. */
const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';

/** The Compose project a container belongs to, if any. */
export function composeProject(container: ContainerSummary): string | undefined {
  const project = container.labels[COMPOSE_PROJECT_LABEL];
  return project === undefined || project === '' ? undefined : project;
}

/** CPU use as `docker stats` prints it: `0.00%`, `12.34%`, `203.10%`. */
export function formatCpu(percent: number | undefined): string {
  return percent === undefined || !Number.isFinite(percent) ? '—' : `${percent.toFixed(2)}%`;
}

/** Memory in use, in the CLI's units: `12.5MB`. */
export function formatMemory(usage: ContainerUsage | undefined): string {
  return usage?.memoryBytes === undefined ? '—' : formatBytes(usage.memoryBytes);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

/**
 * The URL a published port answers on, for the system browser: `http://localhost:8080/` for a port published on
 * every interface of a local engine, the engine's own host for a remote one, the bound address when it is
 * specific. Only TCP ports have one; `https` for the usual TLS ports.
 */
export function portUrl(port: PortBinding, engineAddress?: string): string | undefined {
  if (port.publicPort === undefined || port.protocol !== 'tcp') return undefined;
  let host = 'localhost';
  const remote = /^(?:tcp|ssh|https?):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)/i.exec(engineAddress ?? '');
  if (remote?.[1] !== undefined && !LOOPBACK_HOSTS.has(remote[1].replace(/^\[|\]$/g, ''))) host = remote[1];
  const bound = port.hostIp;
  if (bound !== undefined && bound !== '' && bound !== '0.0.0.0' && bound !== '::') {
    host = bound.includes(':') ? `[${bound}]` : bound;
  }
  const scheme = port.privatePort === 443 || port.privatePort === 8443 ? 'https' : 'http';
  return `${scheme}://${host}:${port.publicPort}/`;
}

/** The columns the list can be sorted by. */
export type ContainerSortKey =
  'host' | 'name' | 'image' | 'state' | 'status' | 'created' | 'ports' | 'cpu' | 'memory' | 'project';
export type SortDirection = 'asc' | 'desc';

/** Running first, then the states that still need attention, then the stopped ones. */
const STATE_RANK: Record<ContainerState, number> = {
  running: 0,
  restarting: 1,
  paused: 2,
  removing: 3,
  created: 4,
  exited: 5,
  dead: 6,
};

type Compare = (a: ContainerSummary, b: ContainerSummary) => number;

/** The first published host port (or exposed port) of a container, for sorting by ports. */
function firstPort(container: ContainerSummary): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (const port of container.ports) lowest = Math.min(lowest, port.publicPort ?? port.privatePort + 65536);
  return lowest;
}

/**
 * Usage by container, keyed by `itemKey` (engine and id: ids can repeat across hosts), for sorting by CPU and
 * memory; rows without a sample sort last.
 */
export type UsageById = ReadonlyMap<string, ContainerUsage>;

/** The name of a host, for the Host column and its sort. */
export type HostNameOf = (engineId: EngineId) => string;

function compareBy(key: ContainerSortKey, usage: UsageById | undefined, hostName?: HostNameOf): Compare {
  const sample = (container: ContainerSummary) => usage?.get(itemKey(container));
  switch (key) {
    case 'host':
      return (a, b) => (hostName === undefined ? 0 : compareText(hostName(a.engineId), hostName(b.engineId)));
    case 'name':
      return (a, b) => compareText(a.name, b.name);
    case 'image':
      return (a, b) => compareText(a.image, b.image);
    case 'state':
      return (a, b) => STATE_RANK[a.state] - STATE_RANK[b.state];
    case 'status':
      return (a, b) => compareText(a.status, b.status);
    case 'created':
      return (a, b) => a.created - b.created;
    case 'ports':
      return (a, b) => firstPort(a) - firstPort(b);
    case 'project':
      return (a, b) => compareText(composeProject(a) ?? '\uffff', composeProject(b) ?? '\uffff');
    case 'cpu':
      return (a, b) => (sample(a)?.cpuPercent ?? 0) - (sample(b)?.cpuPercent ?? 0);
    case 'memory':
      return (a, b) => (sample(a)?.memoryBytes ?? 0) - (sample(b)?.memoryBytes ?? 0);
  }
}

/** For CPU and memory, whether a row has a value at all: rows without one sort last in both directions. */
function hasValue(key: ContainerSortKey, usage: UsageById | undefined, container: ContainerSummary): boolean {
  if (key === 'cpu') return usage?.get(itemKey(container))?.cpuPercent !== undefined;
  if (key === 'memory') return usage?.get(itemKey(container))?.memoryBytes !== undefined;
  return true;
}

/**
 * A comparator for `key` and `direction`, with the stable tie-breaks of {@link sortContainers}. `hostName`
 * names the hosts for the Host column (All hosts); without it that column does not order anything.
 */
export function containerComparator(
  key: ContainerSortKey,
  direction: SortDirection,
  usage?: UsageById,
  hostName?: HostNameOf,
): Compare {
  const primary = compareBy(key, usage, hostName);
  const byName = compareBy('name', undefined);
  const sign = direction === 'asc' ? 1 : -1;
  const usageKey = key === 'cpu' || key === 'memory';
  return (a, b) =>
    (usageKey ? Number(hasValue(key, usage, b)) - Number(hasValue(key, usage, a)) : 0) ||
    sign * primary(a, b) ||
    byName(a, b) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
    (a.engineId < b.engineId ? -1 : a.engineId > b.engineId ? 1 : 0);
}

/**
 * A sorted copy of `items`. Ties break by name, then id, always ascending, so equal keys keep one
 * order whichever way the column is sorted and rows do not jump between updates.
 */
export function sortContainers(
  items: readonly ContainerSummary[],
  key: ContainerSortKey,
  direction: SortDirection,
  usage?: UsageById,
): ContainerSummary[] {
  return [...items].sort(containerComparator(key, direction, usage));
}
