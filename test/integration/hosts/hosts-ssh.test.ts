import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { ErrorCode } from '../../../electron/common';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import {
  EngineRegistry,
  type EngineRegistryOptions,
} from '../../../electron/main/docker/engine/engine-registry';
import { POOL_CHANNELS } from '../../../electron/main/docker/engine/ssh/channel-pool';
import {
  dockerCli,
  rigDockerHost,
  rigRemote,
  type RigRemoteInfo,
  rigSocketPath,
  skipUnlessRemoteRig,
  waitFor,
} from '../../rig';
import { containerArgs, fastBackoff, removeGroup, uniqueName } from '../helpers';
import {
  type CountingTcpProxy,
  hostEndpoint,
  makeSshHome,
  recordingPrompts,
  sshCommands,
  sshEnvironment,
  type SshHome,
  startCountingTcpProxy,
} from '../remote-helpers';

const execFileAsync = promisify(execFile);
const GROUP = 'hosts-ssh';

/** The daemon's own id (`/info` ID): tells which daemon an engine really reached. */
async function daemonId(registry: EngineRegistry, engineId: string): Promise<string> {
  const info = await registry.request(engineId, (client, abortSignal) =>
    (client as unknown as { info(options: { abortSignal: AbortSignal }): Promise<{ ID: string }> }).info({
      abortSignal,
    }),
  );
  return info.ID;
}

