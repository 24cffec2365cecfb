import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../electron/common';
import type { HostPrompt, HostPromptAnswer, HostSummary } from '../../../electron/common/hosts/types';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { contextDirName, DockerContextStore } from '../../../electron/main/hosts/contexts/context-store';
import { HostCredentials } from '../../../electron/main/hosts/host-credentials';
import { MemoryHostStore } from '../../../electron/main/hosts/host-store';
import { contextEngineId, HostsService } from '../../../electron/main/hosts/hosts-service';
import { PromptBroker } from '../../../electron/main/hosts/prompt-broker';
import type { SecretBox } from '../../../electron/main/hosts/secret-box';
import { waitFor } from '../../rig';
import { type FakeDaemon, startFakeDaemon } from '../docker/engine/fake-daemon';

/** A SecretBox that really encrypts (AES-256-GCM, key in memory), like a keyring would. */
function testSecretBox(available = true): SecretBox {
  const key = randomBytes(32);
  return {
    available: () => Promise.resolve(available),
    encrypt(plainText) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'));
    },
    decrypt(cipherText) {
      const raw = Buffer.from(cipherText, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Promise.resolve(
        Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'),
      );
    },
  };
}

const quick = {
  backoff: { initialMs: 5, maxMs: 50, jitter: 0 },
  connectTimeoutMs: 500,
  logger: { warn: () => undefined },
};

interface Setup {
  configDir: string;
  contexts: DockerContextStore;
  store: MemoryHostStore;
  broker: PromptBroker;
  engines: EngineRegistry;
  hosts: HostsService;
  credentials: HostCredentials;
  changes: HostSummary[][];
}

