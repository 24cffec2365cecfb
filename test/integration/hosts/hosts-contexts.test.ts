import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import type { HostSummary } from '../../../electron/common/hosts/types';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { contextDirName, DockerContextStore } from '../../../electron/main/hosts/contexts/context-store';
import { HostCredentials } from '../../../electron/main/hosts/host-credentials';
import { MemoryHostStore } from '../../../electron/main/hosts/host-store';
import { HostsService } from '../../../electron/main/hosts/hosts-service';
import { PromptBroker } from '../../../electron/main/hosts/prompt-broker';
import { unavailableSecretBox } from '../../../electron/main/hosts/secret-box';
import { dockerCli, rigRemote, type RigRemoteInfo, skipUnlessRemoteRig, waitFor } from '../../rig';
import { containerArgs, fastBackoff, removeGroup, uniqueName } from '../helpers';
import { makeSshHome, type SshHome } from '../remote-helpers';

const execFileAsync = promisify(execFile);
const GROUP = 'hosts-contexts';

skipUnlessRemoteRig('docker CLI contexts, both ways, against the real CLI and the TLS daemon', () => {
  let remote: RigRemoteInfo;
  let configDir: string;
  let home: SshHome;
  let engines: EngineRegistry;
  let hosts: HostsService;
  let broker: PromptBroker;
  let changes: HostSummary[][];
  /** The real docker CLI with our config dir (its contexts) and no DOCKER_HOST. */
  const cli = async (...args: string[]): Promise<string> => {
    const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: configDir, DOCKER_CLI_HINTS: 'false' };
    delete env.DOCKER_HOST;
    delete env.DOCKER_CONTEXT;
    try {
      return (await execFileAsync('docker', args, { env })).stdout.trim();
    } catch (error) {
      throw new Error(`docker ${args.join(' ')}: ${(error as { stderr?: string }).stderr ?? String(error)}`, {
        cause: error,
      });
    }
  };
  const tlsDocker = (...args: string[]): Promise<string> => dockerCli(remote.tls.socketHost, args);
  const tlsArgs = (): string => {
    const { certs } = remote.tls;
    return `host=${remote.tls.host},ca=${certs.ca},cert=${certs.clientCert},key=${certs.clientKey}`;
  };

  beforeAll(() => {
    remote = rigRemote() as RigRemoteInfo;
  });
  beforeEach(async () => {
    configDir = await mkdtemp(join(tmpdir(), 'berth-cli-config-'));
    home = await makeSshHome();
    await home.addKey(remote.ssh.keyFile);
    await home.write('known_hosts', `${remote.ssh.knownHostsLine}\n`);
    // No DOCKER_HOST (it would force `default` as current); the default socket is left disconnected instead, so
    // the machine's own daemon, if any, is never dialled.
    const store = new MemoryHostStore({
      hosts: [],
      engines: { local: { disconnected: true } },
      passphrases: {},
    });
    broker = new PromptBroker();
    const late: { hosts?: HostsService } = {};
    const credentials = new HostCredentials({
      store,
      secrets: unavailableSecretBox,
      broker,
      nameOf: (engineId) => late.hosts?.nameOf(engineId) ?? engineId,
      isSaved: () => false,
    });
    engines = new EngineRegistry([], {
      backoff: fastBackoff,
      ssh: { home: home.home, localUser: 'root', env: {}, prompts: credentials },
    });
    hosts = new HostsService({
      engines,
      contexts: new DockerContextStore(configDir),
      store,
      credentials,
      broker,
      env: {},
      platform: 'linux',
      homedir: home.home,
    });
    late.hosts = hosts;
    changes = [];
    hosts.onChanged((list) => changes.push(list));
  });
  afterEach(async () => {
    hosts.dispose();
    broker.dispose();
    await engines.dispose();
    await home.remove();
    await rm(configDir, { recursive: true, force: true });
  });
  afterAll(() => removeGroup(GROUP, tlsDocker));

  it('reads a TLS context made by `docker context create` and connects to it', async () => {
    await cli('context', 'create', 'rig-tls', '--description', 'made by the CLI', '--docker', tlsArgs());
    await hosts.start();
    engines.start();
    const host = (await hosts.list()).find((candidate) => candidate.engineId === 'context:rig-tls');
    expect(host).toMatchObject({
      name: 'rig-tls',
      source: 'context',
      description: 'made by the CLI',
      url: remote.tls.host,
      kind: 'tcp',
      skipTlsVerify: false,
    });
    const tlsDir = join(configDir, 'contexts', 'tls', contextDirName('rig-tls'), 'docker');
    expect(host?.tls).toEqual({
      ca: join(tlsDir, 'ca.pem'),
      cert: join(tlsDir, 'cert.pem'),
      key: join(tlsDir, 'key.pem'),
    });
    expect((await engines.ready('context:rig-tls')).status.state).toBe('connected');

    // The counts come from the daemon's /info.
    const id = await tlsDocker('create', ...containerArgs(uniqueName('counted'), GROUP));
    const counted = await waitFor(async () => {
      const listed = (await hosts.list()).find((candidate) => candidate.engineId === 'context:rig-tls');
      const expected = Number(await tlsDocker('info', '--format', '{{.Containers}}'));
      return listed?.counts?.containers === expected ? listed.counts : undefined;
    });
    expect(counted.images).toBeGreaterThanOrEqual(1);
    expect(id).not.toBe('');
  });

  it('writes contexts (TLS included) that the real `docker --context` uses, and can make one current', async () => {
    await hosts.start();
    const name = uniqueName('made-by-berth').replace(/-/g, '_');
    const { certs } = remote.tls;
    const saved = await hosts.save({
      name,
      url: remote.tls.host,
      description: 'written by Berth',
      tls: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey },
      saveAsContext: true,
      makeCurrent: true,
    });
    expect(saved).toMatchObject({ engineId: `context:${name}`, source: 'context', current: true });

    const containerName = uniqueName('seen-by-cli');
    await tlsDocker('create', ...containerArgs(containerName, GROUP));
    expect(await cli('--context', name, 'ps', '-a', '--format', '{{.Names}}')).toContain(containerName);
    expect(await cli('context', 'show')).toBe(name);
    expect((await cli('context', 'ls', '--format', '{{.Name}}\t{{.Description}}')).split('\n')).toContain(
      `${name}\twritten by Berth`,
    );

    // Key material as the CLI keeps it: folders 0700, files 0600.
    const tlsRoot = join(configDir, 'contexts', 'tls', contextDirName(name));
    for (const dir of [tlsRoot, join(tlsRoot, 'docker')]) expect((await stat(dir)).mode & 0o777).toBe(0o700);
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) {
      expect((await stat(join(tlsRoot, 'docker', file))).mode & 0o777).toBe(0o600);
    }
  });

  it('follows contexts the CLI adds, switches and removes while Berth runs (ssh:// ones too)', async () => {
    await cli('context', 'create', 'untouched', '--docker', 'host=tcp://192.0.2.1:2376');
    await hosts.start();
    engines.start();
    await cli('context', 'create', 'rig-ssh', '--docker', `host=ssh://root@127.0.0.1:${remote.ssh.port}`);
    await waitFor(() => engines.has('context:rig-ssh'), { description: 'the new context' });
    expect((await engines.ready('context:rig-ssh')).status.state).toBe('connected');

    await cli('context', 'use', 'rig-ssh');
    await waitFor(() => changes.at(-1)?.find((host) => host.engineId === 'context:rig-ssh')?.current, {
      description: 'rig-ssh to become current',
    });
    await cli('context', 'rm', '--force', 'rig-ssh');
    await waitFor(() => !engines.has('context:rig-ssh'), { description: 'the removed context to go' });
    // The CLI rewrites config.json (current context) after deleting the context: the list settles one
    // debounced re-read later than the engine goes.
    await waitFor(async () => (await hosts.list()).every((host) => host.engineId !== 'context:rig-ssh'), {
      description: 'the host list to drop the removed context',
    });
    expect((await hosts.list()).map((host) => host.engineId)).toEqual(['local', 'context:untouched']);
  });
});
