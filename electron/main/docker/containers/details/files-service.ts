import { once } from 'node:events';
import { lstat, stat as statFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { basename, posix } from 'node:path';
import type { Readable } from 'node:stream';

import {
  type ContainerDirectoryListing,
  type ContainerFileEntry,
  type ContainerTransferResult,
  ErrorCode,
  IpcError,
} from '../../../../common';
import { extractTar, writeEntryFile } from '../../archive/extract';
import { packFile, readTar, type TarEntry } from '../../archive/tar';
import type { EngineRegistry } from '../../engine/engine-registry';
import { toIpcError } from '../../engine/errors';
import { openEngineStream, requestStream } from '../../engine/requests';
import { partialFiles } from '../../partial-files';
import type { ChooseOpenPath, ChooseSavePath } from '../../ports';
import type { ContainerRef } from '../container-service';
import { type ContainerPathStat, toContainerFileEntry, toContainerPathStat } from './mappers';

interface ArchiveServiceOptions {
  chooseSavePath?: ChooseSavePath;
  chooseOpenPath?: ChooseOpenPath;
  /** Entries a listing reads at most before it stops and says it is truncated. Default 20,000. */
  maxListEntries?: number;
  /** Bytes a listing reads at most (the daemon sends the whole tree, content included). Default 256 MiB. */
  maxListBytes?: number;
  openTimeoutMs?: number;
}

/** Directory entries a listing returns at most. */
const MAX_LISTED = 5000;

/** What the listing's mapper reads of an entry (its mtime in whole seconds, as the tar header stores it). */
function header(entry: TarEntry): {
  type: string;
  size: number;
  mode: number;
  mtime: number;
  linkname: string;
} {
  const { type, size, mode, linkName } = entry;
  return { type, size, mode, mtime: Math.floor(entry.mtime / 1000), linkname: linkName };
}

/** Splits an archive name into the part after the archive's root entry (`data/sub/f` → `sub/f`). */
function underRoot(name: string, root: string): string | undefined {
  if (!name.startsWith(root)) return undefined;
  return name.slice(root.length).replace(/^\/+/, '').replace(/\/+$/, '');
}

/**
 * A container's filesystem through the Engine archive API (no agent in the container, works on any host):
 * `HEAD …/archive` to stat a path, `GET …/archive` (a tar) to list a directory or download, `PUT …/archive` to
 * upload a file. Downloads are written only inside the folder the user chose: entries that would leave it,
 * links and special files are skipped and reported.
 */
export class ArchiveService {
  private readonly maxListEntries: number;
  private readonly maxListBytes: number;
  private readonly openTimeoutMs: number;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly options: ArchiveServiceOptions = {},
  ) {
    this.maxListEntries = options.maxListEntries ?? 20_000;
    this.maxListBytes = options.maxListBytes ?? 256 * 1024 * 1024;
    this.openTimeoutMs = options.openTimeoutMs ?? 15_000;
  }

  /** Stats a path (following symlinks when `follow`). */
  async stat(ref: ContainerRef, path: string): Promise<ContainerPathStat> {
    const response = await this.archive(ref, 'HEAD', path);
    response.resume();
    const stat = toContainerPathStat(response.headers['x-docker-container-path-stat'] as string | undefined);
    if (!stat) throw new IpcError(ErrorCode.Internal, `The Docker engine did not describe ${path}.`);
    return stat;
  }

  /** The entries of one directory (symlinks to directories are followed). */
  async list(ref: ContainerRef & { path: string }): Promise<ContainerDirectoryListing> {
    const directory = normalise(ref.path);
    const response = await this.archive(ref, 'GET', directory === '/' ? '/' : `${directory}/`).catch(
      async (error: unknown) => {
        // `path/` of a file fails with the daemon's lstat error; say what it means.
        const stat = await this.stat(ref, directory).catch(() => undefined);
        if (stat !== undefined && stat.kind !== 'directory' && stat.kind !== 'symlink') {
          throw new IpcError(ErrorCode.Validation, `${directory} is not a directory.`);
        }
        throw error;
      },
    );
    const entries: ContainerFileEntry[] = [];
    let root: string | undefined;
    let seen = 0;
    let bytes = 0;
    let truncated = false;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        yield chunk;
      }
    }
    try {
      for await (const { entry } of readTar(counted())) {
        seen += 1;
        if (root === undefined) {
          root = entry.name.endsWith('/') ? entry.name : `${entry.name}/`;
          if (entry.type !== 'directory') {
            throw new IpcError(ErrorCode.Validation, `${directory} is not a directory.`);
          }
          continue;
        }
        const rest = underRoot(entry.name, root);
        if (rest !== undefined && rest !== '' && !rest.includes('/')) {
          if (entries.length < MAX_LISTED) entries.push(toContainerFileEntry(directory, rest, header(entry)));
          else truncated = true;
        }
        if (seen >= this.maxListEntries || bytes >= this.maxListBytes) {
          truncated = true;
          break;
        }
      }
    } finally {
      response.destroy();
    }
    entries.sort((a, b) =>
      a.kind === 'directory' && b.kind !== 'directory'
        ? -1
        : b.kind === 'directory' && a.kind !== 'directory'
          ? 1
          : a.name.localeCompare(b.name),
    );
    return { engineId: ref.engineId, id: ref.id, path: directory, entries, truncated };
  }

  /** Downloads a file, or a folder with everything in it, to where the user chooses. */
  async download(ref: ContainerRef & { path: string }): Promise<ContainerTransferResult> {
    const choose = this.options.chooseSavePath;
    if (!choose) throw new IpcError(ErrorCode.Internal, 'Saving files is not available here.');
    const path = normalise(ref.path);
    const stat = await this.stat(ref, path === '/' ? '/' : `${path}/`).catch(() => this.stat(ref, path));
    const directory = stat.kind === 'directory';
    const defaultName = path === '/' ? 'root' : posix.basename(path);
    const localPath = await choose({
      title: directory ? `Download folder ${defaultName}` : `Download ${defaultName}`,
      defaultName,
    });
    if (localPath === undefined) return { completed: false, bytes: 0 };
    const response = await this.archive(ref, 'GET', directory && path !== '/' ? `${path}/` : path);
    try {
      return directory
        ? await extractDirectory(response, localPath)
        : await extractSingleFile(response, localPath);
    } finally {
      response.destroy();
    }
  }

  /** Uploads one local file, chosen by the user, into a folder of the container. */
  async upload(ref: ContainerRef & { path: string }): Promise<ContainerTransferResult> {
    const choose = this.options.chooseOpenPath;
    if (!choose) throw new IpcError(ErrorCode.Internal, 'Opening files is not available here.');
    const localPath = await choose({ title: `Upload a file to ${ref.path}` });
    if (localPath === undefined) return { completed: false, bytes: 0 };
    return this.uploadFile(ref, localPath);
  }

  /** Uploads `localPath` (a regular file) into the container's folder `ref.path`. */
  async uploadFile(
    ref: ContainerRef & { path: string },
    localPath: string,
  ): Promise<ContainerTransferResult> {
    const info = await statFile(localPath).catch((error: unknown) => {
      throw new IpcError(ErrorCode.NotFound, `Cannot read ${localPath}: ${(error as Error).message}`);
    });
    if (!info.isFile()) throw new IpcError(ErrorCode.Validation, `${localPath} is not a file.`);
    const body = packFile(localPath, {
      name: basename(localPath),
      size: info.size,
      mode: info.mode,
      mtimeMs: info.mtimeMs,
    });
    const response = await this.archive(ref, 'PUT', normalise(ref.path), body);
    response.resume();
    await once(response, 'end').catch(() => undefined);
    return { completed: true, localPath, bytes: info.size, entries: 1 };
  }

  private async archive(
    ref: ContainerRef,
    method: 'GET' | 'HEAD' | 'PUT',
    path: string,
    file?: Readable,
  ): Promise<IncomingMessage> {
    const { value } = await openEngineStream(
      this.engines,
      ref.engineId,
      this.openTimeoutMs,
      (client, signal) =>
        requestStream(client, {
          method,
          path: `/containers/${encodeURIComponent(ref.id)}/archive`,
          query: { path },
          file,
          signal,
        }),
    );
    return value as IncomingMessage;
  }
}

