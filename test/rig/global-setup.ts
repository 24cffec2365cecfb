import type { TestProject } from 'vitest/node';

import {
  ensureFixtureImage,
  type PrivateDaemon,
  privateDaemonUnavailableReason,
  reapStaleDaemons,
  startPrivateDaemon,
} from './private-daemon';
import { registryUnavailableReason, type RigRegistry, startRigRegistry } from './registry';
import { type RigRemoteInfo, startRemoteRig, stopRemoteRig } from './remote';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The daemon integration and e2e tests use (`unix://…`), or null when they are skipped. */
    rigDockerHost: string | null;
    /** Why there is no daemon, in plain words; null when there is one. */
    rigSkipReason: string | null;
    /** The auth-protected rig registry (`127.0.0.1:<port>`, user, password), or null when there is none. */
    rigRegistry: { address: string; username: string; password: string } | null;
    /** The TLS daemon and the sshd of the hosts tests, or null (then rigRemoteSkipReason says why). */
    rigRemote: RigRemoteInfo | null;
    rigRemoteSkipReason: string | null;
  }
}

/** Projects that need a daemon; a run of only unit projects starts none. */
const DAEMON_PROJECTS = new Set(['integration', 'e2e']);

let daemon: PrivateDaemon | undefined;
let registry: RigRegistry | undefined;
let started: Promise<void> | undefined;

/**
 * Vitest runs the root config's globalSetup once per run, for the root project, whatever projects are selected
 * (inline projects do not inherit it). The `started` guard keeps it to one daemon even if it were called twice.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  started ??= prepare(project);
  await started;
  return teardown;
}

async function prepare(project: TestProject): Promise<void> {
  const wanted = project.vitest.projects.some((candidate) => DAEMON_PROJECTS.has(candidate.name));
  let host: string | null = null;
  let reason: string | null = null;

  if (!wanted) {
    reason = 'no integration or e2e project in this run';
  } else if (process.env.DOCKER_HOST) {
    host = process.env.DOCKER_HOST;
    await ensureFixtureImage(host);
  } else {
    const unavailable = privateDaemonUnavailableReason();
    if (unavailable) {
      reason = unavailable;
    } else {
      reapStaleDaemons();
      daemon = await startPrivateDaemon();
      host = daemon.host;
    }
  }

  if (host) {
    console.log(`[rig] daemon tests use ${host}`);
    process.env.BERTH_RIG_DOCKER_HOST = host;
    delete process.env.BERTH_RIG_SKIP_REASON;
  } else {
    if (wanted) console.warn(`[rig] integration/e2e tests skipped: ${reason}`);
    process.env.BERTH_RIG_SKIP_REASON = reason ?? 'no daemon';
    delete process.env.BERTH_RIG_DOCKER_HOST;
  }
  project.provide('rigDockerHost', host);
  project.provide('rigSkipReason', reason);
  project.provide('rigRegistry', host ? await startRegistry(host) : null);
  const remote = host ? await startRemoteRig() : { info: null, reason: reason ?? 'no daemon' };
  project.provide('rigRemote', remote.info);
  project.provide('rigRemoteSkipReason', remote.reason);
}

/** The rig registry, seeded with the fixture image; its address and credentials also go in the environment. */
async function startRegistry(
  host: string,
): Promise<{ address: string; username: string; password: string } | null> {
  for (const name of ['BERTH_RIG_REGISTRY', 'BERTH_RIG_REGISTRY_USER', 'BERTH_RIG_REGISTRY_PASSWORD'])
    delete process.env[name];
  const unavailable = registryUnavailableReason();
  if (unavailable) {
    console.warn(`[rig] registry tests skipped: ${unavailable}`);
    return null;
  }
  registry = await startRigRegistry({ dockerHost: host });
  process.env.BERTH_RIG_REGISTRY = registry.address;
  process.env.BERTH_RIG_REGISTRY_USER = registry.username;
  process.env.BERTH_RIG_REGISTRY_PASSWORD = registry.password;
  console.log(`[rig] registry at ${registry.address}`);
  return { address: registry.address, username: registry.username, password: registry.password };
}

async function teardown(): Promise<void> {
  await registry?.stop();
  registry = undefined;
  const running = daemon;
  daemon = undefined;
  started = undefined;
  await stopRemoteRig();
  await running?.stop();
}
