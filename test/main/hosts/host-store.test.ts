import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  emptyHostsFile,
  type HostsFile,
  hostsJsonSchema,
  MemoryHostStore,
  parseHostsFile,
} from '../../../electron/main/hosts/host-store';

const valid: HostsFile = {
  hosts: [
    {
      id: 'host:0a1b2c3d4e5f',
      name: 'build',
      url: 'ssh://ada@build',
      description: '',
      tls: { ca: '/certs/ca.pem' },
      skipTlsVerify: false,
    },
  ],
  engines: { local: { disconnected: true }, 'context:prod': { allowInsecure: true } },
  passphrases: { 'host:0a1b2c3d4e5f': { '/home/ada/.ssh/id_ed25519': 'djExMZmFrZWNpcGhlcg==' } },
};

describe('hosts.json', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-hosts-store-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  // electron-store is conf in Electron's user data folder: the same schema validation runs here.
  const open = () =>
    new Conf<HostsFile>({
      cwd: dir,
      configName: 'hosts',
      schema: hostsJsonSchema(),
      defaults: emptyHostsFile(),
      clearInvalidConfig: false,
    });

  it('the generated JSON schema accepts what Berth writes and round-trips it', async () => {
    const store = open();
    store.store = valid;
    expect(JSON.parse(await readFile(join(dir, 'hosts.json'), 'utf8'))).toEqual(valid);
    expect(open().store).toEqual(valid);
  });

  it.each<[string, unknown]>([
    ['a host without a url', { ...valid, hosts: [{ ...valid.hosts[0], url: undefined }] }],
    [
      'an unknown field (a plain-text secret has no place)',
      { ...valid, hosts: [{ ...valid.hosts[0], password: 'x' }] },
    ],
    ['an id of the wrong shape', { ...valid, hosts: [{ ...valid.hosts[0], id: '../../etc' }] }],
  ])('the schema refuses %s', (_case, value) => {
    const store = open();
    expect(() => {
      store.store = value as HostsFile;
    }).toThrow(/schema violation/i);
  });

  it('a broken file on disk is refused, not silently cleared (clearInvalidConfig: false)', async () => {
    await writeFile(join(dir, 'hosts.json'), JSON.stringify({ ...valid, engines: 'nope' }));
    expect(() => open()).toThrow(/schema violation/i);
    expect(JSON.parse(await readFile(join(dir, 'hosts.json'), 'utf8'))).toMatchObject({ engines: 'nope' });
  });

  it('parseHostsFile keeps every valid part of a damaged value', () => {
    expect(parseHostsFile({ ...valid, engines: 'nope' })).toEqual({ ...valid, engines: {} });
    expect(parseHostsFile({ hosts: [valid.hosts[0], { id: 'bad' }] }).hosts).toEqual(valid.hosts);
    expect(parseHostsFile(undefined)).toEqual(emptyHostsFile());
  });

  it('MemoryHostStore hands out copies and validates what it is given', () => {
    const store = new MemoryHostStore();
    const file = store.read();
    file.hosts.push(valid.hosts[0]);
    expect(store.read().hosts).toEqual([]);
    expect(() => store.write({ ...valid, hosts: [{ ...valid.hosts[0], id: 'x' }] })).toThrow();
  });
});
