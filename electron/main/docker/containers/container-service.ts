import type Dockerode from 'dockerode';

import {
  containerIdSchema,
  type ContainerListSnapshot,
  type ContainersChange,
  type ContainerSummary,
  type EngineId,
  ErrorCode,
  IpcError,
} from '../../../common';
import type { EngineRegistry } from '../engine/engine-registry';
import type { DockerEvent } from '../engine/events';
import { diffByKey } from '../lists/diff';
import { type EventTarget, RevisionedList, type RevisionedListOptions } from '../lists/revisioned-list';
import { patchContainerFromEvent, sameContainerSummary, toContainerSummary } from './mappers';

/** Where failed background refreshes are reported (default `console`); whether anyone looks (ListDemand). */
type ContainerServiceOptions = Pick<RevisionedListOptions, 'logger' | 'demand'>;

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

/** A list row, with the restart count an inspect adds for restarting containers. */
type ListedContainer = Dockerode.ContainerInfo & { RestartCount?: number };

/**
 * `Restarting ×12` needs the count, which only an inspect has: read it for the restarting containers (a crash loop
 * is rare, so this costs nothing in the usual list), never failing the list over it.
 */
async function withRestartCounts(
  client: Dockerode,
  infos: Dockerode.ContainerInfo[],
  abortSignal: AbortSignal,
): Promise<ListedContainer[]> {
  return Promise.all(
    infos.map(async (info): Promise<ListedContainer> => {
      if (info.State !== 'restarting') return info;
      try {
        const inspected = await client.getContainer(info.Id).inspect({ abortSignal } as object);
        return { ...info, RestartCount: inspected.RestartCount };
      } catch {
        return info;
      }
    }),
  );
}

/**
 * The one container a list-changing event is about: its row is refetched alone, or dropped without a request
 * when the container is gone.
 */
export function containerEventTarget(event: DockerEvent): EventTarget<ContainerSummary> | undefined {
  const target = { key: event.actorId, gone: event.action === 'destroy' };
  const health = /^health_status: (.+)$/.exec(event.action)?.[1];
  const expect =
    health === undefined ? rowAfter[event.action] : (row: ContainerSummary) => row.status.includes(health);
  return expect === undefined ? target : { ...target, expect };
}

/** What the row shows once the list has caught up with these events (sent before the daemon saves the state). */
const rowAfter: Record<string, (row: ContainerSummary) => boolean> = {
  die: (row) => row.state !== 'running',
  pause: (row) => row.state === 'paused',
  unpause: (row) => row.state !== 'paused',
};

/** The rows that differ between two lists of one engine. */
export function diffContainers(
  previous: ReadonlyMap<string, ContainerSummary>,
  next: readonly ContainerSummary[],
): { upserted: ContainerSummary[]; removed: string[] } {
  return diffByKey(previous, next, (container) => container.id, sameContainerSummary);
}

/**
 * Keeps one snapshot of the containers per engine, current through the daemon's events: a container event
 * refreshes that container alone (`GET /containers/json?all=true&filters={"id":[…]}`, no `size`, no inspect; the
 * ids of events that arrive while one is in flight go together in the next), a `destroy` drops its row without a
 * request, a (re)connect lists them all; the difference is pushed as a {@link ContainersChange}.
 */
export class ContainerService {
  private readonly lifetime = new AbortController();
  private readonly containers: RevisionedList<ContainerSummary, ListedContainer>;

  constructor(
    private readonly engines: EngineRegistry,
    options: ContainerServiceOptions = {},
  ) {
    this.containers = new RevisionedList(
      engines,
      {
        name: 'containers',
        affects: affectsContainerList,
        keyOf: (container) => container.id,
        same: sameContainerSummary,
        fetch: async (_engineId, client, abortSignal) =>
          withRestartCounts(client, await client.listContainers({ all: true, abortSignal }), abortSignal),
        fetchSome: async (_engineId, client, ids, abortSignal) =>
          withRestartCounts(
            client,
            await client.listContainers({ all: true, filters: { id: ids }, abortSignal }),
            abortSignal,
          ),
        target: containerEventTarget,
        row: toContainerSummary,
        patch: patchContainerFromEvent,
      },
      // Listed or not: the tray follows every engine's containers from its first connect.
      { ...options, eager: true },
    );
  }

  /**
   * The engine's containers: the in-memory snapshot when it is current, else after one list request.
   * @throws IpcError NOT_FOUND for an unknown engine, ENGINE_UNREACHABLE when it is not connected.
   */
  list(engineId: EngineId): Promise<ContainerListSnapshot> {
    return this.containers.list(engineId);
  }

  /** The daemon's rows behind the last list, mounts and networks included (for the lists that join them). */
  raw(engineId: EngineId): Dockerode.ContainerInfo[] {
    return this.containers.cachedRaw(engineId);
  }

  /** Lists them all again now (after a change we made, whose events may still be on their way). */
  refreshNow(engineId: EngineId): Promise<ContainerListSnapshot> {
    return this.containers.refreshNow(engineId);
  }

  /**
   * Refreshes these containers alone, as their events would (a network `connect` changes a container's networks,
   * but no container event says so).
   */
  refresh(engineId: EngineId, ids: readonly string[]): void {
    this.containers.refreshKeys(engineId, ids);
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
    return this.containers.onChanged(listener);
  }

  /** Stops listening, cancels pending refreshes and in-flight requests. */
  dispose(): void {
    if (this.lifetime.signal.aborted) return;
    this.lifetime.abort(new IpcError(ErrorCode.Cancelled, 'Berth is shutting down.'));
    this.containers.dispose();
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
}
