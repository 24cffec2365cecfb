import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

import { ErrorCode, IpcError } from '../../../common';

// Streaming tar for volume transfers: read entry by entry with back-pressure (an async generator), and extract
// into a folder without ever writing outside it.

/** What an archive entry is; devices and FIFOs are `other`. */
export type ArchiveEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

/** One entry's header, with PAX and GNU long names already applied. */
export interface ArchiveEntry {
  /** As stored, without a trailing slash (`./a/b`, `volume/a`). */
  path: string;
  type: ArchiveEntryType;
  /** Bytes of content (files only). */
  size: number;
  /** Permission bits. */
  mode: number;
  /** Epoch milliseconds. */
  mtime: number;
  linkName: string;
}

/** An entry and its content; the content must be consumed (or left alone) before asking for the next entry. */
export interface ArchiveItem {
  entry: ArchiveEntry;
  /** The content in chunks; not reading it skips it. */
  body: () => AsyncGenerator<Buffer>;
}

const BLOCK = 512;

function notTar(reason: string): IpcError {
  return new IpcError(ErrorCode.Validation, `Not a readable tar archive: ${reason}.`);
}

/** Buffers an async byte source so a parser can ask for exactly N bytes. */
class ByteReader {
  private chunks: Buffer[] = [];
  private length = 0;
  private ended = false;

  constructor(private readonly source: AsyncIterator<Buffer | string>) {}

  private async fill(min: number): Promise<boolean> {
    while (this.length < min && !this.ended) {
      const next = await this.source.next();
      if (next.done === true) {
        this.ended = true;
        break;
      }
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      if (chunk.length === 0) continue;
      this.chunks.push(chunk);
      this.length += chunk.length;
    }
    return this.length >= min;
  }

  /** Exactly `n` bytes, or `undefined` when the source ends first with nothing buffered. */
  async exact(n: number): Promise<Buffer | undefined> {
    if (!(await this.fill(n))) {
      if (this.length === 0) return undefined;
      throw notTar('it ends in the middle of a block');
    }
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const taken = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return taken;
  }

  /** `n` bytes in whatever chunks arrive. */
  async *take(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.length === 0 && !(await this.fill(1))) throw notTar('an entry is cut short');
      const chunk = this.chunks[0];
      if (chunk.length <= left) {
        this.chunks.shift();
        this.length -= chunk.length;
        left -= chunk.length;
        yield chunk;
      } else {
        this.chunks[0] = chunk.subarray(left);
        this.length -= left;
        const part = chunk.subarray(0, left);
        left = 0;
        yield part;
      }
    }
  }

  async skip(n: number): Promise<void> {
    for await (const _chunk of this.take(n)) {
      // discarded
    }
  }
}

function cString(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}

/** Octal ASCII, or GNU base-256 when the high bit of the first byte is set (sizes ≥ 8 GiB). */
function numeric(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length);
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let value = BigInt((field[0] ?? 0) & 0x7f);
    for (const byte of field.subarray(1)) value = (value << 8n) | BigInt(byte);
    return Number(value);
  }
  const text = cString(block, start, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw notTar(`a header holds ${JSON.stringify(text)} where a number belongs`);
  return parseInt(text, 8);
}

function checksumMatches(block: Buffer): boolean {
  const field = cString(block, 148, 8).trim();
  if (!/^[0-7]+$/.test(field)) return false;
  const stored = parseInt(field, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum === stored;
}

/** Whether `block` starts with a valid tar header (to tell a tar file from anything else before uploading it). */
export function isTarHeader(block: Buffer): boolean {
  if (block.length < BLOCK) return false;
  return block.subarray(0, BLOCK).some((byte) => byte !== 0) && checksumMatches(block);
}

function parsePax(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space < 0) break;
    const length = Number(data.subarray(offset, space).toString('ascii'));
    if (!Number.isInteger(length) || length <= 0 || offset + length > data.length) break;
    const line = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = line.indexOf('=');
    if (equals > 0) records[line.slice(0, equals)] = line.slice(equals + 1);
    offset += length;
  }
  return records;
}

type HeaderKind = ArchiveEntryType | 'pax' | 'global' | 'longName' | 'longLink';

function kindOf(flag: string): HeaderKind {
  switch (flag) {
    case '':
    case '0':
    case '7':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '5':
      return 'directory';
    case 'x':
      return 'pax';
    case 'g':
      return 'global';
    case 'L':
      return 'longName';
    case 'K':
      return 'longLink';
    default:
      return 'other';
  }
}

async function collect(reader: ByteReader, size: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of reader.take(size)) parts.push(chunk);
  return Buffer.concat(parts);
}

const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

/**
 * Reads a tar stream (ustar, PAX and GNU long names, base-256 sizes: what Go's archive/tar writes for the
 * Engine's archive endpoints) entry by entry, holding at most one block plus one chunk in memory.
 */
