import { rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';

import type Dockerode from 'dockerode';

import {
  type EngineId,
  ErrorCode,
  formatBytes,
  IpcError,
  type VolumeBrowseRequest,
  type VolumeDirectoryListing,
  type VolumeDownloadRequest,
  type VolumeEntry,
  type VolumeTransferRequest,
  type VolumeTransferStart,
} from '../../../common';
import type { OperationContext, OperationRegistry } from '../../ops/operation-registry';
import { relativeParts } from '../archive/extract-guard';
import { readTar } from '../archive/tar';
import type { EngineRegistry } from '../engine/engine-registry';
import { toIpcError } from '../engine/errors';
import { writeFileAtomically } from '../partial-files';
import type { FileDialogs, FileFilter } from '../ports';
import { readHelperArchive, writeHelperArchive } from './helper-archive';
import { checkArchive, createUniqueFolder, extractArchiveInto } from './volume-archive';
import { MOUNT, VolumeHelpers } from './volume-helpers';

export type { FileDialogs } from '../ports';

/** What a transfer did. */
interface FileTransferResult {
  localPath: string;
  bytes: number;
  /** Files and folders written (folder downloads). */
  entries?: number;
  /** Entries not written (links, devices, unsafe paths). */
  skipped?: string[];
}

/** Cancellation and progress for one transfer. */
interface TransferControl {
  signal?: AbortSignal;
  /** Bytes moved so far and, when known, the total. */
  onBytes?: (bytes: number, total?: number) => void;
}

interface VolumeFileServiceOptions {
  /** An image to prefer for helper containers when it is on the host (tests name the fixture). */
  preferredHelperImage?: string;
  /** A transfer that moves no byte for this long is aborted. Default 60 s. */
  idleTimeoutMs?: number;
  /** At most this many entries of one folder are listed. Default 5,000. */
  maxListedEntries?: number;
  /**
   * Listing a folder reads its archive, content included; past this many bytes of content below it the listing
   * stops and says it is incomplete. Default 512 MB.
   */
  maxScannedBytes?: number;
}

const TAR_FILTERS: FileFilter[] = [
  { name: 'Tar archives', extensions: ['tar', 'tgz', 'gz', 'bz2', 'xz'] },
  { name: 'All files', extensions: ['*'] },
];

function archivePathOf(path: string, contentsOnly: boolean): string {
  const parts = relativeParts(path);
  if (parts === undefined) throw new IpcError(ErrorCode.Validation, `Not a path inside the volume: ${path}`);
  const joined = [MOUNT, ...parts].join('/');
  // `dir/.` archives the folder's content with `./`-relative names, the form an import expects back.
  return contentsOnly ? `${joined}/.` : joined;
}

function displayPath(path: string): string {
  return path === '' ? '/' : `/${path}`;
}

/**
 * Browses, downloads, exports and imports the files of a volume through a short-lived helper container: created
 * (never started) from an image already on that host, mounting the volume (read-only unless importing), and
 * read or written with the Engine's archive endpoints, so no shell or tool is needed in the image and nothing is
 * ever pulled. The helper is removed when the transfer ends, whatever the outcome. Files are written in main,
 * only where the user chose, and never outside it.
 */
export class VolumeFileService {
  private readonly idleTimeoutMs: number;
  private readonly maxListedEntries: number;
  private readonly maxScannedBytes: number;
  private readonly helpers: VolumeHelpers;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly operations: OperationRegistry,
    private readonly dialogs: FileDialogs,
    options: VolumeFileServiceOptions = {},
  ) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.maxListedEntries = options.maxListedEntries ?? 5000;
    this.maxScannedBytes = options.maxScannedBytes ?? 512_000_000;
    this.helpers = new VolumeHelpers(engines, options.preferredHelperImage);
  }

  /** One folder of a volume: its direct entries, folders first. */
  async browse(request: VolumeBrowseRequest): Promise<VolumeDirectoryListing> {
    const { engineId, volume, path } = request;
    const source = archivePathOf(path, true);
    return this.helpers.withHelper(engineId, volume, 'ro', async (container) => {
      const entries: VolumeEntry[] = [];
      let truncated = false;
      let scanned = 0;
      await this.readArchive(engineId, container, source, undefined, async (tar) => {
        for await (const { entry } of readTar(tar)) {
          scanned += entry.size;
          const parts = relativeParts(entry.path);
          if (parts?.length === 1) {
            const name = parts[0] ?? '';
            const item: VolumeEntry = {
              name,
              path: path === '' ? name : `${path}/${name}`,
              kind: entry.type === 'hardlink' ? 'file' : entry.type,
              size: entry.size,
              mode: entry.mode,
              modified: entry.mtime,
            };
            if (entry.type === 'symlink') item.linkTarget = entry.linkName;
            entries.push(item);
          }
          if (entries.length >= this.maxListedEntries || scanned > this.maxScannedBytes) {
            truncated = true;
            return;
          }
        }
      }).catch((error: unknown) => {
        throw this.pathError(error, volume, path, 'folder');
      });
      entries.sort((a, b) => {
        const folder = Number(b.kind === 'directory') - Number(a.kind === 'directory');
        return folder || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      });
      return { engineId, volume, path, entries, truncated };
    });
  }

  /** Asks where to save, then downloads a file (or copies a folder into a new folder) as an operation. */
  async download(request: VolumeDownloadRequest): Promise<VolumeTransferStart> {
    const { engineId, volume, path, kind } = request;
    archivePathOf(path, false);
    const name = basename(path) || volume;
    const localPath =
      kind === 'file'
        ? await this.dialogs.chooseSavePath({
            title: `Save ${name} from volume ${volume}`,
            defaultName: name,
          })
        : await this.dialogs.chooseOpenPath({
            title: `Choose where to copy the folder ${name} from volume ${volume}`,
            kind: 'directory',
          });
    if (localPath === undefined) return { started: false };
    const operation = this.operations.start(
      { kind: 'volume.download', engineId, title: `Download ${displayPath(path)} from volume ${volume}` },
      async (context) => {
        const result =
          kind === 'file'
            ? await this.downloadFile(engineId, volume, path, localPath, this.control(context))
            : await this.downloadFolder(engineId, volume, path, localPath, this.control(context));
        this.finish(context, result);
        return { resultId: result.localPath };
      },
    );
    return { started: true, operation, localPath };
  }

  /** Asks for a file name, then writes the volume's content to it as a tar archive, as an operation. */
  async export(request: VolumeTransferRequest): Promise<VolumeTransferStart> {
    const { engineId, volume } = request;
    const localPath = await this.dialogs.chooseSavePath({
      title: `Export volume ${volume}`,
      defaultName: `${volume}.tar`,
      filters: TAR_FILTERS,
    });
    if (localPath === undefined) return { started: false };
    const operation = this.operations.start(
      { kind: 'volume.export', engineId, title: `Export volume ${volume}` },
      async (context) => {
        const result = await this.exportTo(engineId, volume, localPath, this.control(context));
        this.finish(context, result);
        return { resultId: result.localPath };
      },
    );
    return { started: true, operation, localPath };
  }

  /** Asks for a tar archive, then unpacks it into the volume (over what is there), as an operation. */
  async import(request: VolumeTransferRequest): Promise<VolumeTransferStart> {
    const { engineId, volume } = request;
    const localPath = await this.dialogs.chooseOpenPath({
      title: `Import a tar archive into volume ${volume}`,
      kind: 'file',
      filters: TAR_FILTERS,
    });
    if (localPath === undefined) return { started: false };
    // Refuse a file that is not an archive before touching the volume.
    await checkArchive(localPath);
    const operation = this.operations.start(
      { kind: 'volume.import', engineId, title: `Import ${basename(localPath)} into volume ${volume}` },
      async (context) => {
        const result = await this.importFrom(engineId, volume, localPath, this.control(context));
        this.finish(context, result);
        return { resultId: volume };
      },
    );
    return { started: true, operation, localPath };
  }

  /** Saves one file of the volume to `localPath` (replacing it only once complete). */
  async downloadFile(
    engineId: EngineId,
    volume: string,
    path: string,
    localPath: string,
    control: TransferControl = {},
  ): Promise<FileTransferResult> {
    const source = archivePathOf(path, false);
    return this.helpers.withHelper(engineId, volume, 'ro', async (container) => {
      let bytes = 0;
      await this.readArchive(engineId, container, source, control.signal, async (tar) => {
        for await (const { entry, body } of readTar(tar)) {
          if (entry.type === 'directory') {
            throw new IpcError(ErrorCode.Validation, `${displayPath(path)} is a folder, not a file.`);
          }
          if (entry.type !== 'file') {
            throw new IpcError(
              ErrorCode.Validation,
              `${displayPath(path)} is ${entry.type === 'symlink' ? `a link to ${entry.linkName}` : 'not a regular file'}; only files can be saved.`,
            );
          }
          await writeFileAtomically(localPath, async (handle) => {
            for await (const chunk of body()) {
              await handle.write(chunk);
              bytes += chunk.length;
              control.onBytes?.(bytes, entry.size);
            }
          });
          return;
        }
        throw new IpcError(ErrorCode.NotFound, `${displayPath(path)} is not in volume ${volume}.`);
      }).catch((error: unknown) => {
        throw this.pathError(error, volume, path, 'file');
      });
      return { localPath, bytes };
    });
  }

  /** Copies a folder of the volume into a new folder under `parent` (named like it); links are not copied. */
  async downloadFolder(
    engineId: EngineId,
    volume: string,
    path: string,
    parent: string,
    control: TransferControl = {},
  ): Promise<FileTransferResult> {
    const source = archivePathOf(path, true);
    return this.helpers.withHelper(engineId, volume, 'ro', async (container) => {
      const target = await createUniqueFolder(parent, basename(path) || volume);
      try {
        const result = await this.readArchive(engineId, container, source, control.signal, (tar) =>
          extractArchiveInto(tar, target, {
            strip: 0,
            ...(control.signal ? { signal: control.signal } : {}),
            onProgress: (bytes) => control.onBytes?.(bytes),
          }),
        );
        return { localPath: target, bytes: result.bytes, entries: result.entries, skipped: result.skipped };
      } catch (error) {
        await rm(target, { recursive: true, force: true });
        throw this.pathError(error, volume, path, 'folder');
      }
    });
  }

  /** Writes the whole volume to `localPath` as a tar archive whose names are relative to the volume's root. */
  async exportTo(
    engineId: EngineId,
    volume: string,
    localPath: string,
    control: TransferControl = {},
  ): Promise<FileTransferResult> {
    return this.helpers.withHelper(engineId, volume, 'ro', async (container) => {
      let bytes = 0;
      await writeFileAtomically(localPath, async (handle) => {
        await this.readArchive(engineId, container, `${MOUNT}/.`, control.signal, async (tar) => {
          for await (const chunk of tar) {
            await handle.write(chunk);
            bytes += chunk.length;
            control.onBytes?.(bytes);
          }
        });
      });
      return { localPath, bytes };
    });
  }

  /** Unpacks a tar archive (plain, gzip, bzip2 or xz) into the volume's root. */
  async importFrom(
    engineId: EngineId,
    volume: string,
    localPath: string,
    control: TransferControl = {},
  ): Promise<FileTransferResult> {
    await checkArchive(localPath);
    const { size: total } = await stat(localPath);
    return this.helpers.withHelper(engineId, volume, 'rw', async (container) => {
      const bytes = await writeHelperArchive(this.engines, {
        engineId,
        container,
        path: MOUNT,
        localPath,
        signal: control.signal,
        idleMs: this.idleTimeoutMs,
        onBytes: (sent) => control.onBytes?.(sent, total),
      });
      return { localPath, bytes };
    });
  }

  /** Removes helpers still alive (app quit); resolves when done. */
  async dispose(): Promise<void> {
    await this.helpers.dispose();
  }

  private control(context: OperationContext): TransferControl {
    return {
      signal: context.signal,
      onBytes: (bytes, total) =>
        context.report({
          text: `${formatBytes(bytes)}${total !== undefined ? ` of ${formatBytes(total)}` : ''}`,
          ...(total !== undefined && total > 0 ? { fraction: Math.min(1, bytes / total) } : {}),
        }),
    };
  }

  private finish(context: OperationContext, result: FileTransferResult): void {
    const skipped = result.skipped ?? [];
    const entries = result.entries !== undefined ? `, ${result.entries} files and folders` : '';
    context.report({ fraction: 1, text: `${formatBytes(result.bytes)}${entries} → ${result.localPath}` });
    if (skipped.length > 0) context.appendLines(skipped.map((line) => `Not copied: ${line}`));
  }

  /** Streams a helper's archive of `path` into `consume` (see ./helper-archive.ts). */
  private readArchive<T>(
    engineId: EngineId,
    container: Dockerode.Container,
    path: string,
    signal: AbortSignal | undefined,
    consume: (tar: AsyncIterable<Buffer>) => Promise<T>,
  ): Promise<T> {
    const { lifetime } = this.helpers;
    return readHelperArchive(
      this.engines,
      { engineId, container, path, signal, lifetime: lifetime.signal, idleMs: this.idleTimeoutMs },
      consume,
    );
  }

  /** The daemon's "Could not find the file" in the user's terms. */
  private pathError(error: unknown, volume: string, path: string, what: 'file' | 'folder'): IpcError {
    const failure = toIpcError(error);
    if (failure.code === ErrorCode.NotFound && /could not find the file/i.test(failure.message)) {
      return new IpcError(
        ErrorCode.NotFound,
        `There is no ${what} ${displayPath(path)} in volume ${volume}.`,
      );
    }
    if (/not a directory/i.test(failure.message)) {
      return new IpcError(ErrorCode.Validation, `${displayPath(path)} in volume ${volume} is not a folder.`);
    }
    return failure;
  }
}
