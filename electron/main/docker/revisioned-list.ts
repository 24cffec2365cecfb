import type Dockerode from 'dockerode';

import {
  type EngineId,
  ErrorCode,
  IpcError,
  type ResourceListChange,
  type ResourceListSnapshot,
} from '../../common';
import type { DockerEvent } from './docker-event';
import type { EngineRegistry } from './engine-registry';

/** How one resource list is fetched and compared. */
export interface RevisionedListSpec<T> {
  /** For log lines: `volumes`, `networks`. */
  name: string;
  /** Fetches the whole list of one engine. */
  fetch: (engineId: EngineId, client: Dockerode, signal: AbortSignal) => Promise<T[]>;
  /** The item's key (a volume's name, a network's id). */
  keyOf: (item: T) => string;
  /** Whether an event can change the list. */
  affects: (event: DockerEvent) => boolean;
}

export interface RevisionedListOptions {
  /** Events within this window are folded into one fetch. Default 100 ms, as for containers. */
  coalesceMs?: number;
  logger?: Pick<Console, 'warn'>;
}

/** Structural equality of plain DTO data (strings, numbers, booleans, arrays, plain objects). */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameData(item, b[index]));
  }
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const keys = Object.keys(aRecord).filter((key) => aRecord[key] !== undefined);
  if (keys.length !== Object.keys(bRecord).filter((key) => bRecord[key] !== undefined).length) return false;
  return keys.every((key) => Object.hasOwn(bRecord, key) && sameData(aRecord[key], bRecord[key]));
}

/** The items that differ between two lists of one engine. */
export function diffByKey<T>(
  previous: ReadonlyMap<string, T>,
  next: readonly T[],
  keyOf: (item: T) => string,
): { upserted: T[]; removed: string[] } {
  const nextKeys = new Set(next.map(keyOf));
  const upserted = next.filter((item) => {
    const before = previous.get(keyOf(item));
    return before === undefined || !sameData(before, item);
  });
  const removed = [...previous.keys()].filter((key) => !nextKeys.has(key));
  return { upserted, removed };
}

interface EngineList<T> {
  engineId: EngineId;
  revision: number;
  items: Map<string, T>;
  /** Someone listed it since the engine (re)connected: events keep it current from then on. */
  watched: boolean;
  loaded: boolean;
  dirty: boolean;
  coalesceTimer?: NodeJS.Timeout;
  running?: Promise<void>;
  /** One more fetch to run after `running`, with its waiters. */
  queued?: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void };
}

/**
 * One resource list per engine, kept current by the daemon's events the way the containers list is: relevant
 * events and (re)connects mark it dirty, bursts are coalesced into one fetch, and the difference to the previous
 * list is pushed as a revisioned {@link ResourceListChange}. Nothing is fetched for an engine until someone lists
 * it; after that it stays current.
 */
