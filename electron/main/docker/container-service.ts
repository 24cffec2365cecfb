import type Dockerode from 'dockerode';

import {
  containerIdSchema,
  type ContainerListSnapshot,
  type ContainersChange,
  type ContainerSummary,
  type EngineId,
  ErrorCode,
  IpcError,
} from '../../common';
import type { DockerEvent } from './docker-event';
import type { EngineRegistry } from './engine-registry';
import { sameContainerSummary, toContainerSummary } from './mappers';

export interface ContainerServiceOptions {
  /** Events within this window are folded into one list request. Default 100 ms (design A-T2). */
  coalesceMs?: number;
  /** Where failed background refreshes are reported. Default `console`. */
  logger?: Pick<Console, 'warn'>;
}

export interface ContainerRef {
  engineId: EngineId;
  id: string;
}

/** Container actions that cannot change a `/containers/json` row (exec, attach, copy, …): no refresh. */
const actionsWithoutListChange = new Set([
  'attach',
  'detach',
  'resize',
  'top',
  'export',
  'commit',
  'copy',
  'archive-path',
  'extract-to-dir',
  'exec_create',
  'exec_start',
  'exec_detach',
  'exec_die',
]);

/**
 * The daemon's 409 for a container name that is taken reads `Conflict. The container name "/web" is already in use
 * by container "<64 hex>". You have to remove (or rename) …`; this says the same in fewer words, with a short id.
 * `undefined` when `error` is not that conflict.
 */
export function nameConflictError(error: unknown, name: string): IpcError | undefined {
  if (!(error instanceof IpcError) || error.code !== ErrorCode.Conflict) return undefined;
  const match = /name "\/?([^"]+)" is already in use by container "?([0-9a-f]{12,64})/i.exec(error.message);
  if (match === null) return undefined;
  const owner = (match[2] ?? '').slice(0, 12);
  return new IpcError(
    ErrorCode.Conflict,
    `The name “${match[1] ?? name}” is already in use by container ${owner}. Remove or rename that container, or pick another name.`,
    { cause: error },
  );
}

/**
 * Engines answer some "not in a state for that" refusals with HTTP 500 (20.10: unpausing a container that is not
 * paused); they are conflicts with the container's state, not daemon failures.
 */
export function stateConflictError(error: unknown): IpcError | undefined {
  if (!(error instanceof IpcError) || error.code !== ErrorCode.Internal) return undefined;
  if (
    !/\bis (?:not running|not paused|already paused|paused|restarting|marked for removal)\b/i.test(
      error.message,
    )
  )
    return undefined;
  return new IpcError(ErrorCode.Conflict, error.message, { cause: error });
}

/** Whether an event can change what the containers list shows. */
export function affectsContainerList(event: DockerEvent): boolean {
  if (event.type !== 'container') return false;
  // `exec_start: sh -c …`, `health_status: healthy`: the verb is before the colon.
  const verb = event.action.split(':', 1)[0]?.trim() ?? '';
  return !actionsWithoutListChange.has(verb);
}

