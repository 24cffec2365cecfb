/** What a tar entry is, as Berth cares: everything that is not a file, directory or link is `other`. */
export type TarEntryType = 'file' | 'directory' | 'symlink' | 'link' | 'other';

export interface TarHeader {
  /** The entry's path as stored (may be `./x`, may end in `/` for directories). */
  name: string;
  type: TarEntryType;
  size: number;
  mode: number;
  /** Seconds since the epoch. */
  mtime: number;
  linkname?: string;
}

export type TarEvent =
  { kind: 'entry'; header: TarHeader } | { kind: 'data'; bytes: Buffer } | { kind: 'entryEnd' };

const BLOCK = 512;

function field(block: Buffer, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const nul = slice.indexOf(0);
  return slice.toString('utf8', 0, nul === -1 ? length : nul);
}

/** Octal (or, for big values, base-256 with the high bit set) numeric field. */
function numeric(block: Buffer, start: number, length: number): number {
  const first = block[start] ?? 0;
  if (first & 0x80) {
    let value = first & 0x7f;
    for (let index = 1; index < length; index++) value = value * 256 + (block[start + index] ?? 0);
    return value;
  }
  const text = field(block, start, length).trim();
  return text === '' ? 0 : parseInt(text, 8) || 0;
}

function checksumOk(block: Buffer): boolean {
  const stored = numeric(block, 148, 8);
  let sum = 0;
  for (let index = 0; index < BLOCK; index++) sum += index >= 148 && index < 156 ? 0x20 : (block[index] ?? 0);
  return sum === stored;
}

function typeOf(flag: string): TarEntryType {
  switch (flag) {
    case '':
    case '0':
    case '7':
      return 'file';
    case '5':
      return 'directory';
    case '2':
      return 'symlink';
    case '1':
      return 'link';
    default:
      return 'other';
  }
}

/** PAX extended header records: `<len> <key>=<value>\n`. */
function parsePax(text: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < text.length) {
    const space = text.indexOf(0x20, offset);
    if (space === -1) break;
    const length = parseInt(text.toString('ascii', offset, space), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = text.toString('utf8', space + 1, offset + length - 1);
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    offset += length;
  }
  return records;
}

/**
 * A streaming tar reader (ustar, GNU long names, PAX `path`/`linkpath`/`size`), fed chunk by chunk, that turns
 * bytes into entry/data/end events. Data events are views of the pushed chunk: use them before the next push.
 * A block that is not a valid header ends the archive.
 */
export class TarReader {
  private header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private remaining = 0;
  private padding = 0;
  private current: TarHeader | undefined;
  /** Collecting a meta entry (PAX or GNU long name) rather than a real one. */
  private meta: { flag: string; chunks: Buffer[] } | undefined;
  private pax = new Map<string, string>();
  private longName: string | undefined;
  private longLink: string | undefined;
  private finished = false;

  get done(): boolean {
    return this.finished;
  }

