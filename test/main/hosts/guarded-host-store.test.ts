import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../electron/common';
import { guardedHostStore } from '../../../electron/main/hosts/guarded-host-store';
import { emptyHostsFile, type HostsFile, hostsJsonSchema } from '../../../electron/main/hosts/host-store';

const valid: HostsFile = {
  hosts: [
    { id: 'host:0a1b2c3d4e5f', name: 'build', url: 'ssh://ada@build', description: '', skipTlsVerify: false },
  ],
  engines: {},
  passphrases: {},
};
const validText = JSON.stringify(valid, null, '\t');

describe('hosts.json that cannot be read is never written', () => {
  let dir: string;
  let path: string;
  const quiet = { error: () => undefined };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-guarded-hosts-'));
    path = join(dir, 'hosts.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  // electron-store is conf in Electron's user data folder; the app opens it exactly so.
  const open = () => {
    const conf = new Conf<HostsFile>({
      cwd: dir,
      configName: 'hosts',
      schema: hostsJsonSchema(),
      defaults: emptyHostsFile(),
      clearInvalidConfig: false,
    });
    return { read: () => conf.store, write: (file: HostsFile) => (conf.store = file) };
  };

  it.each<[string, string, RegExp]>([
    ['truncated', validText.slice(0, 40), /not valid JSON/],
    ['junk', 'junk\u0000', /not valid JSON/],
    ['empty', '', /empty/],
    ['an array', '[]', /JSON object/],
    ['wrong shape', JSON.stringify({ hosts: [{ id: 'nope' }] }), /wrong shape \(hosts\.0/],
  ])(
    '%s: no hosts this session, the problem named, writes refused, the bytes kept',
    async (_n, text, reason) => {
      await writeFile(path, text);
      const store = guardedHostStore(path, open, quiet);
      expect(store.read()).toEqual(emptyHostsFile());
      expect(store.problem?.()).toEqual({ file: path, reason: expect.stringMatching(reason) as unknown });
      expect(() => store.write(valid)).toThrow(
        expect.objectContaining({ code: ErrorCode.Conflict }) as Error,
      );
      expect(() => store.write(valid)).toThrow(/Retry on Hosts/);
      expect(await readFile(path, 'utf8')).toBe(text);
    },
  );

  it('Retry reads the file again once the user fixed it, and writes work again', async () => {
    await writeFile(path, '{"hosts": [');
    const store = guardedHostStore(path, open, quiet);
    expect(store.retry?.()).toMatchObject({ file: path });
    await writeFile(path, validText);
    expect(store.retry?.()).toBeUndefined();
    expect(store.problem?.()).toBeUndefined();
    expect(store.read().hosts.map((host) => host.name)).toEqual(['build']);
    store.write({ ...valid, hosts: [] });
    expect((JSON.parse(await readFile(path, 'utf8')) as HostsFile).hosts).toEqual([]);
  });

  it('a valid file and no file both just work', () => {
    const fresh = guardedHostStore(path, open, quiet);
    expect(fresh.problem?.()).toBeUndefined();
    fresh.write(valid);
    expect(guardedHostStore(path, open, quiet).read()).toEqual(valid);
  });
});
