import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { TAR_END, tarFileHeader, tarPadding, TarReader } from '../../../../electron/main/docker/archive/tar';
import {
  extractDirectory,
  extractSingleFile,
  safeDestination,
} from '../../../../electron/main/docker/containers/details/files-service';

/** A hand-made tar entry of any type (0 file, 2 symlink, 5 dir, 1 hard link, 3 char device). */
function entry(name: string, type: string, content = '', linkname = ''): Buffer {
  const header = tarFileHeader(name, Buffer.byteLength(content), 0o644, 0);
  const block = header.subarray(header.length - 512);
  block.write(type, 156, 1, 'ascii');
  block.write(linkname, 157, 100, 'utf8');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  const body = Buffer.from(content);
  return Buffer.concat([header, body, Buffer.alloc(tarPadding(body.length))]);
}

function archive(...entries: Buffer[]): Readable {
  return Readable.from([Buffer.concat([...entries, TAR_END])]);
}

describe('safeDestination', () => {
  it.each([
    ['a/b.txt', 'a/b.txt'],
    ['./a', 'a'],
    ['a//b/./c', 'a/b/c'],
    ['../evil', undefined],
    ['a/../../evil', undefined],
    ['/etc/passwd', undefined],
    ['a\\..\\evil', undefined],
    ['C:/evil', undefined],
    ['a\0b', undefined],
  ])('%j → %j', (name, expected) => {
    const root = '/target';
    expect(safeDestination(root, name)).toBe(expected === undefined ? undefined : join(root, expected));
  });
});

describe('TarReader', () => {
  it('reads long names through PAX headers and skips content of entries it does not use', () => {
    const long = `${'d'.repeat(120)}/file.txt`;
    const data = Buffer.concat([
      tarFileHeader(long, 3, 0o600, 7),
      Buffer.from('abc'),
      Buffer.alloc(tarPadding(3)),
      TAR_END,
    ]);
    const reader = new TarReader();
    const events = [...data].length > 0 ? reader.push(data) : [];
    expect(events[0]).toEqual({
      kind: 'entry',
      header: { name: long, type: 'file', size: 3, mode: 0o600, mtime: 7 },
    });
    expect(
      events
        .filter((event) => event.kind === 'data')
        .map((event) => (event.kind === 'data' ? event.bytes.toString() : ''))
        .join(''),
    ).toBe('abc');
    expect(reader.done).toBe(true);
  });
});

describe('extracting archives to disk', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'berth-tar-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes a folder and refuses traversal, absolute paths, links and devices', async () => {
    const target = join(root, 'out');
    const result = await extractDirectory(
      archive(
        entry('data/', '5'),
        entry('data/ok.txt', '0', 'fine'),
        entry('data/sub/', '5'),
        entry('data/sub/deep.txt', '0', 'deep'),
        entry('data/../../escape.txt', '0', 'bad'),
        entry('/abs.txt', '0', 'bad'),
        entry('data/link', '2', '', '/etc/passwd'),
        entry('data/hard', '1', '', 'data/ok.txt'),
        entry('data/dev', '3'),
        entry('data/link/through.txt', '0', 'bad'),
      ),
      target,
    );
    // The link itself is not created, so a later entry "through" it is an ordinary folder inside the target.
    expect((await readdir(target)).sort()).toEqual(['link', 'ok.txt', 'sub']);
    expect(await readFile(join(target, 'link', 'through.txt'), 'utf8')).toBe('bad');
    expect(await readFile(join(target, 'sub', 'deep.txt'), 'utf8')).toBe('deep');
    expect(await readdir(root)).toEqual(['out']);
    expect(result.skipped).toEqual([
      'data/../../escape.txt',
      '/abs.txt',
      'data/link',
      'data/hard',
      'data/dev',
    ]);
  });

  it('never writes through a symlink that already exists in the chosen folder', async () => {
    const target = join(root, 'out');
    const outside = join(root, 'outside');
    await mkdir(target);
    await mkdir(outside);
    await symlink(outside, join(target, 'sub'));
    const result = await extractDirectory(
      archive(entry('data/', '5'), entry('data/sub/x.txt', '0', 'x')),
      target,
    );
    expect(await readdir(outside)).toEqual([]);
    expect(result.skipped).toEqual(['data/sub/x.txt']);
  });

  it('writes a single file and refuses anything that is not one', async () => {
    const file = join(root, 'one.txt');
    expect(await extractSingleFile(archive(entry('one.txt', '0', 'hello')), file)).toMatchObject({
      bytes: 5,
    });
    expect(await readFile(file, 'utf8')).toBe('hello');
    await expect(
      extractSingleFile(archive(entry('l', '2', '', '/etc/passwd')), join(root, 'l')),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});
