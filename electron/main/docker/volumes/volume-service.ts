import type Dockerode from 'dockerode';

import {
  type EngineId,
  ErrorCode,
  IpcError,
  type PruneReport,
  type VolumeCreateRequest,
  type VolumeListSnapshot,
  type VolumePrunePreview,
  type VolumeRemoveOutcome,
  type VolumesChange,
  type VolumeSizes,
  type VolumeSummary,
  type VolumeUser,
} from '../../../common';
import type { ContainerInventory } from '../containers/container-inventory';
import { toContainerName } from '../containers/mappers';
import { apiVersionAtLeast } from '../engine/api-version';
import type { EngineRegistry } from '../engine/engine-registry';
import type { DockerEvent } from '../engine/events';
import { type EventTarget, RevisionedList, type RevisionedListOptions } from '../lists/revisioned-list';
import { toVolumeSizes, toVolumeSummary, toVolumeUsers } from './mappers';

/**
 * Whether an event can change what `/volumes` says. `mount`/`unmount` do not (who uses a volume comes from the
 * containers list, re-joined when it changes).
 */
function affectsVolumeList(event: DockerEvent): boolean {
  return event.type === 'volume' && event.action !== 'mount' && event.action !== 'unmount';
}

/** A volume event names its volume (`prune` names none: the whole list). */
function volumeEventTarget(event: DockerEvent): EventTarget | undefined {
  if (event.action === 'prune' || event.actorId === '') return undefined;
  return { key: event.actorId, gone: event.action === 'destroy' };
}

/** The `Volumes` of a `/volumes` answer. */
function volumesOf(answer: { Volumes?: unknown } | undefined): unknown[] {
  return Array.isArray(answer?.Volumes) ? (answer.Volumes as unknown[]) : [];
}

/** Volume prune removes only anonymous volumes from API 1.42 on unless told `all`; ours means "unused". */
const PRUNE_ALL_FROM_API = '1.42';

