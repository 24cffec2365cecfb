import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { findExecutable, FIXTURE_IMAGE } from './private-daemon';
import { freePort } from './tls-daemon';

const execFileAsync = promisify(execFile);

/** Where the rig pushes the fixture image, below the registry's address: `<address>/berth/busybox:1.0`. */
export const REGISTRY_FIXTURE_REPOSITORY = 'berth/busybox';
export const REGISTRY_FIXTURE_TAG = '1.0';

/** A `docker-registry` (distribution 2.x) of our own on loopback, with htpasswd auth and temp storage. */
export interface RigRegistry {
  /** `127.0.0.1:<port>`: an image reference prefix and the server address to log in to. */
  address: string;
  username: string;
  password: string;
  /** `<address>/berth/busybox:1.0`, pushed at start when the fixture image was given. */
  fixtureImage: string;
  dir: string;
  stop(): Promise<void>;
}

/** Why a rig registry cannot run here, or `undefined` when it can. */
export function registryUnavailableReason(): string | undefined {
  if (!findExecutable('docker-registry'))
    return 'docker-registry not found (apt-get install docker-registry)';
  if (!findExecutable('htpasswd')) return 'htpasswd not found (apt-get install apache2-utils)';
  return undefined;
}

/** The status GET `/v2/` answers (401 with auth, 200 without), or undefined while nothing listens. */
function probe(address: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get(`http://${address}/v2/`, { timeout: 500, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

async function waitUntilServing(
  address: string,
  child: ChildProcess,
  logFile: string,
  expectedStatus: number,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      throw new Error(`docker-registry exited during start-up:\n${log.slice(-3000)}`);
    }
    if ((await probe(address)) === expectedStatus) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not answer on ${address} within 30 s (log: ${logFile})`);
}

/** Runs the docker CLI against `host` with its own config dir, so logins never touch the user's ~/.docker. */
export async function cli(host: string, configDir: string, args: string[], input?: string): Promise<string> {
  const child = execFileAsync('docker', ['-H', host, ...args], {
    env: { ...process.env, DOCKER_CONFIG: configDir, DOCKER_BUILDKIT: '0', DOCKER_CLI_HINTS: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    return (await child).stdout.trim();
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`docker ${args.join(' ')} failed: ${(stderr ?? String(error)).trim()}`, { cause: error });
  }
}

/** A running `docker-registry` and how to stop it (which also removes its temp dir). */
interface RegistryProcess {
  address: string;
  stop(): Promise<void>;
}

/**
 * Writes the config into `dir` and starts Debian's `docker-registry serve` on `address` with temp storage, with
 * htpasswd auth when `htpasswdPath` is given; resolves once `/v2/` answers as it should (401 or 200).
 */
async function spawnRegistry(dir: string, address: string, htpasswdPath?: string): Promise<RegistryProcess> {
  const config = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${address}`,
    `  secret: ${randomBytes(16).toString('hex')}`,
    ...(htpasswdPath === undefined
      ? []
      : ['auth:', '  htpasswd:', '    realm: berth-rig', `    path: ${htpasswdPath}`]),
    '',
  ].join('\n');
  await writeFile(join(dir, 'config.yml'), config);
  const logFile = join(dir, 'registry.log');
  const log = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(
      findExecutable('docker-registry') ?? 'docker-registry',
      ['serve', join(dir, 'config.yml')],
      {
        stdio: ['ignore', log, log],
      },
    );
  } finally {
    closeSync(log);
  }
  child.on('error', () => undefined);
  const stopOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.on('exit', stopOnExit);
  const stop = async (): Promise<void> => {
    process.off('exit', stopOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(address, child, logFile, htpasswdPath === undefined ? 200 : 401);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, stop };
}

/** A registry without authentication on 127.0.0.1 (the daemon trusts loopback registries over plain HTTP). */
export type PlainRegistry = RegistryProcess;

/** Starts Debian's `docker-registry` with no auth and temp storage; for pulls the app makes without a login. */
export async function startPlainRegistry(): Promise<PlainRegistry> {
  if (findExecutable('docker-registry') === undefined)
    throw new Error('docker-registry not found (apt-get install docker-registry)');
  const dir = await mkdtemp(join(tmpdir(), 'berth-plain-registry-'));
  return spawnRegistry(dir, `127.0.0.1:${await freePort()}`);
}

/**
 * Starts Debian's `docker-registry serve` on 127.0.0.1:<free port> with htpasswd auth (bcrypt, one user with a
 * random password unless one is given) and storage in a temp dir. The Docker daemon trusts 127.0.0.0/8 registries over plain HTTP by
 * default. When `dockerHost` is given, the fixture image is pushed as `<address>/berth/busybox:1.0` through the
 * docker CLI (with a throwaway DOCKER_CONFIG).
 */
export async function startRigRegistry(
  options: { dockerHost?: string; username?: string; password?: string } = {},
): Promise<RigRegistry> {
  const unavailable = registryUnavailableReason();
  if (unavailable) throw new Error(`Cannot start a rig registry: ${unavailable}`);
  const dir = await mkdtemp(join(tmpdir(), 'berth-registry-'));
  const username = options.username ?? 'berth';
  const password = options.password ?? `rig-${randomBytes(9).toString('base64url')}`;
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const { stdout: htpasswd } = await execFileAsync(findExecutable('htpasswd') ?? 'htpasswd', [
    '-Bbn',
    username,
    password,
  ]);
  await writeFile(join(dir, 'htpasswd'), htpasswd, { mode: 0o600 });
  const { stop } = await spawnRegistry(dir, address, join(dir, 'htpasswd'));

  const fixtureImage = `${address}/${REGISTRY_FIXTURE_REPOSITORY}:${REGISTRY_FIXTURE_TAG}`;
  try {
    if (options.dockerHost !== undefined) {
      const configDir = join(dir, 'docker-config');
      await cli(
        options.dockerHost,
        configDir,
        ['login', '-u', username, '--password-stdin', address],
        password,
      );
      await cli(options.dockerHost, configDir, ['tag', FIXTURE_IMAGE, fixtureImage]);
      await cli(options.dockerHost, configDir, ['push', fixtureImage]);
      // Only the registry keeps it: tests pull it into a daemon that does not have it yet.
      await cli(options.dockerHost, configDir, ['rmi', fixtureImage]);
      await rm(configDir, { recursive: true, force: true });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, username, password, fixtureImage, dir, stop };
}
