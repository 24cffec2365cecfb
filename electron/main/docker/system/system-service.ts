import type Dockerode from 'dockerode';

import {
  type ContainerState,
  type DiskUsage,
  type EngineId,
  IpcError,
  type SystemInfo,
  type SystemPruneOptions,
  type SystemPrunePreview,
  type SystemPruneResult,
} from '../../../common';
import { apiVersionAtLeast } from '../engine/api-version';
import type { EngineRegistry } from '../engine/engine-registry';
import { toIpcError } from '../engine/errors';
import { abortable } from '../engine/requests';
import type { NetworkService } from '../networks/network-service';
import type { VolumeService } from '../volumes/volume-service';
import { toDiskUsage, toHostInfo } from './mappers';
import { planImagePrune, type PlannedImage, pruneDifferences } from './prune-plan';

const previewKey = (options: SystemPruneOptions) =>
  `${options.engineId}\u0000${options.volumes}\u0000${options.allImages}`;

/** Every reference of an image (tags and digests), as the daemon's untag lines name them. */
const referencesOf = (image: PlannedImage) =>
  [...image.repoTags, ...image.repoDigests].filter((ref) => !ref.startsWith('<none>'));

/** `/system/df` walks every layer and volume; give it more than the usual deadline. */
const DF_EXTRA_MS = 60_000;
/** Prunes delete files; a big host takes minutes. */
const PRUNE_EXTRA_MS = 10 * 60_000;

/** Containers a container prune keeps: the daemon removes every container that is not running. */
function survivesContainerPrune(state: ContainerState): boolean {
  return state === 'running' || state === 'paused' || state === 'restarting' || state === 'removing';
}

/** Build cache records a prune without `--all` keeps (BuildKit keeps internal and frontend records). */
const KEPT_CACHE_TYPES = new Set(['internal', 'frontend']);

/**
 * The Docker host itself: what `/info` and `/version` say about it, its disk usage (`/system/df`, only on
 * demand), and `docker system prune` with a preview of exactly what it would remove.
 */
export class SystemService {
  /** The last preview per engine and options, to tell what the prune then did differently. */
  private readonly lastPreviews = new Map<string, { preview: SystemPrunePreview; refs: Set<string> }>();

  constructor(
    private readonly engines: EngineRegistry,
    private readonly volumes: VolumeService,
    private readonly networks: NetworkService,
  ) {}

  async info(engineId: EngineId): Promise<SystemInfo> {
    await this.engines.ready(engineId);
    const [info, version] = await this.engines.request(engineId, (client, abortSignal) =>
      Promise.all([abortable(client).info({ abortSignal }), abortable(client).version({ abortSignal })]),
    );
    return toHostInfo(engineId, info, version);
  }

  async diskUsage(engineId: EngineId): Promise<DiskUsage> {
    await this.engines.ready(engineId);
    const df = await this.engines.request(
      engineId,
      (client, abortSignal) => abortable(client).df({ abortSignal }),
      { extraMs: DF_EXTRA_MS },
    );
    return toDiskUsage(engineId, df);
  }