export class RevisionedList<T> {
  private readonly coalesceMs: number;
  private readonly logger: Pick<Console, 'warn'>;
  private readonly states = new Map<EngineId, EngineList<T>>();
  private readonly listeners = new Set<(change: ResourceListChange<T>) => void>();
  private readonly lifetime = new AbortController();
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly spec: RevisionedListSpec<T>,
    options: RevisionedListOptions = {},
  ) {
    this.coalesceMs = options.coalesceMs ?? 100;
    this.logger = options.logger ?? console;
    this.unsubscribe = [
      engines.onEvent((engineId, event) => {
        if (spec.affects(event)) this.markDirty(engineId);
      }),
      engines.onConnected((engineId) => {
        const state = this.state(engineId);
        state.loaded = false;
        this.markDirty(engineId);
      }),
      engines.onStatusChanged((info) => {
        if (info.status.state === 'connected') return;
        const state = this.state(info.id);
        state.loaded = false;
        clearTimeout(state.coalesceTimer);
        state.coalesceTimer = undefined;
      }),
    ];
  }

  /**
   * The engine's list: the in-memory one when current, else after one fetch.
   * @throws IpcError NOT_FOUND for an unknown engine, ENGINE_UNREACHABLE when it is not connected.
   */
  async list(engineId: EngineId): Promise<ResourceListSnapshot<T>> {
    const info = await this.engines.ready(engineId);
    if (info.status.state !== 'connected') this.engines.client(engineId);
    const state = this.state(engineId);
    state.watched = true;
    if (!this.isFresh(state)) {
      clearTimeout(state.coalesceTimer);
      state.coalesceTimer = undefined;
      await (state.running && !state.dirty ? state.running : this.refresh(state));
    }
    return { engineId, revision: state.revision, items: [...state.items.values()] };
  }

  /** The last fetched items of an engine without asking the daemon (empty before the first list). */
  cached(engineId: EngineId): T[] {
    return [...(this.states.get(engineId)?.items.values() ?? [])];
  }

  /** Fetches now and resolves once the list reflects everything up to this call (after a change we made). */
  async refreshNow(engineId: EngineId): Promise<ResourceListSnapshot<T>> {
    const state = this.state(engineId);
    state.watched = true;
    state.dirty = true;
    clearTimeout(state.coalesceTimer);
    state.coalesceTimer = undefined;
    await this.refresh(state);
    return { engineId, revision: state.revision, items: [...state.items.values()] };
  }

  onChanged(listener: (change: ResourceListChange<T>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    if (this.lifetime.signal.aborted) return;
    const cancelled = new IpcError(ErrorCode.Cancelled, 'Berth is shutting down.');
    this.lifetime.abort(cancelled);
    for (const off of this.unsubscribe) off();
    for (const state of this.states.values()) {
      clearTimeout(state.coalesceTimer);
      state.coalesceTimer = undefined;
      state.queued?.reject(cancelled);
      state.queued = undefined;
    }
    this.listeners.clear();
  }

  private state(engineId: EngineId): EngineList<T> {
    let state = this.states.get(engineId);
    if (!state) {
      state = { engineId, revision: 0, items: new Map(), watched: false, loaded: false, dirty: false };
      this.states.set(engineId, state);
    }
    return state;
  }

  private isFresh(state: EngineList<T>): boolean {
    return state.loaded && !state.dirty && !state.running && !state.coalesceTimer;
  }

  private markDirty(engineId: EngineId): void {
    if (this.lifetime.signal.aborted) return;
    const state = this.state(engineId);
    state.dirty = true;
    // Unwatched lists are fetched when first asked for; no request on their behalf until then.
    if (!state.watched || state.coalesceTimer) return;
    state.coalesceTimer = setTimeout(() => {
      state.coalesceTimer = undefined;
      this.refresh(state).catch((error: unknown) => this.reportBackgroundFailure(state, error));
    }, this.coalesceMs);
  }

  private refresh(state: EngineList<T>): Promise<void> {
    if (state.running) {
      if (!state.queued) {
        let resolve!: () => void;
        let reject!: (error: unknown) => void;
        const promise = new Promise<void>((res, rej) => {
          resolve = res;
          reject = rej;
        });
        promise.catch(() => undefined);
        state.queued = { promise, resolve, reject };
      }
      return state.queued.promise;
    }
    return this.fetch(state);
  }

  private fetch(state: EngineList<T>): Promise<void> {
    state.dirty = false;
    const run = this.engines
      .request(state.engineId, (client, signal) => this.spec.fetch(state.engineId, client, signal), {
        signal: this.lifetime.signal,
      })
      .then((items) => {
        if (this.lifetime.signal.aborted) return;
        this.apply(state, items);
        state.loaded = true;
      })
      .catch((error: unknown) => {
        state.dirty = true;
        throw error;
      });
    state.running = run;
    const next = (): void => {
      state.running = undefined;
      const queued = state.queued;
      state.queued = undefined;
      if (queued && !this.lifetime.signal.aborted) this.fetch(state).then(queued.resolve, queued.reject);
    };
    run.then(next, next);
    return run;
  }

  private apply(state: EngineList<T>, next: T[]): void {
    const { upserted, removed } = diffByKey(state.items, next, this.spec.keyOf);
    state.items = new Map(next.map((item) => [this.spec.keyOf(item), item]));
    if (upserted.length === 0 && removed.length === 0) return;
    state.revision += 1;
    const change: ResourceListChange<T> = {
      engineId: state.engineId,
      revision: state.revision,
      upserted,
      removed,
    };
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.logger.warn(`[${this.spec.name}] a listener threw:`, error);
      }
    }
  }

  private reportBackgroundFailure(state: EngineList<T>, error: unknown): void {
    const code = error instanceof IpcError ? error.code : undefined;
    if (code === ErrorCode.EngineUnreachable || code === ErrorCode.Cancelled) return;
    this.logger.warn(`[${this.spec.name}] refreshing ${state.engineId} failed:`, error);
  }
}
