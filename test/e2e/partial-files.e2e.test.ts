import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import type { IpcEnvelope } from '../../electron/common';
import { docker, FIXTURE_IMAGE, rigDockerHost, skipUnlessRig, TEST_LABEL } from '../rig';
import { type BerthApp, launchBerth } from './harness';
import { dumpAppOnFailure } from './support';

/** The page globals this test touches (the node tsconfig has no DOM types). */
interface BerthPage {
  berth: {
    volumes: { export(request: { engineId: string; volume: string }): Promise<IpcEnvelope<unknown>> };
  };
}

skipUnlessRig('a transfer killed mid-way leaves no partial file after the next start', () => {
  const volume = `berth-e2e-partial-${randomBytes(4).toString('hex')}`;
  let app: BerthApp;
  let downloads: string;
  let userData: string;

  beforeAll(async () => {
    downloads = await mkdtemp(join(tmpdir(), 'berth-e2e-partial-out-'));
    userData = await mkdtemp(join(tmpdir(), 'berth-e2e-partial-data-'));
    await docker('volume', 'create', '--label', `${TEST_LABEL}=e2e`, volume);
    // Big enough that the export is still running when the app is killed.
    await docker(
      'run',
      '--rm',
      '--network',
      'none',
      '-v',
      `${volume}:/data`,
      FIXTURE_IMAGE,
      'dd',
      'if=/dev/zero',
      'of=/data/big',
      'bs=1048576',
      'count=512',
    );
    app = await launchBerth({ userDataDir: userData, env: { DOCKER_HOST: rigDockerHost() } });
  });
  afterAll(async () => {
    await app?.close();
    await docker('volume', 'rm', '-f', volume).catch(() => undefined);
    await rm(downloads, { recursive: true, force: true });
    await rm(userData, { recursive: true, force: true });
  });
  dumpAppOnFailure(() => app);

  it('SIGKILL during a volume export, then a relaunch: the partial is gone, nothing else touched', async () => {
    const target = join(downloads, 'export.tar');
    await app.window.locator('[data-testid="engine-status"][data-state="connected"]').first().waitFor();
    await app.answerNextDialog({ kind: 'save', canceled: false, filePath: target });
    const started = await app.window.evaluate(
      (request) => (globalThis as unknown as BerthPage).berth.volumes.export(request),
      { engineId: 'local', volume },
    );
    expect(started).toMatchObject({ ok: true });
    const partial = await waitForPartial(downloads);
    const pid = await app.evaluate(() => process.pid);
    process.kill(pid, 'SIGKILL');
    await app.exited;
    // The kill left it there: this is what the next start must clean.
    expect(await readdir(downloads)).toContain(partial);
    await app.close();

    app = await launchBerth({ userDataDir: userData, env: { DOCKER_HOST: rigDockerHost() } });
    await app.window.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await readdir(downloads)).toEqual([]);
  });
});

/** The name of the export's partial file, once it exists (polled: the export creates it on its own time). */
async function waitForPartial(dir: string): Promise<string> {
  for (;;) {
    const found = (await readdir(dir)).find((name) => /^export\.tar\.berth-partial-[0-9a-f]{8}$/.test(name));
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
