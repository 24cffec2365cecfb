import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

import { ExtractGuard, isRefusal, type Refusal, relativeParts } from './extract-guard';
import { readTar, type TarEntry } from './tar';

/**
 * Which part of each entry's path is its place in the target:
 * - `{ strip: n }`: the path minus its first `n` parts (`./a/b` with 0 → `a/b`);
 * - `'below-first-entry'`: the archive of one folder, as `GET /containers/{id}/archive?path=dir/` sends it: the
 *   first entry is the folder itself (not written), the others must be below it and land relative to it. An
 *   entry that is not below it is refused as outside.
 */
export type ExtractLayout = { strip: number } | 'below-first-entry';

interface ExtractOptions {
  layout: ExtractLayout;
  /** Called with the bytes written so far. */
  onProgress?: (bytes: number) => void;
  signal?: AbortSignal;
}

interface ExtractResult {
  bytes: number;
  /** Files and folders written. */
  entries: number;
  /** Entries not written, and why (./extract-guard.ts). */
  refused: Refusal[];
}

/** Opens for writing without following a link at the final name (where the platform can: not on Windows). */
const WRITE_FLAGS =
  constants.O_WRONLY |
  constants.O_CREAT |
  constants.O_TRUNC |
  ((constants.O_NOFOLLOW as number | undefined) ?? 0);

/** Tracks the layout across entries: `skip` for an entry that is the target itself, `undefined` for outside. */
class LayoutReader {
  private root: string | undefined;

  constructor(private readonly layout: ExtractLayout) {}

  partsOf(entry: TarEntry): string[] | undefined | 'skip' {
    if (this.layout !== 'below-first-entry') {
      const parts = relativeParts(entry.path);
      const inside = parts?.slice(this.layout.strip);
      return inside !== undefined && inside.length === 0 ? 'skip' : inside;
    }
    if (this.root === undefined) {
      this.root = entry.name.endsWith('/') ? entry.name : `${entry.name}/`;
      if (entry.type === 'directory') return 'skip';
    }
    if (!entry.name.startsWith(this.root)) return undefined;
    const rest = entry.name.slice(this.root.length);
    if (rest.replace(/\/+/g, '') === '') return 'skip';
    return relativeParts(rest);
  }
}

/**
 * Writes an entry's content to `destination` (replacing a file there, never following a link there where the
 * platform allows) and returns the bytes written. The mode keeps the archived permission bits (never setuid or
 * setgid) and always lets the owner read and write.
 */
export async function writeEntryFile(
  destination: string,
  mode: number,
  body: AsyncIterable<Buffer>,
  written?: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<number> {
  const handle = await open(destination, WRITE_FLAGS, (mode & 0o777) | 0o600);
  let bytes = 0;
  try {
    for await (const chunk of body) {
      signal?.throwIfAborted();
      await handle.write(chunk);
      bytes += chunk.length;
      written?.(chunk.length);
    }
  } finally {
    await handle.close();
  }
  return bytes;
}

/**
 * Extracts an untrusted tar stream into `target` (created if needed), through the one guard: only regular files
 * and folders are written, only inside `target`; everything else is refused and reported in `refused`. An
 * existing file of the same name is replaced (the user chose the folder); a link on disk is never followed.
 */
export async function extractTar(
  source: AsyncIterable<Buffer | string>,
  target: string,
  options: ExtractOptions,
): Promise<ExtractResult> {
  const guard = new ExtractGuard(target);
  await mkdir(guard.root, { recursive: true, mode: 0o755 });
  const layout = new LayoutReader(options.layout);
  const result: ExtractResult = { bytes: 0, entries: 0, refused: [] };
  for await (const { entry, body } of readTar(source)) {
    options.signal?.throwIfAborted();
    const parts = layout.partsOf(entry);
    if (parts === 'skip') continue;
    const answer = await guard.admit(entry, parts);
    if (isRefusal(answer)) {
      result.refused.push(answer);
      continue;
    }
    const folder = answer.type === 'directory' ? answer.destination : dirname(answer.destination);
    await mkdir(folder, { recursive: true, mode: 0o755 });
    guard.created(folder);
    if (answer.type === 'file') {
      const written = (bytes: number): void => {
        result.bytes += bytes;
        options.onProgress?.(result.bytes);
      };
      await writeEntryFile(answer.destination, entry.mode, body(), written, options.signal);
    }
    result.entries += 1;
  }
  return result;
}
