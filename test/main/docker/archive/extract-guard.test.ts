import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../../electron/common';
import { type ExtractLayout, extractTar } from '../../../../electron/main/docker/archive/extract';
import type { RefusalReason } from '../../../../electron/main/docker/archive/extract-guard';
import { buildTar, type EntrySpec } from './build-tar';

// Hostile archives, one per row: each is a real tar written by tar-stream's pack, extracted by the real
// extraction into a temp folder. Every row asserts what was refused (and why), what was written, and that nothing
// landed outside the target: next to it, in the `outside` folder links point at, or at an absolute path.

/** An absolute path hostile entries aim at; it must never exist. */
const ABSOLUTE = join(tmpdir(), `berth-hostile-${process.pid}.txt`);

interface Row {
  name: string;
  entries: (outside: string) => EntrySpec[];
  layout?: ExtractLayout;
  /** What is on disk before the extraction (links the user already had in the chosen folder). */
  before?: (target: string, outside: string) => Promise<void>;
  refused: Array<[name: string, reason: RefusalReason]>;
  /** Files written below the target, with their content. */
  written: Record<string, string>;
}

const file = (name: string, content = 'pwned'): EntrySpec => ({ name, content });

const rows: Row[] = [
  {
    name: '`..` at the start',
    entries: () => [file('../escape.txt')],
    refused: [['../escape.txt', 'outside']],
    written: {},
  },
  {
    name: '`..` in the middle',
    entries: () => [file('a/../../escape.txt'), file('./a/b/../../../escape2.txt')],
    refused: [
      ['a/../../escape.txt', 'outside'],
      ['./a/b/../../../escape2.txt', 'outside'],
    ],
    written: {},
  },
  {
    name: 'a `..` that stays inside is still refused',
    entries: () => [file('a/../inside.txt')],
    refused: [['a/../inside.txt', 'outside']],
    written: {},
  },
  {
    name: 'an absolute path',
    entries: () => [file(ABSOLUTE)],
    refused: [[ABSOLUTE, 'outside']],
    written: {},
  },
  {
    name: 'Windows drive segments',
    entries: () => [file('C:/evil.txt'), file('C:evil.txt'), file('sub/d:/evil.txt')],
    refused: [
      ['C:/evil.txt', 'outside'],
      ['C:evil.txt', 'outside'],
      ['sub/d:/evil.txt', 'outside'],
    ],
    written: {},
  },
  {
    name: 'backslash tricks',
    entries: () => [file('..\\escape.txt'), file('a\\..\\..\\escape.txt'), file('\\\\server\\share\\x')],
    refused: [
      ['..\\escape.txt', 'outside'],
      ['a\\..\\..\\escape.txt', 'outside'],
      ['\\\\server\\share\\x', 'outside'],
    ],
    written: {},
  },
  {
    name: 'a symlink out of the root, then a write through it',
    entries: (outside) => [{ name: 'link', type: 'symlink', linkname: outside }, file('link/pwned.txt')],
    refused: [['link', 'symlink']],
    // The link is never created, so the second entry lands in a plain folder inside the target.
    written: { 'link/pwned.txt': 'pwned' },
  },
  {
    name: 'a relative symlink that climbs, then a write through it',
    entries: () => [{ name: 'up', type: 'symlink', linkname: '../..' }, file('up/escape.txt')],
    refused: [['up', 'symlink']],
    written: { 'up/escape.txt': 'pwned' },
  },
  {
    name: 'a symlink inside the root (links are never created)',
    entries: () => [file('real.txt', 'real'), { name: 'alias', type: 'symlink', linkname: 'real.txt' }],
    refused: [['alias', 'symlink']],
    written: { 'real.txt': 'real' },
  },
  {
    name: 'hard links: outside, climbing, to an unknown entry, to a known one',
    entries: (outside) => [
      file('known.txt', 'known'),
      { name: 'h1', type: 'link', linkname: join(outside, 'secret') },
      { name: 'h2', type: 'link', linkname: '../../etc/passwd' },
      { name: 'h3', type: 'link', linkname: 'not-in-the-archive' },
      { name: 'h4', type: 'link', linkname: 'known.txt' },
    ],
    refused: [
      ['h1', 'hardlink'],
      ['h2', 'hardlink'],
      ['h3', 'hardlink'],
      ['h4', 'hardlink'],
    ],
    written: { 'known.txt': 'known' },
  },
  {
    name: 'device files and FIFOs',
    entries: () => [
      { name: 'tty', type: 'character-device' },
      { name: 'disk', type: 'block-device' },
      { name: 'pipe', type: 'fifo' },
    ],
    refused: [
      ['tty', 'special'],
      ['disk', 'special'],
      ['pipe', 'special'],
    ],
    written: {},
  },
  {
    name: 'a link already on disk in the chosen folder',
    before: async (target, outside) => {
      await symlink(outside, join(target, 'planted'));
      await symlink(join(outside, 'file.txt'), join(target, 'planted-file'));
    },
    entries: () => [
      file('planted/pwned.txt'),
      file('planted-file'),
      { name: 'planted/sub', type: 'directory' },
    ],
    refused: [
      ['planted/pwned.txt', 'through-link'],
      ['planted-file', 'through-link'],
      ['planted/sub', 'through-link'],
    ],
    written: {},
  },
  {
    name: 'a folder archive whose entries leave the folder',
    layout: 'below-first-entry',
    entries: () => [
      { name: 'data/', type: 'directory' },
      file('data/ok.txt', 'ok'),
      file('other/x.txt'),
      file('data/../escape.txt'),
      file('data2/x.txt'),
    ],
    refused: [
      ['other/x.txt', 'outside'],
      ['data/../escape.txt', 'outside'],
      ['data2/x.txt', 'outside'],
    ],
    written: { 'ok.txt': 'ok' },
  },
];