/** The rows that differ between two lists of one engine. */
export function diffContainers(
  previous: ReadonlyMap<string, ContainerSummary>,
  next: readonly ContainerSummary[],
): { upserted: ContainerSummary[]; removed: string[] } {
  const nextIds = new Set(next.map((container) => container.id));
  const upserted = next.filter((container) => {
    const before = previous.get(container.id);
    return !before || !sameContainerSummary(before, container);
  });
  const removed = [...previous.keys()].filter((id) => !nextIds.has(id));
  return { upserted, removed };
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting on a queued refresh; its failure is reported elsewhere.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** One engine's containers as last listed, and the refresh machinery around it. */
interface EngineContainers {
  engineId: EngineId;
  revision: number;
  items: Map<string, ContainerSummary>;
  /** A list has succeeded since the engine (re)connected. */
  loaded: boolean;
  /** Something happened since the last list request started. */
  dirty: boolean;
  coalesceTimer?: NodeJS.Timeout;
  running?: Promise<void>;
  /** The one extra list request to run after `running` (never more than one). */
  queued?: Deferred;
}

/**
 * Keeps one snapshot of the containers per engine, current through the daemon's events: container events and
 * (re)connects mark it dirty, bursts are coalesced into one `GET /containers/json?all=true` (no `size`, no
 * inspect), and the difference to the previous snapshot is pushed as a {@link ContainersChange}.
 */
export class ContainerService {
  private readonly coalesceMs: number;
  private readonly logger: Pick<Console, 'warn'>;
  private readonly states = new Map<EngineId, EngineContainers>();
  private readonly listeners = new Set<(change: ContainersChange) => void>();
  private readonly lifetime = new AbortController();
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly engines: EngineRegistry,
    options: ContainerServiceOptions = {},
  ) {
    this.coalesceMs = options.coalesceMs ?? 100;
    this.logger = options.logger ?? console;
    this.unsubscribe = [
      engines.onEvent((engineId, event) => {
        if (affectsContainerList(event)) this.markDirty(engineId);
      }),
      engines.onConnected((engineId) => {
        this.state(engineId).loaded = false;
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
    ];
  }

  /**
   * The engine's containers: the in-memory snapshot when it is current, else after one list request.
   * @throws IpcError NOT_FOUND for an unknown engine, ENGINE_UNREACHABLE when it is not connected.
   */
  async list(engineId: EngineId): Promise<ContainerListSnapshot> {
    const info = await this.engines.ready(engineId);
    if (info.status.state !== 'connected') this.engines.client(engineId);
    const state = this.state(engineId);
    if (!this.isFresh(state)) {
      clearTimeout(state.coalesceTimer);
      state.coalesceTimer = undefined;
      // A list already in flight answers us unless something changed since it started.
      await (state.running && !state.dirty ? state.running : this.refresh(state));
    }
    return { engineId, revision: state.revision, items: [...state.items.values()] };
  }

  /** Starts a container; starting a running one succeeds. */
  async start(ref: ContainerRef): Promise<void> {
    await this.act(ref, (client, id, abortSignal) => client.getContainer(id).start({ abortSignal }));
  }

  /** Stops a container (`timeoutSeconds` before it is killed; the container's own default when absent). */
  async stop(ref: ContainerRef & { timeoutSeconds?: number }): Promise<void> {
    const { timeoutSeconds } = ref;
    // The daemon answers only after the container is down, so the deadline covers its grace period too.
    const extraMs = (timeoutSeconds ?? 10) * 1000;
    await this.act(
      ref,
      (client, id, abortSignal) =>
        client
          .getContainer(id)
          .stop(timeoutSeconds === undefined ? { abortSignal } : { t: timeoutSeconds, abortSignal }),
      extraMs,
    );
  }

  /** Restarts a container: a stop with `timeoutSeconds` (the container's default when absent), then a start. */
  async restart(ref: ContainerRef & { timeoutSeconds?: number }): Promise<void> {
    const { timeoutSeconds } = ref;
    await this.act(
      ref,
      (client, id, abortSignal) =>
        client
          .getContainer(id)
          .restart(timeoutSeconds === undefined ? { abortSignal } : { t: timeoutSeconds, abortSignal }),
      (timeoutSeconds ?? 10) * 1000,
    );
  }

  /** Freezes every process of a running container (cgroup freezer); its memory stays as it is. */
  async pause(ref: ContainerRef): Promise<void> {
    await this.act(ref, (client, id, abortSignal) => client.getContainer(id).pause({ abortSignal }));
  }

  async unpause(ref: ContainerRef): Promise<void> {
    await this.act(ref, (client, id, abortSignal) => client.getContainer(id).unpause({ abortSignal }));
  }

  /** Sends `signal` (SIGKILL by default) to the container's main process, without a grace period. */
  async kill(ref: ContainerRef & { signal?: string }): Promise<void> {
    const { signal } = ref;
    await this.act(ref, (client, id, abortSignal) =>
      client.getContainer(id).kill(signal === undefined ? { abortSignal } : { signal, abortSignal }),
    );
  }

  /** Renames a container; a name in use by another container is a CONFLICT that names it. */
  async rename(ref: ContainerRef & { name: string }): Promise<void> {
    try {
      await this.act(ref, (client, id, abortSignal) =>
        client.getContainer(id).rename({ name: ref.name, abortSignal }),
      );
    } catch (error) {
      throw nameConflictError(error, ref.name) ?? error;
    }
  }

  /** Removes a container, optionally a running one (`force`) and its anonymous volumes (`removeVolumes`). */
  async remove(ref: ContainerRef & { force?: boolean; removeVolumes?: boolean }): Promise<void> {
    const options = { force: ref.force === true, v: ref.removeVolumes === true };
    await this.act(ref, (client, id, abortSignal) =>
      client.getContainer(id).remove({ ...options, abortSignal }),
    );
  }

  onChanged(listener: (change: ContainersChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops listening, cancels pending refreshes and in-flight requests. */
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

  private async act(
    ref: ContainerRef,
    call: (client: Dockerode, id: string, signal: AbortSignal) => Promise<unknown>,
    extraMs = 0,
  ): Promise<void> {
    if (!containerIdSchema.safeParse(ref.id).success) {
      throw new IpcError(ErrorCode.Validation, `Not a container id or name: ${JSON.stringify(ref.id)}`);
    }
    await this.engines.ready(ref.engineId);
    try {
      await this.engines.request(
        ref.engineId,
        async (client, signal) => {
          try {
            await call(client, ref.id, signal);
          } catch (error) {
            // 304: already started / already stopped, which is what the user asked for.
            if ((error as { statusCode?: unknown }).statusCode === 304) return;
            throw error;
          }
        },
        { extraMs, signal: this.lifetime.signal },
      );
    } catch (error) {
      throw stateConflictError(error) ?? error;
    }
  }

  private state(engineId: EngineId): EngineContainers {
    let state = this.states.get(engineId);
    if (!state) {
      state = { engineId, revision: 0, items: new Map(), loaded: false, dirty: false };
      this.states.set(engineId, state);
    }
    return state;
  }

  private isFresh(state: EngineContainers): boolean {
    return state.loaded && !state.dirty && !state.running && !state.coalesceTimer;
  }

  /** Marks the snapshot stale and schedules one refresh at the end of the coalescing window. */
  private markDirty(engineId: EngineId): void {
    if (this.lifetime.signal.aborted) return;
    const state = this.state(engineId);
    state.dirty = true;
    if (state.coalesceTimer) return;
    state.coalesceTimer = setTimeout(() => {
      state.coalesceTimer = undefined;
      this.refresh(state).catch((error: unknown) => this.reportBackgroundFailure(state, error));
    }, this.coalesceMs);
  }

  /** Resolves after a list request that started after this call; never two in flight per engine. */
  private refresh(state: EngineContainers): Promise<void> {
    if (state.running) {
      state.queued ??= deferred();
      return state.queued.promise;
    }
    return this.fetch(state);
  }

  private fetch(state: EngineContainers): Promise<void> {
    state.dirty = false;
    const run = this.engines
      .request(state.engineId, (client, abortSignal) => client.listContainers({ all: true, abortSignal }), {
        signal: this.lifetime.signal,
      })
      .then((infos) => {
        if (this.lifetime.signal.aborted) return;
        this.apply(
          state,
          infos.map((info) => toContainerSummary(state.engineId, info)),
        );
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

  private apply(state: EngineContainers, next: ContainerSummary[]): void {
    const { upserted, removed } = diffContainers(state.items, next);
    state.items = new Map(next.map((container) => [container.id, container]));
    if (upserted.length === 0 && removed.length === 0) return;
    state.revision += 1;
    const change: ContainersChange = {
      engineId: state.engineId,
      revision: state.revision,
      upserted,
      removed,
    };
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.logger.warn('[containers] a listener threw:', error);
      }
    }
  }

  private reportBackgroundFailure(state: EngineContainers, error: unknown): void {
    const code = error instanceof IpcError ? error.code : undefined;
    // Unreachable/cancelled are the engine's status to report, not a refresh failure.
    if (code === ErrorCode.EngineUnreachable || code === ErrorCode.Cancelled) return;
    this.logger.warn(`[containers] refreshing ${state.engineId} failed:`, error);
  }
}
