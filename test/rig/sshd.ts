import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

import { findExecutable } from './private-daemon';
import { freePort } from './tls-daemon';

const execFileAsync = promisify(execFile);

/** What a test needs to reach the rig's sshd (plain data: it crosses to e2e child processes as JSON). */
export interface RigSshInfo {
  /** Always 127.0.0.1. */
  host: string;
  port: number;
  user: string;
  /** An unencrypted ed25519 private key that the server accepts. */
  keyFile: string;
  /** An ed25519 private key, accepted too, encrypted with {@link passphrase}. */
  encryptedKeyFile: string;
  passphrase: string;
  /** The known_hosts line of the server's host key (`[127.0.0.1]:port ssh-ed25519 …`). */
  knownHostsLine: string;
  /** A known_hosts line for the same name with a different key: connecting must be refused. */
  wrongKnownHostsLine: string;
  /** The server's host key fingerprint (`SHA256:…`). */
  fingerprint: string;
  /** Every command a session ran (SSH_ORIGINAL_COMMAND), one a line. */
  commandLog: string;
  /** The daemon the remote `docker` reaches (its DOCKER_HOST). */
  dockerHost: string;
  /**
   * A user of this rig only (created at start, deleted at stop) that logs in with {@link password} and nothing
   * else: no key of it is authorized. Only this user may use password and keyboard-interactive logins.
   */
  passwordUser: string;
  password: string;
}

export interface RigSshd extends RigSshInfo {
  /** `ssh://root@127.0.0.1:<port>` plus an optional remote socket path. */
  url(socketPath?: string): string;
  /** Kills the server side of every open connection (as a network drop would); the listener stays. */
  dropConnections(): void;
  stop(): Promise<void>;
}

/** Why the rig's sshd cannot run here, or undefined. */
export function sshdUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') return 'the rig sshd needs Linux';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'the rig sshd needs root';
  if (!findExecutable('sshd')) return 'sshd not found (install openssh-server)';
  if (!findExecutable('ssh-keygen')) return 'ssh-keygen not found (install openssh-client)';
  return undefined;
}

async function keygen(file: string, passphrase = ''): Promise<string> {
  await execFileAsync('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    passphrase,
    '-C',
    'berth-test',
    '-f',
    file,
  ]);
  return (await readFile(`${file}.pub`, 'utf8')).trim();
}

/** The pids of every process below `pid` (read from /proc; no process names involved). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(parent) ?? [];
      list.push(Number(entry));
      children.set(parent, list);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (parent: number): void => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

const live = new Set<ChildProcess>();
/** Users the rig created, deleted again when it stops (or the process exits). */
const users = new Set<string>();
process.once('exit', () => {
  for (const child of live) {
    if (child.pid !== undefined) killAll([...descendants(child.pid), child.pid]);
  }
  for (const user of users) {
    try {
      execFileSync('userdel', [user], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
});

/** Runs a user-database command, retrying while another rig holds its lock (/etc/passwd is shared). */
async function userdb(command: string, args: string[], input?: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await new Promise<void>((resolve, reject) => {
        const child = execFile(command, args, (error: Error | null) =>
          error !== null ? reject(error) : resolve(),
        );
        child.stdin?.end(input ?? '');
      });
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
    }
  }
}

/**
 * A throwaway user with a random password, in the `docker` group (the rig daemon's socket is root:docker), so its
 * `docker system dial-stdio` reaches the daemon as root's does. Its name is unique to this rig.
 */
async function createPasswordUser(): Promise<{ user: string; password: string }> {
  const user = `berthpw${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  await userdb('useradd', [
    '--no-create-home',
    '--home-dir',
    '/tmp',
    '--shell',
    '/bin/sh',
    '-G',
    'docker',
    user,
  ]);
  users.add(user);
  await userdb('chpasswd', [], `${user}:${password}\n`);
  return { user, password };
}

async function deleteUser(user: string): Promise<void> {
  if (!users.delete(user)) return;
  await userdb('userdel', [user]).catch(() => undefined);
}

async function waitForPort(port: number, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`sshd exited (${child.exitCode}): ${readFileSync(logFile, 'utf8').slice(-2000)}`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port} within 15 s (log: ${logFile})`);
}

/**
 * Starts `/usr/sbin/sshd -D` on a loopback port, as root, with a temporary host key and two authorized test keys
 * (one encrypted). Every session runs through a `ForceCommand` wrapper that logs the requested command and runs
 * it with `DOCKER_HOST=<dockerHost>` and a fixed PATH: sshd builds a session's environment itself (PATH from its
 * compiled default, nothing from its own environment), so a wrapper is the one place that reliably decides what
 * `docker` reaches — including `docker --host=unix://… system dial-stdio`, whose flag wins over DOCKER_HOST.
 */
