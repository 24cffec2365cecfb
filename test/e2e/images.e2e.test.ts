import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, expect, it } from 'vitest';

import type { IpcEnvelope, OperationSummary } from '../../electron/common';
import { filesUnder } from '../integration/support/files';
import { pushFreshImage } from '../integration/support/registry-images';
import {
  docker,
  rigDockerHost,
  rigRegistry,
  type RigRegistryInfo,
  skipUnlessRegistry,
  waitFor,
} from '../rig';
import { type BerthApp, launchBerth } from './harness';
import { dumpAppOnFailure } from './support';

/** The page globals this test touches (the node tsconfig has no DOM types). */
interface BerthPage {
  berth: { ops: { list(): Promise<IpcEnvelope<OperationSummary[]>> } };
  document: { documentElement: { outerHTML: string } };
}

skipUnlessRegistry('images end to end: log in, pull with progress, run', () => {
  const name = `e2e-img-${randomBytes(4).toString('hex')}`;
  let registry: RigRegistryInfo;
  let reference: string;
  let app: BerthApp | undefined;

  beforeAll(async () => {
    registry = rigRegistry()!;
    // An image only the auth-protected registry has, so the pull downloads a layer.
    reference = await pushFreshImage(rigDockerHost(), registry);
  });

  afterAll(async () => {
    await app?.close();
    await docker('rm', '-f', name).catch(() => undefined);
    if (reference !== undefined) await docker('rmi', '-f', reference).catch(() => undefined);
  });

  dumpAppOnFailure(() => app);

  it('logs in to the registry, pulls an image watching its progress, and runs it', async () => {
    app = await launchBerth({ env: { DOCKER_HOST: rigDockerHost() } });
    const page = app.window;
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor();
    await expect(docker('image', 'inspect', reference)).rejects.toThrow(/No such image/);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Images' }).click();
    await page.getByRole('heading', { name: 'Images' }).waitFor();

    // Log in: a wrong password is refused by the registry, the right one is stored.
    await page.getByRole('button', { name: 'Registries' }).click();
    const registries = page.getByTestId('registries-modal');
    await registries.getByRole('textbox', { name: 'Registry' }).fill(registry.address);
    await registries.getByRole('textbox', { name: 'User name' }).fill(registry.username);
    await registries.getByLabel('Password or access token').fill('not-the-password');
    await registries.getByRole('button', { name: 'Log in' }).click();
    await registries.locator('[data-testid="login-error"][data-error-code="UNAUTHORIZED"]').waitFor();
    await registries.getByLabel('Password or access token').fill(registry.password);
    await registries.getByRole('button', { name: 'Log in' }).click();
    await registries.getByTestId('login-done').waitFor();
    await registries
      .locator('[data-testid="registry-login"]', { hasText: registry.address })
      .getByText('Stored by Berth')
      .waitFor();
    await page.keyboard.press('Escape');
    await registries.waitFor({ state: 'hidden' });

    // Pull, watching the task list: the progress bar and the layer rows, then Done.
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Image', exact: true }).fill(reference);
    await page.getByRole('dialog').getByRole('button', { name: 'Pull', exact: true }).click();
    const task = page.getByRole('region', { name: `Pull ${reference}` });
    await task.waitFor();
    await task.getByTestId('operation-item').first().waitFor({ timeout: 60_000 });
    await task.locator('[data-testid="operation-state"]', { hasText: 'Done' }).waitFor({ timeout: 60_000 });
    expect(await task.getByTestId('operation-progress').getAttribute('data-value')).toBe('100');
    const items = task.getByTestId('operation-item');
    expect(await items.count()).toBeGreaterThan(0);
    expect(await task.locator('[data-testid="operation-item"]:not([data-done])').count()).toBe(0);

    const operations = await page.evaluate(async () => (globalThis as unknown as BerthPage).berth.ops.list());
    if (!operations.ok) throw new Error(operations.error.message);
    const pull = operations.value.find((operation) => operation.kind === 'image.pull');
    expect(pull?.state).toBe('succeeded');
    expect(pull?.progress.items.map((item) => item.status)).toContain('Pull complete');

    // The image is in the list, live; Run opens the Run dialog with it.
    const row = page.locator(`[data-testid="image-row"][data-ref="${reference}"]`);
    await row.waitFor();
    await page.getByRole('button', { name: `Run ${reference}` }).click();
    const dialog = page.getByTestId('run-dialog');
    const imageField = dialog.getByRole('textbox', { name: /^Image/ });
    await imageField.waitFor();
    expect(await imageField.inputValue()).toBe(reference);
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    // The rig daemon runs with --bridge=none: its containers need the "none" network.
    await dialog.getByLabel('Network').fill('none');
    await dialog.getByTestId('run-submit').click();
    await waitFor(
      async () => (await docker('inspect', '--format', '{{.State.Status}}', name)) === 'running',
      {
        timeoutMs: 30_000,
        description: `${name} to run`,
      },
    );
    expect(await docker('inspect', '--format', '{{.Config.Image}}', name)).toBe(reference);

    // The password is nowhere the renderer or the app's files and logs could show it.
    const html = await page.evaluate(
      () => (globalThis as unknown as BerthPage).document.documentElement.outerHTML,
    );
    expect(html).not.toContain(registry.password);
    expect(app.mainLogs()).not.toContain(registry.password);
    expect(app.rendererLogs()).not.toContain(registry.password);
    const stored = await filesUnder(app.userDataDir);
    expect(stored).toContain('v11');
    expect(stored).not.toContain(registry.password);
  });

  it('refuses to store a login without a real keyring (basic_text), and says why', async () => {
    await app?.close();
    app = await launchBerth({ env: { DOCKER_HOST: rigDockerHost() }, safeStorageBackend: 'basic_text' });
    const page = app.window;
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Images' }).click();
    await page.getByRole('button', { name: 'Registries' }).click();
    const registries = page.getByTestId('registries-modal');
    await registries
      .getByTestId('no-keyring')
      .getByText(/No OS keyring is available/)
      .waitFor();
    expect(await registries.getByRole('button', { name: 'Log in' }).count()).toBe(0);
    expect(await filesUnder(app.userDataDir)).not.toContain(registry.password);
  });
});
