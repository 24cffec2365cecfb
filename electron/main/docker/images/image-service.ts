import type Dockerode from 'dockerode';

import {
  type ContainerSummary,
  type EngineId,
  ErrorCode,
  type ImageDetails,
  type ImageListSnapshot,
  type ImagePrunePreview,
  type ImagePruneRequest,
  type ImagePruneResult,
  type ImageRemoveOutcome,
  type ImageRemoveRequest,
  type ImagesChange,
  type ImageSummary,
  type ImageTagRequest,
  type ImageUser,
  IpcError,
} from '../../../common';
import { parseReference } from '../../credentials/registry-auth';
import type { ContainerService } from '../containers/container-service';
import type { EngineRegistry } from '../engine/engine-registry';
import { toIpcError } from '../engine/errors';
import type { DockerEvent } from '../engine/events';
import { requestJson } from '../engine/requests';
import { type EventTarget, RevisionedList, type RevisionedListOptions } from '../lists/revisioned-list';
import { toImageDetails, toImageSummary } from './mappers';

type ImageServiceOptions = Pick<RevisionedListOptions, 'logger' | 'demand'>;

/** Image actions that change `/images/json`; `push` and `save` do not. Container `commit` creates one. */
const imageListActions = new Set(['delete', 'import', 'load', 'pull', 'tag', 'untag', 'create', 'prune']);

/** Whether an event can change what the images list shows. */
export function affectsImageList(event: DockerEvent): boolean {
  if (event.type === 'image') return imageListActions.has(event.action);
  return event.type === 'container' && event.action === 'commit';
}

/**
 * A `delete` names the image that is gone: its row goes without a request. Everything else refetches the whole
 * list: `/images/json` (API 1.41) filters by `reference`, not by id, and a tag or an untag also changes the image
 * that held the name before, which no event names.
 */
export function imageEventTarget(event: DockerEvent): EventTarget | undefined {
  return event.type === 'image' && event.action === 'delete' ? { key: event.actorId, gone: true } : undefined;
}

/** Structural equality of two summaries (used to push only rows that really changed). */
export function sameImageSummary(a: ImageSummary, b: ImageSummary): boolean {
  const sameList = (x: readonly string[], y: readonly string[]): boolean =>
    x.length === y.length && x.every((item, index) => item === y[index]);
  if (
    a.id !== b.id ||
    a.size !== b.size ||
    a.created !== b.created ||
    a.dangling !== b.dangling ||
    a.containers !== b.containers ||
    !sameList(a.repoTags, b.repoTags) ||
    !sameList(a.repoDigests, b.repoDigests)
  ) {
    return false;
  }
  const keys = Object.keys(a.labels);
  return (
    keys.length === Object.keys(b.labels).length &&
    keys.every((key) => Object.hasOwn(b.labels, key) && a.labels[key] === b.labels[key])
  );
}

/** How many containers use each image id. */
export function countImageUsers(containers: readonly ContainerSummary[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const container of containers) {
    if (container.imageId !== '') counts.set(container.imageId, (counts.get(container.imageId) ?? 0) + 1);
  }
  return counts;
}

/** The images a prune would remove, from the list: what the daemon removes, except shared-layer accounting. */
export function prunePreview(
  engineId: EngineId,
  items: readonly ImageSummary[],
  mode: ImagePruneRequest['mode'],
): ImagePrunePreview {
  const images = items
    .filter((image) => image.containers === 0 && (mode === 'unused' || image.dangling))
    .map((image) => ({ id: image.id, repoTags: image.repoTags, size: image.size }))
    .sort((a, b) => b.size - a.size);
  return { engineId, mode, images, reclaimableBytes: images.reduce((sum, image) => sum + image.size, 0) };
}

/**
 * The images of every engine, live: image events (and `commit`) refetch `GET /images/json` (a `delete` only
 * drops its row); container changes only re-join the usage counts, without asking the daemon again. Also the
 * unary image actions: inspect with history, remove (untag vs delete), tag and prune.
 */
