import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { defaultSettings } from '../../../electron/common';
import { settingsShapeProblem } from '../../../electron/main/settings/settings-service';
import { inspectStoreFile, recoverStoreFile, StoreResets } from '../../../electron/main/settings/store-files';
import { windowStateShapeProblem } from '../../../electron/main/windows/window-state';

const validSettings = JSON.stringify({ ...defaultSettings, theme: 'dark' }, null, '\t');
const validWindow = JSON.stringify({
  window: { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: false },
});

/** The faults a store file meets: a crash mid-write, a bad byte, an emptied file, another program's JSON. */
function faults(valid: string, wrongShape: string): Array<[string, string, RegExp]> {
  return [
    ['truncated', valid.slice(0, Math.floor(valid.length / 2)), /not valid JSON/],
    ['junk', '\u0000\u00ffnot json at all', /not valid JSON/],
    ['one bad byte', valid.replace('{', '{x'), /not valid JSON/],
    ['empty', '', /empty/],
    ['whitespace only', '  \n', /empty/],
    ['an array', '[1, 2]', /JSON object/],
    ['null', 'null', /JSON object/],
    ['wrong shape', wrongShape, /wrong shape/],
  ];
}

describe.each([
  {
    what: 'settings' as const,
    file: 'settings.json',
    check: settingsShapeProblem,
    valid: validSettings,
    wrongShape: JSON.stringify({ theme: 42, closeToTray: 'yes' }),
  },
  {
    what: 'window-state' as const,
    file: 'window-state.json',
    check: windowStateShapeProblem,
    valid: validWindow,
    wrongShape: JSON.stringify({ window: { bounds: 'full screen' } }),
  },
])('$file: a damaged file is kept aside, never deleted', ({ what, file, check, valid, wrongShape }) => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-store-files-'));
    path = join(dir, file);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.each(faults(valid, wrongShape))(
    '%s: moved aside with its bytes, reported',
    async (_name, text, reason) => {
      await writeFile(path, text);
      const reset = recoverStoreFile(path, what, check, new Date('2026-12-08T03:04:05.678Z'));
      expect(reset).toMatchObject({ what, file: path, reason: expect.stringMatching(reason) as unknown });
      expect(reset?.keptAs).toBe(join(dir, file.replace('.json', '.damaged-2026-12-08T03-04-05-678Z.json')));
      expect(await readFile(reset!.keptAs, 'utf8')).toBe(text);
      // The store then starts from its defaults: the damaged file is no longer where the store reads.
      expect(await readdir(dir)).toEqual([file.replace('.json', '.damaged-2026-12-08T03-04-05-678Z.json')]);
    },
  );

  it('a valid file is left exactly as it is', async () => {
    await writeFile(path, valid);
    expect(recoverStoreFile(path, what, check)).toBeUndefined();
    expect(await readFile(path, 'utf8')).toBe(valid);
  });

  it('no file is not a fault', () => {
    expect(inspectStoreFile(path, check)).toEqual({ state: 'missing' });
    expect(recoverStoreFile(path, what, check)).toBeUndefined();
  });

  it('fields a newer Berth added are not a fault', async () => {
    await writeFile(path, JSON.stringify({ ...(JSON.parse(valid) as object), fromTheFuture: { a: 1 } }));
    expect(recoverStoreFile(path, what, check)).toBeUndefined();
  });
});

describe('StoreResets', () => {
  it('lists resets until the user dismisses them, and tells listeners', () => {
    const resets = new StoreResets();
    const seen: number[] = [];
    resets.onChanged((list) => seen.push(list.length));
    resets.add(undefined);
    resets.add({ what: 'settings', file: '/s.json', keptAs: '/s.damaged.json', reason: 'it is empty' });
    expect(resets.list()).toHaveLength(1);
    resets.dismiss();
    expect(resets.list()).toEqual([]);
    expect(seen).toEqual([1, 0]);
  });
});