  /**
   * What `docker system prune` with these options would remove now. The steps run in the CLI's order, so the
   * preview accounts for it: images and volumes used only by containers the first step removes go too.
   */
  async prunePreview(options: SystemPruneOptions): Promise<SystemPrunePreview> {
    const { engineId } = options;
    const [usage, networkPreview] = await Promise.all([
      this.diskUsage(engineId),
      this.networks.prunePreview(engineId),
    ]);
    const info = this.engines.info(engineId);
    const anonymousVolumesOnly = apiVersionAtLeast(info.status.apiVersion, '1.42');

    const containers = usage.containers
      .filter((container) => !survivesContainerPrune(container.state))
      .map((container) => ({
        id: container.id,
        name: container.name,
        state: container.state,
        size: container.sizeRw,
      }));
    const keptImageIds = new Set(
      usage.containers
        .filter((container) => survivesContainerPrune(container.state))
        .map((container) => container.imageId),
    );
    // Every image, intermediate ones too: a deleted image takes its dangling parents along.
    const everyImage = await this.listAllImages(engineId);
    const plan = planImagePrune(everyImage, keptImageIds, options.allImages);
    const planned = new Set(plan.deleted);
    const images = everyImage
      .filter((image) => planned.has(image.id))
      .map((image) => ({
        id: image.id,
        tags: image.repoTags.filter((tag) => tag !== '<none>:<none>'),
        size: image.size < 0 ? 0 : image.size,
      }));

    let volumes: SystemPrunePreview['volumes'] = [];
    if (options.volumes) {
      const listed = await this.volumes.list(engineId);
      const sizes = new Map(usage.volumes.map((volume) => [volume.name, volume.size]));
      volumes = listed.items
        .filter(
          (volume) =>
            volume.driver === 'local' &&
            (!anonymousVolumesOnly || volume.anonymous) &&
            volume.usedBy.every((user) => !survivesContainerPrune(user.state)),
        )
        .map((volume) => ({ name: volume.name, size: sizes.get(volume.name) ?? null }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }

    const buildCache = usage.buildCache
      .filter((entry) => !entry.inUse && (options.allImages || !KEPT_CACHE_TYPES.has(entry.type)))
      .map((entry) => ({ id: entry.id, description: entry.description, size: entry.size }));

    const reclaimableBytes =
      containers.reduce((sum, item) => sum + item.size, 0) +
      images.reduce((sum, item) => sum + item.size, 0) +
      volumes.reduce((sum, item) => sum + (item.size ?? 0), 0) +
      buildCache.reduce((sum, item) => sum + item.size, 0);

    const preview: SystemPrunePreview = {
      options,
      containers,
      networks: networkPreview.networks.map(({ id, name }) => ({ id, name })),
      images,
      untagged: plan.untagged,
      volumes,
      buildCache,
      reclaimableBytes,
      anonymousVolumesOnly,
    };
    this.lastPreviews.set(previewKey(options), {
      preview,
      refs: new Set(everyImage.filter((image) => planned.has(image.id)).flatMap(referencesOf)),
    });
    return preview;
  }

  private async listAllImages(engineId: EngineId): Promise<PlannedImage[]> {
    const listed = await this.engines.request(engineId, (client, abortSignal) =>
      client.listImages({ all: true, abortSignal } as Dockerode.ListImagesOptions),
    );
    return listed.map((image) => ({
      id: image.Id,
      parentId: image.ParentId ?? '',
      repoTags: image.RepoTags ?? [],
      repoDigests: image.RepoDigests ?? [],
      size: image.Size,
    }));
  }

  /** Compares what the prune removed with the last preview for the same options, both ways. */
  private differences(options: SystemPruneOptions, result: SystemPruneResult): string[] | undefined {
    const last = this.lastPreviews.get(previewKey(options));
    if (last === undefined) return undefined;
    this.lastPreviews.delete(previewKey(options));
    const { preview, refs } = last;
    const deletedImages = result.images
      .filter((line) => line.startsWith('deleted: '))
      .map((line) => line.slice(9));
    const untagged = result.images
      .filter((line) => line.startsWith('untagged: '))
      .map((line) => line.slice(10))
      .filter((ref) => !refs.has(ref));
    return [
      ...pruneDifferences(
        'Containers',
        preview.containers.map((item) => item.id),
        result.containers,
      ),
      ...pruneDifferences(
        'Networks',
        preview.networks.map((item) => item.name),
        result.networks,
      ),
      ...pruneDifferences(
        'Volumes',
        preview.volumes.map((item) => item.name),
        result.volumes,
      ),
      ...pruneDifferences(
        'Images',
        preview.images.map((item) => item.id),
        deletedImages,
      ),
      ...pruneDifferences('Tags', preview.untagged, untagged),
      ...pruneDifferences(
        'Build cache entries',
        preview.buildCache.map((item) => item.id),
        result.buildCache,
      ),
    ];
  }

  /**
   * Runs `docker system prune` step by step as the CLI does (containers, networks, volumes when asked, images,
   * build cache) and reports what each step removed and the space freed. A failed step does not stop the rest.
   */
  async prune(options: SystemPruneOptions): Promise<SystemPruneResult> {
    const { engineId } = options;
    await this.engines.ready(engineId);
    const result: SystemPruneResult = {
      containers: [],
      networks: [],
      images: [],
      volumes: [],
      buildCache: [],
      reclaimedBytes: 0,
      failures: [],
    };
    const step = async <T>(name: string, call: (client: Dockerode, signal: AbortSignal) => Promise<T>) => {
      try {
        return await this.engines.request(engineId, call, { extraMs: PRUNE_EXTRA_MS });
      } catch (error) {
        const failure = error instanceof IpcError ? error : toIpcError(error);
        result.failures.push(`${name}: ${failure.message}`);
        return undefined;
      }
    };

    const containers = await step(
      'Containers',
      (client, abortSignal) =>
        client.pruneContainers({ abortSignal }) as Promise<{
          ContainersDeleted?: string[] | null;
          SpaceReclaimed?: number;
        }>,
    );
    result.containers = containers?.ContainersDeleted ?? [];
    result.reclaimedBytes += containers?.SpaceReclaimed ?? 0;

    const networks = await step(
      'Networks',
      (client, abortSignal) =>
        client.pruneNetworks({ abortSignal }) as Promise<{ NetworksDeleted?: string[] | null }>,
    );
    result.networks = networks?.NetworksDeleted ?? [];

    if (options.volumes) {
      // No `all` filter: on API ≥ 1.42 the daemon then removes anonymous volumes only, as `docker system prune`.
      const volumes = await step(
        'Volumes',
        (client, abortSignal) =>
          client.pruneVolumes({ abortSignal } as Dockerode.VolumePruneOptions) as Promise<{
            VolumesDeleted?: string[] | null;
            SpaceReclaimed?: number;
          }>,
      );
      result.volumes = volumes?.VolumesDeleted ?? [];
      result.reclaimedBytes += volumes?.SpaceReclaimed ?? 0;
    }

    const images = await step(
      'Images',
      (client, abortSignal) =>
        client.pruneImages({
          filters: { dangling: [options.allImages ? 'false' : 'true'] },
          abortSignal,
        }) as Promise<{
          ImagesDeleted?: Array<{ Untagged?: string; Deleted?: string }> | null;
          SpaceReclaimed?: number;
        }>,
    );
    result.images = (images?.ImagesDeleted ?? []).map((entry) =>
      entry.Deleted !== undefined ? `deleted: ${entry.Deleted}` : `untagged: ${entry.Untagged ?? ''}`,
    );
    result.reclaimedBytes += images?.SpaceReclaimed ?? 0;

    const cache = await step(
      'Build cache',
      (client, abortSignal) =>
        client.pruneBuilder({
          all: options.allImages,
          abortSignal,
        } as Dockerode.PruneBuilderOptions) as Promise<{
          CachesDeleted?: string[] | null;
          SpaceReclaimed?: number;
        }>,
    );
    result.buildCache = cache?.CachesDeleted ?? [];
    result.reclaimedBytes += cache?.SpaceReclaimed ?? 0;

    const differences = this.differences(options, result);
    if (differences !== undefined) result.differences = differences;
    // Lists catch up through the daemon's events; refresh now so the caller's next list is current.
    await Promise.allSettled([this.volumes.list(engineId), this.networks.list(engineId)]);
    return result;
  }
}
