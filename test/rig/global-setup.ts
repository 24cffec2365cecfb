import type { TestProject } from 'vitest/node';

import {
  ensureFixtureImage,
  type PrivateDaemon,
  privateDaemonUnavailableReason,
  reapStaleDaemons,
  startPrivateDaemon,
} from './private-daemon';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The daemon integration and e2e tests use (`unix://…`), or null when they are skipped. */
    rigDockerHost: string | null;
    /** Why there is no daemon, in plain words; null when there is one. */
    rigSkipReason: string | null;
  }
}

/** Projects that need a daemon; a run of only unit projects starts none. */
const DAEMON_PROJECTS = new Set(['integration', 'e2e']);

let daemon: PrivateDaemon | undefined;
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
}

async function teardown(): Promise<void> {
  const running = daemon;
  daemon = undefined;
  started = undefined;
  await running?.stop();
}
