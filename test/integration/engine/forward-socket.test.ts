import { execFile, spawn } from 'node:child_process';
import { chmod, lstat, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import {
  type ForwardingSocket,
  openForwardingSocket,
} from '../../../electron/main/docker/engine/forward-socket';
import {
  dockerCli,
  FIXTURE_IMAGE,
  rigRemote,
  type RigRemoteInfo,
  skipUnlessRemoteRig,
  waitFor,
} from '../../rig';
import { containerArgs, endpointFor, fastBackoff, removeGroup, uniqueName } from '../helpers';
import {
  hostEndpoint,
  makeSshHome,
  recordingPrompts,
  sshEnvironment,
  type SshHome,
  tlsSpec,
} from '../remote-helpers';

const execFileAsync = promisify(execFile);
const GROUP = 'forward-socket';

/** Tries to connect to a unix socket as `nobody`; resolves to the error code it got, or 'connected'. */
async function connectAsNobody(path: string): Promise<string> {
  const script =
    "require('net').connect(process.argv[1]).on('connect',()=>{console.log('connected');process.exit(0)})" +
    ".on('error',(e)=>{console.log(e.code);process.exit(0)})";
  const { stdout } = await execFileAsync('setpriv', [
    '--reuid=nobody',
    '--regid=nogroup',
    '--clear-groups',
    '/usr/bin/node',
    '-e',
    script,
    path,
  ]);
  return stdout.trim();
}

skipUnlessRemoteRig('the private forwarding socket, over unix, TLS and SSH connections', () => {
  let remote: RigRemoteInfo;
  let home: SshHome;
  let engines: EngineRegistry;
  const tlsDocker = (...args: string[]): Promise<string> => dockerCli(remote.tls.socketHost, args);

  beforeAll(async () => {
    remote = rigRemote() as RigRemoteInfo;
    home = await makeSshHome();
    await home.addKey(remote.ssh.keyFile);
    await home.write('known_hosts', `${remote.ssh.knownHostsLine}\n`);
    engines = new EngineRegistry(
      [
        endpointFor(remote.tls.socketHost, 'unix'),
        hostEndpoint('tls', tlsSpec(remote)),
        hostEndpoint('ssh', { url: `ssh://root@127.0.0.1:${remote.ssh.port}` }),
      ],
      {
        backoff: fastBackoff,
        // A loaded machine starts the remote `docker system dial-stdio` slowly.
        connectTimeoutMs: 30_000,
        sshHandshakeTimeoutMs: 30_000,
        ssh: sshEnvironment(home, recordingPrompts({})),
      },
    );
    engines.start();
    for (const id of ['unix', 'tls', 'ssh']) expect((await engines.ready(id)).status.state).toBe('connected');
  });
  afterAll(async () => {
    await engines?.dispose();
    await home?.remove();
    await removeGroup(GROUP, tlsDocker);
  });

  it('is a 0600 socket with a random name in a 0700 folder, unreachable for another user, removed on close', async () => {
    const first = await openForwardingSocket(() => engines.dial('tls'));
    const second = await openForwardingSocket(() => engines.dial('tls'));
    try {
      expect(first.dockerHost).toBe(`unix://${first.path}`);
      expect(first.path).not.toBe(second.path);
      expect(dirname(first.path)).not.toBe(dirname(second.path));
      const socket = await lstat(first.path);
      expect(socket.isSocket()).toBe(true);
      expect(socket.mode & 0o777).toBe(0o600);
      expect(socket.uid).toBe(process.getuid?.());
      expect((await stat(dirname(first.path))).mode & 0o777).toBe(0o700);
      // The owner reaches the daemon through it.
      expect(await dockerCli(first.dockerHost, ['version', '--format', '{{.Server.APIVersion}}'])).toMatch(
        /^1\./,
      );
      // Another user cannot: the folder stops it, and so does the socket's own mode when the folder is opened.
      expect(await connectAsNobody(first.path)).toBe('EACCES');
      await chmod(dirname(first.path), 0o711);
      expect(await connectAsNobody(first.path)).toBe('EACCES');
      // The control: the same probe does connect when the socket allows it, so EACCES above is the mode's doing.
      await chmod(first.path, 0o666);
      expect(await connectAsNobody(first.path)).toBe('connected');
    } finally {
      await first.close();
      await second.close();
    }
    await expect(lstat(first.path)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(lstat(dirname(first.path))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  describe.each(['unix', 'tls', 'ssh'])('through the %s connection', { timeout: 120_000 }, (engineId) => {
    let socket: ForwardingSocket;
    beforeAll(async () => {
      socket = await openForwardingSocket(() => engines.dial(engineId));
    });
    afterAll(() => socket?.close());

    it('passes a followed log stream through as it is written', async () => {
      const name = uniqueName(`fwd-logs-${engineId}`);
      await tlsDocker(
        'run',
        '-d',
        ...containerArgs(name, GROUP, [
          'sh',
          '-c',
          'i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done',
        ]),
      );
      const follower = spawn('docker', ['-H', socket.dockerHost, 'logs', '-f', name]);
      let seen = '';
      follower.stdout.on('data', (chunk: Buffer) => (seen += chunk.toString()));
      try {
        // Lines keep coming over the one open response: the stream is forwarded live, not buffered to its end.
        await waitFor(() => seen.includes('tick 3'), {
          timeoutMs: 30_000,
          description: 'followed log lines',
        });
        expect(follower.exitCode).toBeNull();
      } finally {
        follower.kill();
        await tlsDocker('rm', '-f', name);
      }
    });

    it('passes a hijacked attach (stdin in, half-close, output out) through', async () => {
      const child = spawn('docker', [
        '-H',
        socket.dockerHost,
        'run',
        '--rm',
        '-i',
        '--network',
        'none',
        '--label',
        `berth-test=${GROUP}`,
        FIXTURE_IMAGE,
        'sh',
        '-c',
        'read line; echo "got:$line"',
      ]);
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stdin.end('hello through the socket\n');
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      expect(out.trim()).toBe('got:hello through the socket');
      expect(code).toBe(0);
    });
  });
});
