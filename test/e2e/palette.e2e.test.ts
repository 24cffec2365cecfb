import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { docker, FIXTURE_IMAGE, rigDockerHost, skipUnlessRig, TEST_LABEL } from '../rig';
import { type BerthApp, launchBerth } from './harness';
import { dumpAppOnFailure } from './support';

skipUnlessRig('command palette: images, volumes and networks', () => {
  const suffix = randomBytes(4).toString('hex');
  // Unique names, so part of each finds only what this test made on the shared daemon.
  const image = `berth-e2e-pal-${suffix}/app:1.0`;
  const volume = `berth-e2e-palvol-${suffix}`;
  const network = `berth-e2e-palnet-${suffix}`;
  const shop = `berth-e2e-shop-${suffix}`;
  let app: BerthApp | undefined;

  beforeAll(async () => {
    await docker('tag', FIXTURE_IMAGE, image);
    await docker('volume', 'create', '--label', `${TEST_LABEL}=e2e`, volume);
    await docker('network', 'create', '--label', `${TEST_LABEL}=e2e`, network);
    await docker(
      'run',
      '-d',
      '--network',
      'none',
      '--name',
      shop,
      '--label',
      `${TEST_LABEL}=e2e`,
      FIXTURE_IMAGE,
      'sleep',
      '3600',
    );
    app = await launchBerth({ env: { DOCKER_HOST: rigDockerHost() } });
    await app.window.locator('[data-testid="engine-status"][data-state="connected"]').first().waitFor();
  });

  afterAll(async () => {
    await app?.close();
    await docker('rmi', image).catch(() => undefined);
    await docker('volume', 'rm', '-f', volume).catch(() => undefined);
    await docker('network', 'rm', network).catch(() => undefined);
    await docker('rm', '-f', shop).catch(() => undefined);
  });

  dumpAppOnFailure(() => app);

  /** Opens the palette with Ctrl+K, types `query` and picks the option named `option`. */
  async function choose(query: string, option: string) {
    const page = app!.window;
    await page.locator('body').press('Control+k');
    const input = page.getByRole('combobox', { name: 'Search containers, hosts and actions' });
    await input.waitFor();
    await input.fill(query);
    // Exact: the name must be the plain text the entry shows, host-less with one host.
    await page.getByRole('option', { name: option, exact: true }).click();
    await input.waitFor({ state: 'detached' });
  }

  const current = (view: string) =>
    app!.window.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]', { hasText: view });

  it('finds an image by part of its name and opens the Run dialog prefilled with it', async () => {
    const page = app!.window;
    await choose(`pal-${suffix}`, `Run ${image}`);
    const dialog = page.getByTestId('run-dialog');
    const imageField = dialog.getByRole('textbox', { name: /^Image/ });
    await imageField.waitFor();
    expect(await imageField.inputValue()).toBe(image);
    await current('Containers').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('finds a volume by part of its name and opens its details on the Volumes page', async () => {
    const page = app!.window;
    await choose(`palvol ${suffix.slice(0, 4)}`, `Open volume ${volume}`);
    await current('Volumes').waitFor();
    await page.getByTestId('volume-details').getByRole('heading', { name: volume }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('volume-details').getByRole('heading').waitFor({ state: 'detached' });
  });

  it('finds a network by part of its name and opens its details on the Networks page', async () => {
    const page = app!.window;
    await choose(`palnet-${suffix}`, `Open network ${network}`);
    await current('Networks').waitFor();
    await page.getByTestId('network-details').getByRole('heading', { name: network }).waitFor();
  });

  it('"shop" + Enter opens the container\'s details and stops nothing', async () => {
    const page = app!.window;
    await page.locator('body').press('Control+k');
    const input = page.getByRole('combobox', { name: 'Search containers, hosts and actions' });
    await input.fill(`shop-${suffix}`);
    await page.getByRole('option', { name: `Stop ${shop}`, exact: true }).waitFor();
    await page
      .getByRole('option', { name: shop, exact: true })
      .and(page.locator('[aria-selected="true"]'))
      .waitFor();
    await input.press('Enter');
    await current('Containers').waitFor();
    await page.getByTestId('container-details').waitFor();
    expect((await docker('inspect', '-f', '{{.State.Running}}', shop)).trim()).toBe('true');
  });
});
