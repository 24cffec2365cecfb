import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { PartialFiles, writeFileAtomically } from '../../../electron/main/docker/partial-files';

describe('partial files: nothing half-written under the user’s name, nothing left behind', () => {
  let scratch: string;
  let journal: string;
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'berth-partials-'));
    journal = join(scratch, 'pending-partials.json');
  });
  afterEach(() => rm(scratch, { recursive: true, force: true }));

  const journalled = async () => JSON.parse(await readFile(journal, 'utf8')) as string[];

  it('replaces the file only once complete, and leaves nothing when writing fails', async () => {
    const path = join(scratch, 'out.bin');
    await writeFileAtomically(path, async (handle) => {
      await handle.write('first');
    });
    expect(await readFile(path, 'utf8')).toBe('first');
    await expect(
      writeFileAtomically(path, async (handle) => {
        await handle.write('half');
        throw new Error('the stream broke');
      }),
    ).rejects.toThrow('the stream broke');
    expect(await readFile(path, 'utf8')).toBe('first');
    expect(await readdir(scratch)).toEqual(['out.bin']);
  });

  it('lists a partial in the journal while it is written, and not after (success or failure)', async () => {
    const files = new PartialFiles(journal);
    const target = join(scratch, 'export.tar');
    let during: string[] = [];
    await files.write(target, async (partial) => {
      await writeFile(partial, 'bytes');
      during = await journalled();
    });
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(/export\.tar\.berth-partial-[0-9a-f]{8}$/);
    expect(await journalled()).toEqual([]);
    await expect(
      files.write(target, async (partial) => {
        await writeFile(partial, 'half');
        throw new Error('cancelled');
      }),
    ).rejects.toThrow('cancelled');
    expect(await journalled()).toEqual([]);
    expect((await readdir(scratch)).sort()).toEqual(['export.tar', 'pending-partials.json']);
  });

  it('the next start removes what a killed run left, and only Berth’s partials', async () => {
    const left = join(scratch, 'export.tar.berth-partial-0a1b2c3d');
    const notOurs = join(scratch, 'precious.tar');
    await writeFile(left, '');
    await writeFile(notOurs, 'keep me');
    await writeFile(
      journal,
      JSON.stringify([left, notOurs, 42, join(scratch, 'gone.berth-partial-00000000')]),
    );
    const removed = await new PartialFiles(journal).sweep();
    expect(removed).toEqual([left, join(scratch, 'gone.berth-partial-00000000')]);
    expect((await readdir(scratch)).sort()).toEqual(['pending-partials.json', 'precious.tar']);
    expect(await journalled()).toEqual([]);
  });

  it('a damaged or missing journal sweeps nothing and is rewritten', async () => {
    await writeFile(journal, '{not json');
    expect(await new PartialFiles(journal).sweep()).toEqual([]);
    expect(await journalled()).toEqual([]);
    await rm(journal);
    expect(await new PartialFiles(journal).sweep()).toEqual([]);
  });
});
