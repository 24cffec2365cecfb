import { describe, inject } from 'vitest';

import { dockerCli } from './private-daemon';

export { type CountingProxy, pathnameOf, type ProxiedRequest, startCountingProxy } from './counting-proxy';
export {
  dockerCli,
  FIXTURE_IMAGE,
  type PrivateDaemon,
  privateDaemonUnavailableReason,
  startPrivateDaemon,
  TEST_LABEL,
} from './private-daemon';

function provided<K extends 'rigDockerHost' | 'rigSkipReason'>(key: K): string | undefined {
  try {
    return inject(key) ?? undefined;
  } catch {
    // Outside a vitest worker (an e2e child process): the environment carries the same values.
    return undefined;
  }
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
