import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { type AppRoute, EVENT_TRANSPORT_CHANNEL, type EventMessage, IpcEvent } from '../../electron/common';
import {
  docker,
  rigDockerHost,
  rigRemote,
  type RigRemoteInfo,
  skipUnlessRemoteRig,
  TEST_LABEL,
} from '../rig';
import { type BerthApp, launchBerth } from './harness';
import {
  contextEngineId,
  dumpAppOnFailure,
  type E2eDockerConfig,
  makeDockerConfig,
  remoteDockerOf,
} from './support';

/** What a notification click or the command palette does: main asks the window to open a route. */
async function openRoute(app: BerthApp, route: AppRoute): Promise<void> {
  const message: EventMessage<typeof IpcEvent.CommandRequested> = {
    name: IpcEvent.CommandRequested,
    payload: { command: 'open', route },
  };
  await app.evaluate(
    (electron, arg) => {
      for (const window of electron.BrowserWindow.getAllWindows())
        window.webContents.send(arg.channel, arg.message);
    },
    { channel: EVENT_TRANSPORT_CHANNEL, message },
  );
}

skipUnlessRemoteRig('volumes and networks of two hosts under All hosts', () => {
  const suffix = randomBytes(4).toString('hex');
  const context = `e2e-res-${suffix}`;
  const remoteId = contextEngineId(context);
  const shared = `berth-e2e-both-${suffix}`;
  const remoteOnly = `berth-e2e-remote-${suffix}`;
  const network = `berth-e2e-net-${suffix}`;
  let remote: RigRemoteInfo;
  let dockerConfig: E2eDockerConfig | undefined;
  let app: BerthApp;
  const remoteDocker = remoteDockerOf(() => remote);
  const volumesOn = async (run: (...args: string[]) => Promise<string>) =>
    (await run('volume', 'ls', '-q', '--filter', `label=${TEST_LABEL}=e2e-all-${suffix}`))
      .split('\n')
      .filter(Boolean);

  beforeAll(async () => {
    remote = rigRemote() as RigRemoteInfo;
    // The second daemon reached as a docker CLI context, as a user with two hosts would have it.
    dockerConfig = await makeDockerConfig([{ name: context, remote }]);
    const label = ['--label', `${TEST_LABEL}=e2e-all-${suffix}`];
    for (const run of [docker, remoteDocker]) {
      await run('volume', 'create', ...label, shared);
      await run('network', 'create', ...label, network);
    }
    await remoteDocker('volume', 'create', ...label, remoteOnly);
    app = await launchBerth({ env: { DOCKER_HOST: rigDockerHost(), DOCKER_CONFIG: dockerConfig.dir } });
  });

  dumpAppOnFailure(() => app);

  afterAll(async () => {
    await app?.close();
    for (const run of [docker, remoteDocker]) {
      await run('volume', 'rm', '-f', shared, remoteOnly).catch(() => undefined);
      await run('network', 'rm', network).catch(() => undefined);
    }
    await dockerConfig?.remove();
  });

  it('lists both hosts in one table, removes a volume on its own host only, and opens details from a route', async () => {
    const page = app.window;
    const hostSelect = page.getByRole('combobox', { name: 'Host' });
    await page.locator(`option[value="${remoteId}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    await hostSelect.selectOption('all');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Volumes' }).click();

    // One table, the same name on both hosts, each row naming its host.
    const table = page.getByRole('table', { name: 'Volumes on all hosts' });
    const sharedRow = (engineId: string) =>
      table.locator(`[data-testid="volume-row"][data-name="${shared}"][data-engine-id="${engineId}"]`);
    await sharedRow('local').waitFor();
    await sharedRow(remoteId).waitFor({ timeout: 30_000 });
    expect(await sharedRow('local').locator('[data-column="host"]').innerText()).toBe('Local');
    expect(await sharedRow(remoteId).locator('[data-column="host"]').innerText()).toBe(context);
    expect(await table.getByRole('columnheader').allTextContents()).toContain('Host');

    // Removing the second host's copy removes it there, and only there.
    await sharedRow(remoteId)
      .getByRole('button', { name: `Remove ${shared} on ${context}` })
      .click();
    const modal = page.getByTestId('remove-volumes-modal');
    await modal.getByText(`Remove volume ${shared} on ${context}?`).waitFor();
    await modal.getByRole('button', { name: 'Remove' }).click();
    await sharedRow(remoteId).waitFor({ state: 'detached' });
    expect(await sharedRow('local').count()).toBe(1);
    expect(await volumesOn(remoteDocker)).toEqual([remoteOnly]);
    expect(await volumesOn(docker)).toEqual([shared]);

    // A details route (what the command palette opens) shows that host's volume.
    await openRoute(app, { page: 'volumes', detail: { kind: 'volume', engineId: remoteId, id: remoteOnly } });
    const details = page.getByTestId('volume-details');
    await details.getByRole('heading').filter({ hasText: remoteOnly }).waitFor();
    expect(await details.getByTestId('details-host').textContent()).toBe(context);
    expect(
      await table.locator(`[data-testid="volume-row"][data-selected="true"]`).getAttribute('data-engine-id'),
    ).toBe(remoteId);
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });

    // Networks merge the same way.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Networks' }).click();
    const networks = page.getByRole('table', { name: 'Networks on all hosts' });
    const netRow = (engineId: string) =>
      networks.locator(`[data-testid="network-row"][data-name="${network}"][data-engine-id="${engineId}"]`);
    await netRow('local').waitFor();
    await netRow(remoteId).waitFor();
    expect(await netRow(remoteId).locator('[data-column="host"]').innerText()).toBe(context);
    await netRow(remoteId).click();
    const networkDetails = page.getByTestId('network-details');
    expect(await networkDetails.getByTestId('details-host').textContent()).toBe(context);
    const remoteNetworkId = await remoteDocker('network', 'inspect', '--format', '{{.Id}}', network);
    expect(await networkDetails.innerText()).toContain(remoteNetworkId);
    await page.keyboard.press('Escape');
    await networkDetails.waitFor({ state: 'hidden' });
  });

  it('removes networks of both hosts at once, each on its own host', async () => {
    const page = app.window;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Networks' }).click();
    const networks = page.getByRole('table', { name: 'Networks on all hosts' });
    const netRow = (engineId: string) =>
      networks.locator(`[data-testid="network-row"][data-name="${network}"][data-engine-id="${engineId}"]`);
    await netRow('local').waitFor();
    await netRow(remoteId).waitFor({ timeout: 30_000 });
    const listed = (run: (...args: string[]) => Promise<string>) =>
      run('network', 'ls', '--format', '{{.Name}}', '--filter', `name=^${network}$`);
    for (const run of [docker, remoteDocker]) expect(await listed(run)).toBe(network);
    await page.getByRole('checkbox', { name: `Select ${network} on Local`, exact: true }).check();
    await page.getByRole('checkbox', { name: `Select ${network} on ${context}`, exact: true }).check();
    await page.getByRole('button', { name: 'Remove 2', exact: true }).click();

    const modal = page.getByTestId('remove-network-modal');
    await modal.getByText('Remove 2 networks?').waitFor();
    expect(await modal.getByRole('listitem').allTextContents()).toEqual([
      `${network} on Local`,
      `${network} on ${context}`,
    ]);
    await modal.getByRole('button', { name: 'Remove 2', exact: true }).click();
    await netRow('local').waitFor({ state: 'detached' });
    await netRow(remoteId).waitFor({ state: 'detached', timeout: 30_000 });
    for (const run of [docker, remoteDocker]) expect(await listed(run)).toBe('');
  });
});
