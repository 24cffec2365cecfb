import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../../electron/common';
import {
  contextDirName,
  dockerConfigDir,
  DockerContextStore,
  resolveCurrentContextName,
} from '../../../../electron/main/hosts/contexts/context-store';

// The docker CLI itself is the reference: what it writes Berth must read, and what Berth writes it must accept.
const cliMissing =
  spawnSync('docker', ['--version']).status !== 0 ? 'the docker CLI is not installed' : undefined;

let dir: string;
let store: DockerContextStore;
const docker = (...args: string[]) =>
  execFileSync('docker', ['--config', dir, ...args], { encoding: 'utf8' }).trim();
const mode = (path: string) => statSync(path).mode & 0o777;

// Self-signed PEMs made once with openssl; their bytes only need to round-trip.
const pemDir = mkdtempSync(join(tmpdir(), 'berth-pem-'));
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    join(pemDir, 'key.pem'),
    '-out',
    join(pemDir, 'cert.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=berth-test',
  ],
  { stdio: 'ignore' },
);
const certPem = readFileSync(join(pemDir, 'cert.pem'), 'utf8');
const keyPem = readFileSync(join(pemDir, 'key.pem'), 'utf8');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-docker-config-'));
  store = new DockerContextStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveCurrentContextName', () => {
  it.each([
    [{ DOCKER_HOST: 'tcp://h:2376', DOCKER_CONTEXT: 'b' }, 'a', 'default'],
    [{ DOCKER_CONTEXT: 'b' }, 'a', 'b'],
    [{}, 'a', 'a'],
    [{}, undefined, 'default'],
    [{ DOCKER_HOST: '', DOCKER_CONTEXT: '' }, 'a', 'a'],
  ])('env %j with currentContext %s → %s', (env, current, expected) => {
    expect(resolveCurrentContextName(env, current)).toBe(expected);
  });

  it('finds the config dir like the CLI', () => {
    expect(dockerConfigDir({ DOCKER_CONFIG: '/etc/dc' }, '/home/u')).toBe('/etc/dc');
    expect(dockerConfigDir({}, '/home/u')).toBe('/home/u/.docker');
  });

  it('names context folders by the SHA-256 of the name', () => {
    expect(contextDirName('ctx1')).toBe('8f9d61fac39402898f831bfec31c774438bb77be6a0cbd47c83cf53d31858372');
  });
});

