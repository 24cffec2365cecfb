import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { safeDestination } from '../../../../electron/main/docker/archive/extract-guard';
import { readTar } from '../../../../electron/main/docker/archive/tar';
import {
  extractDirectory,
  extractSingleFile,
} from '../../../../electron/main/docker/containers/details/files-service';
import { buildTar, type EntrySpec } from './build-tar';

const TYPES: Record<string, EntrySpec['type']> = {
  '0': 'file',
  '1': 'link',
  '2': 'symlink',
  '3': 'character-device',
  '5': 'directory',
};

/** A tar entry of any type (0 file, 2 symlink, 5 dir, 1 hard link, 3 char device). */
function entry(name: string, type: string, content = '', linkname = ''): EntrySpec {
  return { name, type: TYPES[type], content, linkname };
}

async function archive(...entries: EntrySpec[]): Promise<Readable> {
  return Readable.from([await buildTar(entries)]);
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

describe('readTar', () => {
  it('reads long names through PAX headers and skips content of entries it does not use', async () => {
    const long = `${'d'.repeat(120)}/file.txt`;
    const data = await buildTar([
      { name: long, content: 'abc', mode: 0o600, mtime: 7, pax: {} },
      { name: 'unread.txt', content: 'never read' },
    ]);
    const items: Array<{ name: string; type: string; size: number; mode: number; mtime: number }> = [];
    let text = '';
    for await (const { entry: header, body } of readTar(Readable.from([data]))) {
      items.push({
        name: header.name,
        type: header.type,
        size: header.size,
        mode: header.mode,
        mtime: header.mtime,
      });
      if (header.name === long) for await (const chunk of body()) text += chunk.toString();
    }
    expect(items[0]).toEqual({ name: long, type: 'file', size: 3, mode: 0o600, mtime: 7000 });
    expect(text).toBe('abc');
    expect(items.map((item) => item.name)).toEqual([long, 'unread.txt']);
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
      await archive(
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
      await archive(entry('data/', '5'), entry('data/sub/x.txt', '0', 'x')),
      target,
    );
    expect(await readdir(outside)).toEqual([]);
    expect(result.skipped).toEqual(['data/sub/x.txt']);
  });

  it('writes a single file and refuses anything that is not one', async () => {
    const file = join(root, 'one.txt');
    expect(await extractSingleFile(await archive(entry('one.txt', '0', 'hello')), file)).toMatchObject({
      bytes: 5,
    });
    expect(await readFile(file, 'utf8')).toBe('hello');
    await expect(
      extractSingleFile(await archive(entry('l', '2', '', '/etc/passwd')), join(root, 'l')),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});