function namesOf(users: ReadonlyArray<{ name: string }>): string {
  const names = users.map((user) => user.name);
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/**
 * The volumes of every engine, live (the generic revisioned list over `/volumes` joined with the mounts of
 * `/containers/json`), and what can be done to them: create, remove (never data in use), prune with a preview,
 * and sizes from `/system/df` on demand.
 */
export class VolumeService {
  private readonly volumes: RevisionedList<VolumeSummary, unknown, Map<string, VolumeUser[]>>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly inventory: ContainerInventory,
    options: RevisionedListOptions = {},
  ) {
    this.volumes = new RevisionedList<VolumeSummary, unknown, Map<string, VolumeUser[]>>(
      engines,
      {
        name: 'volumes',
        affects: affectsVolumeList,
        target: volumeEventTarget,
        keyOf: (volume) => volume.name,
        fetch: async (_engineId, client, abortSignal) => volumesOf(await client.listVolumes({ abortSignal })),
        // `name` matches parts of names too; the list keeps only the names it asked for.
        fetchSome: async (_engineId, client, names, abortSignal) =>
          volumesOf(await client.listVolumes({ filters: { name: names }, abortSignal })),
        join: async (engineId, fresh) => toVolumeUsers(await this.inventory.list(engineId, fresh)),
        row: (engineId, volume, users) => {
          const name = (volume as { Name?: unknown }).Name;
          return toVolumeSummary(engineId, volume, (typeof name === 'string' && users.get(name)) || []);
        },
      },
      options,
    );
    // Who uses which volume comes from the containers list: re-joined without asking the daemon.
    this.unsubscribe = inventory.onChanged((change) => void this.volumes.rejoin(change.engineId));
  }

  list(engineId: EngineId): Promise<VolumeListSnapshot> {
    return this.volumes.list(engineId);
  }

  onChanged(listener: (change: VolumesChange) => void): () => void {
    return this.volumes.onChanged(listener);
  }

  /** Sizes from `/system/df`: expensive on big hosts, so only when asked, never with the list. */
  async sizes(engineId: EngineId): Promise<VolumeSizes> {
    await this.engines.ready(engineId);
    const df = await this.engines.request(
      engineId,
      (client, abortSignal) => (client.df as (options: object) => Promise<unknown>)({ abortSignal }),
      // Measuring every volume can take a while on a big host.
      { extraMs: 60_000 },
    );
    return { engineId, sizes: toVolumeSizes(df), measuredAt: Date.now() };
  }

  async create(request: VolumeCreateRequest): Promise<VolumeSummary> {
    await this.engines.ready(request.engineId);
    const body: Dockerode.VolumeCreateOptions = { Driver: request.driver ?? 'local' };
    if (request.name !== undefined && request.name !== '') body.Name = request.name;
    if (request.driverOptions !== undefined) body.DriverOpts = request.driverOptions;
    if (request.labels !== undefined) body.Labels = request.labels;
    if (body.Name !== undefined && (await this.exists(request.engineId, body.Name))) {
      // The daemon answers a create of an existing name with that volume, which would hide the user's mistake.
      throw new IpcError(ErrorCode.Conflict, `A volume named ${body.Name} already exists.`);
    }
    const created = await this.engines.request(request.engineId, async (client, abortSignal) => {
      const volume = await client.createVolume({ ...body, abortSignal } as Dockerode.VolumeCreateOptions);
      // dockerode answers with a handle named after the daemon's answer (the random name of an anonymous one).
      return volume.name;
    });
    const snapshot = await this.volumes.refreshNow(request.engineId);
    const summary = snapshot.items.find((volume) => volume.name === created);
    if (summary === undefined) {
      throw new IpcError(ErrorCode.Internal, `The daemon created ${created} but does not list it.`);
    }
    return summary;
  }

  /**
   * Removes each volume in turn and reports each outcome. A volume a container uses is refused with the names
   * of those containers; Berth never forces a removal, so no data a container relies on is ever deleted.
   */
  async remove(engineId: EngineId, names: readonly string[]): Promise<VolumeRemoveOutcome[]> {
    const snapshot = await this.volumes.refreshNow(engineId);
    const byName = new Map(snapshot.items.map((volume) => [volume.name, volume]));
    const outcomes: VolumeRemoveOutcome[] = [];
    for (const name of new Set(names)) {
      const volume = byName.get(name);
      if (volume !== undefined && volume.usedBy.length > 0) {
        outcomes.push({
          name,
          removed: false,
          error: new IpcError(
            ErrorCode.Conflict,
            `Volume ${name} is in use by ${namesOf(volume.usedBy)}. Remove ${volume.usedBy.length === 1 ? 'that container' : 'those containers'} first; Berth never deletes data a container uses.`,
          ).toData(),
        });
        continue;
      }
      try {
        await this.engines.request(engineId, (client, abortSignal) =>
          client.getVolume(name).remove({ abortSignal }),
        );
        outcomes.push({ name, removed: true });
      } catch (error) {
        const failure = error instanceof IpcError ? error : new IpcError(ErrorCode.Internal, String(error));
        outcomes.push({
          name,
          removed: false,
          error: (await this.explain(engineId, name, failure)).toData(),
        });
      }
    }
    if (outcomes.some((outcome) => outcome.removed)) await this.volumes.refreshNow(engineId);
    return outcomes;
  }

  /**
   * The volumes a prune would remove now: those of the `local` driver (the only ones the daemon prunes) that no
   * container uses, with their sizes (one `/system/df`).
   */
  async prunePreview(engineId: EngineId): Promise<VolumePrunePreview> {
    const snapshot = await this.volumes.refreshNow(engineId);
    const unused = snapshot.items.filter((volume) => volume.usedBy.length === 0 && volume.driver === 'local');
    const { sizes } = await this.sizes(engineId);
    const volumes = unused
      .map((volume) => ({ name: volume.name, size: sizes[volume.name] ?? null }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const reclaimableBytes = volumes.reduce((sum, volume) => sum + (volume.size ?? 0), 0);
    return { engineId, volumes, reclaimableBytes };
  }

  /** Removes every unused local volume (named ones too) and reports what the daemon removed and freed. */
  async prune(engineId: EngineId): Promise<PruneReport> {
    const info = await this.engines.ready(engineId);
    const filters = apiVersionAtLeast(info.status.apiVersion, PRUNE_ALL_FROM_API) ? { all: ['true'] } : {};
    const answer = await this.engines.request(
      engineId,
      (client, abortSignal) =>
        client.pruneVolumes({ filters, abortSignal } as Dockerode.VolumePruneOptions) as Promise<{
          VolumesDeleted?: string[] | null;
          SpaceReclaimed?: number;
        }>,
      { extraMs: 60_000 },
    );
    await this.volumes.refreshNow(engineId);
    return { removed: answer.VolumesDeleted ?? [], reclaimedBytes: answer.SpaceReclaimed ?? 0 };
  }

  dispose(): void {
    this.unsubscribe();
    this.volumes.dispose();
  }

  private async exists(engineId: EngineId, name: string): Promise<boolean> {
    try {
      await this.engines.request(engineId, (client, abortSignal) =>
        client.getVolume(name).inspect({ abortSignal } as object),
      );
      return true;
    } catch (error) {
      if (error instanceof IpcError && error.code === ErrorCode.NotFound) return false;
      throw error;
    }
  }

  /** The daemon's refusal in words: `volume is in use - [<ids>]` names the containers instead. */
  private async explain(engineId: EngineId, name: string, error: IpcError): Promise<IpcError> {
    if (error.code === ErrorCode.NotFound) return new IpcError(ErrorCode.NotFound, `No such volume: ${name}`);
    if (error.code !== ErrorCode.Conflict) return error;
    const ids =
      /\[([^\]]*)\]/
        .exec(error.message)?.[1]
        ?.split(/[\s,]+/)
        .filter(Boolean) ?? [];
    if (ids.length === 0) return error;
    try {
      const containers = await this.inventory.list(engineId);
      const users = ids.map((id) => {
        const container = containers.find((candidate) => candidate.Id.startsWith(id));
        return { name: container ? toContainerName(container.Names) : id.slice(0, 12) };
      });
      return new IpcError(
        ErrorCode.Conflict,
        `Volume ${name} is in use by ${namesOf(users)}. Remove ${users.length === 1 ? 'that container' : 'those containers'} first; Berth never deletes data a container uses.`,
      );
    } catch {
      return error;
    }
  }
}
