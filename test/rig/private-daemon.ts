import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The image every daemon test uses: busybox on `scratch`, built locally (no registry needed). */
export const FIXTURE_IMAGE = 'berth-test/busybox:latest';
/** Label put on every container tests create, so a shared daemon can be cleaned by label. */
export const TEST_LABEL = 'berth-test';

const DIR_PREFIX = 'berth-rig-';
const BUSYBOX = '/usr/bin/busybox';

/** A dockerd of our own, in its own temp directory. */
export interface PrivateDaemon {
  /** `unix:///tmp/berth-rig-…/docker.sock` */
  host: string;
  socketPath: string;
  dir: string;
  /** The running dockerd's pid (changes on restart). */
  readonly pid: number;
  /** Stops the daemon (SIGTERM, waiting for it to exit), unmounts what it left and deletes its directory. */
  stop(): Promise<void>;
  /** Stops the daemon, keeping its data, and starts it again on the same socket. */
  restart(): Promise<void>;
  /** Stops the daemon, keeping its data (for tests of "the daemon went away"); `start()` brings it back. */
  kill(): Promise<void>;
  start(): Promise<void>;
}

/** Why a private daemon cannot run here, or `undefined` when it can. */
export function privateDaemonUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') return `a private dockerd needs Linux (this is ${process.platform})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'a private dockerd needs root';
  if (!findExecutable('dockerd')) return 'dockerd not found on PATH';
  if (!findExecutable('docker')) return 'the docker CLI was not found on PATH';
  return undefined;
}

/** The full path of an executable on PATH (plus the sbin directories root usually has), if any. */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Runs the docker CLI against `host`; resolves to trimmed stdout, rejects with stderr in the message. */
export async function dockerCli(host: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('docker', ['-H', host, ...args], {
      env: { ...process.env, DOCKER_BUILDKIT: '0', DOCKER_CLI_HINTS: 'false' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.trim();
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`docker ${args.join(' ')} failed: ${(stderr ?? String(error)).trim()}`, { cause: error });
  }
}

/** GET `/_ping` on a unix socket; true when the daemon answers OK. */
export function pingSocket(socketPath: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath, path: '/_ping', timeout: timeoutMs, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode === 200));
      response.on('error', () => resolve(false));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** Builds {@link FIXTURE_IMAGE} on `host` unless it is there already. */
