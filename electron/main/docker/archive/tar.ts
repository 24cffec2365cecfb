import { createReadStream } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { extract as tarExtract, type Header, pack as tarPack } from 'tar-stream';

import { ErrorCode, IpcError } from '../../../common';

// Berth's one tar module: reading (every archive the Engine or a user hands us) and writing (uploads), both on
// tar-stream. Nothing here writes to disk: extraction goes through ./extract.ts, behind ./extract-guard.ts.

/** What an archive entry is, as Berth cares: devices, FIFOs and unknown types are `other`. */
export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

/** One entry's header, with PAX and GNU long names already applied. */
export interface TarEntry {
  /** The name exactly as stored (`./a/`, `data/x`, even `../x` or `/etc/passwd`: nothing is trusted yet). */
  name: string;
  /** The name without trailing slashes (`./a/b`, `volume/a`). */
  path: string;
  type: TarEntryType;
  /** Bytes of content (files only). */
  size: number;
  /** Permission bits. */
  mode: number;
  /** Epoch milliseconds (a PAX `mtime` keeps its fraction). */
  mtime: number;
  /** A link's target, as stored; `''` for anything else. */
  linkName: string;
}

/** An entry and its content; the content must be read whole (or not at all) before asking for the next entry. */
interface TarItem {
  entry: TarEntry;
  /** The content in chunks, readable once; not reading it skips it. */
  body: () => AsyncGenerator<Buffer>;
}

function notTar(reason: string): IpcError {
  return new IpcError(ErrorCode.Validation, `Not a readable tar archive: ${reason}.`);
}

/** tar-stream's parse errors in the user's words; anything else (a network error, a cancel) is left as it is. */
function parseError(error: Error): IpcError {
  if (/^Invalid tar header\. Maybe/.test(error.message)) return notTar('a header checksum is wrong');
  if (error.message === 'Unexpected end of data') return notTar('it ends in the middle of an entry');
  return notTar(error.message.replace(/\.$/, '').toLowerCase());
}

