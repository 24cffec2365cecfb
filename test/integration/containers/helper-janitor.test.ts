import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { HelperJanitor, helperLabels } from '../../../electron/main/docker/containers/helper-janitor';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { docker, FIXTURE_IMAGE, rigDockerHost, skipUnlessRig, TEST_LABEL, waitFor } from '../../rig';
import { endpointFor, fastBackoff, removeGroup, uniqueName } from '../helpers';

const GROUP = 'helper-janitor';

/** A pid that was alive a moment ago and is gone now: the owner of a crashed Berth's helper. */
function deadPid(): number {
  const { pid } = spawnSync('true');
  if (pid === undefined) throw new Error('could not spawn a process');
  return pid;
}

/** A created (never started) helper-labelled container like VolumeFileService makes, owned by `pid` here. */
function createHelper(pid: number): Promise<string> {
  const labels = Object.entries(helperLabels('volume', { host: hostname(), pid })).flatMap(([key, value]) => [
    '--label',
    `${key}=${value}`,
  ]);
  return docker(
    'create',
    '--name',
    uniqueName('helper'),
    '--network',
    'none',
    '--label',
    `${TEST_LABEL}=${GROUP}`,
    ...labels,
    FIXTURE_IMAGE,
    'true',
  );
}

const exists = (id: string): Promise<boolean> =>
  docker('inspect', '--format', '{{.Id}}', id).then(
    () => true,
    () => false,
  );

skipUnlessRig('HelperJanitor against a real daemon', () => {
  let engines: EngineRegistry;
  let janitor: HelperJanitor;
  let leftover: string;
  let inUse: string;

  beforeAll(async () => {
    leftover = await createHelper(deadPid());
    // Owned by this live process, as a helper mid-transfer is.
    inUse = await createHelper(process.pid);
    engines = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
    janitor = new HelperJanitor(engines);
    engines.start();
  });
  afterAll(async () => {
    janitor.dispose();
    await engines.dispose();
    await removeGroup(GROUP);
  });

  it('removes a leftover helper on connect and keeps a helper in use', async () => {
    await waitFor(async () => !(await exists(leftover)), { description: 'the leftover helper removed' });
    // The connect's sweep has decided about every helper; one more finds nothing to remove.
    expect(await janitor.sweep('local')).not.toContain(inUse);
    expect(await exists(inUse)).toBe(true);
  });

  it('sweeps again on a reconnect', async () => {
    const later = await createHelper(deadPid());
    await engines.reconnect('local');
    await waitFor(async () => !(await exists(later)), { description: 'the later leftover removed' });
    expect(await exists(inUse)).toBe(true);
  });
});
