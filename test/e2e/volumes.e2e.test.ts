import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { docker, FIXTURE_IMAGE, rigDockerHost, skipUnlessRig, TEST_LABEL, waitFor } from '../rig';
import { type BerthApp, launchBerth } from './harness';
import { dumpAppOnFailure } from './support';

skipUnlessRig('volumes through the UI', () => {
  let app: BerthApp;
  let downloads: string;
  const suffix = Math.random().toString(16).slice(2, 10);
  const volume = `berth-e2e-vol-${suffix}`;
  const writer = `berth-e2e-writer-${suffix}`;

  beforeAll(async () => {
    downloads = await mkdtemp(join(tmpdir(), 'berth-e2e-downloads-'));
    app = await launchBerth({ env: { DOCKER_HOST: rigDockerHost() } });
  });
  dumpAppOnFailure(() => app);
  afterAll(async () => {
    await app?.close();
    await docker('rm', '-f', writer).catch(() => undefined);
    await docker('volume', 'rm', '-f', volume).catch(() => undefined);
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  it('creates a volume, browses what a container wrote, refuses to remove it while in use, then removes it', async () => {
    const page = app.window;
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Volumes' }).click();

    // Create it from the page.
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const create = page.getByTestId('create-volume-modal');
    await create.getByRole('textbox', { name: 'Name' }).fill(volume);
    await create.getByRole('textbox', { name: 'Labels' }).fill(`${TEST_LABEL}=e2e`);
    await create.getByRole('button', { name: 'Create' }).click();
    const row = page.locator(`[data-testid="volume-row"][data-name="${volume}"]`);
    await row.waitFor();
    // The new volume's details open; close them for now.
    const details = page.getByTestId('volume-details');
    await details.getByTestId('volume-browser-empty').waitFor();
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    expect(await docker('volume', 'inspect', '--format', '{{index .Labels "berth-test"}}', volume)).toBe(
      'e2e',
    );

    // A container writes into it; the row shows who uses it, live.
    await docker(
      'run',
      '-d',
      '--name',
      writer,
      '--network',
      'none',
      '--label',
      `${TEST_LABEL}=e2e`,
      '-v',
      `${volume}:/data`,
      FIXTURE_IMAGE,
      'sh',
      '-c',
      'mkdir -p /data/notes && echo "hello from the container" > /data/notes/greeting.txt && sleep 3600',
    );
    await waitFor(() => docker('exec', writer, 'cat', '/data/notes/greeting.txt').catch(() => ''), {
      description: 'the container to write its file',
    });
    await row.filter({ hasText: `${writer} (running)` }).waitFor();
    expect(await row.getAttribute('data-used')).toBe('true');

    // Browse to the file from the volume's details and download it.
    await row.click();
    const browser = details.getByTestId('volume-browser');
    await browser.locator('[data-testid="volume-entry"][data-path="notes"]').waitFor();
    await browser.getByRole('button', { name: 'notes', exact: true }).click();
    const file = browser.locator('[data-testid="volume-entry"][data-path="notes/greeting.txt"]');
    await file.waitFor();
    expect(await file.textContent()).toContain('25B');
    const target = join(downloads, 'greeting.txt');
    await app.answerNextDialog({ kind: 'save', canceled: false, filePath: target });
    await browser.getByRole('button', { name: 'Download greeting.txt' }).click();
    await details.locator('[data-testid="volume-transfer"][data-state="succeeded"]').waitFor();
    expect(await readFile(target, 'utf8')).toBe('hello from the container\n');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });

    // Removing it while the container uses it is refused, naming the container; the data stays.
    await page.getByRole('button', { name: `Remove ${volume}` }).click();
    const remove = page.getByTestId('remove-volumes-modal');
    await remove.getByTestId('remove-volumes-in-use').waitFor();
    await remove.getByRole('button', { name: 'Remove' }).click();
    const refusal = page
      .getByTestId('error-notification')
      .filter({ hasText: `Could not remove volume ${volume}` });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`is in use by ${writer}`);
    expect(await docker('volume', 'ls', '-q', '--filter', `name=^${volume}$`)).toBe(volume);
    expect(await docker('exec', writer, 'cat', '/data/notes/greeting.txt')).toBe('hello from the container');

    // Once the container is gone the volume is unused, and removing it works.
    await docker('rm', '-f', writer);
    await page.locator(`[data-testid="volume-row"][data-name="${volume}"][data-used="false"]`).waitFor();
    await page.getByRole('button', { name: `Remove ${volume}` }).click();
    await page.getByTestId('remove-volumes-modal').getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await docker('volume', 'ls', '-q', '--filter', `name=^${volume}$`)).toBe('');
  });
});
