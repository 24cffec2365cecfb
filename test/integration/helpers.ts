import { randomBytes } from 'node:crypto';

import type { RunSpec } from '../../electron/common/containers/run';
import type { ContainerSummary } from '../../electron/common/containers/types';
import type { ContainerService } from '../../electron/main/docker/containers/container-service';
import { type EngineEndpoint, resolveLocalEndpoint } from '../../electron/main/docker/engine/endpoint';
import { type EngineRegistryOptions } from '../../electron/main/docker/engine/engine-registry';
import { runSpec as defaultRunSpec } from '../fixtures/run-spec';
import { docker, FIXTURE_IMAGE, TEST_LABEL, waitFor } from '../rig';

/** Fast reconnects for tests (the production default starts at 250 ms). */
export const fastBackoff: EngineRegistryOptions['backoff'] = { initialMs: 10, maxMs: 200, jitter: 0.2 };

/** The endpoint the app would build for `DOCKER_HOST=host`. */
export function endpointFor(host: string, id = 'local'): EngineEndpoint {
  return { ...resolveLocalEndpoint({ DOCKER_HOST: host }, 'linux', '/nonexistent-home'), id };
}

/** A name no other test (or earlier run) uses. */
export function uniqueName(prefix: string): string {
  return `berth-${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Arguments for a labelled busybox container with no network, running `command`. */
export function containerArgs(name: string, group: string, command: string[] = ['sleep', '3600']): string[] {
  return [
    '--name',
    name,
    '--network',
    'none',
    '--label',
    `${TEST_LABEL}=${group}`,
    FIXTURE_IMAGE,
    ...command,
  ];
}

/** Removes every container carrying this group's label, on `run` (the rig's CLI by default). */
export async function removeGroup(
  group: string,
  run: (...args: string[]) => Promise<string> = docker,
): Promise<void> {
  const ids = (await run('ps', '-aq', '--filter', `label=${TEST_LABEL}=${group}`))
    .split('\n')
    .filter(Boolean);
  if (ids.length > 0) await run('rm', '-f', ...ids);
}

/** `docker ps -a` as id → { name, state }. */
export async function dockerPsAll(
  run: (...args: string[]) => Promise<string> = docker,
): Promise<Map<string, { name: string; state: string }>> {
  const out = await run('ps', '-a', '--no-trunc', '--format', '{{.ID}}\t{{.Names}}\t{{.State}}');
  const rows = new Map<string, { name: string; state: string }>();
  for (const line of out.split('\n').filter(Boolean)) {
    const [id = '', name = '', state = ''] = line.split('\t');
    rows.set(id, { name, state });
  }
  return rows;
}

/** Waits until the service lists exactly the containers `docker ps -a` shows (same ids, names and states). */
export function waitForListToMatchDocker(
  service: ContainerService,
  engineId: string,
  run: (...args: string[]) => Promise<string> = docker,
): Promise<ContainerSummary[]> {
  return waitFor(
    async () => {
      const { items } = await service.list(engineId);
      const expected = await dockerPsAll(run);
      const same =
        items.length === expected.size &&
        items.every(
          (item) => expected.get(item.id)?.name === item.name && expected.get(item.id)?.state === item.state,
        );
      return same ? items : undefined;
    },
    { description: `${engineId} to match docker ps -a` },
  );
}

/** Resource kinds alive in this process, counted (process.getActiveResourcesInfo). */
export function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** Resource kinds of which more are alive in `after` than in `before` (what a disposal left behind). */
export function leftovers(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after]
    .filter(([kind, count]) => count > (before.get(kind) ?? 0))
    .map(([kind, count]) => `${kind}×${count}`);
}

/** A Run request for the fixture image on `local` (sleeping, no network, nothing published), with overrides. */
export function runSpec(overrides: Partial<RunSpec> = {}): RunSpec {
  return defaultRunSpec({ image: FIXTURE_IMAGE, command: ['sleep', '3600'], network: 'none', ...overrides });
}

/** Runs `command` in a throwaway fixture container (no network) with `mount` (`volume:/path[:ro]`); its stdout. */
export function runWithMount(
  mount: string,
  command: readonly string[],
  run: (...args: string[]) => Promise<string> = docker,
): Promise<string> {
  return run('run', '--rm', '--network', 'none', '-v', mount, FIXTURE_IMAGE, ...command);
}
