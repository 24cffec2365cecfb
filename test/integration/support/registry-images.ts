import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { findExecutable, FIXTURE_IMAGE } from '../../rig/private-daemon';

const execFileAsync = promisify(execFile);

/** A registry to push to: its address and, when it wants them, credentials. */
export interface RegistryTarget {
  address: string;
  username?: string;
  password?: string;
}

/** Runs the docker CLI with a throwaway config dir (logins never touch ~/.docker). */
async function cli(host: string, configDir: string, args: string[], input?: string): Promise<string> {
  const child = execFileAsync('docker', ['-H', host, ...args], {
    env: { ...process.env, DOCKER_CONFIG: configDir, DOCKER_BUILDKIT: '0', DOCKER_CLI_HINTS: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (input !== undefined) child.child.stdin?.end(input);
  try {
    return (await child).stdout.trim();
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`docker ${args.join(' ')} failed: ${(stderr ?? String(error)).trim()}`, { cause: error });
  }
}

/**
 * Builds an image of its own on the fixture (one extra layer with a random stamp, so a pull really downloads
 * something), pushes it to `registry` as `<address>/berth-run/<name>:1`, and removes it from the daemon again.
 * Resolves to the reference to pull.
 */
export async function pushFreshImage(dockerHost: string, registry: RegistryTarget): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-push-'));
  const stamp = randomBytes(6).toString('hex');
  const reference = `${registry.address}/berth-run/img-${stamp}:1`;
  try {
    await writeFile(
      join(dir, 'Dockerfile'),
      `FROM ${FIXTURE_IMAGE}\nRUN echo ${stamp} > /stamp\nCMD ["sh", "-c", "echo ready; sleep 3600"]\n`,
    );
    const configDir = join(dir, 'docker-config');
    await cli(dockerHost, configDir, ['build', '-q', '--network', 'none', '-t', reference, dir]);
    if (registry.username !== undefined && registry.password !== undefined) {
      await cli(
        dockerHost,
        configDir,
        ['login', '-u', registry.username, '--password-stdin', registry.address],
        registry.password,
      );
    }
    await cli(dockerHost, configDir, ['push', reference]);
    await cli(dockerHost, configDir, ['rmi', reference]);
    return reference;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function answers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(`http://${address}/v2/`, { timeout: 500, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** A registry without authentication on 127.0.0.1 (the daemon trusts loopback registries over plain HTTP). */
export interface PlainRegistry {
  address: string;
  stop(): Promise<void>;
}

/** Starts Debian's `docker-registry` with no auth and temp storage; for pulls the app makes without a login. */
export async function startPlainRegistry(): Promise<PlainRegistry> {
  const executable = findExecutable('docker-registry');
  if (executable === undefined)
    throw new Error('docker-registry not found (apt-get install docker-registry)');
  const dir = await mkdtemp(join(tmpdir(), 'berth-plain-registry-'));
  const address = `127.0.0.1:${await freePort()}`;
  await writeFile(
    join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      'http:',
      `  addr: ${address}`,
      `  secret: ${randomBytes(16).toString('hex')}`,
      '',
    ].join('\n'),
  );
  const logFile = join(dir, 'registry.log');
  const log = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(executable, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', log, log] });
  } finally {
    closeSync(log);
  }
  child.on('error', () => undefined);
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (await answers(address)) return { address, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      const text = await readFile(logFile, 'utf8').catch(() => '');
      await stop();
      throw new Error(`docker-registry did not start on ${address}:\n${text.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
