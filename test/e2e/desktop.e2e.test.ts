import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  docker,
  dockerCli,
  FIXTURE_IMAGE,
  rigDockerHost,
  rigRemote,
  skipUnlessRig,
  TEST_LABEL,
  waitFor,
} from '../rig';
import { type BerthApp, launchBerth } from './harness';
import type { TrayMenuItem } from './harness/electron-double/control-protocol';
import { contextEngineId, dumpAppOnFailure, type E2eDockerConfig, makeDockerConfig } from './support';

/** The page globals this test touches (the node tsconfig has no DOM types). */
interface BerthPage {
  __pwned?: unknown;
}

const IMG = '<img src=x onerror=window.__pwned=1>';
const SVG = '"><svg onload=window.__pwned=1>';
const JS_LINK = 'javascript:window.__pwned=1';
const ANCHOR = `<a href="${JS_LINK}">click me</a>`;

const suffix = randomBytes(3).toString('hex');
const trayName = `desk-tray-${suffix}`;
const pinName = `desk-pin-${suffix}`;
const paletteName = `desk-palette-${suffix}`;
const xssName = `desk-xss-${suffix}`;
const remoteName = `desk-remote-${suffix}`;
const secondContext = `berth-desk-${suffix}`;

/** The item labelled `label` anywhere in the menu. */
function findItem(items: readonly TrayMenuItem[], label: string): TrayMenuItem | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = item.submenu === undefined ? undefined : findItem(item.submenu, label);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

async function runContainer(name: string, ...args: string[]): Promise<string> {
  return docker('run', '-d', '--network', 'none', '--name', name, '--label', `${TEST_LABEL}=e2e`, ...args);
}

