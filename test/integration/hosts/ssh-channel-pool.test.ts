import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Dockerode from 'dockerode';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { ErrorCode } from '../../../electron/common';
import { toIpcError } from '../../../electron/main/docker/engine/errors';
import type {
  ChannelPoolOptions,
  SshChannelAgent,
} from '../../../electron/main/docker/engine/ssh/channel-pool';
import { SshSession } from '../../../electron/main/docker/engine/ssh/ssh-session';
import { rigRemote, type RigRemoteInfo, skipUnlessRemoteRig, waitFor } from '../../rig';
import { uniqueName } from '../helpers';
import { makeSshHome, recordingPrompts, sshCommands, sshEnvironment, type SshHome } from '../remote-helpers';

/**
 * The pids of the remote `docker … system dial-stdio` processes whose command line names `marker` (the rig's sshd
 * runs on this machine, so its sessions are local processes; the marker, a socket path unique to one test, keeps
 * other tests' channels out).
 */
function dialStdioPids(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('docker') && argv.includes('dial-stdio') && argv.join(' ').includes(marker)) {
        pids.push(Number(entry));
      }
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** One request over the agent; resolves to status and body, or rejects with the request's error. */
function send(
  agent: http.Agent,
  method: string,
  path: string,
  onWritten?: (request: http.ClientRequest) => void,
): Promise<{ status: number; body: string; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ agent, host: 'docker', method, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body, reused: request.reusedSocket }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.on('finish', () => onWritten?.(request));
    request.end();
  });
}

skipUnlessRemoteRig('SSH channel pool against the rig sshd and daemon', () => {
  let remote: RigRemoteInfo;
  let home: SshHome;
  let dir: string;
  /** A path to the remote daemon's socket unique to this test: the remote commands carry it. */
  let marker: string;
  let session: SshSession | undefined;

  beforeAll(() => {
    remote = rigRemote() as RigRemoteInfo;
  });
  beforeEach(async () => {
    home = await makeSshHome();
    await home.addKey(remote.ssh.keyFile);
    await home.write('known_hosts', `${remote.ssh.knownHostsLine}\n`);
    dir = await mkdtemp(join(tmpdir(), 'berth-pool-'));
    marker = join(dir, 'docker.sock');
    await symlink(remote.tls.socketPath, marker);
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
    for (const pid of dialStdioPids(marker)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await home.remove();
    await rm(dir, { recursive: true, force: true });
  });

  async function pool(options: ChannelPoolOptions = {}): Promise<SshChannelAgent> {
    session = await SshSession.open(
      'pool',
      { host: '127.0.0.1', port: remote.ssh.port, user: 'root', socketPath: marker },
      sshEnvironment(home, recordingPrompts({})),
      { timeoutMs: 10_000, signal: new AbortController().signal },
    );
    return session.createAgent(options);
  }
  const channelsOpened = async (): Promise<number> =>
    (await sshCommands(remote)).filter((line) => line.includes(marker)).length;

  /** Sends `method path` on the one pooled channel after stopping its remote process, then kills that process. */
  async function sendOnDyingChannel(agent: SshChannelAgent, method: string, path: string) {
    await send(agent, 'GET', '/_ping');
    const [pid] = dialStdioPids(marker);
    expect(pid).toBeDefined();
    // Stopped, the remote end takes the request in its pipe and never answers; killed, the channel closes.
    process.kill(pid, 'SIGSTOP');
    return send(agent, method, path, () => process.kill(pid, 'SIGKILL'));
  }

  it('sends a GET once more on a new channel when its kept-alive channel dies unanswered', async () => {
    const agent = await pool({ maxChannels: 1 });
    const answer = await sendOnDyingChannel(agent, 'GET', '/containers/json?all=1');
    expect(answer.status).toBe(200);
    expect(Array.isArray(JSON.parse(answer.body))).toBe(true);
    // It went out on the kept channel, which died; one more channel carried it again.
    expect(answer.reused).toBe(true);
    expect(await channelsOpened()).toBe(2);
    // The new channel is pooled as well: the next request reuses it.
    expect((await send(agent, 'GET', '/_ping')).reused).toBe(true);
    expect(await channelsOpened()).toBe(2);
  });

  it('never sends a POST again: it fails with ENGINE_UNREACHABLE saying it was not retried', async () => {
    const agent = await pool({ maxChannels: 1 });
    const name = uniqueName('pool-post');
    const failure = await sendOnDyingChannel(agent, 'POST', `/containers/${name}/start`).then(
      () => undefined,
      (error: unknown) => toIpcError(error),
    );
    expect(failure?.code).toBe(ErrorCode.EngineUnreachable);
    expect(failure?.message).toMatch(/not sent again/);
    expect(await channelsOpened()).toBe(1);
  });

  it('dockerode sees the same clear error for a POST on a dead channel', async () => {
    const agent = await pool({ maxChannels: 1 });
    const client = new Dockerode({ host: 'docker', protocol: 'http', agent } as Dockerode.DockerOptions);
    await client.ping();
    const [pid] = dialStdioPids(marker);
    process.kill(pid, 'SIGSTOP');
    const pending = client.getContainer(uniqueName('pool-dockerode')).start();
    await waitFor(() =>
      agent.channels().some((socket) => (socket as { _httpMessage?: unknown })._httpMessage),
    );
    process.kill(pid, 'SIGKILL');
    const failure = await pending.then(
      () => undefined,
      (error: unknown) => toIpcError(error),
    );
    expect(failure?.code).toBe(ErrorCode.EngineUnreachable);
    expect(failure?.message).toMatch(/not sent again/);
  });

  it('keeps at most maxChannels pooled channels under concurrency, and they serve every request', async () => {
    const agent = await pool({ maxChannels: 3 });
    const answers = await Promise.all(Array.from({ length: 15 }, () => send(agent, 'GET', '/_ping')));
    expect(answers.every((answer) => answer.status === 200 && answer.body === 'OK')).toBe(true);
    expect(await channelsOpened()).toBe(3);
    expect(dialStdioPids(marker).length).toBe(3);
  });

  it('closes pooled channels that stay idle', async () => {
    const agent = await pool({ maxChannels: 2, idleMs: 300 });
    await Promise.all([send(agent, 'GET', '/_ping'), send(agent, 'GET', '/_ping')]);
    expect(await channelsOpened()).toBe(2);
    await waitFor(() => dialStdioPids(marker).length === 0, { description: 'the idle channels closed' });
    expect(agent.channels()).toEqual([]);
    // The pool fills again on demand.
    expect((await send(agent, 'GET', '/_ping')).status).toBe(200);
  });

  it('gives streams channels of their own, outside the pool', async () => {
    const agent = await pool({ maxChannels: 1 });
    const streams: http.ClientRequest[] = [];
    const openStream = (path: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const request = http.request({ agent, host: 'docker', method: 'GET', path }, (response) => {
          expect(response.statusCode).toBe(200);
          resolve();
        });
        request.on('error', reject);
        request.end();
        streams.push(request);
      });
    try {
      await Promise.all([openStream('/v1.41/events'), openStream('/events?since=0')]);
      // Two streams hold their channels; the one pooled channel still serves short requests, one after another.
      for (let round = 0; round < 3; round++) expect((await send(agent, 'GET', '/_ping')).status).toBe(200);
      expect(await channelsOpened()).toBe(3);
    } finally {
      for (const request of streams) request.destroy();
    }
    // A stream's channel closes with it; it never joins the pool.
    await waitFor(() => dialStdioPids(marker).length === 1, { description: 'the stream channels closed' });
  });
});