skipUnlessRemoteRig('SSH hosts against a real sshd whose docker reaches a rig daemon', () => {
  let remote: RigRemoteInfo;
  let home: SshHome;
  const registries: EngineRegistry[] = [];
  const registry = (
    options: EngineRegistryOptions,
    ...endpoints: ReturnType<typeof hostEndpoint>[]
  ): EngineRegistry => {
    const created = new EngineRegistry(endpoints, { backoff: fastBackoff, ...options });
    registries.push(created);
    return created;
  };
  const tlsDocker = (...args: string[]): Promise<string> => dockerCli(remote.tls.socketHost, args);
  let unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  beforeAll(() => {
    remote = rigRemote() as RigRemoteInfo;
  });
  beforeEach(async () => {
    home = await makeSshHome();
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    await Promise.all(registries.splice(0).map((created) => created.dispose()));
    await home.remove();
    process.off('unhandledRejection', onUnhandled);
    // SSH errors never escape as unhandled rejections (or crashes).
    expect(unhandled).toEqual([]);
  });
  afterAll(() => removeGroup(GROUP, tlsDocker));

  it('connects with a key file and a known host key, running `docker system dial-stdio` remotely', async () => {
    await home.addKey(remote.ssh.keyFile);
    await home.write('known_hosts', `${remote.ssh.knownHostsLine}\n`);
    const prompts = recordingPrompts({});
    const engines = registry(
      { ssh: sshEnvironment(home, prompts) },
      hostEndpoint('ssh', { url: `ssh://root@127.0.0.1:${remote.ssh.port}` }),
    );
    const before = (await sshCommands(remote)).length;
    engines.start();
    const info = await engines.ready('ssh');
    expect(info.status).toMatchObject({ state: 'connected', engineVersion: expect.any(String) as unknown });
    expect(info.status.latencyMs).toBeGreaterThan(0);
    expect(prompts.hostKeys).toEqual([]);
    // The engine reached the daemon the remote `docker` points at.
    expect(await daemonId(engines, 'ssh')).toBe(
      JSON.parse(await tlsDocker('info', '--format', '{{json .ID}}')),
    );
    const commands = (await sshCommands(remote)).slice(before);
    // A pooled channel carried /_ping, /version and /info; the /events stream has its own.
    expect(commands.length).toBeGreaterThanOrEqual(2);
    expect(new Set(commands)).toEqual(new Set(['docker system dial-stdio']));
  });

  it('uses a ~/.ssh/config alias (HostName, Port, User, IdentityFile) and runs containers there', async () => {
    const key = await home.addKey(remote.ssh.keyFile, 'rig_key');
    await home.write('known_hosts', `${remote.ssh.knownHostsLine}\n`);
    await home.write(
      'config',
      `Host berth-rig\n  HostName 127.0.0.1\n  Port ${remote.ssh.port}\n  User root\n  IdentityFile ${key}\n  IdentitiesOnly yes\n`,
    );
    const engines = registry(
      { ssh: sshEnvironment(home, recordingPrompts({})) },
      hostEndpoint('alias', { url: 'ssh://berth-rig' }),
    );
    const service = new ContainerService(engines);
    engines.start();
    expect((await engines.ready('alias')).status.state).toBe('connected');

    const name = uniqueName('over-ssh');
    const id = await tlsDocker('create', ...containerArgs(name, GROUP));
    await waitFor(async () => (await service.list('alias')).items.some((item) => item.id === id), {
      description: 'the container created on the remote daemon',
    });
    await service.start({ engineId: 'alias', id });
    expect(await tlsDocker('inspect', '--format', '{{.State.Running}}', id)).toBe('true');
    await service.remove({ engineId: 'alias', id, force: true });
    expect(await tlsDocker('ps', '-aq', '--filter', `id=${id}`)).toBe('');
    service.dispose();
  });

  it('reaches another daemon with a socket path in the URL (`docker --host=unix://… system dial-stdio`)', async () => {
    await home.addKey(remote.ssh.keyFile);
    await home.write('known_hosts', `${remote.ssh.knownHostsLine}\n`);
    const socket = rigSocketPath();
    const engines = registry(
      { ssh: sshEnvironment(home, recordingPrompts({})) },
      hostEndpoint('path', { url: `ssh://root@127.0.0.1:${remote.ssh.port}${socket}` }),
    );
    const before = (await sshCommands(remote)).length;
    engines.start();
    expect((await engines.ready('path')).status.state).toBe('connected');
    const rigId = JSON.parse(
      await dockerCli(rigDockerHost(), ['info', '--format', '{{json .ID}}']),
    ) as string;
    expect(await daemonId(engines, 'path')).toBe(rigId);
    expect((await sshCommands(remote)).slice(before)).toContain(
      `docker --host=unix://${socket} system dial-stdio`,
    );
  });

  it('asks for the passphrase of an encrypted key (again when wrong) and never stores it', async () => {
    await home.addKey(remote.ssh.encryptedKeyFile, 'id_ed25519');
    await home.write('known_hosts', `${remote.ssh.knownHostsLine}\n`);
    const prompts = recordingPrompts({
      passphrase: (question) => (question.retry ? remote.ssh.passphrase : 'wrong passphrase'),
    });
    const engines = registry(
      { ssh: sshEnvironment(home, prompts) },
      hostEndpoint('encrypted', { url: `ssh://root@127.0.0.1:${remote.ssh.port}` }),
    );
    engines.start();
    expect((await engines.ready('encrypted')).status).toMatchObject({ state: 'connected' });
    expect(prompts.passphrases.map((question) => [question.keyFile, question.retry])).toEqual([
      [join(home.sshDir, 'id_ed25519'), false],
      [join(home.sshDir, 'id_ed25519'), true],
    ]);
    expect(prompts.passphrases[0]?.address).toBe(`[127.0.0.1]:${remote.ssh.port}`);
  });

  it('logs in through the ssh agent (SSH_AUTH_SOCK) when there is no key file', async () => {
    await home.write('known_hosts', `${remote.ssh.knownHostsLine}\n`);
    const agentDir = await mkdtemp(join(tmpdir(), 'berth-agent-'));
    const socket = join(agentDir, 'agent.sock');
    const { stdout } = await execFileAsync('ssh-agent', ['-s', '-a', socket]);
    const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(stdout)?.[1]);
    try {
      await execFileAsync('ssh-add', [remote.ssh.keyFile], {
        env: { ...process.env, SSH_AUTH_SOCK: socket },
      });
      const engines = registry(
        { ssh: sshEnvironment(home, recordingPrompts({}), { SSH_AUTH_SOCK: socket }) },
        hostEndpoint('agent', { url: `ssh://root@127.0.0.1:${remote.ssh.port}` }),
      );
      engines.start();
      expect((await engines.ready('agent')).status.state).toBe('connected');
    } finally {
      if (pid > 0) process.kill(pid);
      await rm(agentDir, { recursive: true, force: true });
    }
  });

  it('says which keys the server refused, as authFailed, and does not retry by itself', async () => {
    await home.write('known_hosts', `${remote.ssh.knownHostsLine}\n`);
    // A key the server does not know.
    await execFileAsync('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-f',
      join(home.sshDir, 'id_ed25519'),
    ]);
    const engines = registry(
      { ssh: sshEnvironment(home, recordingPrompts({})) },
      hostEndpoint('refused', { url: `ssh://root@127.0.0.1:${remote.ssh.port}` }),
    );
    const states: string[] = [];
    engines.onStatusChanged((info) => states.push(info.status.state));
    engines.start();
    const info = await engines.ready('refused');
    expect(info.status.state).toBe('authFailed');
    expect(info.status.lastError).toBe(
      `SSH login as root@127.0.0.1:${remote.ssh.port} failed: the server refused every key Berth offered (~/.ssh/id_ed25519).`,
    );
    await expect(engines.request('refused', (client) => client.ping())).rejects.toMatchObject({
      code: ErrorCode.EngineUnreachable,
    });
    expect(states).toEqual(['authFailed']);
  });

  it('asks on first contact, adds the accepted key to known_hosts, then connects without asking', async () => {
    await home.addKey(remote.ssh.keyFile);
    const prompts = recordingPrompts({ hostKey: () => true });
    const environment = sshEnvironment(home, prompts);
    const first = registry(
      { ssh: environment },
      hostEndpoint('new', { url: `ssh://root@127.0.0.1:${remote.ssh.port}` }),
    );
    first.start();
    expect((await first.ready('new')).status.state).toBe('connected');
    expect(prompts.hostKeys).toEqual([
      {
        engineId: 'new',
        address: `[127.0.0.1]:${remote.ssh.port}`,
        keyType: 'ssh-ed25519',
        fingerprint: remote.ssh.fingerprint,
        knownHostsFile: home.knownHosts,
        otherKeysKnown: false,
      },
    ]);
    expect((await home.read('known_hosts')).trim()).toBe(remote.ssh.knownHostsLine);

    const again = registry(
      { ssh: environment },
      hostEndpoint('new', { url: `ssh://root@127.0.0.1:${remote.ssh.port}` }),
    );
    again.start();
    expect((await again.ready('new')).status.state).toBe('connected');
    expect(prompts.hostKeys).toHaveLength(1);
  });

  it('does not connect when the user declines the host key', async () => {
    await home.addKey(remote.ssh.keyFile);
    const engines = registry(
      { ssh: sshEnvironment(home, recordingPrompts({ hostKey: () => false })) },
      hostEndpoint('declined', { url: `ssh://root@127.0.0.1:${remote.ssh.port}` }),
    );
    engines.start();
    const info = await engines.ready('declined');
    expect(info.status.state).toBe('authFailed');
    expect(info.status.lastError).toBe(
      `The host key of [127.0.0.1]:${remote.ssh.port} (ssh-ed25519 ${remote.ssh.fingerprint}) was not trusted, so Berth did not connect.`,
    );
    await expect(home.read('known_hosts')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a host whose key does not match known_hosts, without asking', async () => {
    await home.addKey(remote.ssh.keyFile);
    await home.write('known_hosts', `${remote.ssh.wrongKnownHostsLine}\n`);
    const prompts = recordingPrompts({ hostKey: () => true });
    const engines = registry(
      { ssh: sshEnvironment(home, prompts) },
      hostEndpoint('mitm', { url: `ssh://root@127.0.0.1:${remote.ssh.port}` }),
    );
    engines.start();
    const info = await engines.ready('mitm');
    expect(info.status.state).toBe('hostKeyChanged');
    expect(info.status.lastError).toContain(`The host key of [127.0.0.1]:${remote.ssh.port} has changed`);
    expect(info.status.lastError).toContain('~/.ssh/known_hosts line 1');
    expect(info.status.lastError).toContain(`ssh-keygen -R [127.0.0.1]:${remote.ssh.port}`);
    expect(info.status.lastError).toContain('Someone may be intercepting the connection');
    expect(prompts.hostKeys).toEqual([]);
    // Nothing was written over the user's file.
    expect((await home.read('known_hosts')).trim()).toBe(remote.ssh.wrongKnownHostsLine);
  });

  /** An ssh config where `target` (the rig sshd) is reached through jump hosts at the given ports, in order. */
  async function writeJumpConfig(
    hops: readonly { port: number; keyAlias: string }[],
    extra: readonly string[] = [],
  ): Promise<void> {
    const key = await home.addKey(remote.ssh.keyFile, 'rig_key');
    const names = hops.map((_hop, index) => `hop${index + 1}`);
    await home.write(
      'config',
      [
        'Host target',
        '  HostName 127.0.0.1',
        `  Port ${remote.ssh.port}`,
        `  ProxyJump ${names.join(',')}`,
        ...hops.flatMap((hop, index) => [
          `Host ${names[index] ?? ''}`,
          '  HostName 127.0.0.1',
          `  Port ${hop.port}`,
          `  HostKeyAlias ${hop.keyAlias}`,
        ]),
        'Host *',
        '  User root',
        `  IdentityFile ${key}`,
        ...extra,
        '',
      ].join('\n'),
    );
  }

  /** A known_hosts line for the rig sshd's key under another name. */
  const knownAs = (name: string): string =>
    `${name} ${remote.ssh.knownHostsLine.split(' ').slice(1).join(' ')}`;

  it.each([1, 2])('follows a ProxyJump chain of %i hop(s), each dialled once and in order', async (count) => {
    // The jump hosts and the target are the same sshd; each hop goes through a counting proxy of its own. Only
    // the first is dialled directly; the others (and the target) through the previous hop's forwarded channel.
    const proxies = await Promise.all(
      Array.from({ length: count }, () => startCountingTcpProxy(remote.ssh.port)),
    );
    try {
      const hops = proxies.map((proxy, index) => ({ port: proxy.port, keyAlias: `hop${index + 1}-alias` }));
      await writeJumpConfig(hops);
      await home.write(
        'known_hosts',
        [remote.ssh.knownHostsLine, ...hops.map((hop) => knownAs(hop.keyAlias)), ''].join('\n'),
      );
      const engines = registry(
        { ssh: sshEnvironment(home, recordingPrompts({})) },
        hostEndpoint('jumped', { url: 'ssh://target' }),
      );
      engines.start();
      expect((await engines.ready('jumped')).status.state).toBe('connected');
      expect(proxies.map((proxy) => proxy.connections)).toEqual(proxies.map(() => 1));
    } finally {
      await Promise.all(proxies.map((proxy) => proxy.close()));
    }
  });

  it('names the jump host that refuses in a chain', async () => {
    // The second hop's key is not in known_hosts and checking is strict: the chain stops there, and the message
    // says which hop (its own port tells it apart from the first).
    const second = await startCountingTcpProxy(remote.ssh.port);
    try {
      await writeJumpConfig(
        [
          { port: remote.ssh.port, keyAlias: 'hop1-alias' },
          { port: second.port, keyAlias: 'hop2-unknown' },
        ],
        ['  StrictHostKeyChecking yes'],
      );
      await home.write('known_hosts', `${knownAs('hop1-alias')}\n${remote.ssh.knownHostsLine}\n`);
      const prompts = recordingPrompts({});
      const engines = registry(
        { ssh: sshEnvironment(home, prompts) },
        hostEndpoint('chain-refused', { url: 'ssh://target' }),
      );
      engines.start();
      const info = await engines.ready('chain-refused');
      expect(info.status.state).not.toBe('connected');
      expect(info.status.lastError).toContain(`via root@127.0.0.1:${second.port}`);
      expect(prompts.hostKeys).toEqual([]);
    } finally {
      await second.close();
    }
  });

  /** A registry with SSH host `id` reached through a counting TCP proxy in front of the sshd (its key trusted there). */
  async function sshHostBehindProxy(
    id: string,
  ): Promise<{ proxy: CountingTcpProxy; engines: EngineRegistry }> {
    await home.addKey(remote.ssh.keyFile);
    const proxy = await startCountingTcpProxy(remote.ssh.port);
    try {
      await home.write(
        'known_hosts',
        `${remote.ssh.knownHostsLine.replace(`]:${remote.ssh.port} `, `]:${proxy.port} `)}\n`,
      );
      const engines = registry(
        { ssh: sshEnvironment(home, recordingPrompts({})) },
        hostEndpoint(id, { url: `ssh://root@127.0.0.1:${proxy.port}` }),
      );
      return { proxy, engines };
    } catch (error) {
      await proxy.close();
      throw error;
    }
  }

  it('keeps one SSH connection for many requests, on at most POOL_CHANNELS kept-alive dial-stdio channels', async () => {
    const { proxy, engines } = await sshHostBehindProxy('multiplexed');
    try {
      engines.start();
      expect((await engines.ready('multiplexed')).status).toMatchObject({ state: 'connected' });
      const before = (await sshCommands(remote)).length;
      const requests = 20;
      await Promise.all(
        Array.from({ length: requests }, () =>
          engines.request('multiplexed', (client, abortSignal) =>
            client.listContainers({ all: true, abortSignal }),
          ),
        ),
      );
      expect(proxy.connections).toBe(1);
      // The channel of the connect (/_ping, /version) is in the pool already.
      const opened = (await sshCommands(remote)).length - before;
      expect(opened).toBeGreaterThan(0);
      expect(opened).toBeLessThan(POOL_CHANNELS);
    } finally {
      await proxy.close();
    }
  });

  it('sequential requests share a kept-alive channel (no listener build-up)', async () => {
    await home.addKey(remote.ssh.keyFile);
    await home.write('known_hosts', `${remote.ssh.knownHostsLine}\n`);
    const engines = registry(
      { ssh: sshEnvironment(home, recordingPrompts({})) },
      hostEndpoint('reusing', { url: `ssh://root@127.0.0.1:${remote.ssh.port}` }),
    );
    engines.start();
    expect((await engines.ready('reusing')).status.state).toBe('connected');
    const agent = (engines.client('reusing').modem as unknown as { agent: Agent }).agent;
    const before = (await sshCommands(remote)).length;
    const listeners: number[] = [];
    for (let round = 0; round < 10; round++) {
      await engines.request('reusing', (client, abortSignal) =>
        client.listContainers({ all: true, abortSignal }),
      );
      await new Promise((resolve) => setImmediate(resolve));
      const free = Object.values(agent.freeSockets).flat();
      listeners.push(...free.map((socket) => socket?.listenerCount('error') ?? 0));
    }
    // The channel opened while connecting (/_ping, /version) served all ten.
    expect((await sshCommands(remote)).length - before).toBe(0);
    expect(new Set(listeners).size).toBe(1);
  });

  it('notices a dropped connection, reconnects by itself and refetches', async () => {
    const { proxy, engines } = await sshHostBehindProxy('dropped');
    try {
      const service = new ContainerService(engines);
      const states: string[] = [];
      let connects = 0;
      engines.onStatusChanged((info) => states.push(info.status.state));
      engines.onConnected(() => connects++);
      engines.start();
      await engines.ready('dropped');
      await service.list('dropped');

      // Cut the TCP connection under the SSH session, as a network drop would.
      proxy.cut();
      await waitFor(() => states.includes('unreachable'), { description: 'unreachable' });
      expect(engines.info('dropped').status.lastError).toContain(`ssh://root@127.0.0.1:${proxy.port}`);
      // Created while the link was down: only a refetch after the reconnect can show it.
      const id = await tlsDocker('create', ...containerArgs(uniqueName('while-down'), GROUP));
      await waitFor(() => engines.info('dropped').status.state === 'connected', {
        description: 'reconnected',
      });
      expect(connects).toBe(2);
      expect(proxy.connections).toBe(2);
      await waitFor(async () => (await service.list('dropped')).items.some((item) => item.id === id), {
        description: 'the refetched list',
      });
      expect(states).toEqual(['connected', 'unreachable', 'connected']);
      service.dispose();
    } finally {
      await proxy.close();
    }
  });
});