skipUnlessRig('desktop: tray, palette, pinning, host switch, untrusted data', () => {
  let app: BerthApp;
  let dockerConfig: E2eDockerConfig | undefined;
  const remote = rigRemote();

  beforeAll(async () => {
    // A docker CLI context of our own, so Berth has a second host when the rig's second daemon is up.
    dockerConfig = await makeDockerConfig(remote === undefined ? [] : [{ name: secondContext, remote }]);
    app = await launchBerth({ env: { DOCKER_HOST: rigDockerHost(), DOCKER_CONFIG: dockerConfig.dir } });
    await app.window.locator('[data-testid="engine-status"][data-state="connected"]').first().waitFor();
  });

  afterAll(async () => {
    await app?.close();
    await docker('rm', '-f', trayName, pinName, paletteName, xssName).catch(() => undefined);
    if (remote !== undefined) {
      await dockerCli(remote.tls.socketHost, ['rm', '-f', remoteName]).catch(() => undefined);
    }
    await dockerConfig?.remove();
  });

  dumpAppOnFailure(() => app, { tray: async (running) => JSON.stringify(await running.trayMenu(), null, 1) });

  /** Opens the palette with Ctrl+K and types `query`. */
  async function paletteSearch(query: string) {
    const page = app.window;
    await page.locator('body').press('Control+k');
    const input = page.getByRole('combobox', { name: 'Search containers, hosts and actions' });
    await input.waitFor();
    await input.fill(query);
    return input;
  }

  it('lists a running container in the tray and stops it from there', async () => {
    const id = await runContainer(trayName, FIXTURE_IMAGE, 'sleep', '300');
    const menu = await waitFor(
      async () => {
        const items = await app.trayMenu();
        return findItem(items, trayName) !== undefined ? items : undefined;
      },
      { timeoutMs: 30_000, description: `${trayName} in the tray` },
    );
    expect(menu.some((item) => /^Running containers \(\d+\)$/.test(item.label))).toBe(true);
    expect(findItem(menu, trayName)?.submenu?.map((item) => item.label)).toEqual([
      'Stop',
      'Restart',
      'Open logs',
      'Open in browser',
    ]);

    await app.clickTrayItem(trayName, 'Stop');
    const status = await waitFor(
      async () => {
        const state = await docker('inspect', '-f', '{{.State.Status}}', id);
        return state === 'exited' ? state : undefined;
      },
      { timeoutMs: 30_000, description: `${trayName} to exit` },
    );
    expect(status).toBe('exited');
  });

  it('pins a stopped container to the tray from the window', async () => {
    await docker('create', '--network', 'none', '--name', pinName, FIXTURE_IMAGE, 'true');
    const page = app.window;
    await (await paletteSearch(pinName)).waitFor();
    await page.getByRole('option', { name: new RegExp(`^Inspect ${pinName}`) }).click();
    await page.getByRole('button', { name: 'Pin to tray' }).click();

    const pinned = await waitFor(
      async () =>
        findItem(await app.trayMenu(), `${pinName} — created`) ??
        findItem(await app.trayMenu(), `${pinName} — exited`),
      { timeoutMs: 30_000, description: `${pinName} pinned in the tray` },
    );
    expect(pinned.submenu?.map((item) => item.label)).toContain('Start');
    await page.getByRole('button', { name: 'Unpin from tray' }).waitFor();
  });

  it('finds a container by part of its name in the palette and restarts it', async () => {
    const id = await runContainer(paletteName, FIXTURE_IMAGE, 'sleep', '300');
    const before = await docker('inspect', '-f', '{{.State.StartedAt}}', id);
    const page = app.window;
    await paletteSearch(`restart palette-${suffix.slice(0, 4)}`);
    const option = page.getByRole('option', { name: new RegExp(`^Restart ${paletteName}`) });
    await option.waitFor();
    await option.click();

    const after = await waitFor(
      async () => {
        const startedAt = await docker('inspect', '-f', '{{.State.StartedAt}} {{.State.Status}}', id);
        return startedAt.startsWith(before) || !startedAt.endsWith('running') ? undefined : startedAt;
      },
      { timeoutMs: 30_000, description: `${paletteName} to restart` },
    );
    expect(after.split(' ')[0]).not.toBe(before);
  });

  it('shows hostile names, labels, env, arguments and logs as text only', async () => {
    const page = app.window;
    const navigations: string[] = [];
    const popups: string[] = [];
    const pageDialogs: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    page.on('popup', (popup) => popups.push(popup.url()));
    page.on('dialog', (dialog) => {
      pageDialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const urlBefore = page.url();

    const script = [
      `echo '${IMG}'`,
      `echo '${SVG}'`,
      `echo '${JS_LINK}'`,
      `echo '${ANCHOR}'`,
      `printf '\\033]8;;${JS_LINK}\\007 click \\033]8;;\\007\\n'`,
      `echo xss-end-marker`,
      'sleep 300',
    ].join('; ');
    await runContainer(
      xssName,
      '--label',
      `evil.img=${IMG}`,
      '--label',
      `evil.svg=${SVG}`,
      '--label',
      `evil.link=${JS_LINK}`,
      '--env',
      `EVIL=${IMG}`,
      FIXTURE_IMAGE,
      'sh',
      '-c',
      script,
      ANCHOR,
    );

    // The list.
    await page.getByRole('button', { name: 'Containers' }).first().click();
    await page.getByText(xssName, { exact: true }).first().waitFor();
    // The palette's results.
    await paletteSearch(xssName);
    await page.getByRole('option', { name: new RegExp(`^Open logs of ${xssName}`) }).click();
    // The logs tab.
    const end = page.locator('[data-testid="log-viewport"] [data-stream]', { hasText: 'xss-end-marker' });
    await end.waitFor();
    const clickLine = page
      .locator('[data-testid="log-viewport"] [data-stream]', { hasText: 'click' })
      .first();
    await clickLine.click();
    expect(await page.locator('[data-testid="log-viewport"]').innerText()).toContain(IMG);
    // The inspect tab.
    await page.getByRole('tab', { name: 'Inspect' }).click();
    await page
      .getByText(/evil\.svg/)
      .first()
      .waitFor();

    expect(await page.evaluate(() => (globalThis as unknown as BerthPage).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
    expect(pageDialogs).toEqual([]);
    expect(popups).toEqual([]);
    expect(navigations.filter((url) => url !== urlBefore)).toEqual([]);
    expect(page.url()).toBe(urlBefore);
    expect((await app.windows()).length).toBe(1);
    expect(await app.dialogs()).toEqual([]);
    expect(await app.openedExternally()).toEqual([]);
  });

  describe('with a second host', () => {
    it.skipIf(remote === undefined)('switching host from the tray switches the window', async () => {
      const page = app.window;
      const remoteHost = remote!.tls.socketHost;
      await dockerCli(remoteHost, [
        'run',
        '-d',
        '--network',
        'none',
        '--name',
        remoteName,
        FIXTURE_IMAGE,
        'sleep',
        '300',
      ]);

      const target = await waitFor(
        async () => {
          const switcher = findItem(await app.trayMenu(), 'Switch host');
          return switcher?.submenu?.find((item) => item.label.startsWith(`${secondContext} (`));
        },
        { timeoutMs: 30_000, description: `${secondContext} under Switch host` },
      );
      // Back to the list (the previous test left a container's details open).
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('button', { name: 'Containers' })
        .click();
      await app.clickTrayItem('Switch host', target.label);

      const hostSelect = page.getByRole('combobox', { name: 'Host' });
      await waitFor(
        async () => ((await hostSelect.inputValue()) === contextEngineId(secondContext) ? true : undefined),
        { timeoutMs: 30_000, description: 'the window to switch host' },
      );
      await page.getByText(remoteName, { exact: true }).first().waitFor();
      expect(await page.getByText(trayName, { exact: true }).count()).toBe(0);
      // The tray follows the same choice.
      const remoteItem = await waitFor(async () => findItem(await app.trayMenu(), remoteName), {
        timeoutMs: 30_000,
        description: `${remoteName} in the tray`,
      });
      expect(remoteItem.submenu?.map((item) => item.label)).toContain('Stop');
    });
  });
});
