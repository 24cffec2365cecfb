import {
  type EngineId,
  ErrorCode,
  IpcError,
  type ResourceListChange,
  type ResourceListSnapshot,
} from '../../../common';
import type { EngineRegistry } from '../engine/engine-registry';
import type { DockerEvent } from '../engine/events';
import { sameData } from './diff';
import { emptyEngineList, type EngineList } from './engine-list';
import type { ListDemand } from './list-demand';
import type { RevisionedListOptions, RevisionedListSpec } from './list-spec';

export type { EventTarget, RevisionedListOptions } from './list-spec';

/** The most keys one targeted fetch asks for: the rest wait for the next one (a long query is a long URL). */
const MAX_KEYS_PER_FETCH = 100;

/**
 * One resource list per engine, kept current by the daemon's events: an event that names its object refreshes
 * that object alone (a `destroy` drops its row without a request), others and (re)connects refetch the whole list,
 * and the difference is pushed as a revisioned {@link ResourceListChange}. The first event is fetched at once
 * (leading edge); events arriving while a fetch is in flight are collected and fetched together when it returns,
 * so there is never more than one request in flight per engine. Nothing is fetched for an engine until someone
 * lists it (unless `eager`); after that it stays current.
 */
export class RevisionedList<T, R = T, J = undefined> {
  private readonly logger: Pick<Console, 'warn'>;
  private readonly eager: boolean;
  private readonly row: (engineId: EngineId, item: R, joined: J) => T;
  private readonly same: (a: T, b: T) => boolean;
  private readonly states = new Map<EngineId, EngineList<T, R>>();
  private readonly listeners = new Set<(change: ResourceListChange<T>) => void>();
  private readonly lifetime = new AbortController();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly unsubscribe: Array<() => void>;
  private readonly demand: ListDemand | undefined;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly spec: RevisionedListSpec<T, R, J>,
    options: RevisionedListOptions = {},
  ) {
    this.logger = options.logger ?? console;
    this.eager = options.eager === true;
    // Without `row` the item is the row (`R` defaults to `T`, and the spec says `row` is required otherwise); a
    // type parameter cannot be narrowed to say so, hence the one cast.
    this.row = spec.row ?? ((_engineId, item) => item as unknown as T);
    this.same = spec.same ?? sameData;
    this.unsubscribe = [
      engines.onEvent((engineId, event) => {
        if (spec.affects(event)) this.onEvent(engineId, event);
      }),
      engines.onConnected((engineId) => {
        // Events may have been missed while disconnected: the whole list, once.
        const state = this.state(engineId);
        state.loaded = false;
        state.wantAll = true;
        state.failed = false;
        this.schedule(state);
      }),
      engines.onStatusChanged((info) => {
        // Nothing can be fetched until the engine is back; onConnected then refreshes.
        if (info.status.state !== 'connected') this.state(info.id).loaded = false;
      }),
      engines.onRemoved((engineId) => this.forget(engineId)),
      options.demand?.onResumed(() => this.resume()) ?? (() => undefined),
    ];
    this.demand = options.demand;
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
    // Hidden, a loaded list is as current as the events make it (joins and the tray ask too): no request.
    if (!this.isFresh(state) && !(this.demand?.active === false && state.loaded)) {
      if (!state.loaded && !state.runningWhole) state.wantAll = true;
      // A fetch already in flight answers us unless something changed since it started.
      await (state.running && !this.hasWork(state) ? state.running : this.refresh(state));
    }
    return this.snapshot(state);
  }

  /** The last fetched items of an engine without asking the daemon (empty before the first list). */
  cached(engineId: EngineId): T[] {
    return [...(this.states.get(engineId)?.items.values() ?? [])];
  }

  /** The daemon's answer behind the last fetched items (empty before the first list). */
  cachedRaw(engineId: EngineId): R[] {
    return [...(this.states.get(engineId)?.raws.values() ?? [])];
  }

  /** Fetches now and resolves once the list reflects everything up to this call (after a change we made). */
  async refreshNow(engineId: EngineId): Promise<ResourceListSnapshot<T>> {
    const state = this.state(engineId);
    state.watched = true;
    state.wantAll = true;
    state.wantFresh = true;
    await this.refresh(state);
    return this.snapshot(state);
  }

  /** Marks the whole list stale (after a change we made) and refreshes it as soon as no fetch is in flight. */
  invalidate(engineId: EngineId): void {
    if (this.lifetime.signal.aborted) return;
    const state = this.state(engineId);
    state.wantAll = true;
    state.failed = false;
    this.schedule(state);
  }

  /** Refreshes these objects alone (only on a list someone watches), as events naming them would. */
  refreshKeys(engineId: EngineId, keys: readonly string[]): void {
    const state = this.states.get(engineId);
    if (state === undefined || !state.watched || this.lifetime.signal.aborted) return;
    for (const key of keys) state.wantKeys.add(key);
    state.failed = false;
    this.schedule(state);
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
      const joined = await join(engineId, false);
      if (this.lifetime.signal.aborted) return;
      this.merge(state, [...state.raws.values()], joined);
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
    for (const timer of this.retryTimers) clearTimeout(timer);
    for (const state of this.states.values()) {
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
    state.queued?.reject(new IpcError(ErrorCode.NotFound, `The host ${engineId} was removed.`));
    state.queued = undefined;
  }

  private state(engineId: EngineId): EngineList<T, R> {
    let state = this.states.get(engineId);
    if (!state) {
      state = emptyEngineList<T, R>(engineId, this.eager);
      this.states.set(engineId, state);
    }
    return state;
  }

  private snapshot(state: EngineList<T, R>): ResourceListSnapshot<T> {
    return { engineId: state.engineId, revision: state.revision, items: [...state.items.values()] };
  }

  private hasWork(state: EngineList<T, R>): boolean {
    return state.wantAll || state.wantKeys.size > 0;
  }

  private isFresh(state: EngineList<T, R>): boolean {
    return state.loaded && !this.hasWork(state) && !state.running;
  }

  /** An event that can change the list: drop its object, fetch that object alone, or the whole list. */
  private onEvent(engineId: EngineId, event: DockerEvent): void {
    if (this.lifetime.signal.aborted) return;
    const state = this.state(engineId);
    // Unwatched lists are fetched whole when first asked for; no request on their behalf until then.
    if (!state.watched) return;
    const target = this.spec.target?.(event);
    if (target !== undefined && target.key !== '' && target.gone) {
      this.drop(state, target.key);
      return;
    }
    if (target === undefined || target.key === '' || this.spec.fetchSome === undefined) state.wantAll = true;
    else state.wantKeys.add(target.key);
    if (target !== undefined && target.key !== '') {
      // A later event says what the row must show now (or nothing).
      if (target.expect === undefined) state.expected.delete(target.key);
      else state.expected.set(target.key, { check: target.expect, retries: 0 });
    }
    state.failed = false;
    if (this.demand?.active === false) this.patch(state, event, target?.key);
    else this.schedule(state);
  }

  /** Hidden: what the event itself says goes into the row now; the exact row is fetched when shown again. */
  private patch(state: EngineList<T, R>, event: DockerEvent, key: string | undefined): void {
    const before = key === undefined ? undefined : state.items.get(key);
    const after = before === undefined ? undefined : this.spec.patch?.(before, event);
    if (before === undefined || after === undefined || this.same(before, after)) return;
    state.items.set(this.spec.keyOf(after), after);
    this.publish(state, [after], []);
  }

  /** Shown again: one fetch per engine for what events named meanwhile (the whole list when that is cheaper). */
  private resume(): void {
    for (const state of this.states.values()) {
      if (state.wantKeys.size > MAX_KEYS_PER_FETCH) state.wantAll = true;
      if (this.hasWork(state)) this.schedule(state);
    }
  }

  /** The object is gone: its row goes now, and an answer already on its way cannot bring it back. */
  private drop(state: EngineList<T, R>, key: string): void {
    state.wantKeys.delete(key);
    if (state.running) state.droppedInFlight.add(key);
    if (!state.items.has(key)) return;
    state.items.delete(key);
    state.raws.delete(key);
    this.publish(state, [], [key]);
  }

  /**
   * Fetches what is wanted once the events already read have been dispatched (the daemon writes related events
   * back to back, e.g. a network `connect` and the `start` of one container: one request for both).
   */
  private schedule(state: EngineList<T, R>): void {
    if (state.scheduled) return;
    state.scheduled = true;
    setImmediate(() => {
      state.scheduled = false;
      this.pump(state);
    });
  }

  /** Starts a fetch of what is wanted unless one is in flight (it starts the next one when it returns). */
  private pump(state: EngineList<T, R>): void {
    if (!state.watched || state.running || state.removed === true || !this.hasWork(state)) return;
    if (this.lifetime.signal.aborted || this.demand?.active === false) return;
    this.fetch(state).catch((error: unknown) => this.reportBackgroundFailure(state, error));
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

  /** One request: the whole list when wanted (or nothing targeted is possible), else the wanted keys. */
  private fetch(state: EngineList<T, R>): Promise<void> {
    const { engineId } = state;
    const fetchSome = this.spec.fetchSome;
    const whole = state.wantAll || !state.loaded || fetchSome === undefined;
    const keys = whole ? [] : [...state.wantKeys].slice(0, MAX_KEYS_PER_FETCH);
    if (whole) state.wantKeys.clear();
    for (const key of keys) state.wantKeys.delete(key);
    state.wantAll = false;
    state.failed = false;
    state.droppedInFlight.clear();
    const request = this.engines.request(
      engineId,
      (client, signal) =>
        whole || fetchSome === undefined
          ? this.spec.fetch(engineId, client, signal)
          : fetchSome(engineId, client, keys, signal),
      { signal: this.lifetime.signal },
    );
    const join = this.spec.join;
    const fresh = state.wantFresh;
    state.wantFresh = false;
    const run = (
      join === undefined
        ? request.then((answer) => ({ answer, joined: undefined as J }))
        : Promise.all([request, join(engineId, fresh)]).then(([answer, joined]) => ({ answer, joined }))
    )
      .then(({ answer, joined }) => {
        if (this.lifetime.signal.aborted) return;
        this.merge(state, answer, joined, whole ? undefined : new Set(keys));
        if (whole) state.loaded = true;
      })
      .catch((error: unknown) => {
        // Asked again by the next event or list; a failing daemon is not hammered in a loop.
        if (whole) state.wantAll = true;
        for (const key of keys) state.wantKeys.add(key);
        state.failed = true;
        throw error;
      });
    state.running = run;
    state.runningWhole = whole;
    const next = (): void => {
      state.running = undefined;
      state.runningWhole = false;
      const queued = state.queued;
      state.queued = undefined;
      if (this.lifetime.signal.aborted || state.removed === true) return;
      if (queued) {
        if (this.hasWork(state) || state.failed) this.fetch(state).then(queued.resolve, queued.reject);
        else queued.resolve();
      } else if (!state.failed) this.pump(state);
    };
    run.then(next, next);
    return run;
  }

  /**
   * Applies the daemon's answer: for the whole list (`keys` absent) rows not in it are removed; for a targeted
   * fetch only the asked keys change, and an asked key missing from the answer is gone.
   */
  private merge(state: EngineList<T, R>, answer: readonly R[], joined: J, keys?: ReadonlySet<string>): void {
    if (state.removed === true) return;
    const fresh = new Map<string, { row: T; raw: R }>();
    for (const raw of answer) {
      const row = this.row(state.engineId, raw, joined);
      const key = this.spec.keyOf(row);
      if (keys !== undefined && !keys.has(key)) continue;
      if (state.droppedInFlight.has(key)) continue;
      fresh.set(key, { row, raw });
    }
    const upserted: T[] = [];
    for (const [key, { row }] of fresh) {
      const before = state.items.get(key);
      if (before === undefined || !this.same(before, row)) upserted.push(row);
    }
    const gone = keys === undefined ? state.items.keys() : keys.values();
    const removed = [...gone].filter((key) => !fresh.has(key) && state.items.has(key));
    if (keys === undefined) {
      state.items = new Map();
      state.raws = new Map();
    }
    for (const key of removed) {
      state.items.delete(key);
      state.raws.delete(key);
    }
    for (const [key, { row, raw }] of fresh) {
      state.items.set(key, row);
      state.raws.set(key, raw);
    }
    this.publish(state, upserted, removed);
    this.checkExpected(state, fresh);
  }

  /** Rows that do not show their last event yet are asked for again shortly (5 ms, doubling, 8 times at most). */
  private checkExpected(state: EngineList<T, R>, fresh: ReadonlyMap<string, { row: T }>): void {
    for (const [key, expected] of state.expected) {
      const row = fresh.get(key)?.row;
      if (row === undefined && state.items.has(key)) continue;
      if (row === undefined || expected.check(row) || expected.retries >= 8) {
        state.expected.delete(key);
        continue;
      }
      const delay = 5 * 2 ** expected.retries;
      expected.retries += 1;
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        if (state.expected.get(key) !== expected || this.lifetime.signal.aborted) return;
        state.wantKeys.add(key);
        this.pump(state);
      }, delay);
      this.retryTimers.add(timer);
    }
  }

  private publish(state: EngineList<T, R>, upserted: T[], removed: string[]): void {
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
