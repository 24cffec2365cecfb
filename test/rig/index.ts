import { describe, inject } from 'vitest';

import { dockerCli } from './private-daemon';
import { REGISTRY_FIXTURE_REPOSITORY, REGISTRY_FIXTURE_TAG, registryUnavailableReason } from './registry';
import { RIG_REMOTE_ENV, type RigRemoteInfo } from './remote';

export type { CertSet } from './certs';
export { type CountingProxy, pathnameOf, type ProxiedRequest, startCountingProxy } from './counting-proxy';
export {
  dockerCli,
  FIXTURE_IMAGE,
  type PrivateDaemon,
  privateDaemonUnavailableReason,
  startPrivateDaemon,
  TEST_LABEL,
} from './private-daemon';
export {
  REGISTRY_FIXTURE_REPOSITORY,
  REGISTRY_FIXTURE_TAG,
  registryUnavailableReason,
  type RigRegistry,
  startRigRegistry,
} from './registry';
export type { RigRemoteInfo } from './remote';
export { type RigSshd, type RigSshInfo, startSshd } from './sshd';
export { describeWithSwarm, type RigSwarm, startRigSwarm, swarmUnavailableReason } from './swarm';
export { freePort, startTlsDaemon, startTlsFront, type TlsDaemon, type TlsFront } from './tls-daemon';

function provided<K extends 'rigDockerHost' | 'rigSkipReason' | 'rigRemoteSkipReason'>(
  key: K,
): string | undefined {
  try {
    return inject(key) ?? undefined;
  } catch {
    // Outside a vitest worker (an e2e child process): the environment carries the same values.
    return undefined;
  }
}

/** The rig's auth-protected registry, as tests use it. */
export interface RigRegistryInfo {
  /** `127.0.0.1:<port>`: the server address to log in to and the prefix of image references. */
  address: string;
  username: string;
  password: string;
  /**
   * `<address>/berth/busybox:1.0`: the fixture image, pushed at start (and then removed from the daemon, so a
   * pull really fetches it). Pull it with the credentials above.
   */
  fixtureImage: string;
}

/**
 * The rig registry (Debian's docker-registry with htpasswd auth on 127.0.0.1, started by the global setup next
 * to the daemon; also in `BERTH_RIG_REGISTRY`, `BERTH_RIG_REGISTRY_USER`, `BERTH_RIG_REGISTRY_PASSWORD`), or
 * `undefined` when there is none.
 */
export function rigRegistry(): RigRegistryInfo | undefined {
  let info: { address: string; username: string; password: string } | null | undefined;
  try {
    info = inject('rigRegistry');
  } catch {
    info = undefined;
  }
  const address = info?.address ?? (process.env.BERTH_RIG_REGISTRY || undefined);
  const username = info?.username ?? process.env.BERTH_RIG_REGISTRY_USER;
  const password = info?.password ?? process.env.BERTH_RIG_REGISTRY_PASSWORD;
  if (address === undefined || username === undefined || password === undefined) return undefined;
  return {
    address,
    username,
    password,
    fixtureImage: `${address}/${REGISTRY_FIXTURE_REPOSITORY}:${REGISTRY_FIXTURE_TAG}`,
  };
}

/** `describe` that is skipped (with the reason) when there is no rig daemon or no rig registry. */
export function skipUnlessRegistry(name: string, body: () => void): void {
  const reason =
    rigSkipReason() ??
    (rigRegistry() === undefined ? (registryUnavailableReason() ?? 'no rig registry') : undefined);
  if (reason) console.warn(`[rig] "${name}" skipped: ${reason}`);
  describe.skipIf(reason !== undefined)(name, body);
}

/** Why daemon tests are skipped in this run, or `undefined` when a daemon is available. */
export function rigSkipReason(): string | undefined {
  if (rigDockerHostOrUndefined()) return undefined;
  return provided('rigSkipReason') ?? process.env.BERTH_RIG_SKIP_REASON ?? 'the test rig did not run';
}

function rigDockerHostOrUndefined(): string | undefined {
  return provided('rigDockerHost') ?? (process.env.BERTH_RIG_DOCKER_HOST || undefined);
}

/** The rig daemon's address (`unix://…`). Throws when there is none (guard suites with {@link skipUnlessRig}). */
export function rigDockerHost(): string {
  const host = rigDockerHostOrUndefined();
  if (!host) throw new Error(`No rig daemon: ${rigSkipReason()}`);
  return host;
}

/** The rig daemon's socket path, for hosts of the form `unix://path`. */
export function rigSocketPath(): string {
  const host = rigDockerHost();
  if (!host.startsWith('unix://')) throw new Error(`The rig daemon is not on a unix socket: ${host}`);
  return host.slice('unix://'.length);
}

/** Runs the real docker CLI against the rig daemon (`docker -H <rig> …args`); resolves to trimmed stdout. */
export function docker(...args: string[]): Promise<string> {
  return dockerCli(rigDockerHost(), args);
}

/** `describe` that is skipped, with the reason printed once, when there is no rig daemon. */
export function skipUnlessRig(name: string, body: () => void): void {
  const reason = rigSkipReason();
  if (reason) console.warn(`[rig] "${name}" skipped: ${reason}`);
  describe.skipIf(reason !== undefined)(name, body);
}

/**
 * Polls `condition` until it returns a truthy value (which is returned) or `timeoutMs` passes. For waiting on a
 * real daemon in tests: conditions, never sleeps.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number; description?: string } = {},
): Promise<NonNullable<T>> {
  const { timeoutMs = 10_000, intervalMs = 25, description = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const suffix = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${suffix}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The TLS daemon and sshd of the hosts tests, or undefined (see {@link rigRemoteSkipReason}). */
export function rigRemote(): RigRemoteInfo | undefined {
  try {
    const info = inject('rigRemote');
    if (info) return info;
  } catch {
    // Outside a vitest worker: the environment carries the same data.
  }
  const fromEnv = process.env[RIG_REMOTE_ENV];
  return fromEnv ? (JSON.parse(fromEnv) as RigRemoteInfo) : undefined;
}

/** Why remote-host tests are skipped, or undefined. */
export function rigRemoteSkipReason(): string | undefined {
  if (rigRemote()) return undefined;
  return provided('rigRemoteSkipReason') ?? rigSkipReason() ?? 'the remote rig did not run';
}

/** `describe` that needs the TLS daemon and the sshd; skipped with the reason printed once otherwise. */
export function skipUnlessRemoteRig(name: string, body: () => void): void {
  const reason = rigRemoteSkipReason();
  if (reason) console.warn(`[rig] "${name}" skipped: ${reason}`);
  describe.skipIf(reason !== undefined)(name, body);
}