describe('HostsService', () => {
  let fake: FakeDaemon;
  let other: FakeDaemon;
  let dirs: string[] = [];
  const setups: Setup[] = [];

  beforeEach(async () => {
    fake = await startFakeDaemon();
    other = await startFakeDaemon();
  });
  afterEach(async () => {
    for (const setup of setups.splice(0)) {
      setup.hosts.dispose();
      setup.broker.dispose();
      await setup.engines.dispose();
    }
    await fake.close();
    await other.close();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    dirs = [];
  });

  async function setUp(
    options: {
      env?: Record<string, string>;
      store?: MemoryHostStore;
      configDir?: string;
      secrets?: SecretBox;
    } = {},
  ): Promise<Setup> {
    const configDir = options.configDir ?? (await mkdtemp(join(tmpdir(), 'berth-hosts-cfg-')));
    dirs.push(configDir);
    const contexts = new DockerContextStore(configDir);
    const store = options.store ?? new MemoryHostStore();
    const broker = new PromptBroker();
    // The credentials ask the service for names; the service needs the registry, which needs the credentials.
    const late: { hosts?: HostsService } = {};
    const credentials = new HostCredentials({
      store,
      secrets: options.secrets ?? testSecretBox(),
      broker,
      nameOf: (engineId) => late.hosts?.nameOf(engineId) ?? engineId,
      isSaved: (engineId) => late.hosts?.isSaved(engineId) ?? false,
    });
    const engines = new EngineRegistry([], {
      ...quick,
      ssh: { home: '/nonexistent-home', localUser: 'ada', env: {}, prompts: credentials },
    });
    const hosts = new HostsService({
      engines,
      contexts,
      store,
      credentials,
      broker,
      env: options.env ?? { DOCKER_HOST: fake.host },
      platform: 'linux',
      homedir: '/nonexistent-home',
      logger: { warn: () => undefined },
    });
    late.hosts = hosts;
    const changes: HostSummary[][] = [];
    hosts.onChanged((list) => changes.push(list));
    const setup = { configDir, contexts, store, broker, engines, hosts, credentials, changes };
    setups.push(setup);
    return setup;
  }

  it('offers the default host, every CLI context and Berth’s own, and marks the one the CLI would use', async () => {
    const { contexts, store, hosts, engines } = await setUp({ env: { DOCKER_CONTEXT: 'second' } });
    await contexts.create({ name: 'first', host: fake.host, description: 'the first' });
    await contexts.create({ name: 'second', host: other.host });
    store.write({
      hosts: [{ id: 'host:abcdef', name: 'mine', url: other.host, description: '', skipTlsVerify: false }],
      engines: {},
      passphrases: {},
    });
    await hosts.start();
    const list = await hosts.list();
    expect(list.map((host) => [host.engineId, host.name, host.source, host.current])).toEqual([
      ['local', 'Local', 'default', false],
      ['context:first', 'first', 'context', false],
      ['context:second', 'second', 'context', true],
      ['host:abcdef', 'mine', 'berth', false],
    ]);
    expect(list[1]).toMatchObject({ description: 'the first', url: fake.host, kind: 'unix', editable: true });
    expect(list[0]).toMatchObject({ editable: false, contextName: 'default' });
    expect(engines.list().map((info) => info.id)).toEqual(list.map((host) => host.engineId));
  });

  it('DOCKER_HOST makes the default host current whatever the contexts say', async () => {
    const { contexts, hosts } = await setUp({ env: { DOCKER_HOST: fake.host, DOCKER_CONTEXT: 'ctx' } });
    await contexts.create({ name: 'ctx', host: other.host });
    await contexts.setCurrent('ctx');
    await hosts.start();
    expect((await hosts.list()).filter((host) => host.current).map((host) => host.engineId)).toEqual([
      'local',
    ]);
  });

  it('follows contexts the CLI adds, switches to and removes while Berth runs', async () => {
    const { contexts, hosts, engines, changes } = await setUp({ env: {} });
    await hosts.start();
    engines.start();
    // What `docker context create` would write, by another process.
    await contexts.create({ name: 'live', host: fake.host });
    await waitFor(() => changes.at(-1)?.some((host) => host.engineId === 'context:live'), {
      description: 'the new context',
    });
    await waitFor(
      () => engines.has('context:live') && engines.info('context:live').status.state === 'connected',
    );

    await contexts.setCurrent('live');
    await waitFor(() => changes.at(-1)?.find((host) => host.engineId === 'context:live')?.current, {
      description: 'live to become current',
    });

    await contexts.remove('live');
    await waitFor(() => !engines.has('context:live'), { description: 'the engine to go' });
    expect((await hosts.list()).map((host) => host.engineId)).toEqual(['local']);
  });

  it('saves a host of its own without anything secret, and connects it', async () => {
    const { hosts, engines, store } = await setUp();
    await hosts.start();
    engines.start();
    const saved = await hosts.save({ name: 'other', url: other.host, description: 'second daemon' });
    expect(saved).toMatchObject({ name: 'other', source: 'berth', url: other.host, kind: 'unix' });
    expect(saved.engineId).toMatch(/^host:[0-9a-f]{12}$/);
    expect(store.read().hosts).toEqual([
      {
        id: saved.engineId,
        name: 'other',
        url: other.host,
        description: 'second daemon',
        skipTlsVerify: false,
      },
    ]);
    expect((await engines.ready(saved.engineId)).status.state).toBe('connected');

    await expect(hosts.save({ name: 'other', url: fake.host })).rejects.toMatchObject({
      code: ErrorCode.Validation,
    });
    await expect(hosts.save({ name: 'bad', url: 'http://example' })).rejects.toMatchObject({
      code: ErrorCode.Validation,
      message: expect.stringContaining('not an address Berth knows') as unknown,
    });
    await expect(
      hosts.save({ name: 'bad', url: 'tcp://h:2376', tls: { ca: '/nonexistent/ca.pem' } }),
    ).rejects.toMatchObject({
      code: ErrorCode.Validation,
      message: 'The CA certificate /nonexistent/ca.pem cannot be read (ENOENT).',
    });

    const edited = await hosts.save({ engineId: saved.engineId, name: 'renamed', url: fake.host });
    expect(edited).toMatchObject({ engineId: saved.engineId, name: 'renamed', url: fake.host });
    await waitFor(() => engines.info(saved.engineId).address === fake.host);

    await hosts.remove(saved.engineId);
    expect(store.read().hosts).toEqual([]);
    expect(engines.has(saved.engineId)).toBe(false);
  });

  it('writes a docker context when asked, and never touches another one', async () => {
    const { hosts, contexts, configDir } = await setUp({ env: {} });
    await contexts.create({ name: 'theirs', host: 'tcp://192.0.2.1:2376', description: 'not ours' });
    const theirs = await readFile(
      join(configDir, 'contexts', 'meta', contextDirName('theirs'), 'meta.json'),
      'utf8',
    );
    await hosts.start();

    const saved = await hosts.save({ name: 'ours', url: other.host, saveAsContext: true, makeCurrent: true });
    expect(saved).toMatchObject({ engineId: 'context:ours', source: 'context', current: true });
    expect(await contexts.get('ours')).toMatchObject({ host: other.host });
    expect(await contexts.currentContext()).toBe('ours');

    // An existing name is refused (by the service, or by the context store if the CLI made it a moment ago).
    await expect(hosts.save({ name: 'theirs', url: fake.host, saveAsContext: true })).rejects.toThrow(
      /"theirs"/,
    );
    await expect(
      hosts.save({ engineId: contextEngineId('ours'), name: 'renamed', url: other.host }),
    ).rejects.toMatchObject({
      code: ErrorCode.Validation,
      message: expect.stringContaining('cannot be renamed') as unknown,
    });
    await hosts.save({
      engineId: contextEngineId('ours'),
      name: 'ours',
      url: fake.host,
      description: 'edited',
    });
    expect(await contexts.get('ours')).toMatchObject({ host: fake.host, description: 'edited' });

    await hosts.remove(contextEngineId('ours'));
    expect(await contexts.get('ours')).toBeUndefined();
    // `docker context rm` of the current one makes `default` current again.
    expect(await contexts.currentContext()).toBeUndefined();
    expect(
      await readFile(join(configDir, 'contexts', 'meta', contextDirName('theirs'), 'meta.json'), 'utf8'),
    ).toBe(theirs);
    await expect(hosts.remove('local')).rejects.toMatchObject({ code: ErrorCode.Validation });
  });

  it('moves one of its own hosts into the CLI’s contexts with its preferences', async () => {
    const { hosts, store, contexts } = await setUp();
    await hosts.start();
    const saved = await hosts.save({ name: 'moving', url: 'tcp://192.0.2.9:2375', allowInsecure: true });
    await hosts.disconnect(saved.engineId);
    const moved = await hosts.save({
      engineId: saved.engineId,
      name: 'moving',
      url: 'tcp://192.0.2.9:2375',
      allowInsecure: true,
      saveAsContext: true,
    });
    expect(moved).toMatchObject({ engineId: 'context:moving', disconnected: true, allowInsecure: true });
    expect(store.read().hosts).toEqual([]);
    expect(await contexts.get('moving')).toMatchObject({ host: 'tcp://192.0.2.9:2375' });
  });

  it('refuses plain tcp until the host is explicitly allowed to be insecure, then says why it is', async () => {
    const { hosts } = await setUp();
    await hosts.start();
    const refused = await hosts.save({ name: 'plain', url: 'tcp://192.0.2.1:2375' });
    expect(refused.problem).toMatch(/plain tcp: not encrypted/);
    expect(refused.insecureReason).toBeUndefined();
    const allowed = await hosts.save({
      engineId: refused.engineId,
      name: 'plain',
      url: 'tcp://192.0.2.1:2375',
      allowInsecure: true,
    });
    expect(allowed.problem).toBeUndefined();
    expect(allowed).toMatchObject({
      allowInsecure: true,
      insecureReason: expect.stringMatching(/not encrypted/) as unknown,
    });
  });

  it('remembers a disconnect across restarts', async () => {
    const store = new MemoryHostStore();
    const first = await setUp({ store });
    await first.hosts.start();
    first.engines.start();
    await first.engines.ready('local');
    await first.hosts.disconnect('local');
    expect(first.engines.info('local').status.state).toBe('disconnected');
    expect(first.changes.at(-1)?.[0]?.disconnected).toBe(true);

    const second = await setUp({ store });
    await second.hosts.start();
    second.engines.start();
    expect(second.engines.info('local').status.state).toBe('disconnected');
    await second.hosts.connect('local');
    expect(second.engines.info('local').status.state).toBe('connected');
    expect(store.read().engines).toEqual({});
  });

  it('tests a connection without saving anything', async () => {
    const { hosts, store, engines } = await setUp();
    await hosts.start();
    const ok = await hosts.test({ name: 'candidate', url: other.host });
    expect(ok).toMatchObject({ state: 'connected', engineVersion: '99.0.0-fake', apiVersion: '1.41' });
    const nowhere = await hosts.test({ name: 'candidate', url: 'unix:///nonexistent/docker.sock' });
    expect(nowhere).toEqual({
      state: 'unreachable',
      message:
        'Cannot reach the Docker engine at unix:///nonexistent/docker.sock: no socket exists at that path.',
    });
    expect(store.read().hosts).toEqual([]);
    expect(engines.list().map((info) => info.id)).toEqual(['local']);
  });
});