export async function startSshd(options: { dockerHost: string }): Promise<RigSshd> {
  const unavailable = sshdUnavailableReason();
  if (unavailable) throw new Error(`Cannot start the rig sshd: ${unavailable}`);
  const dir = await mkdtemp(join(tmpdir(), 'berth-sshd-'));
  // sshd refuses to start without its privilege separation directory (created by the service normally).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const hostKey = join(dir, 'ssh_host_ed25519_key');
  const keyFile = join(dir, 'client_ed25519');
  const encryptedKeyFile = join(dir, 'client_encrypted_ed25519');
  const otherHostKey = join(dir, 'other_host_ed25519_key');
  const passphrase = 'berth test passphrase';
  const [hostPub, clientPub, encryptedPub, otherPub] = await Promise.all([
    keygen(hostKey),
    keygen(keyFile),
    keygen(encryptedKeyFile, passphrase),
    keygen(otherHostKey),
  ]);
  await writeFile(join(dir, 'authorized_keys'), `${clientPub}\n${encryptedPub}\n`, { mode: 0o600 });
  const commandLog = join(dir, 'commands.log');
  await writeFile(commandLog, '');
  const wrapper = join(dir, 'force-command.sh');
  const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
  await writeFile(
    wrapper,
    [
      '#!/bin/sh',
      `printf '%s\\n' "$SSH_ORIGINAL_COMMAND" >> ${quote(commandLog)}`,
      `DOCKER_HOST=${quote(options.dockerHost)}`,
      'PATH=/usr/local/bin:/usr/bin:/bin',
      'export DOCKER_HOST PATH',
      'exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"',
      '',
    ].join('\n'),
  );
  await chmod(wrapper, 0o755);
  // The password user's sessions run the wrapper and append to the log too: let them through the (0700) temp
  // directories by name, without listing them.
  await chmod(dir, 0o711);
  await chmod(commandLog, 0o666);
  if (options.dockerHost.startsWith('unix://')) await chmod(dirname(options.dockerHost.slice(7)), 0o711);
  const { user: passwordUser, password } = await createPasswordUser();
  const fingerprint =
    (await execFileAsync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`])).stdout.split(
      ' ',
    )[1] ?? '';

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const config = join(dir, 'sshd_config');
    await writeFile(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        'PermitRootLogin prohibit-password',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        // The temp directory's modes are not what StrictModes expects of a home.
        'StrictModes no',
        'AllowTcpForwarding yes',
        `ForceCommand ${wrapper}`,
        'PrintMotd no',
        'LogLevel VERBOSE',
        // Only the rig's own password user may log in with a password (or keyboard-interactive, which without
        // PAM has nothing to ask: the client must fall back to password). Match blocks come last.
        `Match User ${passwordUser}`,
        '  PasswordAuthentication yes',
        '  KbdInteractiveAuthentication yes',
        '',
      ].join('\n'),
    );
    const logFile = join(dir, 'sshd.log');
    const log = openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(findExecutable('sshd') ?? '/usr/sbin/sshd', ['-D', '-e', '-f', config], {
        stdio: ['ignore', log, log],
      });
    } finally {
      closeSync(log);
    }
    child.on('error', () => undefined);
    live.add(child);
    try {
      await waitForPort(port, child, logFile);
    } catch (error) {
      lastError = error;
      child.kill('SIGKILL');
      live.delete(child);
      continue;
    }
    const name = `[127.0.0.1]:${port}`;
    const started = child;
    return {
      host: '127.0.0.1',
      port,
      user: 'root',
      keyFile,
      encryptedKeyFile,
      passphrase,
      knownHostsLine: `${name} ${hostPub.split(' ').slice(0, 2).join(' ')}`,
      wrongKnownHostsLine: `${name} ${otherPub.split(' ').slice(0, 2).join(' ')}`,
      fingerprint,
      commandLog,
      dockerHost: options.dockerHost,
      passwordUser,
      password,
      url: (socketPath) => `ssh://root@127.0.0.1:${port}${socketPath ?? ''}`,
      dropConnections() {
        if (started.pid !== undefined) killAll(descendants(started.pid));
      },
      async stop() {
        if (started.pid !== undefined) killAll(descendants(started.pid));
        if (started.exitCode === null) {
          const exited = new Promise((resolve) => started.once('exit', resolve));
          started.kill('SIGTERM');
          await exited;
        }
        live.delete(started);
        await deleteUser(passwordUser);
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  await deleteUser(passwordUser);
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}
