import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, expect, it } from 'vitest';

import type { IpcEnvelope, OperationSummary } from '../../electron/common';
import {
  type PlainRegistry,
  pushFreshImage,
  startPlainRegistry,
} from '../integration/support/registry-images';
import { docker, rigDockerHost, skipUnlessRig, waitFor } from '../rig';
import { type BerthApp, launchBerth } from './harness';
import { dumpAppOnFailure } from './support';

/** The page globals this test touches (the node tsconfig has no DOM types). */
interface BerthPage {
  berth: { ops: { list(): Promise<IpcEnvelope<OperationSummary[]>> } };
}

skipUnlessRig('running an image that is not local, end to end', () => {
  const name = `e2e-run-${randomBytes(4).toString('hex')}`;
  let registry: PlainRegistry;
  let reference: string;
  let app: BerthApp;

  beforeAll(async () => {
    // A registry without a login (the app has no credentials for the rig's), holding an image this daemon lacks.
    registry = await startPlainRegistry();
    reference = await pushFreshImage(rigDockerHost(), { address: registry.address });
    app = await launchBerth({ env: { DOCKER_HOST: rigDockerHost() } });
  });

  afterAll(async () => {
    await app?.close();
    await docker('rm', '-f', name).catch(() => undefined);
    if (reference !== undefined) await docker('rmi', '-f', reference).catch(() => undefined);
    await registry?.stop();
  });

  dumpAppOnFailure(() => app);

  it('pulls it from the registry with progress, runs it, opens its logs, then stops and removes it', async () => {
    const page = app.window;
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor();
    await expect(docker('image', 'inspect', reference)).rejects.toThrow(/No such image/);

    await page.getByRole('button', { name: 'Run a container…' }).click();
    const dialog = page.getByTestId('run-dialog');
    await dialog.getByRole('textbox', { name: /^Image/ }).fill(reference);
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    // The rig daemon runs with --bridge=none: its containers need the "none" network.
    await dialog.getByLabel('Network').fill('none');
    await dialog.getByTestId('run-command').getByText(`--name ${name} --network none ${reference}`).waitFor();
    await dialog.getByTestId('run-submit').click();

    // The run opens the new container's details on its Logs tab, where its first line shows.
    await page.getByTestId('container-details').waitFor({ timeout: 60_000 });
    await page.getByText('ready', { exact: true }).first().waitFor({ timeout: 30_000 });
    expect(await docker('inspect', '--format', '{{.State.Status}} {{.Config.Image}}', name)).toBe(
      `running ${reference}`,
    );

    // The pull happened, layer by layer, as one operation the renderer followed.
    const operations = await page.evaluate(async () => (globalThis as unknown as BerthPage).berth.ops.list());
    if (!operations.ok) throw new Error(operations.error.message);
    const run = operations.value.find((operation) => operation.kind === 'container.run');
    expect(run?.state).toBe('succeeded');
    expect(run?.progress.items.length).toBeGreaterThan(0);
    expect(run?.progress.items.every((item) => item.done)).toBe(true);
    expect(run?.progress.items.map((item) => item.status)).toContain('Pull complete');

    // Back to the list: stop it from its row.
    await page.getByRole('button', { name: 'Back to containers' }).click();
    const row = page.locator(`[data-testid="container-row"][data-state="running"]`, { hasText: name });
    await row.waitFor();
    // Its row shows memory from a one-shot stats sample main took because the row is on screen (the Memory column
    // shows from ~1400 px: columns by priority).
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.setSize(1440, 900));
    await row
      .getByTestId('memory')
      .getByText(/^[\d.]+[kMG]?B$/)
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: `Stop ${name}` }).click();
    await waitFor(async () => (await docker('inspect', '--format', '{{.State.Status}}', name)) === 'exited', {
      timeoutMs: 30_000,
      description: `${name} to exit`,
    });
    await page.locator(`[data-testid="container-row"][data-state="exited"]`, { hasText: name }).waitFor();

    // Remove it, after the confirmation that says what is lost.
    await page.getByRole('button', { name: `Remove ${name}` }).click();
    const confirm = page.getByTestId('remove-container-modal');
    await confirm.getByText('that is not on a volume').waitFor();
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.locator('[data-testid="container-row"]', { hasText: name }).waitFor({ state: 'detached' });
    expect(await docker('ps', '-aq', '--filter', `name=^/${name}$`)).toBe('');
  });
});
