import { stringMap } from './readers';

/** One entry of the daemon's `/events` stream, normalised across API versions. */
export interface DockerEvent {
  /** `container`, `image`, `network`, `volume`, `daemon`, … */
  type: string;
  /** `create`, `start`, `die`, `destroy`, `health_status: healthy`, … */
  action: string;
  /** The object the event is about (a container id for container events). */
  actorId: string;
  attributes: Record<string, string>;
  /** `local` or `swarm`, when the daemon says. */
  scope?: string;
  /** Nanoseconds since the epoch, exact (a JSON number cannot hold it). */
  timeNano: bigint;
}

/** Reads `timeNano` from the line's text: `JSON.parse` rounds 19-digit integers. */
function exactTimeNano(parsed: number | undefined, line: string): bigint | undefined {
  for (const match of line.matchAll(/"timeNano"\s*:\s*(\d+)/g)) {
    const exact = BigInt(match[1] ?? '0');
    // Attribute values are strings, so only the top-level field can match; check it is the same number anyway.
    if (parsed === undefined || Math.abs(Number(exact) - parsed) < 1e6) return exact;
  }
  return parsed !== undefined && Number.isFinite(parsed) ? BigInt(Math.trunc(parsed)) : undefined;
}

/**
 * Normalises one parsed `/events` line. Engine API 1.52 dropped the old `status`/`id`/`from` fields, so `Type`,
 * `Action` and `Actor.ID` come first; the old fields are only a fallback for very old daemons. Returns
 * `undefined` for values that are not events at all.
 */
export function toDockerEvent(
  value: unknown,
  line: string,
  now: () => number = Date.now,
): DockerEvent | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const raw = value as {
    Type?: unknown;
    Action?: unknown;
    Actor?: { ID?: unknown; Attributes?: unknown };
    status?: unknown;
    id?: unknown;
    scope?: unknown;
    time?: unknown;
    timeNano?: unknown;
  };
  const action =
    typeof raw.Action === 'string' ? raw.Action : typeof raw.status === 'string' ? raw.status : '';
  if (action === '') return undefined;
  const actor = typeof raw.Actor === 'object' && raw.Actor !== null ? raw.Actor : {};
  const actorId = typeof actor.ID === 'string' ? actor.ID : typeof raw.id === 'string' ? raw.id : '';
  const timeNano =
    exactTimeNano(typeof raw.timeNano === 'number' ? raw.timeNano : undefined, line) ??
    (typeof raw.time === 'number'
      ? BigInt(Math.trunc(raw.time)) * 1_000_000_000n
      : BigInt(now()) * 1_000_000n);
  const event: DockerEvent = {
    // Before API 1.22 only containers had events, and they carried no Type.
    type: typeof raw.Type === 'string' && raw.Type !== '' ? raw.Type : 'container',
    action,
    actorId,
    attributes: stringMap(actor.Attributes),
    timeNano,
  };
  if (typeof raw.scope === 'string') event.scope = raw.scope;
  return event;
}

/** `since=` for `/events`, in the `seconds.nanoseconds` form the docker CLI sends. */
export function toSinceParam(timeNano: bigint): string {
  const seconds = timeNano / 1_000_000_000n;
  const nanos = timeNano % 1_000_000_000n;
  return `${seconds}.${nanos.toString().padStart(9, '0')}`;
}
