import type { ContainerState } from '../containers/types';
import type { EngineId } from '../hosts/engine';
import type { IpcErrorData } from '../ipc/errors';

/** One image of `/images/json`, joined with the containers list for how many containers use it. */
export interface ImageSummary {
  engineId: EngineId;
  /** `sha256:…`, the image's key. */
  id: string;
  /** `repository:tag` names, without Docker's `<none>:<none>` placeholder. */
  repoTags: string[];
  /** `repository@sha256:…` names. */
  repoDigests: string[];
  /** Bytes, shared layers included. */
  size: number;
  /** Epoch milliseconds. */
  created: number;
  labels: Record<string, string>;
  /** No tag at all: what `docker image prune` removes. */
  dangling: boolean;
  /** Containers (in any state) created from it. */
  containers: number;
}

/** The images of one engine at one revision. */
export interface ImageListSnapshot {
  engineId: EngineId;
  /** Increases by one with every change pushed for this engine. */
  revision: number;
  items: ImageSummary[];
}

/** A change to one engine's images: applies to `revision - 1` and yields `revision`. */
export interface ImagesChange {
  engineId: EngineId;
  revision: number;
  upserted: ImageSummary[];
  /** Ids of images that are gone. */
  removed: string[];
}

/** One step of an image's history (`docker image history`). */
export interface ImageLayer {
  /** The image id of the step, or `<missing>` for steps built elsewhere. */
  id: string;
  /** Epoch milliseconds. */
  created: number;
  /** The Dockerfile instruction, as the daemon recorded it. */
  createdBy: string;
  /** Bytes the step added. */
  size: number;
  comment: string;
  tags: string[];
}

/** A container created from an image. */
export interface ImageUser {
  id: string;
  name: string;
  state: ContainerState;
}

export interface EnvVariable {
  name: string;
  value: string;
}

/** Everything the details view shows about one image. */
export interface ImageDetails {
  engineId: EngineId;
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
  created: number;
  architecture: string;
  os: string;
  author: string;
  labels: Record<string, string>;
  cmd: string[];
  entrypoint: string[];
  workingDir: string;
  user: string;
  exposedPorts: string[];
  volumes: string[];
  /** The image's `ENV`; the view masks values until asked. */
  env: EnvVariable[];
  /** Newest step first, as `docker image history`. */
  history: ImageLayer[];
  usedBy: ImageUser[];
  /** `docker image inspect` output, pretty-printed, with the values of `Env` masked. */
  inspect: string;
}

export interface ImageRemoveRequest {
  engineId: EngineId;
  /**
   * Image ids or names. A name (`repo:tag`) untags, and deletes the image when it was its last name; an id deletes
   * the image (refused when it has several names, unless forced).
   */
  refs: string[];
  /** Also remove images used by stopped containers, or with several names. Ask the user first. */
  force?: boolean;
}

/** What happened to one ref of a remove request: removing several never stops at the first refusal. */
export interface ImageRemoveOutcome {
  ref: string;
  /** Names that were removed. */
  untagged: string[];
  /** Image (and layer) ids that were deleted. */
  deleted: string[];
  error?: IpcErrorData;
}

export interface ImageTagRequest {
  engineId: EngineId;
  /** An image id or name. */
  source: string;
  /** The new name, `repository[:tag]` (`latest` when no tag). */
  target: string;
}

/** `dangling`: images without a name; `unused`: every image no container uses (`docker image prune -a`). */
export type ImagePruneMode = 'dangling' | 'unused';

export interface ImagePruneRequest {
  engineId: EngineId;
  mode: ImagePruneMode;
}

/** What a prune would remove, computed from the list. */
export interface ImagePrunePreview {
  engineId: EngineId;
  mode: ImagePruneMode;
  images: Array<{ id: string; repoTags: string[]; size: number }>;
  /** Sum of their sizes: an upper bound, since layers shared with kept images stay. */
  reclaimableBytes: number;
}

export interface ImagePruneResult {
  engineId: EngineId;
  /** Image and layer ids the daemon deleted. */
  deleted: string[];
  untagged: string[];
  /** What the daemon reports it freed. */
  reclaimedBytes: number;
}

export interface ImageRefRequest {
  engineId: EngineId;
  /** `[registry/]repository[:tag|@digest]` */
  ref: string;
}

export interface ImageBuildRequest {
  engineId: EngineId;
  /** A folder the user chose through `images:chooseBuildContext` (main refuses any other). */
  context: string;
  /** Path of the Dockerfile inside the context. @default 'Dockerfile' */
  dockerfile?: string;
  /** Names for the result, `repository[:tag]`. */
  tags: string[];
  buildArgs: Record<string, string>;
  /** Stage to stop at in a multi-stage Dockerfile. */
  target?: string;
  noCache: boolean;
  /** Always pull a newer version of the base images. */
  pull: boolean;
}

export interface ImageSaveRequest {
  engineId: EngineId;
  /** Image names or ids to put in one tar file. */
  refs: string[];
}

export interface ImageLoadRequest {
  engineId: EngineId;
}
