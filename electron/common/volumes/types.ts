import type { ContainerState } from '../containers/types';
import type { EngineId } from '../hosts/engine';
import type { IpcErrorData } from '../ipc/errors';
import type { ResourceListChange, ResourceListSnapshot } from '../lists/types';
import type { OperationSummary } from '../ops/types';

/** A container that mounts a volume, running or not. */
export interface VolumeUser {
  id: string;
  name: string;
  state: ContainerState;
  /** Where the volume is mounted inside the container. */
  destination: string;
  readOnly: boolean;
}

/** One row of the volumes list: `/volumes` joined with the mounts of `/containers/json` (no size). */
export interface VolumeSummary {
  engineId: EngineId;
  /** A volume's name is its key. */
  name: string;
  driver: string;
  mountpoint: string;
  /** `local` or `global`. */
  scope: string;
  /** Epoch milliseconds; absent when the driver does not say. */
  created?: number;
  labels: Record<string, string>;
  /** Driver options it was created with. */
  options: Record<string, string>;
  /** Created without a name (`docker run -v /data`): a 64-hex name or the daemon's anonymous label. */
  anonymous: boolean;
  /** Containers that mount it, in name order. */
  usedBy: VolumeUser[];
}

export type VolumeListSnapshot = ResourceListSnapshot<VolumeSummary>;
export type VolumesChange = ResourceListChange<VolumeSummary>;

/** Volume sizes from `/system/df`, which is expensive: fetched on demand, never with the list. */
export interface VolumeSizes {
  engineId: EngineId;
  /** Bytes by volume name; `null` when the daemon could not measure it (not a local volume). */
  sizes: Record<string, number | null>;
  /** Epoch milliseconds of the measurement. */
  measuredAt: number;
}

export interface VolumeCreateRequest {
  engineId: EngineId;
  /** Empty or absent: the daemon picks a random (anonymous-looking) name. */
  name?: string;
  /** Default `local`. */
  driver?: string;
  driverOptions?: Record<string, string>;
  labels?: Record<string, string>;
}

export interface VolumeRemoveRequest {
  engineId: EngineId;
  names: string[];
}

/** What happened to one volume of a remove request: removing several never stops at the first refusal. */
export interface VolumeRemoveOutcome {
  name: string;
  removed: boolean;
  error?: IpcErrorData;
}

/** What a volume prune would remove, computed from the list (and sizes when known). */
export interface VolumePrunePreview {
  engineId: EngineId;
  volumes: Array<{ name: string; size: number | null }>;
  /** Sum of the known sizes. */
  reclaimableBytes: number;
}

export type VolumeEntryKind = 'file' | 'directory' | 'symlink' | 'other';

/** One entry of a directory inside a volume. */
export interface VolumeEntry {
  name: string;
  /** Path from the volume's root, `/`-separated, without a leading slash. */
  path: string;
  kind: VolumeEntryKind;
  /** Bytes (files only; 0 otherwise). */
  size: number;
  /** Permission bits, e.g. 0o644. */
  mode: number;
  /** Epoch milliseconds. */
  modified: number;
  /** For symlinks: where it points, as stored. */
  linkTarget?: string;
}

export interface VolumeBrowseRequest {
  engineId: EngineId;
  volume: string;
  /** Directory from the volume's root (`''` for the root). */
  path: string;
}

export interface VolumeDirectoryListing {
  engineId: EngineId;
  volume: string;
  path: string;
  /** Directories first, then by name. */
  entries: VolumeEntry[];
  /** The directory had more entries than Berth lists at once. */
  truncated: boolean;
}

export interface VolumeDownloadRequest {
  engineId: EngineId;
  volume: string;
  /** A file or a folder, from the volume's root. */
  path: string;
  /** What the listing said it is: a file is saved as a file, a folder is copied into a folder the user picks. */
  kind: 'file' | 'directory';
}

export interface VolumeTransferRequest {
  engineId: EngineId;
  volume: string;
}

/**
 * The answer to a download, export or import: the user picked a file or folder and the transfer runs as an
 * operation (progress and outcome arrive as `ops:updated`), or the user cancelled the dialog.
 */
export type VolumeTransferStart =
  { started: false } | { started: true; operation: OperationSummary; localPath: string };
