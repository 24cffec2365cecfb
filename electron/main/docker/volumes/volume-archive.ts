import { mkdir, open } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { ErrorCode, IpcError } from '../../../common';
import { extractTar } from '../archive/extract';
import { isTarHeader } from '../archive/tar';

// The local side of volume transfers, on top of the one archive module (../archive): a volume folder's download
// reports what it did not copy in words, single files are written atomically, folders are always new, and an
// import is checked to be an archive before the volume is touched.

interface ExtractOptions {
  /** Leading path components to drop from every entry. */
  strip: number;
  /** Called with the bytes written so far. */
  onProgress?: (bytes: number) => void;
  signal?: AbortSignal;
}

interface ExtractResult {
  bytes: number;
  /** Files and folders written. */
  entries: number;
  /** Entries not written and why (links, devices, unsafe paths), as the user reads it. */
  skipped: string[];
}

/**
 * Extracts a volume's tar stream into `target` (a folder this process created) through the one extraction guard
 * (../archive/extract-guard.ts): only files and folders are written, only inside `target`.
 */
export async function extractArchiveInto(
  source: AsyncIterable<Buffer | string>,
  target: string,
  options: ExtractOptions,
): Promise<ExtractResult> {
  const { strip, ...rest } = options;
  const result = await extractTar(source, target, { layout: { strip }, ...rest });
  return {
    bytes: result.bytes,
    entries: result.entries,
    skipped: result.refused.map((item) => item.message),
  };
}

/** A folder under `parent` named `name`, or `name (2)`, `name (3)`…: created by us, so empty and ours. */
export async function createUniqueFolder(parent: string, name: string): Promise<string> {
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

/** Refuses a file that is not a tar archive (plain, gzip, bzip2 or xz), before anything is sent. */
export async function checkArchive(localPath: string): Promise<void> {
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