export async function* readArchive(source: AsyncIterable<Buffer | string>): AsyncGenerator<ArchiveItem> {
  const reader = new ByteReader(source[Symbol.asyncIterator]());
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    const block = await reader.exact(BLOCK);
    if (block === undefined || block.every((byte) => byte === 0)) return;
    if (!checksumMatches(block)) throw notTar('a header checksum is wrong');
    const kind = kindOf(cString(block, 156, 1));
    let size = numeric(block, 124, 12);
    if (kind === 'pax' || kind === 'global' || kind === 'longName' || kind === 'longLink') {
      const data = await collect(reader, size);
      await reader.skip(padding(size));
      if (kind === 'pax') pax = parsePax(data);
      else if (kind === 'longName') longName = cString(data, 0, data.length);
      else if (kind === 'longLink') longLink = cString(data, 0, data.length);
      continue;
    }
    const magic = block.subarray(257, 263).toString('latin1');
    const prefix = magic === 'ustar\0' ? cString(block, 345, 155) : '';
    const name = cString(block, 0, 100);
    const path = pax.path ?? longName ?? (prefix !== '' ? `${prefix}/${name}` : name);
    if (pax.size !== undefined && /^\d+$/.test(pax.size)) size = Number(pax.size);
    const mtimeSeconds = pax.mtime !== undefined ? Number(pax.mtime) : numeric(block, 136, 12);
    const entry: ArchiveEntry = {
      path: path.length > 1 ? path.replace(/\/+$/, '') : path,
      type: kind,
      size: kind === 'file' ? size : 0,
      mode: numeric(block, 100, 8) & 0o7777,
      mtime: Number.isFinite(mtimeSeconds) ? Math.round(mtimeSeconds * 1000) : 0,
      linkName: pax.linkpath ?? longLink ?? cString(block, 157, 100),
    };
    pax = {};
    longName = undefined;
    longLink = undefined;
    let started = false;
    let consumed = false;
    const dataSize = size;
    const body = async function* (): AsyncGenerator<Buffer> {
      if (started) throw new Error('An archive entry can be read once.');
      started = true;
      yield* reader.take(dataSize);
      consumed = true;
    };
    yield { entry, body };
    if (started && !consumed) throw new Error(`The content of ${entry.path} was left half-read.`);
    if (!consumed) await reader.skip(dataSize);
    await reader.skip(padding(dataSize));
  }
}

/**
 * The parts of an archive path, relative and clean: `./a//b/` → `['a', 'b']`. `undefined` when it is absolute
 * or climbs (`..`): such a path is never written anywhere.
 */
export function safeRelativeParts(path: string): string[] | undefined {
  if (path.startsWith('/') || path.includes('\0') || path.includes('\\')) return undefined;
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part === '..')) return undefined;
  return parts;
}

export interface ExtractOptions {
  /** Leading path components to drop from every entry. */
  strip: number;
  /** Called with the bytes written so far. */
  onProgress?: (bytes: number) => void;
  signal?: AbortSignal;
}

export interface ExtractResult {
  bytes: number;
  /** Files and folders written. */
  entries: number;
  /** Entries not written and why (links, devices, unsafe paths). */
  skipped: string[];
}

/**
 * Extracts a tar stream into `target`, a folder this process created (empty, ours). Only regular files and
 * folders are written: links, devices and FIFOs are skipped, so nothing in the archive can point a later write
 * outside `target`, and every path is checked to stay inside it. Files are created exclusively (`wx`).
 */
export async function extractArchiveInto(
  source: AsyncIterable<Buffer | string>,
  target: string,
  options: ExtractOptions,
): Promise<ExtractResult> {
  const root = resolve(target);
  const result: ExtractResult = { bytes: 0, entries: 0, skipped: [] };
  for await (const { entry, body } of readArchive(source)) {
    options.signal?.throwIfAborted();
    const parts = safeRelativeParts(entry.path);
    const inside = parts?.slice(options.strip);
    if (parts !== undefined && inside !== undefined && inside.length === 0) continue;
    const destination = inside === undefined ? undefined : join(root, ...inside);
    const fromRoot = destination === undefined ? '..' : relative(root, destination);
    if (fromRoot === '' || isAbsolute(fromRoot) || fromRoot.split(sep).includes('..')) {
      result.skipped.push(`${entry.path} (a path outside the folder)`);
      continue;
    }
    const shown = (inside ?? []).join('/');
    if (entry.type === 'directory') {
      await mkdir(join(root, fromRoot), { recursive: true, mode: 0o755 });
      result.entries += 1;
    } else if (entry.type === 'file') {
      const file = join(root, fromRoot);
      await mkdir(join(file, '..'), { recursive: true, mode: 0o755 });
      const handle = await open(file, 'wx', (entry.mode & 0o111) !== 0 ? 0o755 : 0o644);
      try {
        for await (const chunk of body()) {
          options.signal?.throwIfAborted();
          await handle.write(chunk);
          result.bytes += chunk.length;
          options.onProgress?.(result.bytes);
        }
      } finally {
        await handle.close();
      }
      result.entries += 1;
    } else {
      const what =
        entry.type === 'symlink'
          ? `a link to ${entry.linkName}`
          : entry.type === 'hardlink'
            ? `a hard link to ${entry.linkName}`
            : 'a special file';
      result.skipped.push(`${shown} (${what}, not copied)`);
    }
  }
  return result;
}

/**
 * Writes to `path` through a temporary file next to it, renamed into place only once complete, so a failed or
 * cancelled transfer never leaves a half-written file under the name the user chose.
 */
export async function writeFileAtomically(
  path: string,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  const partial = `${path}.berth-partial-${randomBytes(4).toString('hex')}`;
  const handle = await open(partial, 'wx', 0o644);
  try {
    try {
      await write(handle);
    } finally {
      await handle.close();
    }
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