function typeOf(type: Header['type'] | null): TarEntryType {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

function toEntry(header: Header): TarEntry {
  const type = typeOf(header.type);
  const pax = (header.pax ?? {}) as Record<string, string | undefined>;
  const paxMtime = pax.mtime !== undefined ? Number(pax.mtime) : Number.NaN;
  const mtime = Number.isFinite(paxMtime) ? Math.round(paxMtime * 1000) : header.mtime.getTime();
  const name = header.name;
  return {
    name,
    path: name.length > 1 ? name.replace(/\/+$/, '') : name,
    type,
    size: type === 'file' ? header.size : 0,
    mode: header.mode & 0o7777,
    mtime: Number.isFinite(mtime) ? mtime : 0,
    linkName: header.linkname ?? '',
  };
}

/** What a failure while reading means: the source's own failure as it is, a parse failure in words. */
function translated(error: unknown, failed: { error?: unknown }): unknown {
  if (failed.error !== undefined) return failed.error;
  if (error instanceof IpcError || !(error instanceof Error)) return error;
  if (/half-read|read once/.test(error.message)) return error;
  return parseError(error);
}

type Extract = ReturnType<typeof tarExtract>;

/**
 * Writes `source` into the parser with back-pressure. A failure of the source itself is remembered (so it is
 * rethrown as it is, not as "not a tar archive"); the parser is ended or destroyed either way.
 */
async function feed(source: AsyncIterable<Buffer | string>, parser: Extract, failed: { error?: unknown }) {
  const gone = new Promise<void>((resolve) => parser.once('close', () => resolve()));
  try {
    for await (const chunk of source) {
      if (parser.destroying) return;
      if (!parser.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) {
        await Promise.race([new Promise((resolve) => parser.once('drain', () => resolve(undefined))), gone]);
      }
    }
    parser.end(undefined);
  } catch (error) {
    failed.error = error;
    parser.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * Reads a tar stream (ustar, PAX and GNU long names, base-256 sizes: what Go's archive/tar writes for the
 * Engine's archive endpoints) entry by entry, with back-pressure: at most a chunk or two is held in memory.
 * Headers are reported as stored; whether a path may be written anywhere is ./extract-guard.ts's call.
 */
export async function* readTar(source: AsyncIterable<Buffer | string>): AsyncGenerator<TarItem> {
  const parser = tarExtract();
  const failed: { error?: unknown } = {};
  void feed(source, parser, failed);
  try {
    for await (const stream of parser) {
      const entry = toEntry(stream.header);
      let started = false;
      let consumed = false;
      const body = async function* (): AsyncGenerator<Buffer> {
        if (started) throw new Error('An archive entry can be read once.');
        started = true;
        try {
          for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
        } catch (error) {
          throw translated(error, failed);
        }
        consumed = true;
      };
      yield { entry, body };
      if (started && !consumed) throw new Error(`The content of ${entry.path} was left half-read.`);
      // Unread content is skipped: tar-stream only moves on once an entry's stream has been drained.
      if (!started) stream.resume();
    }
  } catch (error) {
    throw translated(error, failed);
  } finally {
    // Not awaited: a source that has stalled would hold the caller; the feed stops at its next chunk.
    parser.destroy();
  }
}

const BLOCK = 512;

/** Whether `block` starts with a valid tar header (to tell a tar file from anything else before uploading it). */
export function isTarHeader(block: Buffer): boolean {
  if (block.length < BLOCK) return false;
  const header = block.subarray(0, BLOCK);
  if (header.every((byte) => byte === 0)) return false;
  const field = header.toString('latin1', 148, 156).replace(/\0.*$/s, '').trim();
  if (!/^[0-7]+$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return sum === parseInt(field, 8);
}

/** What a single-file archive says about its one file. */
interface PackedFile {
  /** The name in the archive (a plain file name: the Engine unpacks it into the target folder). */
  name: string;
  size: number;
  mode: number;
  mtimeMs: number;
}

type Pack = ReturnType<typeof tarPack>;
type PackHeader = Parameters<Pack['entry']>[0];

/** Adds one entry, streaming a file's content from `localPath`; resolves once the entry is complete. */
function addEntry(pack: Pack, header: PackHeader, localPath?: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const sink = pack.entry(header, (error) => (error ? reject(error) : resolve()));
    if (localPath === undefined) return;
    const copy = async (): Promise<void> => {
      for await (const chunk of createReadStream(localPath) as AsyncIterable<Buffer>) {
        if (!sink.write(chunk)) await new Promise((done) => sink.once('drain', () => done(undefined)));
      }
      sink.end(undefined);
    };
    copy().catch(reject);
  });
}

/** A node stream of `pack`, filled by `fill`; a failure of `fill` fails the stream. */
function packed(fill: (pack: Pack) => Promise<void>): Readable {
  const pack = tarPack();
  fill(pack)
    .then(() => pack.finalize())
    .catch((error: unknown) => pack.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.from(pack);
}

/**
 * A tar stream holding one local file (content streamed from disk, never held whole), for `PUT …/archive`.
 * Long or non-ASCII names get a PAX header and files of 8 GiB or more a base-256 size, as tar-stream writes them.
 */
export function packFile(localPath: string, file: PackedFile): Readable {
  const header: PackHeader = {
    name: file.name,
    size: file.size,
    mode: file.mode & 0o777,
    mtime: new Date(Math.floor(file.mtimeMs / 1000) * 1000),
    type: 'file',
  };
  return packed((pack) => addEntry(pack, header, localPath));
}

/**
 * A tar stream of the paths `names` below the local folder `root` (`/`-separated, parents before children; only
 * these, a folder does not bring its content along), as the docker CLI sends a build context: owners zeroed so
 * the user's ids and names do not end up in an image, links kept as links, FIFOs and devices left out.
 */
export function packTree(root: string, names: readonly string[]): Readable {
  return packed(async (pack) => {
    for (const name of names) {
      const path = join(root, ...name.split('/'));
      const info = await lstat(path);
      const header = {
        name,
        mode: info.mode & 0o7777,
        mtime: info.mtime,
        uid: 0,
        gid: 0,
        uname: '',
        gname: '',
      };
      if (info.isDirectory()) await addEntry(pack, { ...header, type: 'directory' });
      else if (info.isSymbolicLink()) {
        await addEntry(pack, { ...header, type: 'symlink', linkname: await readlink(path) });
      } else if (info.isFile()) await addEntry(pack, { ...header, type: 'file', size: info.size }, path);
    }
  });
}
