import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../../electron/common';
import { relativeParts as safeRelativeParts } from '../../../../electron/main/docker/archive/extract-guard';
import { isTarHeader, readTar as readArchive } from '../../../../electron/main/docker/archive/tar';
import { extractArchiveInto } from '../../../../electron/main/docker/volumes/volume-archive';

interface EntrySpec {
  name: string;
  /** `0` file, `2` symlink, `1` hard link, `5` dir, `3` char device, `x` PAX, `L` GNU long name. */
  type?: string;
  content?: Buffer | string;
  linkName?: string;
  mode?: number;
  mtime?: number;
  prefix?: string;
  /** Write the size in GNU base-256 instead of octal. */
  base256Size?: boolean;
  /** Claim a size other than the content's (for PAX overrides). */
  headerSize?: number;
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

/** One tar header block plus content and padding, as Go's archive/tar writes them. */
function entry(spec: EntrySpec): Buffer {
  const content = Buffer.isBuffer(spec.content) ? spec.content : Buffer.from(spec.content ?? '');
  const header = Buffer.alloc(512);
  header.write(spec.name, 0, 100, 'utf8');
  header.write(octal(spec.mode ?? 0o644, 8), 100, 'latin1');
  header.write(octal(0, 8), 108, 'latin1');
  header.write(octal(0, 8), 116, 'latin1');
  const size = spec.headerSize ?? content.length;
  if (spec.base256Size) {
    header[124] = 0x80;
    header.writeBigUInt64BE(BigInt(size), 124 + 4);
  } else {
    header.write(octal(size, 12), 124, 'latin1');
  }
  header.write(octal(spec.mtime ?? 1_700_000_000, 12), 136, 'latin1');
  header.write(spec.type ?? '0', 156, 'latin1');
  header.write(spec.linkName ?? '', 157, 100, 'utf8');
  header.write('ustar\0', 257, 'latin1');
  header.write('00', 263, 'latin1');
  if (spec.prefix !== undefined) header.write(spec.prefix, 345, 155, 'utf8');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding]);
}

function pax(records: Record<string, string>): Buffer {
  const lines = Object.entries(records).map(([key, value]) => {
    const body = ` ${key}=${value}\n`;
    let length = body.length + 1;
    while (`${length}${body}`.length !== length) length = `${length}${body}`.length;
    return `${length}${body}`;
  });
  return entry({ name: 'PaxHeaders/x', type: 'x', content: lines.join('') });
}

function tar(...parts: Buffer[]): Buffer {
  return Buffer.concat([...parts, Buffer.alloc(1024)]);
}

/** Feeds `data` in chunks of random sizes (seeded), to exercise every block boundary. */
async function* chunked(data: Buffer, seed = 1): AsyncGenerator<Buffer> {
  let state = seed;
  let offset = 0;
  while (offset < data.length) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (state % 700);
    // A tick between chunks, as a socket delivers them.
    yield await Promise.resolve(data.subarray(offset, offset + size));
    offset += size;
  }
}

async function listAll(data: Buffer, seed?: number) {
  const items: Array<{
    path: string;
    type: string;
    size: number;
    mode: number;
    linkName: string;
    body: string;
  }> = [];
  for await (const { entry: header, body } of readArchive(chunked(data, seed))) {
    let text = '';
    if (header.type === 'file') for await (const chunk of body()) text += chunk.toString('utf8');
    items.push({ ...header, body: text });
  }
  return items;
}

describe('readArchive', () => {
  const sample = tar(
    entry({ name: './', type: '5', mode: 0o755 }),
    entry({ name: './a.txt', content: 'hello\n', mode: 0o600, mtime: 1_700_000_123 }),
    entry({ name: './link', type: '2', linkName: 'a.txt' }),
    entry({ name: 'name.txt', prefix: 'a/very/long/prefix', content: 'in a prefix' }),
    pax({ path: `./${'p'.repeat(150)}/file`, mtime: '1700000000.5' }),
    entry({ name: 'ignored-name', content: 'pax named' }),
    entry({ name: '././@LongLink', type: 'L', content: `${'g'.repeat(120)}/gnu\0` }),
    entry({ name: 'truncated', content: 'gnu named' }),
    entry({ name: './big-size', content: 'x'.repeat(700), base256Size: true }),
  );

  it.each([1, 2, 3, 42, 99])('reads every header and body whatever the chunking (seed %i)', async (seed) => {
    const items = await listAll(sample, seed);
    expect(items.map((item) => [item.path, item.type, item.body])).toEqual([
      ['.', 'directory', ''],
      ['./a.txt', 'file', 'hello\n'],
      ['./link', 'symlink', ''],
      ['a/very/long/prefix/name.txt', 'file', 'in a prefix'],
      [`./${'p'.repeat(150)}/file`, 'file', 'pax named'],
      [`${'g'.repeat(120)}/gnu`, 'file', 'gnu named'],
      ['./big-size', 'file', 'x'.repeat(700)],
    ]);
    expect(items[1]).toMatchObject({ size: 6, mode: 0o600, mtime: 1_700_000_123_000 });
    expect(items[2]?.linkName).toBe('a.txt');
  });

  it('skips bodies nobody reads', async () => {
    const names: string[] = [];
    for await (const { entry: header } of readArchive(chunked(sample))) names.push(header.path);
    expect(names).toHaveLength(7);
  });

  it('takes the size from a PAX record over the header', async () => {
    const content = 'abcdef';
    const data = tar(pax({ size: '6' }), entry({ name: 'f', content, headerSize: 0 }));
    // The header says 0 but the PAX record says 6: the body is read as 6 bytes.
    const fixed = Buffer.from(data);
    const items = await listAll(fixed);
    expect(items.map((item) => [item.path, item.size, item.body])).toEqual([['f', 6, 'abcdef']]);
  });

  it('refuses bytes that are not a tar archive, in words', async () => {
    const garbage = Buffer.alloc(1024, 0x41);
    await expect(listAll(garbage)).rejects.toMatchObject({
      code: ErrorCode.Validation,
      message: 'Not a readable tar archive: a header checksum is wrong.',
    });
  });

  it('refuses an archive cut in the middle of an entry', async () => {
    const whole = entry({ name: 'f', content: 'y'.repeat(2000) });
    await expect(listAll(whole.subarray(0, 1200))).rejects.toMatchObject({ code: ErrorCode.Validation });
  });

  it('tells a tar header from other bytes', () => {
    expect(isTarHeader(entry({ name: 'f', content: 'x' }))).toBe(true);
    expect(isTarHeader(Buffer.alloc(512))).toBe(false);
    expect(isTarHeader(Buffer.from('%PDF-1.7'.padEnd(512, ' ')))).toBe(false);
    expect(isTarHeader(Buffer.alloc(100))).toBe(false);
  });
});