  push(chunk: Buffer): TarEvent[] {
    const events: TarEvent[] = [];
    let offset = 0;
    while (offset < chunk.length && !this.finished) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - offset);
        const bytes = chunk.subarray(offset, offset + take);
        if (this.meta) this.meta.chunks.push(Buffer.from(bytes));
        else events.push({ kind: 'data', bytes });
        this.remaining -= take;
        offset += take;
        if (this.remaining === 0) this.endEntry(events);
        continue;
      }
      if (this.padding > 0) {
        const take = Math.min(this.padding, chunk.length - offset);
        this.padding -= take;
        offset += take;
        continue;
      }
      const take = Math.min(BLOCK - this.headerFill, chunk.length - offset);
      chunk.copy(this.header, this.headerFill, offset, offset + take);
      this.headerFill += take;
      offset += take;
      if (this.headerFill < BLOCK) break;
      this.headerFill = 0;
      this.readHeader(events);
    }
    return events;
  }

  private readHeader(events: TarEvent[]): void {
    const block = this.header;
    if (block.every((byte) => byte === 0) || !checksumOk(block)) {
      this.finished = true;
      return;
    }
    const flag = field(block, 156, 1);
    const size = numeric(block, 124, 12);
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      this.meta = { flag, chunks: [] };
      this.startData(size, events);
      return;
    }
    const magic = field(block, 257, 6);
    const prefix = magic.startsWith('ustar') ? field(block, 345, 155) : '';
    let name = field(block, 0, 100);
    if (prefix !== '') name = `${prefix}/${name}`;
    let linkname = field(block, 157, 100);
    let entrySize = size;
    if (this.longName !== undefined) name = this.longName;
    if (this.longLink !== undefined) linkname = this.longLink;
    const paxPath = this.pax.get('path');
    const paxLink = this.pax.get('linkpath');
    const paxSize = this.pax.get('size');
    if (paxPath !== undefined) name = paxPath;
    if (paxLink !== undefined) linkname = paxLink;
    if (paxSize !== undefined && /^\d+$/.test(paxSize)) entrySize = Number(paxSize);
    this.pax = new Map();
    this.longName = undefined;
    this.longLink = undefined;
    const type = typeOf(flag);
    const header: TarHeader = {
      name,
      type,
      size: type === 'file' ? entrySize : 0,
      mode: numeric(block, 100, 8),
      mtime: numeric(block, 136, 12),
    };
    if (linkname !== '') header.linkname = linkname;
    this.current = header;
    events.push({ kind: 'entry', header });
    // Only files carry data (a hard link's size is 0; anything else's data is skipped).
    this.startData(type === 'file' ? entrySize : type === 'link' ? 0 : size, events);
  }

  private startData(size: number, events: TarEvent[]): void {
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.endEntry(events);
  }

  private endEntry(events: TarEvent[]): void {
    if (this.meta) {
      const body = Buffer.concat(this.meta.chunks);
      if (this.meta.flag === 'x') this.pax = parsePax(body);
      else if (this.meta.flag === 'L') this.longName = field(body, 0, body.length);
      else if (this.meta.flag === 'K') this.longLink = field(body, 0, body.length);
      this.meta = undefined;
      return;
    }
    if (this.current) events.push({ kind: 'entryEnd' });
    this.current = undefined;
  }
}

function writeString(block: Buffer, start: number, length: number, value: string): void {
  block.write(value, start, length, 'utf8');
}

function writeOctal(block: Buffer, start: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, start, length, 'ascii');
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length)
    length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

function headerBlock(name: string, size: number, mode: number, mtime: number, flag: string): Buffer {
  const block = Buffer.alloc(BLOCK);
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, mode & 0o7777);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, Math.max(0, Math.floor(mtime)));
  block.fill(0x20, 148, 156);
  writeString(block, 156, 1, flag);
  writeString(block, 257, 6, 'ustar');
  writeString(block, 263, 2, '00');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return block;
}

/** The largest size the 12-byte octal field holds (8 GiB − 1); bigger files get a PAX `size`. */
const MAX_OCTAL_SIZE = 0o77777777777;

/**
 * The header block(s) of one regular file entry: ustar, preceded by a PAX header when the name is longer than
 * 100 bytes or the file bigger than 8 GiB. Follow with the content and {@link tarPadding}, then {@link TAR_END}.
 */
export function tarFileHeader(name: string, size: number, mode: number, mtimeSeconds: number): Buffer {
  const records: string[] = [];
  if (Buffer.byteLength(name) > 100) records.push(paxRecord('path', name));
  if (size > MAX_OCTAL_SIZE) records.push(paxRecord('size', String(size)));
  const main = headerBlock(
    Buffer.byteLength(name) > 100 ? name.slice(0, 99) : name,
    size > MAX_OCTAL_SIZE ? 0 : size,
    mode,
    mtimeSeconds,
    '0',
  );
  if (records.length === 0) return main;
  const body = Buffer.from(records.join(''));
  const pax = headerBlock('PaxHeader', body.length, 0o644, mtimeSeconds, 'x');
  return Buffer.concat([pax, body, Buffer.alloc(tarPadding(body.length)), main]);
}

/** Zero bytes after `size` bytes of content, up to the next 512-byte block. */
export function tarPadding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** Two zero blocks end an archive. */
export const TAR_END = Buffer.alloc(BLOCK * 2);