describe.skipIf(cliMissing)('DockerContextStore against the docker CLI', () => {
  it('reads contexts the CLI created, with description, TLS and skip-verify', async () => {
    docker(
      'context',
      'create',
      'plain',
      '--description',
      'Staging box',
      '--docker',
      'host=tcp://10.1.2.3:2376,skip-tls-verify=true',
    );
    docker(
      'context',
      'create',
      'secure',
      '--docker',
      `host=tcp://127.0.0.1:2376,ca=${join(pemDir, 'cert.pem')},cert=${join(pemDir, 'cert.pem')},key=${join(pemDir, 'key.pem')}`,
    );
    docker('context', 'create', 'remote', '--docker', 'host=ssh://deploy@build-1:2222');
    const contexts = await store.list();
    expect(contexts.map((context) => context.name)).toEqual(['plain', 'remote', 'secure']);
    expect(contexts[0]).toMatchObject({
      description: 'Staging box',
      host: 'tcp://10.1.2.3:2376',
      skipTlsVerify: true,
      tls: {},
    });
    expect(contexts[1]).toMatchObject({ host: 'ssh://deploy@build-1:2222', skipTlsVerify: false });
    const secure = contexts[2];
    expect(Object.keys(secure.tls).sort()).toEqual(['ca', 'cert', 'key']);
    expect(readFileSync(secure.tls.key!, 'utf8')).toBe(keyPem);
  });

  it('writes contexts the CLI accepts, with TLS files 0600 in 0700 folders', async () => {
    await store.create({
      name: 'berth-made',
      description: 'Made by Berth',
      host: 'tcp://127.0.0.1:2376',
      tls: { ca: certPem, cert: certPem, key: keyPem },
    });
    const inspected = JSON.parse(docker('context', 'inspect', 'berth-made')) as {
      Metadata: { Description: string };
      Endpoints: { docker: { Host: string; SkipTLSVerify: boolean } };
      TLSMaterial: { docker: string[] };
    }[];
    expect(inspected[0].Metadata.Description).toBe('Made by Berth');
    expect(inspected[0].Endpoints.docker).toEqual({ Host: 'tcp://127.0.0.1:2376', SkipTLSVerify: false });
    expect(inspected[0].TLSMaterial.docker.sort()).toEqual(['ca.pem', 'cert.pem', 'key.pem']);
    const tlsRoot = join(dir, 'contexts', 'tls', contextDirName('berth-made'));
    expect(mode(tlsRoot)).toBe(0o700);
    expect(mode(join(tlsRoot, 'docker'))).toBe(0o700);
    for (const file of ['ca.pem', 'cert.pem', 'key.pem'])
      expect(mode(join(tlsRoot, 'docker', file))).toBe(0o600);
    expect(docker('context', 'ls', '--format', '{{.Name}}').split('\n')).toContain('berth-made');
  });

  it('makes a context current for the CLI and keeps the rest of config.json', async () => {
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ auths: { 'registry.local': {} }, credsStore: 'pass' }),
      { mode: 0o600 },
    );
    await store.create({ name: 'work', host: 'unix:///tmp/work.sock' });
    await store.setCurrent('work');
    expect(docker('context', 'show')).toBe('work');
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({
      auths: { 'registry.local': {} },
      credsStore: 'pass',
      currentContext: 'work',
    });
    expect(mode(join(dir, 'config.json'))).toBe(0o600);
    await store.setCurrent('default');
    expect(docker('context', 'show')).toBe('default');
  });

  it('follows a current context set by the CLI', async () => {
    docker('context', 'create', 'cli-made', '--docker', 'host=unix:///tmp/x.sock');
    docker('context', 'use', 'cli-made');
    expect(await store.currentContext()).toBe('cli-made');
  });

  it('edits and removes only the context it is asked to', async () => {
    docker('context', 'create', 'keep-me', '--docker', 'host=tcp://10.9.9.9:2376');
    await store.create({ name: 'mine', host: 'tcp://1.1.1.1:2376', tls: { key: keyPem } });
    await store.update({ name: 'mine', host: 'tcp://2.2.2.2:2376', description: 'moved' });
    expect(await store.get('mine')).toMatchObject({ host: 'tcp://2.2.2.2:2376', description: 'moved' });
    await store.remove('mine');
    expect(existsSync(join(dir, 'contexts', 'tls', contextDirName('mine')))).toBe(false);
    expect(docker('context', 'ls', '--format', '{{.Name}}').split('\n').sort()).toEqual([
      'default',
      'keep-me',
    ]);
    expect(await store.get('keep-me')).toMatchObject({ host: 'tcp://10.9.9.9:2376' });
  });

  it('an edit gives the context exactly the TLS files it names, and keeps what else its meta.json holds', async () => {
    await store.create({
      name: 'tls-edit',
      host: 'tcp://1.1.1.1:2376',
      tls: { ca: certPem, cert: certPem, key: keyPem },
    });
    const metaPath = join(dir, 'contexts', 'meta', contextDirName('tls-edit'), 'meta.json');
    // Something another tool keeps there (the CLI stores other endpoints, e.g. kubernetes, the same way).
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as {
      Metadata: Record<string, unknown>;
      Endpoints: Record<string, unknown>;
    };
    meta.Metadata.StackOrchestrator = 'swarm';
    meta.Endpoints.kubernetes = { Host: 'https://k8s.example:6443' };
    writeFileSync(metaPath, JSON.stringify(meta));
    const tlsDir = join(dir, 'contexts', 'tls', contextDirName('tls-edit'), 'docker');

    // Drop the client certificate and key, keep the CA.
    await store.update({ name: 'tls-edit', host: 'tcp://1.1.1.1:2376', tls: { ca: certPem } });
    expect((await store.get('tls-edit'))?.tls).toEqual({ ca: join(tlsDir, 'ca.pem') });
    expect(existsSync(join(tlsDir, 'key.pem'))).toBe(false);
    expect(docker('context', 'inspect', 'tls-edit', '--format', '{{json .TLSMaterial}}')).toContain('ca.pem');

    // No TLS at all: the folder goes, as it would not exist for a context the CLI made without TLS.
    await store.update({ name: 'tls-edit', host: 'ssh://me@box', description: 'now ssh' });
    expect(existsSync(join(dir, 'contexts', 'tls', contextDirName('tls-edit')))).toBe(false);
    const after = JSON.parse(readFileSync(metaPath, 'utf8')) as typeof meta;
    expect(after.Metadata).toEqual({ StackOrchestrator: 'swarm', Description: 'now ssh' });
    expect(after.Endpoints.kubernetes).toEqual({ Host: 'https://k8s.example:6443' });
    expect(docker('context', 'inspect', 'tls-edit', '--format', '{{.Endpoints.docker.Host}}')).toBe(
      'ssh://me@box',
    );
  });

  it('hears the CLI create a context while it watches', async () => {
    docker('context', 'create', 'first', '--docker', 'host=unix:///tmp/a.sock');
    const heard = new Promise<void>((resolve) => {
      const stop = store.watch(() => {
        stop();
        resolve();
      }, 20);
    });
    docker('context', 'create', 'second', '--docker', 'host=unix:///tmp/b.sock');
    await heard;
    expect((await store.list()).map((context) => context.name)).toContain('second');
  });
});

describe('DockerContextStore refusals', () => {
  it.each(['default', '', 'a', '-x', 'has space', 'slash/name', '../up'])(
    'refuses the name %j',
    async (name) => {
      await expect(store.create({ name, host: 'unix:///tmp/x.sock' })).rejects.toMatchObject({
        code: ErrorCode.Validation,
      });
    },
  );

  it('refuses to create over an existing context and to edit or remove a missing one', async () => {
    await store.create({ name: 'one', host: 'unix:///tmp/x.sock' });
    await expect(store.create({ name: 'one', host: 'unix:///tmp/y.sock' })).rejects.toMatchObject({
      code: ErrorCode.Conflict,
    });
    expect((await store.get('one'))?.host).toBe('unix:///tmp/x.sock');
    await expect(store.update({ name: 'two', host: 'unix:///tmp/x.sock' })).rejects.toMatchObject({
      code: ErrorCode.NotFound,
    });
    await expect(store.remove('two')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(store.setCurrent('two')).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  it('never overwrites a config.json it cannot parse', async () => {
    await store.create({ name: 'one', host: 'unix:///tmp/x.sock' });
    writeFileSync(join(dir, 'config.json'), '{ "auths": { broken');
    await expect(store.setCurrent('one')).rejects.toMatchObject({ code: ErrorCode.Validation });
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{ "auths": { broken');
  });

  it('skips a broken meta.json instead of failing the whole list', async () => {
    await store.create({ name: 'good', host: 'unix:///tmp/x.sock' });
    await store.create({ name: 'bad', host: 'unix:///tmp/y.sock' });
    writeFileSync(join(dir, 'contexts', 'meta', contextDirName('bad'), 'meta.json'), 'not json');
    expect((await store.list()).map((context) => context.name)).toEqual(['good']);
  });
});