describe('safeRelativeParts', () => {
  it.each([
    ['./a/b/', ['a', 'b']],
    ['a//b/./c', ['a', 'b', 'c']],
    ['.', []],
    ['./', []],
    ['../x', undefined],
    ['a/../../x', undefined],
    ['a/..', undefined],
    ['/etc/passwd', undefined],
    ['a\\..\\..\\x', undefined],
    ['a\0b', undefined],
  ])('%j → %j', (path, parts) => {
    expect(safeRelativeParts(path)).toEqual(parts);
  });
});

describe('extractArchiveInto', () => {
  let scratch: string;
  let target: string;

  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'berth-archive-'));
    target = join(scratch, 'target');
    await mkdir(target);
  });
  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('writes files and folders, keeps the executable bit, and reports bytes and entries', async () => {
    const progress: number[] = [];
    const result = await extractArchiveInto(
      chunked(
        tar(
          entry({ name: './', type: '5' }),
          entry({ name: './dir', type: '5' }),
          entry({ name: './dir/run.sh', content: '#!/bin/sh\n', mode: 0o755 }),
          entry({ name: './implicit/parent/file', content: 'made its folders' }),
        ),
      ),
      target,
      { strip: 0, onProgress: (bytes) => progress.push(bytes) },
    );
    expect(result).toEqual({ bytes: 26, entries: 3, skipped: [] });
    expect(await readFile(join(target, 'dir', 'run.sh'), 'utf8')).toBe('#!/bin/sh\n');
    expect((await stat(join(target, 'dir', 'run.sh'))).mode & 0o777).toBe(0o755);
    expect(await readFile(join(target, 'implicit', 'parent', 'file'), 'utf8')).toBe('made its folders');
    expect(progress.at(-1)).toBe(26);
  });

  it('never writes outside the target: climbing or absolute paths, links and devices are skipped', async () => {
    const result = await extractArchiveInto(
      chunked(
        tar(
          entry({ name: '../escaped.txt', content: 'out' }),
          entry({ name: './a/../../escaped2.txt', content: 'out' }),
          entry({ name: '/tmp/absolute.txt', content: 'out' }),
          entry({ name: './evil-link', type: '2', linkName: '..' }),
          entry({ name: './evil-link/through.txt', content: 'would follow the link' }),
          entry({ name: './hard', type: '1', linkName: '/etc/passwd' }),
          entry({ name: './device', type: '3' }),
          entry({ name: './ok.txt', content: 'fine' }),
        ),
      ),
      target,
      { strip: 0 },
    );
    expect(result.skipped).toEqual([
      '../escaped.txt (a path outside the folder)',
      './a/../../escaped2.txt (a path outside the folder)',
      '/tmp/absolute.txt (a path outside the folder)',
      'evil-link (a link to .., not copied)',
      'hard (a hard link to /etc/passwd, not copied)',
      'device (a special file, not copied)',
    ]);
    // `evil-link` was never made a link, so `evil-link/through.txt` landed inside the target as a plain file.
    expect(await readFile(join(target, 'evil-link', 'through.txt'), 'utf8')).toBe('would follow the link');
    expect((await readdir(scratch)).sort()).toEqual(['target']);
    expect((await readdir(target)).sort()).toEqual(['evil-link', 'ok.txt']);
  });

  it('strips leading components', async () => {
    await extractArchiveInto(
      chunked(tar(entry({ name: 'folder/inner/x', content: '1' }), entry({ name: 'folder', type: '5' }))),
      target,
      { strip: 1 },
    );
    expect(await readFile(join(target, 'inner', 'x'), 'utf8')).toBe('1');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      extractArchiveInto(chunked(tar(entry({ name: 'x', content: '1' }))), target, {
        strip: 0,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readdir(target)).toEqual([]);
  });
});
