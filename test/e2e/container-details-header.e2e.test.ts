import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { docker, FIXTURE_IMAGE, rigDockerHost, skipUnlessRig, TEST_LABEL, waitFor } from '../rig';
import { type BerthApp, launchBerth } from './harness';
import { dumpAppOnFailure } from './support';

skipUnlessRig('container details header, end to end', () => {
  const name = `e2e-header-${randomBytes(4).toString('hex')}`;
  let app: BerthApp;
  const stateOf = () => docker('inspect', '--format', '{{.State.Status}}', name);

  beforeAll(async () => {
    await docker(
      'run',
      '-d',
      '--name',
      name,
      '--stop-timeout',
      '1',
      '--label',
      `${TEST_LABEL}=e2e-header`,
      FIXTURE_IMAGE,
      'sleep',
      '3600',
    );
    app = await launchBerth({ env: { DOCKER_HOST: rigDockerHost() } });
  });
  afterAll(async () => {
    await app?.close();
    await docker('rm', '-f', name).catch(() => undefined);
  });
  dumpAppOnFailure(() => app);

  it('stops, starts from a stopped tab, restarts, pauses and removes the container from its header', async () => {
    const page = app.window;
    const row = page.locator(`[data-testid="container-row"][data-state="running"]`).filter({ hasText: name });
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name, exact: true }).click();
    const header = page.getByTestId('details-header');
    await header.waitFor();
    await header.locator('[data-testid="state-badge"][data-state="running"]').waitFor();
    await header.getByTestId('uptime').waitFor();
    // The rig's daemons publish no ports (no bridge): the port links are covered by the component test.
    const id = await docker('inspect', '--format', '{{.Id}}', name);
    expect((await header.getByTestId('copy-id').innerText()).trim()).toBe(id.trim().slice(0, 12));

    await header.getByRole('button', { name: 'Stop' }).click();
    await waitFor(async () => (await stateOf()) === 'exited', { timeoutMs: 30_000 });
    await header.locator('[data-testid="state-badge"][data-state="exited"]').waitFor({ timeout: 30_000 });

    // A stopped container's Terminal says so and starts it from there.
    await page.getByRole('tab', { name: 'Terminal' }).click();
    const stopped = page.getByTestId('stopped-state');
    await stopped.waitFor();
    await stopped.getByRole('button', { name: 'Start' }).click();
    await waitFor(async () => (await stateOf()) === 'running', { timeoutMs: 30_000 });
    await page.getByTestId('terminal-tab').waitFor({ timeout: 30_000 });

    const startedBefore = await docker('inspect', '--format', '{{.State.StartedAt}}', name);
    await header.getByRole('button', { name: 'Restart' }).click();
    await waitFor(
      async () => (await docker('inspect', '--format', '{{.State.StartedAt}}', name)) !== startedBefore,
      { timeoutMs: 30_000 },
    );

    await header.locator('[data-testid="state-badge"][data-state="running"]').waitFor({ timeout: 30_000 });
    await header.getByRole('button', { name: 'Pause' }).click();
    await waitFor(async () => (await stateOf()) === 'paused', { timeoutMs: 30_000 });
    await header.getByRole('button', { name: 'Resume' }).click();
    await waitFor(async () => (await stateOf()) === 'running', { timeoutMs: 30_000 });

    await header.locator('[data-testid="state-badge"][data-state="running"]').waitFor({ timeout: 30_000 });
    await header.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /^(Force remove|Remove)$/ }).click();
    await waitFor(
      async () => {
        const names = await docker('ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.Names}}');
        return names.trim() === '';
      },
      { timeoutMs: 30_000 },
    );
    // Back on the list once it is gone.
    await page.getByTestId('container-details').waitFor({ state: 'detached', timeout: 30_000 });
  });
});
