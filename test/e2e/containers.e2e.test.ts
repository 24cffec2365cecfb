import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { docker, FIXTURE_IMAGE, rigDockerHost, skipUnlessRig, TEST_LABEL, waitFor } from '../rig';
import { type BerthApp, launchBerth } from './harness';
import { dumpAppOnFailure } from './support';

/** The page globals this test touches (the node tsconfig has no DOM types). */
interface BerthPage {
  e2eMarker?: string;
}

skipUnlessRig('containers, end to end', () => {
  const name = `e2e-${randomBytes(4).toString('hex')}`;
  let app: BerthApp;

  beforeAll(async () => {
    app = await launchBerth({ env: { DOCKER_HOST: rigDockerHost() } });
  });

  afterAll(async () => {
    await app?.close();
    await docker('rm', '-f', name).catch(() => undefined);
  });

  dumpAppOnFailure(() => app);

  it('shows a container created outside Berth without a reload, and stops it from its row', async () => {
    const page = app.window;
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor();
    // A marker in the page: if the list only updated through a reload, it would be gone.
    await page.evaluate(() => {
      (globalThis as unknown as BerthPage).e2eMarker = 'same document';
    });

    const id = await docker(
      'create',
      '--network',
      'none',
      '--name',
      name,
      '--label',
      `${TEST_LABEL}=e2e`,
      FIXTURE_IMAGE,
      'sleep',
      '300',
    );
    await docker('start', id);

    const row = page.locator(`[data-testid="container-row"][data-container-id="${id}"]`);
    await page
      .locator(`[data-testid="container-row"][data-container-id="${id}"][data-state="running"]`)
      .waitFor();
    const nameCell = row.getByText(name, { exact: true });
    await nameCell.waitFor({ state: 'visible' });
    expect(await nameCell.isVisible()).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as BerthPage).e2eMarker)).toBe('same document');

    await page.getByRole('button', { name: `Stop ${name}` }).click();

    const state = await waitFor(
      async () => {
        const status = await docker('inspect', '-f', '{{.State.Status}}', id);
        return status === 'exited' ? status : undefined;
      },
      { timeoutMs: 30_000, description: `${name} to exit after Stop` },
    );
    expect(state).toBe('exited');
    await page
      .locator(`[data-testid="container-row"][data-container-id="${id}"][data-state="exited"]`)
      .waitFor();
    expect(await row.getAttribute('data-state')).toBe('exited');
  });
});
