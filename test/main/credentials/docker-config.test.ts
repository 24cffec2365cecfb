import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../electron/common';
import { CredentialHelpers } from '../../../electron/main/credentials/credential-helper';
import { DockerConfigCredentials } from '../../../electron/main/credentials/docker-config';
import { DOCKER_HUB_SERVER } from '../../../electron/main/credentials/registry-auth';
import { writeFakeHelper } from './fake-helper';

const basic = (user: string, password: string): string =>
  Buffer.from(`${user}:${password}`).toString('base64');

describe('DockerConfigCredentials: the docker CLI’s credentials, read as the CLI reads them', () => {
  let dir: string;
  let bin: string;
  let configDir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-docker-config-'));
    bin = join(dir, 'bin');
    configDir = join(dir, 'config');
    await mkdir(configDir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function credentials(path = bin): DockerConfigCredentials {
    return new DockerConfigCredentials(configDir, new CredentialHelpers({ path }));
  }

  async function config(value: unknown): Promise<void> {
    await writeFile(join(configDir, 'config.json'), JSON.stringify(value));
  }

  it('reads auths: base64 auth (a password may hold colons), username/password, identity tokens, URL keys', async () => {
    await config({
      auths: {
        'registry.example.com': { auth: basic('alice', 'pa:ss:word') },
        'https://index.docker.io/v1/': { username: 'bob', password: 'hub-secret' },
        'http://127.0.0.1:5000/v2/': { auth: basic('carol', 'x') },
        'tokens.example.com': { auth: basic('dave', ''), identitytoken: 'id-token' },
      },
    });
    const store = credentials();
    expect(await store.resolve('registry.example.com')).toEqual({
      username: 'alice',
      password: 'pa:ss:word',
      serveraddress: 'registry.example.com',
    });
    expect(await store.resolve(DOCKER_HUB_SERVER)).toEqual({
      username: 'bob',
      password: 'hub-secret',
      serveraddress: DOCKER_HUB_SERVER,
    });
    expect(await store.resolve('127.0.0.1:5000')).toMatchObject({ username: 'carol', password: 'x' });
    expect(await store.resolve('tokens.example.com')).toEqual({
      username: 'dave',
      identitytoken: 'id-token',
      serveraddress: 'tokens.example.com',
    });
    expect(await store.resolve('elsewhere.example.com')).toBeUndefined();
    const listed = await store.list();
    expect(listed.map((login) => [login.registry, login.username, login.store])).toEqual([
      ['127.0.0.1:5000', 'carol', 'config.json'],
      [DOCKER_HUB_SERVER, 'bob', 'config.json'],
      ['registry.example.com', 'alice', 'config.json'],
      ['tokens.example.com', 'dave', 'config.json'],
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/pa:ss|hub-secret|id-token/);
  });

  it('asks credHelpers for their registry and credsStore for the rest, with the server on stdin', async () => {
    const storeCalls = await writeFakeHelper(bin, 'store', {
      [DOCKER_HUB_SERVER]: ['hubuser', 'hub-secret'],
      'b.example.com': ['bea', 'b-secret'],
    });
    const helperCalls = await writeFakeHelper(bin, 'special', { 'a.example.com': ['ann', 'a-secret'] });
    await config({
      auths: { 'a.example.com': {}, 'b.example.com': {} },
      credsStore: 'store',
      credHelpers: { 'a.example.com': 'special' },
    });
    const store = credentials();
    expect(await store.resolve('a.example.com')).toEqual({
      username: 'ann',
      password: 'a-secret',
      serveraddress: 'a.example.com',
    });
    expect(await store.resolve('b.example.com')).toMatchObject({ username: 'bea', password: 'b-secret' });
    expect(await store.resolve(DOCKER_HUB_SERVER)).toMatchObject({ username: 'hubuser' });
    expect(await store.resolve('c.example.com')).toBeUndefined();
    expect((await readFile(helperCalls, 'utf8')).split('\n')).toContain('get a.example.com');
    expect((await readFile(storeCalls, 'utf8')).split('\n')).toEqual(
      expect.arrayContaining(['get b.example.com', `get ${DOCKER_HUB_SERVER}`, 'get c.example.com']),
    );
    const listed = await store.list();
    expect(listed.map((login) => [login.registry, login.username, login.store])).toEqual([
      ['a.example.com', 'ann', 'docker-credential-special'],
      ['b.example.com', 'bea', 'docker-credential-store'],
      [DOCKER_HUB_SERVER, 'hubuser', 'docker-credential-store'],
    ]);
  });

  it('turns a helper’s <token> user into an identity token', async () => {
    await writeFakeHelper(bin, 'tok', { 'r.example.com': ['<token>', 'refresh-token'] });
    await config({ credHelpers: { 'r.example.com': 'tok' } });
    expect(await credentials().resolve('r.example.com')).toEqual({
      identitytoken: 'refresh-token',
      serveraddress: 'r.example.com',
    });
  });

  it('has no credentials without a config file', async () => {
    expect(await credentials().resolve('r.example.com')).toBeUndefined();
    expect(await credentials().list()).toEqual([]);
  });

  it('reports a malformed config with its path', async () => {
    await writeFile(join(configDir, 'config.json'), '{ nope');
    await expect(credentials().resolve('r.example.com')).rejects.toMatchObject({
      code: ErrorCode.Internal,
      message: expect.stringContaining(join(configDir, 'config.json')) as unknown,
    });
  });

  it('says which helper is missing, and never runs one through a relative PATH entry', async () => {
    await writeFakeHelper(join(dir, 'relative'), 'rel', { 'r.example.com': ['u', 's'] });
    await config({ credsStore: 'rel' });
    const relative = new DockerConfigCredentials(
      configDir,
      new CredentialHelpers({ path: ['relative', bin].join(':') }),
    );
    const previous = process.cwd();
    process.chdir(dir);
    try {
      await expect(relative.resolve('r.example.com')).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        message: expect.stringContaining('docker-credential-rel, which is not installed') as unknown,
      });
    } finally {
      process.chdir(previous);
    }
  });

  it('refuses a helper name that is a path', async () => {
    await config({ credsStore: '../../bin/sh' });
    await expect(credentials().resolve('r.example.com')).rejects.toMatchObject({
      code: ErrorCode.Validation,
    });
  });

  it('reports a failing helper with its own short reason, never its output on success', async () => {
    await writeFakeHelper(bin, 'broken', {}, { failWith: 'keyring is locked' });
    await config({ credsStore: 'broken' });
    await expect(credentials().resolve('r.example.com')).rejects.toMatchObject({
      code: ErrorCode.Internal,
      message: 'docker-credential-broken failed: keyring is locked',
    });
  });
});
