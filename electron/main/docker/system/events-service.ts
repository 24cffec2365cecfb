import {
  type EngineEvent,
  type EngineId,
  type EventsBatch,
  type EventsPage,
  type EventsRequest,
} from '../../../common';
import type { EngineRegistry } from '../engine/engine-registry';
import { type DockerEvent, toDockerEvent, toSinceParam } from '../engine/events';
import { NdjsonParser } from '../engine/ndjson';
import { requestStream } from '../engine/requests';
import { toEngineEvent } from './mappers';

interface EventsOptions {
  /** Events kept per engine; older ones are dropped. Default 5,000. */
  capacity?: number;
  /** New events are pushed at most this often (batched). Default 100 ms, i.e. ≤ 10 pushes a second. */
  batchMs?: number;
  /** How far back the history fetched on first open reaches (the daemon itself keeps its last 256). Default 24 h. */
  historyMs?: number;
  now?: () => number;
  logger?: Pick<Console, 'warn'>;
}

interface EngineLog {
  /** Oldest first, by time. */
  events: EngineEvent[];
  keys: Set<string>;
  lastSeq: number;
  /** The daemon's recent history has been merged in (once per engine). */
  backfill?: Promise<void>;
  /** New events waiting for the next push. */
  pending: EngineEvent[];
}

const keyOf = (event: Pick<EngineEvent, 'timeNano' | 'type' | 'action' | 'actorId'>): string =>
  `${event.timeNano}|${event.type}|${event.action}|${event.actorId}`;

/**
 * Every daemon event of every engine, as a timeline: a bounded buffer per engine fed by the registry's event
 * stream, the daemon's recent history (`since`) merged in the first time someone opens it, and new events
 * pushed in batches so a burst cannot flood the renderer.
 */
export class EventsService {
  private readonly capacity: number;
  private readonly batchMs: number;
  private readonly historyMs: number;
  private readonly now: () => number;
  private readonly logger: Pick<Console, 'warn'>;
  private readonly logs = new Map<EngineId, EngineLog>();
  private readonly listeners = new Set<(batch: EventsBatch) => void>();
  private readonly unsubscribe: Array<() => void>;
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFlush = 0;

  constructor(
    private readonly engines: EngineRegistry,
    options: EventsOptions = {},
  ) {
    this.capacity = options.capacity ?? 5000;
    this.batchMs = options.batchMs ?? 100;
    this.historyMs = options.historyMs ?? 24 * 3600_000;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? console;
    this.unsubscribe = [
      engines.onEvent((engineId, event) => this.receive(engineId, event)),
      // A removed host's timeline goes with it (a history fetch in flight fills a log nobody holds).
      engines.onRemoved((engineId) => this.logs.delete(engineId)),
    ];
  }

  /**
   * The buffered events of an engine with `seq` above `sinceSeq` (all when absent), oldest first. The first call
   * for an engine merges the daemon's recent history in.
   */
  async list(request: EventsRequest): Promise<EventsPage> {
    const { engineId } = request;
    this.engines.info(engineId);
    const log = this.log(engineId);
    log.backfill ??= this.backfill(engineId, log).catch((error: unknown) => {
      // A failed history fetch is retried on the next open; live events keep arriving meanwhile.
      log.backfill = undefined;
      this.logger.warn(`[events] history of ${engineId} could not be fetched:`, error);
    });
    await log.backfill;
    const since = request.sinceSeq;
    const events = since === undefined ? [...log.events] : log.events.filter((event) => event.seq > since);
    return { engineId, events, lastSeq: log.lastSeq, capacity: this.capacity };
  }

  onReceived(listener: (batch: EventsBatch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.listeners.clear();
  }

  private log(engineId: EngineId): EngineLog {
    let log = this.logs.get(engineId);
    if (log === undefined) {
      log = { events: [], keys: new Set(), lastSeq: 0, pending: [] };
      this.logs.set(engineId, log);
    }
    return log;
  }

  private receive(engineId: EngineId, event: DockerEvent): void {
    const log = this.log(engineId);
    const row = toEngineEvent(engineId, log.lastSeq + 1, event);
    const key = keyOf(row);
    if (log.keys.has(key)) return;
    log.lastSeq = row.seq;
    log.keys.add(key);
    const last = log.events.at(-1);
    if (last === undefined || BigInt(last.timeNano) <= event.timeNano) log.events.push(row);
    else this.insertInOrder(log, [row]);
    this.trim(log);
    log.pending.push(row);
    this.scheduleFlush();
  }

  /** Fetches the daemon's buffered history (`since` … now, a finite stream) and merges what is new. */
  private async backfill(engineId: EngineId, log: EngineLog): Promise<void> {
    const nowMs = this.now();
    const since = toSinceParam(BigInt(nowMs - this.historyMs) * 1_000_000n);
    const until = toSinceParam(BigInt(nowMs) * 1_000_000n);
    const history = await this.engines.request(engineId, async (client, abortSignal) => {
      // Through the request helper: dockerode types `since`/`until` as numbers, too coarse for nanoseconds.
      const stream = await requestStream(client, {
        method: 'GET',
        path: '/events',
        query: { since, until },
        signal: abortSignal,
      });
      const parsed: DockerEvent[] = [];
      const parser = new NdjsonParser({
        onValue: (value, line) => {
          const event = toDockerEvent(value, line, this.now);
          if (event !== undefined) parsed.push(event);
        },
        onError: () => undefined,
      });
      for await (const chunk of stream as AsyncIterable<Buffer | string>) parser.push(chunk);
      parser.end();
      return parsed;
    });
    const fresh: EngineEvent[] = [];
    for (const event of history) {
      const row = toEngineEvent(engineId, 0, event);
      const key = keyOf(row);
      if (log.keys.has(key)) continue;
      log.keys.add(key);
      log.lastSeq += 1;
      fresh.push({ ...row, seq: log.lastSeq });
    }
    this.insertInOrder(log, fresh);
    this.trim(log);
  }

  private insertInOrder(log: EngineLog, rows: EngineEvent[]): void {
    if (rows.length === 0) return;
    log.events = [...log.events, ...rows].sort((a, b) => {
      const difference = BigInt(a.timeNano) - BigInt(b.timeNano);
      return difference < 0n ? -1 : difference > 0n ? 1 : a.seq - b.seq;
    });
  }

  /** Drops the oldest events beyond the capacity. */
  private trim(log: EngineLog): void {
    const excess = log.events.length - this.capacity;
    if (excess <= 0) return;
    for (const dropped of log.events.splice(0, excess)) log.keys.delete(keyOf(dropped));
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined) return;
    const wait = Math.max(0, this.lastFlush + this.batchMs - this.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.lastFlush = this.now();
      for (const [engineId, log] of this.logs) {
        if (log.pending.length === 0) continue;
        const batch: EventsBatch = { engineId, events: log.pending.splice(0) };
        for (const listener of [...this.listeners]) {
          try {
            listener(batch);
          } catch (error) {
            this.logger.warn('[events] a listener threw:', error);
          }
        }
      }
    }, wait);
  }
}
