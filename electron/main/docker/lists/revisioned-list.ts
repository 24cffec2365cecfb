import type Dockerode from 'dockerode';

import {
  type EngineId,
  ErrorCode,
  IpcError,
  type ResourceListChange,
  type ResourceListSnapshot,
} from '../../../common';
import type { EngineRegistry } from '../engine/engine-registry';
import type { DockerEvent } from '../engine/events';

/**
 * How one resource list is fetched and compared. `R` is the daemon's answer and `J` another source joined into
 * the rows (the images list joins the containers list for its usage counts); both default to "the answer is the
 * rows".
 */
interface RevisionedListSpec<T, R = T[], J = undefined> {
  /** For log lines: `containers`, `volumes`. */
  name: string;
  /** Fetches the whole list of one engine: one daemon request. */
  fetch: (engineId: EngineId, client: Dockerode, signal: AbortSignal) => Promise<R>;
  /**
   * Loaded alongside each fetch (not inside its deadline), and again by {@link RevisionedList.rejoin} when only it
   * changed, so the rows can be re-joined without asking the daemon again.
   */
  join?: (engineId: EngineId) => Promise<J>;
  /** The rows from the daemon's answer and the joined source. Required when `R` is not `T[]`. */
  rows?: (engineId: EngineId, answer: R, joined: J) => T[];
  /** The item's key (a container's or network's id, a volume's name). */
  keyOf: (item: T) => string;
  /** Whether two rows with one key are the same (only changed rows are pushed). Default {@link sameData}. */
  same?: (a: T, b: T) => boolean;
  /** Whether an event can change the list. */
  affects: (event: DockerEvent) => boolean;
}

export interface RevisionedListOptions {
  /** Events within this window are folded into one fetch. Default 100 ms, as for containers. */
  coalesceMs?: number;
  logger?: Pick<Console, 'warn'>;
  /**
   * Keep every engine's list current from its first connect, listed or not (containers and images: the tray,
   * notifications and "All hosts" read them without listing first). Default false: nothing is fetched for an
   * engine until someone lists it.
   */
  eager?: boolean;
}

/** Structural equality of plain DTO data (strings, numbers, booleans, arrays, plain objects). */
function sameData(a: unknown, b: unknown): boolean {
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
  same: (a: T, b: T) => boolean = sameData,
): { upserted: T[]; removed: string[] } {
  const nextKeys = new Set(next.map(keyOf));
  const upserted = next.filter((item) => {
    const before = previous.get(keyOf(item));
    return before === undefined || !same(before, item);
  });
  const removed = [...previous.keys()].filter((key) => !nextKeys.has(key));
  return { upserted, removed };
}