describe('HostCredentials: passphrases', () => {
  it('asks through the broker, keeps a remembered passphrase only encrypted, uses it next time and forgets it when wrong', async () => {
    const store = new MemoryHostStore();
    const broker = new PromptBroker();
    const credentials = new HostCredentials({
      store,
      secrets: testSecretBox(),
      broker,
      nameOf: () => 'Build box',
      isSaved: (engineId) => engineId === 'host:build',
    });
    const asked: HostPrompt[] = [];
    broker.onRequested((prompt) => {
      asked.push(prompt);
      broker.answer({ id: prompt.id, accept: true, passphrase: 'S3cr3t-canary', remember: true });
    });
    const question = {
      engineId: 'host:build',
      address: 'build',
      keyFile: '/home/ada/.ssh/id_ed25519',
      retry: false,
    };

    expect(await credentials.askPassphrase(question)).toBe('S3cr3t-canary');
    expect(asked).toEqual([
      {
        id: expect.stringMatching(/^prompt-/) as unknown,
        kind: 'passphrase',
        hostName: 'Build box',
        address: 'build',
        keyFile: '/home/ada/.ssh/id_ed25519',
        retry: false,
        canRemember: true,
      },
    ]);
    expect(JSON.stringify(store.read())).not.toContain('S3cr3t-canary');
    expect(credentials.hasSaved('host:build')).toBe(true);

    // Next time the saved one is used without asking.
    expect(await credentials.askPassphrase(question)).toBe('S3cr3t-canary');
    expect(asked).toHaveLength(1);

    // It turned out wrong: forgotten, and the user is asked.
    await credentials.askPassphrase({ ...question, retry: true });
    expect(asked).toHaveLength(2);
    expect(asked[1]).toMatchObject({ retry: true });
    broker.dispose();
  });

  it('cannot remember without a keyring (basic_text) or for a connection test', async () => {
    const store = new MemoryHostStore();
    const broker = new PromptBroker();
    const credentials = new HostCredentials({
      store,
      secrets: testSecretBox(false),
      broker,
      nameOf: (engineId) => engineId,
      isSaved: () => true,
    });
    broker.onRequested((prompt) => {
      expect(prompt).toMatchObject({ kind: 'passphrase', canRemember: false });
      broker.answer({ id: prompt.id, accept: true, passphrase: 'typed', remember: true });
    });
    expect(
      await credentials.askPassphrase({ engineId: 'host:x', address: 'x', keyFile: '/k', retry: false }),
    ).toBe('typed');
    expect(store.read().passphrases).toEqual({});
    broker.dispose();
  });

  it('a host-key question nobody answers counts as declined when Berth quits', async () => {
    const broker = new PromptBroker();
    const credentials = new HostCredentials({
      store: new MemoryHostStore(),
      secrets: testSecretBox(),
      broker,
      nameOf: () => 'box',
      isSaved: () => true,
    });
    const answer = credentials.confirmHostKey({
      engineId: 'host:x',
      address: '[127.0.0.1]:2222',
      keyType: 'ssh-ed25519',
      fingerprint: 'SHA256:x',
      knownHostsFile: '/k',
      otherKeysKnown: false,
    });
    expect(broker.open()).toHaveLength(1);
    broker.dispose();
    expect(await answer).toBe(false);
    expect(() => broker.answer({ id: 'prompt-1-0000', accept: true })).toThrowError(
      expect.objectContaining({ code: ErrorCode.NotFound }),
    );
  });
});

