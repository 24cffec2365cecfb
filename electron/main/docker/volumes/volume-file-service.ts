import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

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
import { helperLabels } from '../containers/helper-janitor';
import type { EngineRegistry } from '../engine/engine-registry';
import { toIpcError } from '../engine/errors';
import {
  extractArchiveInto,
  isTarHeader,
  readArchive as readTarEntries,
  safeRelativeParts,
  writeFileAtomically,
} from './volume-archive';

/** A file type filter of a dialog (`{ name: 'Tar archives', extensions: ['tar'] }`). */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/**
 * The native file dialogs, injected by the composition root (Electron's `dialog`) so this service stays plain
 * Node and tests can answer with a temp path. `undefined` means the user cancelled.
 */
export interface FileDialogs {
  chooseSavePath(request: {
    title: string;
    defaultName: string;
    filters?: FileFilter[];
  }): Promise<string | undefined>;
  chooseOpenPath(request: {
    title: string;
    kind: 'file' | 'directory';
    filters?: FileFilter[];
  }): Promise<string | undefined>;
}

/** What a transfer did. */
export interface FileTransferResult {
  localPath: string;
  bytes: number;
  /** Files and folders written (folder downloads). */
  entries?: number;
  /** Entries not written (links, devices, unsafe paths). */
  skipped?: string[];
}

/** Cancellation and progress for one transfer. */
export interface TransferControl {
  signal?: AbortSignal;
  /** Bytes moved so far and, when known, the total. */
  onBytes?: (bytes: number, total?: number) => void;
}

export interface VolumeFileServiceOptions {
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

/** Where helper containers mount the volume. */
const MOUNT = '/volume';
/** Helpers are created, never started: this entrypoint only makes `create` valid for images without a command. */
const NEVER_RUN = ['/berth-helper-is-never-started'];

const TAR_FILTERS: FileFilter[] = [
  { name: 'Tar archives', extensions: ['tar', 'tgz', 'gz', 'bz2', 'xz'] },
  { name: 'All files', extensions: ['*'] },
];

function archivePathOf(path: string, contentsOnly: boolean): string {
  const parts = safeRelativeParts(path);
  if (parts === undefined) throw new IpcError(ErrorCode.Validation, `Not a path inside the volume: ${path}`);
  const joined = [MOUNT, ...parts].join('/');
  // `dir/.` archives the folder's content with `./`-relative names, the form an import expects back.
  return contentsOnly ? `${joined}/.` : joined;
}

function displayPath(path: string): string {
  return path === '' ? '/' : `/${path}`;
}

/** Reads a stream, aborting the request through `controller` when no byte arrives for `idleMs`. */
async function* guarded(
  stream: AsyncIterable<Buffer | string>,
  controller: AbortController,
  idleMs: number,
): AsyncGenerator<Buffer> {
  const timer = setTimeout(
    () =>
      controller.abort(
        new IpcError(ErrorCode.Timeout, `The Docker engine sent nothing for ${Math.round(idleMs / 1000)} s.`),
      ),
    idleMs,
  );
  try {
    for await (const chunk of stream) {
      timer.refresh();
      yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    }
  } finally {
    clearTimeout(timer);
  }
}

/** A folder under `parent` named `name`, or `name (2)`, `name (3)`…: created by us, so empty and ours. */
async function createUniqueFolder(parent: string, name: string): Promise<string> {
  for (let attempt = 1; attempt <= 100; attempt++) {
    const candidate = join(parent, attempt === 1 ? name : `${name} (${attempt})`);
    try {
      await mkdir(candidate, { mode: 0o755 });
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new IpcError(ErrorCode.Conflict, `${parent} already holds 100 folders named like ${name}.`);
}

/** Gzip, bzip2 and xz, which the daemon unpacks itself when importing. */
function isCompressed(head: Buffer): boolean {
  return (
    (head[0] === 0x1f && head[1] === 0x8b) ||
    head.subarray(0, 3).toString('latin1') === 'BZh' ||
    head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))
  );
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
  private readonly helpers = new Map<string, { engineId: EngineId; id: string }>();
  private readonly lifetime = new AbortController();

  constructor(
    private readonly engines: EngineRegistry,
    private readonly operations: OperationRegistry,
    private readonly dialogs: FileDialogs,
    private readonly options: VolumeFileServiceOptions = {},
  ) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.maxListedEntries = options.maxListedEntries ?? 5000;
    this.maxScannedBytes = options.maxScannedBytes ?? 512_000_000;
  }