/** `/a/b/` → `/a/b`; the schema already refused relative paths and `..`. */
function normalise(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.replace(/\/{2,}/g, '/');
}

/**
 * Writes a folder's archive below `target` (created if needed). The archive's root entry is the folder itself;
 * its children land directly in `target`. Only regular files and directories are written, through the one
 * extraction guard (../../archive/extract-guard.ts): links, devices and any entry whose path would leave `target`
 * (absolute, `..`, through a symlink) are skipped and named in `skipped`.
 */
export async function extractDirectory(response: Readable, target: string): Promise<ContainerTransferResult> {
  try {
    const { bytes, entries, refused } = await extractTar(response as AsyncIterable<Buffer>, target, {
      layout: 'below-first-entry',
    });
    const skipped = refused.map((item) => item.entry.name);
    return { completed: true, localPath: target, bytes, entries, ...(skipped.length > 0 ? { skipped } : {}) };
  } catch (error) {
    throw localFailure(error, target);
  }
}

/** File-system errors name the local path; anything else is the engine's. */
function localFailure(error: unknown, target: string): IpcError {
  if (error instanceof IpcError) return error;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    /^E[A-Z]+$/.test(code) &&
    (error as { syscall?: unknown }).syscall !== undefined
  ) {
    return new IpcError(ErrorCode.Internal, `Could not write to ${target}: ${(error as Error).message}`);
  }
  return toIpcError(error);
}

/** Writes the one regular file of a single-file archive to `target`. */
export async function extractSingleFile(
  response: Readable,
  target: string,
): Promise<ContainerTransferResult> {
  const existing = await lstat(target).catch(() => undefined);
  if (existing?.isSymbolicLink()) {
    throw new IpcError(ErrorCode.Validation, `${target} is a symbolic link; choose another name.`);
  }
  try {
    for await (const { entry, body } of readTar(response as AsyncIterable<Buffer>)) {
      if (entry.type !== 'file') {
        throw new IpcError(
          ErrorCode.Validation,
          `${entry.name} is not a regular file, so it cannot be downloaded.`,
        );
      }
      const bytes = await partialFiles.write(target, (partial) =>
        writeEntryFile(partial, entry.mode, body()),
      );
      return { completed: true, localPath: target, bytes, entries: 1 };
    }
  } catch (error) {
    throw localFailure(error, target);
  }
  throw new IpcError(ErrorCode.Internal, 'The Docker engine sent an empty archive.');
}