export async function ensureFixtureImage(host: string): Promise<void> {
  try {
    await dockerCli(host, ['image', 'inspect', '--format', '{{.Id}}', FIXTURE_IMAGE]);
    return;
  } catch {
    // not built yet
  }
  if (!existsSync(BUSYBOX))
    throw new Error(`${BUSYBOX} is missing (install busybox-static) to build ${FIXTURE_IMAGE}`);
  const context = await mkdtemp(join(tmpdir(), 'berth-image-'));
  try {
    await copyFile(BUSYBOX, join(context, 'busybox'));
    await writeFile(
      join(context, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
        'CMD ["sh"]',
        '',
      ].join('\n'),
    );
    await dockerCli(host, ['build', '-q', '--network', 'none', '-t', FIXTURE_IMAGE, context]);
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Process hygiene: every daemon this process starts is stopped when it exits, however it exits.

interface Tracked {
  dir: string;
  pid(): number | undefined;
}

const live = new Set<Tracked>();
let hooksInstalled = false;

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', stopAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      stopAllSync();
      // When nobody else handles the signal, restore its default effect (terminate) now that we are clean.
      if (process.listenerCount(signal) === 1) {
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Alive and not a zombie (our exited child stays a zombie until libuv reaps it). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

function mountsUnder(dir: string): string[] {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[4] ?? '')
      .filter((mountPoint) => mountPoint === dir || mountPoint.startsWith(`${dir}/`))
      .sort((a, b) => b.length - a.length);
  } catch {
    return [];
  }
}

/** Unmounts whatever a daemon left under `dir` (deepest first), then deletes it. */
function removeDirSync(dir: string): void {
  for (const mountPoint of mountsUnder(dir)) {
    try {
      execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
  if (mountsUnder(dir).length > 0) {
    console.warn(`[rig] left ${dir} in place: it still has mounts`);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
}

function terminateSync(pid: number, timeoutMs = 30_000): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid) && Date.now() < deadline) sleepSync(50);
  if (isRunning(pid)) {
    console.warn(`[rig] dockerd ${pid} ignored SIGTERM for ${timeoutMs} ms; killing it`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

function stopAllSync(): void {
  for (const daemon of [...live]) {
    live.delete(daemon);
    const pid = daemon.pid();
    if (pid !== undefined) terminateSync(pid);
    removeDirSync(daemon.dir);
  }
}

/**
 * Stops daemons left behind by rig processes that died without cleaning up (SIGKILL, a crash). A directory is only
 * touched when the process that owned it is gone, so concurrent test runs are safe.
 */
export function reapStaleDaemons(): void {
  let entries: string[];
  try {
    entries = readdirSync(tmpdir()).filter((name) => name.startsWith(DIR_PREFIX));
  } catch {
    return;
  }
  for (const name of entries) {
    const dir = join(tmpdir(), name);
    const ownerText = readFileIfExists(join(dir, 'owner.pid'));
    // A directory another start has just made has no owner.pid for a moment: leave young ones alone.
    if (ownerText === undefined && isYoung(dir)) continue;
    const owner = Number(ownerText);
    if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) continue;
    const pid = Number(readFileIfExists(join(dir, 'docker.pid')));
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
      const cmdline = readFileIfExists(`/proc/${pid}/cmdline`) ?? '';
      if (cmdline.includes(dir)) terminateSync(pid);
    }
    removeDirSync(dir);
  }
}

function isYoung(dir: string): boolean {
  try {
    return Date.now() - statSync(dir).mtimeMs < 60_000;
  } catch {
    return false;
  }
}

function readFileIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function waitUntilAnswering(socketPath: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      throw new Error(
        `dockerd exited during start-up (${child.exitCode ?? child.signalCode}):\n${log.slice(-3000)}`,
      );
    }
    if (await pingSocket(socketPath, 500)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`dockerd did not answer on ${socketPath} within 60 s (log: ${logFile})`);
}

/** Waits for a child to exit; SIGKILL after `timeoutMs`. */
async function terminate(child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), timeoutMs);
  });
  const late = await Promise.race([exited.then(() => false), timedOut]);
  clearTimeout(timer);
  if (late) {
    console.warn(`[rig] dockerd ${child.pid} ignored SIGTERM for ${timeoutMs} ms; killing it`);
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Starts a dockerd of our own: its own data, exec root, pidfile and unix socket in a fresh temp directory, no
 * bridge and no iptables (containers need `--network none`), and the fixture image built. Resolves once `/_ping`
 * answers and the image exists.
 */
export async function startPrivateDaemon(
  options: {
    buildImage?: boolean;
    /** More dockerd flags, e.g. a TLS `-H tcp://…`. */
    extraArgs?: string[];
  } = {},
): Promise<PrivateDaemon> {
  const unavailable = privateDaemonUnavailableReason();
  if (unavailable) throw new Error(`Cannot start a private dockerd: ${unavailable}`);
  installExitHooks();
  reapStaleDaemons();
  const dir = await mkdtemp(join(tmpdir(), DIR_PREFIX));
  await writeFile(join(dir, 'owner.pid'), String(process.pid));
  // Our own (empty) config file: /etc/docker/daemon.json must not leak into the private daemon.
  await writeFile(join(dir, 'daemon.json'), '{}\n');
  const socketPath = join(dir, 'docker.sock');
  const logFile = join(dir, 'dockerd.log');
  const dockerd = findExecutable('dockerd') ?? 'dockerd';
  const args = [
    `--config-file=${join(dir, 'daemon.json')}`,
    `--data-root=${join(dir, 'data')}`,
    `--exec-root=${join(dir, 'exec')}`,
    `--pidfile=${join(dir, 'docker.pid')}`,
    `--host=unix://${socketPath}`,
    '--bridge=none',
    '--iptables=false',
    '--ip-masq=false',
    // Busybox `sleep` as PID 1 ignores SIGTERM; do not wait 15 s per container on shutdown.
    '--shutdown-timeout=1',
    ...(options.extraArgs ?? []),
  ];

  let child: ChildProcess | undefined;
  const tracked: Tracked = { dir, pid: () => (child && isRunning(child.pid ?? -1) ? child.pid : undefined) };
  live.add(tracked);

  const start = async (): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    const log = openSync(logFile, 'a');
    try {
      child = spawn(dockerd, args, { stdio: ['ignore', log, log] });
    } finally {
      closeSync(log);
    }
    child.on('error', () => undefined);
    await waitUntilAnswering(socketPath, child, logFile);
  };
  const kill = async (): Promise<void> => {
    if (child) await terminate(child);
  };

  try {
    await start();
    if (options.buildImage !== false) await ensureFixtureImage(`unix://${socketPath}`);
  } catch (error) {
    await kill();
    live.delete(tracked);
    removeDirSync(dir);
    throw error;
  }

  return {
    host: `unix://${socketPath}`,
    socketPath,
    dir,
    get pid() {
      return child?.pid ?? -1;
    },
    start,
    kill,
    async restart() {
      await kill();
      await start();
    },
    async stop() {
      if (!live.has(tracked)) return;
      await kill();
      live.delete(tracked);
      removeDirSync(dir);
    },
  };
}
