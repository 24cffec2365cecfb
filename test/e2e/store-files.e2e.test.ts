import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import type { HostInput, IpcEnvelope } from '../../electron/common';
import { rigDockerHost, skipUnlessRig } from '../rig';
import { type BerthApp, launchBerth } from './harness';
import { dumpAppOnFailure } from './support';

/** The page globals this test touches (the node tsconfig has no DOM types). */
interface BerthPage {
  berth: { hosts: { save(input: HostInput): Promise<IpcEnvelope<unknown>> } };
}

const savedHosts = {
  hosts: [
    {
      id: 'host:0a1b2c3d4e5f',
      name: 'saved-before',
      url: 'unix:///tmp/berth-e2e-none.sock',
      description: '',
      skipTlsVerify: false,
    },
  ],
  engines: {},
  passphrases: {},
};

skipUnlessRig('damaged store files: Berth starts, says so, keeps every file', () => {
  let userData: string;
  let app: BerthApp;
  const damagedSettings = '{"theme": "dark", "closeToTr'; // truncated mid-write
  const damagedWindow = '\u0000\u0000junk';
  const damagedHosts = JSON.stringify({ hosts: 'not a list' });

  beforeAll(async () => {
    userData = await mkdtemp(join(tmpdir(), 'berth-e2e-stores-'));
    await writeFile(join(userData, 'settings.json'), damagedSettings);
    await writeFile(join(userData, 'window-state.json'), damagedWindow);
    await writeFile(join(userData, 'hosts.json'), damagedHosts);
    app = await launchBerth({ userDataDir: userData, env: { DOCKER_HOST: rigDockerHost() } });
  });
  afterAll(async () => {
    await app?.close();
    await rm(userData, { recursive: true, force: true });
  });
  dumpAppOnFailure(() => app);

  it('starts, names each reset file and where its damaged copy is, with the bytes kept', async () => {
    const page = app.window;
    const notice = page.getByTestId('store-resets');
    await notice.waitFor();
    await expect.poll(() => page.getByTestId('store-reset').count()).toBe(2);
    const text = await notice.innerText();
    const files = await readdir(userData);
    const keptSettings = files.find((name) => name.startsWith('settings.damaged-'));
    const keptWindow = files.find((name) => name.startsWith('window-state.damaged-'));
    expect(keptSettings).toBeDefined();
    expect(keptWindow).toBeDefined();
    expect(await readFile(join(userData, keptSettings!), 'utf8')).toBe(damagedSettings);
    expect(await readFile(join(userData, keptWindow!), 'utf8')).toBe(damagedWindow);
    expect(text).toContain(keptSettings);
    expect(text).toContain(keptWindow);
    expect(text).toMatch(/preferences were reset/);
  });

  it('Hosts says the saved hosts cannot be read, refuses to write them, and Retry reads the fixed file', async () => {
    const page = app.window;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Hosts' }).click();
    const banner = page.getByTestId('hosts-file-problem');
    await banner.waitFor();
    expect(await banner.innerText()).toContain(join(userData, 'hosts.json'));
    const refused = await page.evaluate(
      (input) => (globalThis as unknown as BerthPage).berth.hosts.save(input),
      { name: 'new-one', url: 'unix:///tmp/berth-e2e-other.sock' },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await readFile(join(userData, 'hosts.json'), 'utf8')).toBe(damagedHosts);
    expect((await readdir(userData)).filter((name) => name.startsWith('hosts.'))).toEqual(['hosts.json']);

    await writeFile(join(userData, 'hosts.json'), JSON.stringify(savedHosts));
    await banner.getByRole('button', { name: 'Retry' }).click();
    await banner.waitFor({ state: 'detached' });
    await page.locator('[data-testid="host-row"][data-engine-id="host:0a1b2c3d4e5f"]').waitFor();
  });

  it('says it once: dismissed, and not again at the next start', async () => {
    await app.window.getByTestId('store-resets').getByRole('button', { name: 'Got it' }).click();
    await app.window.getByTestId('store-resets').waitFor({ state: 'detached' });
    await app.close();
    app = await launchBerth({ userDataDir: userData, env: { DOCKER_HOST: rigDockerHost() } });
    await app.window.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await app.window.getByTestId('store-resets').count()).toBe(0);
    expect((await readdir(userData)).filter((name) => name.includes('.damaged-'))).toHaveLength(2);
  });
});