  /** One folder of a volume: its direct entries, folders first. */
  async browse(request: VolumeBrowseRequest): Promise<VolumeDirectoryListing> {
    const { engineId, volume, path } = request;
    const source = archivePathOf(path, true);
    return this.withHelper(engineId, volume, 'ro', async (container) => {
      const entries: VolumeEntry[] = [];
      let truncated = false;
      let scanned = 0;
      await this.readArchive(engineId, container, source, undefined, async (tar) => {
        for await (const { entry } of readTarEntries(tar)) {
          scanned += entry.size;
          const parts = safeRelativeParts(entry.path);
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
    await this.checkArchive(localPath);
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
    return this.withHelper(engineId, volume, 'ro', async (container) => {
      let bytes = 0;
      await this.readArchive(engineId, container, source, control.signal, async (tar) => {
        for await (const { entry, body } of readTarEntries(tar)) {
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
    return this.withHelper(engineId, volume, 'ro', async (container) => {
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
    return this.withHelper(engineId, volume, 'ro', async (container) => {
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
    await this.checkArchive(localPath);
    const { size: total } = await stat(localPath);
    return this.withHelper(engineId, volume, 'rw', async (container) => {
      const controller = new AbortController();
      const stop = (): void => controller.abort(control.signal?.reason);
      control.signal?.addEventListener('abort', stop, { once: true });
      const file = createReadStream(localPath);
      let bytes = 0;
      const idle = setTimeout(function expire() {
        controller.abort(new IpcError(ErrorCode.Timeout, 'The Docker engine stopped taking the archive.'));
      }, this.idleTimeoutMs);
      file.on('data', (chunk: Buffer | string) => {
        bytes += chunk.length;
        idle.refresh();
        control.onBytes?.(bytes, total);
      });
      try {
        await this.engines.request(
          engineId,
          (_client, abortSignal) => {
            const linked = (): void => controller.abort(abortSignal.reason);
            abortSignal.addEventListener('abort', linked, { once: true });
            return container.putArchive(file, { path: MOUNT, abortSignal: controller.signal });
          },
          // The deadline is the idle timer above; the registry's only guards the answer after the upload.
          { extraMs: 24 * 3600_000, signal: controller.signal },
        );
      } catch (error) {
        if (controller.signal.reason instanceof IpcError) throw controller.signal.reason;
        throw error;
      } finally {
        clearTimeout(idle);
        file.destroy();
        control.signal?.removeEventListener('abort', stop);
      }
      return { localPath, bytes };
    });
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

  private async checkArchive(localPath: string): Promise<void> {
    let head: Buffer;
    try {
      const handle = await open(localPath, 'r');
      try {
        head = Buffer.alloc(512);
        const { bytesRead } = await handle.read(head, 0, 512, 0);
        head = head.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw new IpcError(
        ErrorCode.NotFound,
        `Cannot read ${localPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      );
    }
    if (!isCompressed(head) && !isTarHeader(head)) {
      throw new IpcError(
        ErrorCode.Validation,
        `${basename(localPath)} is not a tar archive (plain, gzip, bzip2 or xz); nothing was imported.`,
      );
    }
  }

  /** Streams `GET /containers/{id}/archive?path=…` into `consume`, aborting on stalls and on cancel. */
  private async readArchive<T>(
    engineId: EngineId,
    container: Dockerode.Container,
    path: string,
    signal: AbortSignal | undefined,
    consume: (tar: AsyncIterable<Buffer>) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    const stop = (): void => controller.abort(signal?.reason ?? this.lifetime.signal.reason);
    signal?.addEventListener('abort', stop, { once: true });
    this.lifetime.signal.addEventListener('abort', stop, { once: true });
    let stream: NodeJS.ReadableStream | undefined;
    try {
      stream = await this.engines.request(engineId, (_client, abortSignal) => {
        abortSignal.addEventListener('abort', () => controller.abort(abortSignal.reason), { once: true });
        return container.getArchive({ path, abortSignal: controller.signal });
      });
      // Errors are read through the iteration below; one arriving after it ended must not go unhandled.
      stream.on('error', () => undefined);
      return await consume(guarded(stream as AsyncIterable<Buffer>, controller, this.idleTimeoutMs));
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason instanceof IpcError)
        throw controller.signal.reason;
      throw toIpcError(error);
    } finally {
      // Ends the response if the consumer stopped early (a truncated listing); a no-op once it has ended.
      (stream as { destroy?: () => void } | undefined)?.destroy?.();
      signal?.removeEventListener('abort', stop);
      this.lifetime.signal.removeEventListener('abort', stop);
    }
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

  /**
   * Runs `body` with a helper container that mounts `volume` at /volume, and removes the helper afterwards.
   * The volume must exist: mounting a missing one would create it.
   */
  private async withHelper<T>(
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
    const preferred = this.options.preferredHelperImage;
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
