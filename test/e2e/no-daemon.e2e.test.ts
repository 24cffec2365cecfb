import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, expect, it } from 'vitest';

import { docker, FIXTURE_IMAGE, rigSocketPath, skipUnlessRig, TEST_LABEL, waitFor } from '../rig';
import { type BerthApp, launchBerth } from './harness';
import { dumpAppOnFailure } from './support';

skipUnlessRig('no daemon reachable, end to end', () => {
  let app: BerthApp | undefined;
  let dir: string | undefined;
  let containerId: string | undefined;

  dumpAppOnFailure(() => app);

  afterAll(async () => {
    await app?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    if (containerId !== undefined) await docker('rm', '-f', containerId).catch(() => undefined);
  });

  it('opens anyway, says which address it tried and why, and connects by itself when the daemon appears', async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-e2e-absent-'));
    const socketPath = join(dir, 'docker.sock');
    const address = `unix://${socketPath}`;
    containerId = await docker(
      'create',
      '--network',
      'none',
      '--label',
      `${TEST_LABEL}=e2e`,
      FIXTURE_IMAGE,
      'true',
    );

    app = await launchBerth({ env: { DOCKER_HOST: address } });
    const page = app.window;

    const status = page.locator('[data-testid="engine-status"][data-state="unreachable"]');
    await status.waitFor();
    const statusText = await status.innerText();
    expect(statusText).toContain(socketPath);
    expect(statusText).toMatch(/no socket exists at that path/i);
    // The tray says so too (it rebuilds a moment after the window, so wait for it).
    const trayLabels = async () => (await app!.trayMenu()).map((item) => item.label);
    await waitFor(async () => (await trayLabels()).includes('Local: unreachable'), {
      description: 'tray: unreachable',
    });

    // The daemon "appears" at the address Berth keeps trying.
    await symlink(rigSocketPath(), socketPath);
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
    await page.locator(`[data-testid="container-row"][data-container-id="${containerId}"]`).waitFor();
    await waitFor(async () => (await trayLabels()).includes('Local: connected'), {
      description: 'tray: connected',
    });
    expect(await trayLabels()).not.toContain('Local: unreachable');
  });
});