export class ImageService {
  private readonly lifetime = new AbortController();
  private readonly images: RevisionedList<ImageSummary, Dockerode.ImageInfo, Map<string, number>>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly containers: ContainerService,
    options: ImageServiceOptions = {},
  ) {
    this.images = new RevisionedList(
      engines,
      {
        name: 'images',
        affects: affectsImageList,
        keyOf: (image) => image.id,
        same: sameImageSummary,
        fetch: (_engineId, client, abortSignal) =>
          client.listImages({ all: false, abortSignal } as Dockerode.ListImagesOptions),
        target: imageEventTarget,
        join: async (engineId) => countImageUsers(await this.containerList(engineId)),
        row: (engineId, info, counts) => toImageSummary(engineId, info, counts.get(info.Id) ?? 0),
      },
      // Current from each connect, as the containers list it joins is.
      { ...options, eager: true },
    );
    // The containers changed: only the usage counts can differ, and they come from main's own list.
    this.unsubscribe = containers.onChanged((change) => void this.images.rejoin(change.engineId));
  }

  /**
   * The engine's images: the in-memory list when it is current, else after one list request.
   * @throws IpcError NOT_FOUND for an unknown engine, ENGINE_UNREACHABLE when it is not connected.
   */
  list(engineId: EngineId): Promise<ImageListSnapshot> {
    return this.images.list(engineId);
  }

  /** Inspect, history and the containers using the image. */
  async inspect(ref: { engineId: EngineId; id: string }): Promise<ImageDetails> {
    await this.engines.ready(ref.engineId);
    const [inspect, history] = await this.engines.request(
      ref.engineId,
      (client, signal) =>
        Promise.all([
          requestJson<Dockerode.ImageInspectInfo>(client, {
            path: `/images/${ref.id}/json`,
            method: 'GET',
            signal,
          }),
          requestJson<unknown>(client, { path: `/images/${ref.id}/history`, method: 'GET', signal }),
        ]),
      { signal: this.lifetime.signal },
    );
    const containers = await this.containerList(ref.engineId);
    const usedBy: ImageUser[] = containers
      .filter((container) => container.imageId === inspect.Id)
      .map((container) => ({ id: container.id, name: container.name, state: container.state }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return toImageDetails(ref.engineId, inspect, history, usedBy);
  }

  /**
   * Removes each ref in turn and reports what happened to each; a refusal (an image in use, one with several
   * names) never stops the others. A name untags; an id deletes. `force` only when the user confirmed it.
   */
  async remove(request: ImageRemoveRequest): Promise<ImageRemoveOutcome[]> {
    await this.engines.ready(request.engineId);
    const outcomes: ImageRemoveOutcome[] = [];
    for (const ref of request.refs) {
      try {
        const answer = await this.engines.request(
          request.engineId,
          (client, signal) =>
            requestJson<Array<{ Untagged?: string; Deleted?: string }>>(client, {
              path: `/images/${ref}`,
              method: 'DELETE',
              query: { force: request.force === true },
              signal,
            }),
          { extraMs: 45_000, signal: this.lifetime.signal },
        );
        const entries = Array.isArray(answer) ? answer : [];
        outcomes.push({
          ref,
          untagged: entries.flatMap((entry) => (typeof entry.Untagged === 'string' ? [entry.Untagged] : [])),
          deleted: entries.flatMap((entry) => (typeof entry.Deleted === 'string' ? [entry.Deleted] : [])),
        });
      } catch (error) {
        const ipcError = await this.explainRemoveError(request.engineId, ref, toIpcError(error));
        outcomes.push({ ref, untagged: [], deleted: [], error: ipcError.toData() });
      }
    }
    if (outcomes.some((outcome) => outcome.deleted.length > 0 || outcome.untagged.length > 0)) {
      this.images.invalidate(request.engineId);
    }
    return outcomes;
  }

  /** Gives an image one more name (`repository[:tag]`, `latest` when no tag). */
  async tag(request: ImageTagRequest): Promise<void> {
    const { repository, tag, digest } = parseReference(request.target);
    if (digest !== undefined) throw new IpcError(ErrorCode.Validation, 'A tag cannot contain a digest.');
    await this.engines.ready(request.engineId);
    await this.engines.request(
      request.engineId,
      (client, signal) =>
        requestJson<unknown>(client, {
          path: `/images/${request.source}/tag`,
          method: 'POST',
          query: { repo: repository, tag: tag ?? 'latest' },
          signal,
        }),
      { signal: this.lifetime.signal },
    );
  }

  /** What {@link prune} would remove, from the current list. */
  async prunePreview(request: ImagePruneRequest): Promise<ImagePrunePreview> {
    const snapshot = await this.list(request.engineId);
    return prunePreview(request.engineId, snapshot.items, request.mode);
  }

  /** `docker image prune` (`dangling`) or `docker image prune -a` (`unused`); reports the space the daemon freed. */
  async prune(request: ImagePruneRequest): Promise<ImagePruneResult> {
    await this.engines.ready(request.engineId);
    const answer = await this.engines.request(
      request.engineId,
      (client, signal) =>
        requestJson<{
          ImagesDeleted?: Array<{ Untagged?: string; Deleted?: string }> | null;
          SpaceReclaimed?: number;
        }>(client, {
          path: '/images/prune',
          method: 'POST',
          query: { filters: JSON.stringify({ dangling: [request.mode === 'dangling' ? 'true' : 'false'] }) },
          signal,
        }),
      { extraMs: 285_000, signal: this.lifetime.signal },
    );
    this.images.invalidate(request.engineId);
    const entries = answer?.ImagesDeleted ?? [];
    return {
      engineId: request.engineId,
      deleted: entries.flatMap((entry) => (typeof entry.Deleted === 'string' ? [entry.Deleted] : [])),
      untagged: entries.flatMap((entry) => (typeof entry.Untagged === 'string' ? [entry.Untagged] : [])),
      reclaimedBytes: typeof answer?.SpaceReclaimed === 'number' ? answer.SpaceReclaimed : 0,
    };
  }

  /** The last listed images of an engine without asking the daemon (empty before the first list). */
  cached(engineId: EngineId): ImageSummary[] {
    return this.images.cached(engineId);
  }

  onChanged(listener: (change: ImagesChange) => void): () => void {
    return this.images.onChanged(listener);
  }

  dispose(): void {
    if (this.lifetime.signal.aborted) return;
    this.lifetime.abort(new IpcError(ErrorCode.Cancelled, 'Berth is shutting down.'));
    this.unsubscribe();
    this.images.dispose();
  }

  /** Rewrites the daemon's 409s into who uses the image and what to do about it. */
  private async explainRemoveError(engineId: EngineId, ref: string, error: IpcError): Promise<IpcError> {
    if (error.code !== ErrorCode.Conflict) return error;
    const containerId = /container ([0-9a-f]{12,64})/i.exec(error.message)?.[1];
    if (containerId !== undefined) {
      const containers = await this.containerList(engineId).catch(() => []);
      const user = containers.find((container) => container.id.startsWith(containerId));
      const who = user !== undefined ? `${user.name} (${user.state})` : containerId.slice(0, 12);
      const running = /running container/i.test(error.message);
      return new IpcError(
        ErrorCode.Conflict,
        running
          ? `${ref} is used by the running container ${who}. Stop and remove that container first.`
          : `${ref} is used by the container ${who}. Remove that container first, or force the removal.`,
        { cause: error },
      );
    }
    if (/referenced in multiple repositories|multiple repositories/i.test(error.message)) {
      const names = this.cached(engineId).find((image) =>
        image.id.includes(ref.replace(/^sha256:/, '')),
      )?.repoTags;
      return new IpcError(
        ErrorCode.Conflict,
        `${ref} has several names${names !== undefined && names.length > 0 ? ` (${names.join(', ')})` : ''}. Remove the names one by one, or force the removal.`,
        { cause: error },
      );
    }
    return error;
  }

  private async containerList(engineId: EngineId): Promise<ContainerSummary[]> {
    return (await this.containers.list(engineId)).items;
  }
}