describe('HostCredentials: login passwords', () => {
  const question = {
    engineId: 'host:build',
    address: 'ada@build:22',
    method: 'keyboard-interactive' as const,
    title: 'Two-step',
    instructions: 'PIN, then code',
    fields: [
      { label: 'PIN:', echo: false },
      { label: 'Code:', echo: true },
    ],
    retry: true,
    attemptsLeft: 1,
  };

  function setUp(answer: (prompt: HostPrompt) => HostPromptAnswer) {
    const store = new MemoryHostStore();
    const broker = new PromptBroker();
    const credentials = new HostCredentials({
      store,
      secrets: testSecretBox(),
      broker,
      nameOf: () => 'Build box',
      isSaved: () => true,
    });
    const asked: HostPrompt[] = [];
    broker.onRequested((prompt) => {
      asked.push(prompt);
      broker.answer(answer(prompt));
    });
    return { store, broker, credentials, asked };
  }

  it('asks through the broker and passes the answers on without keeping them', async () => {
    const { store, broker, credentials, asked } = setUp((prompt) => ({
      id: prompt.id,
      accept: true,
      // `remember` is for key passphrases; a login password is never kept, even when asked to.
      remember: true,
      responses: ['P1n-canary', '123456'],
    }));
    expect(await credentials.askPassword(question)).toEqual(['P1n-canary', '123456']);
    expect(asked).toEqual([
      {
        id: expect.stringMatching(/^prompt-/) as unknown,
        kind: 'password',
        hostName: 'Build box',
        address: 'ada@build:22',
        method: 'keyboard-interactive',
        title: 'Two-step',
        instructions: 'PIN, then code',
        fields: question.fields,
        retry: true,
        attemptsLeft: 1,
      },
    ]);
    expect(JSON.stringify(store.read())).not.toContain('P1n-canary');
    expect(credentials.hasSaved('host:build')).toBe(false);
    broker.dispose();
  });

  it.each<[string, (id: string) => HostPromptAnswer]>([
    ['declined', (id) => ({ id, accept: false })],
    ['accepted without answers', (id) => ({ id, accept: true })],
    ['fewer answers than questions', (id) => ({ id, accept: true, responses: ['only one'] })],
  ])('%s counts as cancelled', async (_name, answer) => {
    const { broker, credentials } = setUp((prompt) => answer(prompt.id));
    expect(await credentials.askPassword(question)).toBeUndefined();
    broker.dispose();
  });
});
