import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { HostSpec } from '../../electron/main/docker/engine/endpoint';
import { endpointForHost } from '../../electron/main/docker/engine/endpoint';
import type {
  HostKeyQuestion,
  PassphraseQuestion,
  PasswordQuestion,
  SshEnvironment,
  SshPrompts,
} from '../../electron/main/docker/engine/ssh/ssh-session';
import type { RigRemoteInfo } from '../rig';

/** A throwaway home directory with a `.ssh` folder, as a user's would be. */
export interface SshHome {
  home: string;
  sshDir: string;
  knownHosts: string;
  /** Writes `~/.ssh/<name>` (mode 0600). */
  write(name: string, text: string): Promise<void>;
  /** Copies a private key to `~/.ssh/<name>`. */
  addKey(from: string, name?: string): Promise<string>;
  read(name: string): Promise<string>;
  remove(): Promise<void>;
}

export async function makeSshHome(): Promise<SshHome> {
  const home = await mkdtemp(join(tmpdir(), 'berth-home-'));
  const sshDir = join(home, '.ssh');
  await mkdir(sshDir, { mode: 0o700 });
  return {
    home,
    sshDir,
    knownHosts: join(sshDir, 'known_hosts'),
    write: (name, text) => writeFile(join(sshDir, name), text, { mode: 0o600 }),
    async addKey(from, name = 'id_ed25519') {
      const to = join(sshDir, name);
      await copyFile(from, to);
      return to;
    },
    read: (name) => readFile(join(sshDir, name), 'utf8'),
    remove: () => rm(home, { recursive: true, force: true }),
  };
}

/** Prompts that record what was asked and answer from the given functions. */
export function recordingPrompts(answers: {
  hostKey?: (question: HostKeyQuestion) => boolean;
  passphrase?: (question: PassphraseQuestion) => string | undefined;
  password?: (question: PasswordQuestion) => string[] | undefined;
}): SshPrompts & {
  hostKeys: HostKeyQuestion[];
  passphrases: PassphraseQuestion[];
  passwords: PasswordQuestion[];
} {
  const hostKeys: HostKeyQuestion[] = [];
  const passphrases: PassphraseQuestion[] = [];
  const passwords: PasswordQuestion[] = [];
  return {
    hostKeys,
    passphrases,
    passwords,
    confirmHostKey(question) {
      hostKeys.push(question);
      return Promise.resolve(answers.hostKey?.(question) ?? false);
    },
    askPassphrase(question) {
      passphrases.push(question);
      return Promise.resolve(answers.passphrase?.(question));
    },
    askPassword(question) {
      passwords.push(question);
      return Promise.resolve(answers.password?.(question));
    },
  };
}

/** An SSH environment rooted in `home`, with no agent unless given. */
export function sshEnvironment(
  home: SshHome,
  prompts: SshPrompts,
  env: Record<string, string> = {},
): SshEnvironment {
  return { home: home.home, localUser: 'root', env, prompts };
}

/** The TLS rig daemon as a host with the right CA and client certificate (overridable). */
export function tlsSpec(remote: RigRemoteInfo, overrides: Partial<HostSpec> = {}): HostSpec {
  const { certs } = remote.tls;
  return {
    url: remote.tls.host,
    tls: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey },
    ...overrides,
  };
}

export function hostEndpoint(id: string, spec: HostSpec, home = '/nonexistent-home') {
  return endpointForHost(id, id, spec, home);
}

/** A TCP proxy that counts the connections it accepts (to count SSH handshakes). */
export interface CountingTcpProxy {
  port: number;
  readonly connections: number;
  /** Destroys every open connection (a network drop); new ones are still accepted. */
  cut(): void;
  close(): Promise<void>;
}

export async function startCountingTcpProxy(targetPort: number): Promise<CountingTcpProxy> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    connections++;
    const upstream = net.createConnection({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get connections() {
      return connections;
    },
    cut() {
      for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A TCP server that accepts connections and never answers (a hung daemon or sshd). */
export interface BlackHole {
  port: number;
  close(): Promise<void>;
}

export async function startBlackHole(): Promise<BlackHole> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.resume();
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Lines of the rig sshd's command log. */
export async function sshCommands(remote: RigRemoteInfo): Promise<string[]> {
  return (await readFile(remote.ssh.commandLog, 'utf8')).split('\n').filter(Boolean);
}