interface EngineList<T, R> {
  engineId: EngineId;
  revision: number;
  items: Map<string, T>;
  /** The daemon's last answer, for re-joining without a request. */
  answer?: { value: R };
  /** The engine was removed: a fetch still in flight must push nothing. */
  removed?: boolean;
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
 * it (unless `eager`); after that it stays current.
 */
export class RevisionedList<T, R = T[], J = undefined> {
  private readonly coalesceMs: number;
  private readonly logger: Pick<Console, 'warn'>;
  private readonly eager: boolean;
  private readonly rows: (engineId: EngineId, answer: R, joined: J) => T[];
  private readonly same: (a: T, b: T) => boolean;
  private readonly states = new Map<EngineId, EngineList<T, R>>();
  private readonly listeners = new Set<(change: ResourceListChange<T>) => void>();
  private readonly lifetime = new AbortController();
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly spec: RevisionedListSpec<T, R, J>,
    options: RevisionedListOptions = {},
  ) {
    this.coalesceMs = options.coalesceMs ?? 100;
    this.logger = options.logger ?? console;
    this.eager = options.eager === true;
    // Without `rows` the answer is the rows (`R` defaults to `T[]`, and the spec says `rows` is required
    // otherwise); a type parameter cannot be narrowed to say so, hence the one cast.
    this.rows = spec.rows ?? ((_engineId, answer) => answer as T[]);
    this.same = spec.same ?? sameData;
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
        // Nothing can be fetched until the engine is back; onConnected then refreshes.
        const state = this.state(info.id);
        state.loaded = false;
        clearTimeout(state.coalesceTimer);
        state.coalesceTimer = undefined;
      }),
      engines.onRemoved((engineId) => this.forget(engineId)),
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
      // A fetch already in flight answers us unless something changed since it started.
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

  /** Marks the list stale (after a change we made) and refreshes it at the end of the coalescing window. */
  invalidate(engineId: EngineId): void {
    this.markDirty(engineId);
  }

  /**
   * Only the joined source changed: re-joins it into the last answer without asking the daemon (after a fetch in
   * flight, which may have joined an older one). Nothing before the first successful fetch.
   */
  async rejoin(engineId: EngineId): Promise<void> {
    const state = this.states.get(engineId);
    const join = this.spec.join;
    if (state?.loaded !== true || join === undefined) return;
    try {
      if (state.running) await state.running.catch(() => undefined);
      const joined = await join(engineId);
      if (!this.lifetime.signal.aborted && state.answer !== undefined) {
        this.apply(state, this.rows(engineId, state.answer.value, joined));
      }
    } catch (error) {
      this.reportBackgroundFailure(state, error);
    }
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

  /** A removed engine's list goes with everything pending on it; a fetch in flight pushes nothing. */
  private forget(engineId: EngineId): void {
    const state = this.states.get(engineId);
    if (state === undefined) return;
    this.states.delete(engineId);
    state.removed = true;
    clearTimeout(state.coalesceTimer);
    state.coalesceTimer = undefined;
    state.queued?.reject(new IpcError(ErrorCode.NotFound, `The host ${engineId} was removed.`));
    state.queued = undefined;
  }

  private state(engineId: EngineId): EngineList<T, R> {
    let state = this.states.get(engineId);
    if (!state) {
      state = { engineId, revision: 0, items: new Map(), watched: this.eager, loaded: false, dirty: false };
      this.states.set(engineId, state);
    }
    return state;
  }

  private isFresh(state: EngineList<T, R>): boolean {
    return state.loaded && !state.dirty && !state.running && !state.coalesceTimer;
  }

  /** Marks the list stale and schedules one refresh at the end of the coalescing window. */
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

  /** Resolves after a fetch that started after this call; never two in flight per engine. */
  private refresh(state: EngineList<T, R>): Promise<void> {
    if (state.running) {
      if (!state.queued) {
        let resolve!: () => void;
        let reject!: (error: unknown) => void;
        const promise = new Promise<void>((res, rej) => {
          resolve = res;
          reject = rej;
        });
        // Nobody may be waiting on a queued refresh; its failure is reported elsewhere.
        promise.catch(() => undefined);
        state.queued = { promise, resolve, reject };
      }
      return state.queued.promise;
    }
    return this.fetch(state);
  }

  private fetch(state: EngineList<T, R>): Promise<void> {
    state.dirty = false;
    const { engineId } = state;
    const request = this.engines.request(
      engineId,
      (client, signal) => this.spec.fetch(engineId, client, signal),
      { signal: this.lifetime.signal },
    );
    const join = this.spec.join;
    const run = (
      join === undefined
        ? request.then((answer) => ({ answer, joined: undefined as J }))
        : Promise.all([request, join(engineId)]).then(([answer, joined]) => ({ answer, joined }))
    )
      .then(({ answer, joined }) => {
        if (this.lifetime.signal.aborted) return;
        state.answer = { value: answer };
        this.apply(state, this.rows(engineId, answer, joined));
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
      if (queued && !this.lifetime.signal.aborted && state.removed !== true) {
        this.fetch(state).then(queued.resolve, queued.reject);
      }
    };
    run.then(next, next);
    return run;
  }

  private apply(state: EngineList<T, R>, next: T[]): void {
    if (state.removed === true) return;
    const { upserted, removed } = diffByKey(state.items, next, this.spec.keyOf, this.same);
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

  private reportBackgroundFailure(state: EngineList<T, R>, error: unknown): void {
    const code = error instanceof IpcError ? error.code : undefined;
    // Unreachable/cancelled are the engine's status to report, not a refresh failure.
    if (code === ErrorCode.EngineUnreachable || code === ErrorCode.Cancelled) return;
    this.logger.warn(`[${this.spec.name}] refreshing ${state.engineId} failed:`, error);
  }
}
