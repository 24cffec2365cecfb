import { afterAll, beforeAll, expect, it } from 'vitest';

import { describeWithSwarm, dockerCli, waitFor } from '../rig';
import { type BerthApp, launchBerth } from './harness';
import { dumpAppOnFailure } from './support';

describeWithSwarm('Swarm page against a real two-node swarm', (swarm) => {
  let app: BerthApp;
  beforeAll(async () => {
    app = await launchBerth({ env: { DOCKER_HOST: swarm().managerHost } });
  });
  afterAll(() => app?.close());
  dumpAppOnFailure(() => app);

  afterAll(async () => {
    await dockerCli(swarm().managerHost, [
      'node',
      'update',
      '--availability',
      'active',
      swarm().workerNodeId,
    ]);
  });

  it('lists both nodes with their roles, and drains the worker (verified with docker node inspect)', async () => {
    const page = app.window;
    await page.getByRole('button', { name: 'Swarm', exact: true }).click();
    const rows = page.locator('[data-testid="node-row"]');
    await waitFor(async () => (await rows.count()) === 2 || undefined, { description: 'two node rows' });
    const worker = page.locator('[data-testid="node-row"][data-role="worker"]');
    const workerName = await worker.getAttribute('data-name');
    expect(await page.locator('[data-testid="node-row"][data-role="manager"]').count()).toBe(1);
    await worker.getByRole('button', { name: `Actions for node ${workerName ?? ''}` }).click();
    await page.getByRole('menuitem', { name: 'Drain' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Drain' }).click();
    await waitFor(
      async () => {
        const availability = await dockerCli(swarm().managerHost, [
          'node',
          'inspect',
          '--format',
          '{{.Spec.Availability}}',
          swarm().workerNodeId,
        ]);
        return availability.trim() === 'drain' || undefined;
      },
      { description: 'the worker drained' },
    );
    // Live from the node event: the row says so without a reload.
    await page.locator('[data-testid="node-row"][data-role="worker"][data-availability="drain"]').waitFor();
  });
});
