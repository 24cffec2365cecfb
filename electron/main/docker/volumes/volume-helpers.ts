import { randomBytes } from 'node:crypto';

import type Dockerode from 'dockerode';

import { type EngineId, ErrorCode, IpcError } from '../../../common';
import { helperLabels } from '../containers/helper-janitor';
import type { EngineRegistry } from '../engine/engine-registry';
import { toIpcError } from '../engine/errors';

/** Where helper containers mount the volume. */
export const MOUNT = '/volume';
/** Helpers are created, never started: this entrypoint only makes `create` valid for images without a command. */
const NEVER_RUN = ['/berth-helper-is-never-started'];

/**
 * The short-lived helper containers volume transfers read and write through: created (never started) from an
 * image already on that host, mounting the volume (read-only unless importing), removed when the transfer ends
 * whatever the outcome, and on app quit.
 */
export class VolumeHelpers {
  private readonly helpers = new Map<string, { engineId: EngineId; id: string }>();
  /** Aborted on app quit: transfers still running stop. */
  readonly lifetime = new AbortController();

  constructor(
    private readonly engines: EngineRegistry,
    /** An image to prefer for helper containers when it is on the host (tests name the fixture). */
    private readonly preferredImage?: string,
  ) {}

  /**
   * Runs `body` with a helper container that mounts `volume` at /volume, and removes the helper afterwards.
   * The volume must exist: mounting a missing one would create it.
   */
  async withHelper<T>(
    engineId: EngineId,
    volume: string,
    mode: 'ro' | 'rw',
    body: (container: Dockerode.Container) => Promise<T>,
  ): Promise<T> {
    await this.engines.ready(engineId);
    await this.engines
      .request(engineId, (client, abortSignal) => client.getVolume(volume).inspect({ abortSignal } as object))
      .catch((error: unknown) => {
        const failure = toIpcError(error);
        if (failure.code === ErrorCode.NotFound)
          throw new IpcError(ErrorCode.NotFound, `No such volume: ${volume}`);
        throw failure;
      });
    const image = await this.pickImage(engineId);
    const name = `berth-helper-${randomBytes(6).toString('hex')}`;
    const options: Dockerode.ContainerCreateOptions = {
      name,
      Image: image,
      Entrypoint: NEVER_RUN,
      Cmd: [],
      // The owner labels let the janitor of a later run tell a crash's leftover from a helper in use.
      Labels: { ...helperLabels('volume'), 'io.berth.volume': volume },
      NetworkDisabled: true,
      HostConfig: {
        NetworkMode: 'none',
        Mounts: [
          {
            Type: 'volume',
            Source: volume,
            Target: MOUNT,
            ReadOnly: mode === 'ro',
            // Never copy anything from the image into the volume.
            VolumeOptions: { NoCopy: true } as NonNullable<Dockerode.MountSettings['VolumeOptions']>,
          },
        ],
      },
    };
    const container = await this.engines.request(engineId, (client, abortSignal) =>
      client.createContainer({ ...options, abortSignal }),
    );
    this.helpers.set(container.id, { engineId, id: container.id });
    try {
      return await body(container);
    } finally {
      await this.removeHelper(engineId, container.id).catch((error: unknown) => {
        console.warn(`[volumes] could not remove helper container ${name}:`, error);
      });
    }
  }

  /** Removes helpers still alive (app quit); resolves when done. */
  async dispose(): Promise<void> {
    this.lifetime.abort(new IpcError(ErrorCode.Cancelled, 'Berth is shutting down.'));
    await Promise.all(
      [...this.helpers.values()].map(({ engineId, id }) =>
        this.removeHelper(engineId, id).catch(() => undefined),
      ),
    );
  }

  private async removeHelper(engineId: EngineId, id: string): Promise<void> {
    try {
      // `v: false`: the helper's volume is the user's data, never removed with it.
      await this.engines.request(engineId, (client, abortSignal) =>
        client.getContainer(id).remove({ force: true, v: false, abortSignal }),
      );
    } catch (error) {
      if (!(error instanceof IpcError && error.code === ErrorCode.NotFound)) throw error;
    } finally {
      this.helpers.delete(id);
    }
  }

  /** An image already on the host: the preferred one if present, else the smallest tagged one. Never pulls. */
  private async pickImage(engineId: EngineId): Promise<string> {
    const images = await this.engines.request(engineId, (client, abortSignal) =>
      client.listImages({ abortSignal } as Dockerode.ListImagesOptions),
    );
    const preferred = this.preferredImage;
    if (preferred !== undefined) {
      const match = images.find((image) => (image.RepoTags ?? []).includes(preferred));
      if (match !== undefined) return match.Id;
    }
    const tagged = images.filter((image) => (image.RepoTags ?? []).some((tag) => tag !== '<none>:<none>'));
    const candidates = (tagged.length > 0 ? tagged : images).slice().sort((a, b) => a.Size - b.Size);
    const chosen = candidates[0];
    if (chosen === undefined) {
      throw new IpcError(
        ErrorCode.Conflict,
        'Berth reads and writes volume files through a helper container made from an image already on this host, and there is none. Berth never pulls one for this: pull or load any small image (busybox, alpine) here, then try again.',
      );
    }
    return chosen.Id;
  }
}
