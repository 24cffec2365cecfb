import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, expect, it } from 'vitest';

import {
  docker,
  FIXTURE_IMAGE,
  rigDockerHost,
  rigRemote,
  type RigRemoteInfo,
  skipUnlessRemoteRig,
  TEST_LABEL,
  waitFor,
} from '../rig';
import { type BerthApp, launchBerth } from './harness';
import {
  contextEngineId,
  dumpAppOnFailure,
  type E2eDockerConfig,
  makeDockerConfig,
  remoteDockerOf,
} from './support';

/** The parts of a row element the test reads. */
interface RowElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): { textContent: string | null } | null;
}

skipUnlessRemoteRig('Containers under All hosts, end to end', () => {
  const tag = randomBytes(4).toString('hex');
  // Two containers on each daemon: the rig's own ("Local") and the TLS rig daemon, reached as a docker context.
  const localRunning = `aht-${tag}-local-run`;
  const localStopped = `aht-${tag}-local-off`;
  const remoteRunning = `aht-${tag}-remote-run`;
  const remoteKept = `aht-${tag}-remote-kept`;
  const contextName = `rigb${tag}`;
  let remote: RigRemoteInfo;
  let dockerConfig: E2eDockerConfig | undefined;
  let app: BerthApp;
  const remoteDocker = remoteDockerOf(() => remote);
  const create = (on: (...args: string[]) => Promise<string>, name: string) =>
    on(
      'create',
      '--name',
      name,
      '--network',
      'none',
      '--stop-timeout',
      '1',
      '--label',
      `${TEST_LABEL}=e2e-all-hosts`,
      FIXTURE_IMAGE,
      'sleep',
      '3600',
    );
  const stateOf = (on: (...args: string[]) => Promise<string>, name: string) =>
    on('inspect', '--format', '{{.State.Status}}', name);

  beforeAll(async () => {
    remote = rigRemote() as RigRemoteInfo;
    // The second host is a docker CLI context in the app's own DOCKER_CONFIG.
    dockerConfig = await makeDockerConfig([{ name: contextName, remote }]);
    await Promise.all([
      create(docker, localRunning),
      create(docker, localStopped),
      create(remoteDocker, remoteRunning),
      create(remoteDocker, remoteKept),
    ]);
    await Promise.all([docker('start', localRunning), remoteDocker('start', remoteRunning, remoteKept)]);
    app = await launchBerth({ env: { DOCKER_HOST: rigDockerHost(), DOCKER_CONFIG: dockerConfig.dir } });
  });

  afterAll(async () => {
    await app?.close();
    await docker('rm', '-f', localRunning, localStopped).catch(() => undefined);
    await remoteDocker('rm', '-f', remoteRunning, remoteKept).catch(() => undefined);
    await dockerConfig?.remove();
  });

  dumpAppOnFailure(() => app);

  it('lists both hosts in one table, searches and filters across them, and bulk-stops each container on its own daemon', async () => {
    const page = app.window;
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor();
    const engineId = contextEngineId(contextName);
    await page.getByRole('combobox', { name: 'Host' }).locator(`option[value="${engineId}"]`).waitFor({
      state: 'attached',
    });
    await page.getByRole('combobox', { name: 'Host' }).selectOption('all');

    const table = page.getByRole('table', { name: 'Containers on all hosts' });
    await table.waitFor();
    const rowsShown = table.getByTestId('container-row');
    /** The rows shown, as `name@engine`, sorted; read in one pass, as rows come and go. */
    const shown = async (): Promise<string[]> =>
      (
        await rowsShown.evaluateAll((rows: RowElement[]) =>
          rows.map(
            (row) =>
              `${row.querySelector('[data-column="name"]')?.textContent ?? ''}@${row.getAttribute('data-engine-id') ?? ''}`,
          ),
        )
      ).sort();

    // One table, both hosts, each row with its host.
    const search = page.getByRole('textbox', { name: 'Search containers' });
    await search.fill(`aht-${tag}`);
    await expect
      .poll(shown, { timeout: 30_000 })
      .toEqual(
        [
          `${localRunning}@local`,
          `${localStopped}@local`,
          `${remoteKept}@${engineId}`,
          `${remoteRunning}@${engineId}`,
        ].sort(),
      );
    const row = (name: string, onEngine: string) =>
      table.locator(`[data-testid="container-row"][data-engine-id="${onEngine}"]`).filter({ hasText: name });
    expect(await row(remoteRunning, engineId).locator('[data-column="host"]').innerText()).toBe(contextName);
    expect(await row(localRunning, 'local').locator('[data-column="host"]').innerText()).toBe('Local');

    // The search matches the host's name; the state filter applies to every host.
    await search.fill(`${tag} ${contextName}`);
    await expect.poll(shown).toEqual([`${remoteKept}@${engineId}`, `${remoteRunning}@${engineId}`].sort());
    await search.fill(`aht-${tag}`);
    await page.getByRole('radiogroup', { name: 'Show containers by state' }).getByText('Stopped').click();
    await expect.poll(shown).toEqual([`${localStopped}@local`]);
    await page.getByRole('radiogroup', { name: 'Show containers by state' }).getByText('Running').click();
    await expect
      .poll(shown)
      .toEqual([`${localRunning}@local`, `${remoteKept}@${engineId}`, `${remoteRunning}@${engineId}`].sort());

    // A selection spanning both hosts, stopped in one go: each container on its own daemon.
    await page.getByRole('checkbox', { name: `Select ${localRunning} on Local` }).check();
    await page.getByRole('checkbox', { name: `Select ${remoteRunning} on ${contextName}` }).check();
    expect(await page.getByTestId('selected-count').innerText()).toBe('2 containers selected on 2 hosts');
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Stop', exact: true }).click();

    await waitFor(async () => (await stateOf(docker, localRunning)) === 'exited', { timeoutMs: 30_000 });
    await waitFor(async () => (await stateOf(remoteDocker, remoteRunning)) === 'exited', {
      timeoutMs: 30_000,
    });
    // Nothing else moved, and neither daemon was asked about the other's container.
    expect(await stateOf(remoteDocker, remoteKept)).toBe('running');
    await expect(docker('inspect', remoteRunning)).rejects.toThrow(/No such object/);
    await expect(remoteDocker('inspect', localRunning)).rejects.toThrow(/No such object/);
    // The list follows both daemons: under "Running" only the untouched one is left.
    await expect.poll(shown, { timeout: 30_000 }).toEqual([`${remoteKept}@${engineId}`]);
  });
});
