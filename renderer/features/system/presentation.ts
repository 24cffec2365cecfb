import {
  type DiskUsage,
  type DiskUsageTotal,
  type EngineEvent,
  formatBytes,
  type SystemInfo,
  type SystemPrunePreview,
} from '../../../electron/common/bridge';

/** One line of `docker system df`. */
interface DiskUsageRow {
  type: 'Images' | 'Containers' | 'Local Volumes' | 'Build Cache';
  total: number;
  active: number;
  size: string;
  reclaimable: string;
}

/**
 * The reclaimable column as the docker CLI prints it: the size with its share of the total in whole percent
 * when there is a total (`20MB (28%)`), the bare size otherwise (`0B`).
 */
export function formatReclaimable(total: DiskUsageTotal): string {
  if (total.size <= 0) return formatBytes(total.reclaimable);
  return `${formatBytes(total.reclaimable)} (${Math.trunc((100 * total.reclaimable) / total.size)}%)`;
}

/** The four lines of `docker system df`, in its order. */
export function diskUsageRows(usage: DiskUsage): DiskUsageRow[] {
  const row = (type: DiskUsageRow['type'], total: DiskUsageTotal): DiskUsageRow => ({
    type,
    total: total.count,
    active: total.active,
    size: formatBytes(total.size),
    reclaimable: formatReclaimable(total),
  });
  return [
    row('Images', usage.totals.images),
    row('Containers', usage.totals.containers),
    row('Local Volumes', usage.totals.volumes),
    row('Build Cache', usage.totals.buildCache),
  ];
}

/** `Debian GNU/Linux 12 (bookworm), kernel 6.1.0, x86_64`. */
export function formatPlatform(host: SystemInfo): string {
  return `${host.operatingSystem || host.osType}, kernel ${host.kernelVersion}, ${host.architecture}`;
}

/** The swarm state in words. */
export function formatSwarm(host: SystemInfo): string {
  const { swarm } = host;
  if (swarm.state === 'inactive') return 'Not part of a swarm';
  const role = swarm.controlAvailable ? 'manager' : 'worker';
  const base = swarm.state === 'active' ? `Active (${role})` : swarm.state;
  return swarm.error !== undefined ? `${base}: ${swarm.error}` : base;
}

/** How many things a prune preview lists, and their total size, per kind. */
export function prunePreviewSummary(preview: SystemPrunePreview): Array<{ label: string; count: number }> {
  return [
    { label: 'stopped containers', count: preview.containers.length },
    { label: 'unused networks', count: preview.networks.length },
    { label: preview.options.allImages ? 'unused images' : 'dangling images', count: preview.images.length },
    ...(preview.options.volumes
      ? [
          {
            label: preview.anonymousVolumesOnly ? 'unused anonymous volumes' : 'unused volumes',
            count: preview.volumes.length,
          },
        ]
      : []),
    { label: 'build cache entries', count: preview.buildCache.length },
  ];
}

/** What the timeline filters on. */
export interface EventFilter {
  /** Empty: every type. */
  types: readonly string[];
  /** Empty: every action. Matches the verb before a colon (`exec_start: sh` is `exec_start`). */
  action: string;
  /** Matches the actor's name or id (prefix). */
  object: string;
  /** Matches anywhere: type, action, actor, attributes. */
  search: string;
}

/** The verb of an action: `health_status: healthy` → `health_status`. */
export function actionVerb(action: string): string {
  return (action.split(':', 1)[0] ?? action).trim();
}

/** The events matching a filter, newest first. */
export function filterEvents(events: readonly EngineEvent[], filter: EventFilter): EngineEvent[] {
  const types = new Set(filter.types);
  const object = filter.object.trim().toLowerCase();
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = events.filter((event) => {
    if (types.size > 0 && !types.has(event.type)) return false;
    if (filter.action !== '' && actionVerb(event.action) !== filter.action) return false;
    if (object !== '') {
      const name = (event.actorName ?? '').toLowerCase();
      if (!name.includes(object) && !event.actorId.toLowerCase().startsWith(object)) return false;
    }
    if (words.length > 0) {
      const haystack = [
        event.type,
        event.action,
        event.actorId,
        event.actorName ?? '',
        ...Object.entries(event.attributes).map(([key, value]) => `${key}=${value}`),
      ]
        .join('\n')
        .toLowerCase();
      if (!words.every((word) => haystack.includes(word))) return false;
    }
    return true;
  });
  return matches.reverse();
}

/** The distinct types and action verbs seen, sorted, for the filter menus. */
export function eventFacets(events: readonly EngineEvent[]): { types: string[]; actions: string[] } {
  const types = new Set<string>();
  const actions = new Set<string>();
  for (const event of events) {
    types.add(event.type);
    actions.add(actionVerb(event.action));
  }
  return { types: [...types].sort(), actions: [...actions].sort() };
}

/** The object an event is about, as a person reads it: its name, else a 12-character id. */
export function eventObject(event: EngineEvent): string {
  if (event.actorName !== undefined) return event.actorName;
  return /^[0-9a-f]{64}$/.test(event.actorId) ? event.actorId.slice(0, 12) : event.actorId;
}

/** Attributes as `key=value` pairs, `name` left out (it is the object column). */
export function formatAttributes(event: EngineEvent): string {
  return Object.entries(event.attributes)
    .filter(([key]) => key !== 'name')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/** Local time with milliseconds: `14:03:07.123`. */
export function formatEventTime(time: number): string {
  const date = new Date(time);
  const pad = (value: number, length = 2) => String(value).padStart(length, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