async function filesBelow(root: string, prefix = ''): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const item of await readdir(join(root, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? item.name : `${prefix}/${item.name}`;
    if (item.isDirectory()) Object.assign(found, await filesBelow(root, path));
    else if (item.isFile()) found[path] = await readFile(join(root, path), 'utf8');
  }
  return found;
}

describe('extracting hostile archives', () => {
  let scratch: string;
  let target: string;
  let outside: string;

  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'berth-hostile-'));
    target = join(scratch, 'target');
    outside = join(scratch, 'outside');
    await mkdir(target);
    await mkdir(outside);
  });
  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it.each(rows)('$name', async (row) => {
    await row.before?.(target, outside);
    const tar = await buildTar(row.entries(outside));
    const result = await extractTar(Readable.from([tar]), target, { layout: row.layout ?? { strip: 0 } });
    expect(result.refused.map((item) => [item.entry.name, item.reason])).toEqual(row.refused);
    for (const item of result.refused) expect(item.message).toMatch(/\(.+\)$/);
    expect(await filesBelow(target)).toEqual(row.written);
    expect((await readdir(scratch)).sort()).toEqual(['outside', 'target']);
    expect(await readdir(outside)).toEqual([]);
    expect(existsSync(ABSOLUTE)).toBe(false);
  });

  it('refuses the whole archive when a PAX path holds a NUL, writing nothing', async () => {
    const tar = await buildTar([
      file('before.txt'),
      { name: 'x', content: 'pwned', pax: { path: 'a\0/../../x' } },
    ]);
    await expect(extractTar(Readable.from([tar]), target, { layout: { strip: 0 } })).rejects.toMatchObject({
      code: ErrorCode.Validation,
    });
    expect((await readdir(scratch)).sort()).toEqual(['outside', 'target']);
    expect(await readdir(outside)).toEqual([]);
  });

  it('says why, in words', async () => {
    const tar = await buildTar([
      file('../x'),
      { name: 'l', type: 'symlink', linkname: '/etc' },
      { name: 'p', type: 'fifo' },
    ]);
    const { refused } = await extractTar(Readable.from([tar]), target, { layout: { strip: 0 } });
    expect(refused.map((item) => item.message)).toEqual([
      '../x (a path outside the folder)',
      'l (a link to /etc, not copied)',
      'p (a special file, not copied)',
    ]);
  });
});
