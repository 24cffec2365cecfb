import { homedir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type BerthApp, launchBerth } from './harness';

/**
 * Tests of the e2e harness itself, against a tiny fixture app (test/e2e/fixtures/harness-app), not Berth: if
 * these fail, app e2e failures mean nothing.
 */

interface FixtureState {
  navigations: string[];
  windowOpens: { url: string; frameName: string; disposition: string }[];
  requests: string[];
  trayClicks: string[];
  notifyChecked: boolean[];
  permissionRequests: string[];
  permissionChecks: string[];
  redirects: string[];
  secondInstances: unknown[];
}

interface FixtureBridge {
  echo(...args: unknown[]): Promise<{
    args: unknown[];
    sender: {
      webContentsId: number;
      frameUrl: string | null;
      isMainFrame: boolean;
      frameId: number;
      processId: number;
      fromOurWindow: boolean;
    };
  }>;
  fail(): Promise<unknown>;
  missing(): Promise<unknown>;
  sendFunction(): Promise<unknown>;
  push(...args: unknown[]): Promise<void>;
  received(): { args: unknown[]; senderIsIpcRenderer: boolean }[];
  ipcRendererVisible(): boolean;
}

/** The page globals these tests touch: the node tsconfig has no DOM types, and evaluate callbacks run in the page. */
interface FixturePage {
  fixture: FixtureBridge;
  marker?: string;
  innerWidth: number;
  innerHeight: number;
  document: { body: { dataset: Record<string, string | undefined> } };
  open(url: string, target?: string, features?: string): unknown;
  fetch(url: string): Promise<{ headers: { get(name: string): string | null } }>;
  requestAnimationFrame(callback: () => void): number;
  Notification: { permission: string; requestPermission(): Promise<string> };
  navigator: { permissions: { query(descriptor: { name: string }): Promise<{ state: string }> } };
  [key: string]: unknown;
}

const fixtureDir = join(import.meta.dirname, 'fixtures', 'harness-app');

let app: BerthApp;

function fixtureState(): Promise<FixtureState> {
  return app.evaluate(() => (globalThis as unknown as { fixtureState: FixtureState }).fixtureState);
}

/**
 * Re-reads `read()` until `check` accepts its value: waiting on a condition, never on a fixed sleep. Gives up
 * (failing the test with the last value) after 20 s so a broken condition does not hang the run.
 */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`Condition never held; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Page-side: whether the page sees a dark colour scheme. Runs in the page (no DOM types here). */
function matchMediaDark(): boolean {
  const page = globalThis as unknown as { matchMedia(query: string): { matches: boolean } };
  return page.matchMedia('(prefers-color-scheme: dark)').matches;
}

function mainStateWhere(check: (state: FixtureState) => boolean): Promise<FixtureState> {
  return until(fixtureState, check);
}

beforeAll(async () => {
  app = await launchBerth({ main: join(fixtureDir, 'main.ts'), appPath: fixtureDir });
});

afterAll(async () => {
  await app?.close();
});

afterEach((context) => {
  if (context.task.result?.state === 'fail') {
    console.log(`----- main process -----\n${app.mainLogs()}\n----- renderer -----\n${app.rendererLogs()}`);
  }
});

describe('the electron double', () => {
  it('loads the window from the protocol handler and reports it as app://', async () => {
    const [window] = await app.windows();
    expect(window).toMatchObject({ url: 'app://fixture/index.html', visible: true, title: 'Fixture' });
    expect(window.bounds).toMatchObject({ width: 900, height: 700 });
    const size = await app.window.evaluate(() => {
      const page = globalThis as unknown as FixturePage;
      return [page.innerWidth, page.innerHeight];
    });
    expect(size).toEqual([900, 700]);
  });

  it('gives the app its own userData and an empty home, not the developer’s', async () => {
    const paths = await app.evaluate(({ app: electronApp }) => ({
      userData: electronApp.getPath('userData'),
      home: electronApp.getPath('home'),
      appData: electronApp.getPath('appData'),
      name: electronApp.getName(),
      version: electronApp.getVersion(),
    }));
    expect(paths.userData).toBe(app.userDataDir);
    expect(paths.home).not.toBe(homedir());
    expect(paths.appData).toBe(join(paths.home, '.config'));
    expect(paths).toMatchObject({ name: 'Harness Fixture', version: '0.0.1' });
  });

  it('round-trips an invoke with structured-clone arguments and the sender fields Electron gives', async () => {
    const reply = await app.window.evaluate(async () => {
      const page = globalThis as unknown as FixturePage;
      const result = await page.fixture.echo(
        1,
        'two',
        { nested: { list: [undefined, null, -0] } },
        undefined,
        new Date(5),
        new Map([['k', new Set([1])]]),
      );
      const [, , nested, missing, date, map] = result.args as [
        number,
        string,
        { nested: { list: unknown[] } },
        unknown,
        Date,
        Map<string, Set<number>>,
      ];
      return {
        sender: result.sender,
        first: result.args.slice(0, 2),
        list: nested.nested.list.map((value) =>
          value === undefined ? 'undefined' : Object.is(value, -0) ? '-0' : value,
        ),
        undefinedKept: result.args.length === 6 && missing === undefined,
        date: date instanceof Date ? date.getTime() : 'not a date',
        map: map instanceof Map ? [...(map.get('k') ?? [])] : 'not a map',
      };
    });
    const [window] = await app.windows();
    expect(reply).toEqual({
      sender: {
        webContentsId: window.webContentsId,
        frameUrl: 'app://fixture/index.html',
        isMainFrame: true,
        frameId: expect.any(Number) as number,
        processId: expect.any(Number) as number,
        fromOurWindow: true,
      },
      first: [1, 'two'],
      list: ['undefined', null, '-0'],
      undefinedKept: true,
      date: 5,
      map: [1],
    });
  });

  it('rejects an invoke with only the message, as Electron does', async () => {
    const failures = await app.window.evaluate(async () => {
      const page = globalThis as unknown as FixturePage;
      const messageOf = (promise: Promise<unknown>) =>
        promise.then(
          () => 'resolved',
          (error: unknown) =>
            error instanceof Error ? `${error.constructor.name}: ${error.message}` : 'not an Error',
        );
      return {
        thrown: await messageOf(page.fixture.fail()),
        missing: await messageOf(page.fixture.missing()),
        function: await messageOf(page.fixture.sendFunction()),
      };
    });
    expect(failures).toEqual({
      thrown: "Error: Error invoking remote method 'fixture:fail': Error: it broke",
      missing:
        "Error: Error invoking remote method 'fixture:missing': No handler registered for 'fixture:missing'",
      function: 'Error: An object could not be cloned.',
    });
    expect(app.mainLogs()).toContain("Error occurred in handler for 'fixture:fail':");
  });

  it('refuses a second handler for a channel', async () => {
    const message = await app.evaluate(({ ipcMain }) => {
      try {
        ipcMain.handle('fixture:echo', () => 1);
        return 'registered twice';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(message).toBe("Attempted to register a second handler for 'fixture:echo'");
  });

  it('delivers webContents.send messages to ipcRenderer.on listeners, structured-cloned', async () => {
    const received = await app.window.evaluate(async () => {
      const page = globalThis as unknown as FixturePage;
      await page.fixture.push({ hello: 'world', nothing: undefined }, new Date(7), [1n]);
      await new Promise<void>((resolve) => {
        const check = () =>
          page.fixture.received().length > 0 ? resolve() : page.requestAnimationFrame(check);
        check();
      });
      const [message] = page.fixture.received();
      const [payload, date, list] = message.args as [{ hello: string; nothing?: unknown }, Date, bigint[]];
      return {
        hello: payload.hello,
        hasNothingKey: 'nothing' in payload && payload.nothing === undefined,
        date: date.getTime(),
        bigint: typeof list[0],
        senderIsIpcRenderer: message.senderIsIpcRenderer,
      };
    });
    expect(received).toEqual({
      hello: 'world',
      hasNothingKey: true,
      date: 7,
      bigint: 'bigint',
      senderIsIpcRenderer: true,
    });
  });

  it('exposes only the bridged API: frozen, read-only, without ipcRenderer or the transport binding', async () => {
    const exposure = await app.window.evaluate(() => {
      const page = globalThis as unknown as FixturePage;
      const descriptor = Object.getOwnPropertyDescriptor(page, 'fixture');
      const globals = Object.getOwnPropertyNames(page).filter((name) => name.startsWith('__berth'));
      return {
        frozen: Object.isFrozen(page.fixture),
        writable: descriptor?.writable,
        configurable: descriptor?.configurable,
        bindingGlobals: globals,
        hasIpcRenderer: 'ipcRenderer' in page,
        bridgedWorks: page.fixture.ipcRendererVisible(),
      };
    });
    expect(exposure).toEqual({
      frozen: true,
      writable: false,
      configurable: false,
      bindingGlobals: [],
      hasIpcRenderer: false,
      bridgedWorks: true,
    });
  });

  it('serves the protocol response headers, so Chromium enforces the CSP: the inline script is blocked', async () => {
    const loaded = await app.window.evaluate(async () => {
      const page = globalThis as unknown as FixturePage;
      return {
        inline: page.document.body.dataset.inline ?? 'blocked',
        external: page.document.body.dataset.external ?? 'missing',
        csp: (await page.fetch('/index.html')).headers.get('content-security-policy'),
      };
    });
    expect(loaded).toEqual({
      inline: 'blocked',
      external: 'ran',
      csp: "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'",
    });
  });

  it('asks the session permission handlers and applies their answers in Chromium', async () => {
    const outcome = await app.window.evaluate(async () => {
      const page = globalThis as unknown as FixturePage;
      return {
        requested: await page.Notification.requestPermission(),
        notificationState: page.Notification.permission,
        notificationsQuery: (await page.navigator.permissions.query({ name: 'notifications' })).state,
        geolocationQuery: (await page.navigator.permissions.query({ name: 'geolocation' })).state,
      };
    });
    expect(outcome).toEqual({
      requested: 'granted',
      notificationState: 'granted',
      notificationsQuery: 'granted',
      geolocationQuery: 'denied',
    });
    const state = await fixtureState();
    expect(state.permissionRequests).toEqual(['notifications']);
    expect(state.permissionChecks).toEqual(['notifications', 'geolocation']);
  });

  it('runs will-redirect for a redirect, and preventing it keeps the page', async () => {
    await app.window.evaluate(() => {
      (globalThis as unknown as FixturePage).marker = 'before redirect';
    });
    await app.window.click('#redirecting');
    const state = await mainStateWhere((current) => current.redirects.length > 0);
    expect(state.navigations).toContain('app://fixture/redirect');
    expect(state.redirects).toEqual(['https://example.com/redirected']);
    expect(await app.window.evaluate(() => (globalThis as unknown as FixturePage).marker)).toBe(
      'before redirect',
    );
  });

  it('holds the single-instance lock: a second launch on the same userData quits, the first hears of it', async () => {
    await expect(
      launchBerth({ main: join(fixtureDir, 'main.ts'), appPath: fixtureDir, userDataDir: app.userDataDir }),
    ).rejects.toThrow(/exited \(code 0\) before its first window loaded/);
    const state = await mainStateWhere((current) => current.secondInstances.length > 0);
    expect(state.secondInstances).toEqual([{ from: 'second launch' }]);
  });

  it('keeps the page when will-navigate prevents a navigation, and lets an allowed one through', async () => {
    await app.window.evaluate(() => {
      (globalThis as unknown as FixturePage).marker = 'same document';
    });
    await app.window.click('#external');
    await mainStateWhere((state) => state.navigations.includes('https://example.com/elsewhere'));
    // The link's navigation was cancelled: same document, same URL.
    expect(await app.window.evaluate(() => (globalThis as unknown as FixturePage).marker)).toBe(
      'same document',
    );
    expect((await app.windows())[0].url).toBe('app://fixture/index.html');

    await Promise.all([app.window.waitForURL(/\/second\.html$/), app.window.click('#internal')]);
    expect(await app.window.textContent('#second')).toBe('second page');
    expect((await fixtureState()).navigations).toContain('app://fixture/second.html');
    expect((await app.windows())[0].url).toBe('app://fixture/second.html');
  });

  it('asks the window-open handler: a denied window.open opens nothing, an allowed one becomes a window', async () => {
    await app.window.evaluate(() => {
      (globalThis as unknown as FixturePage).open('/popup.html', 'denied-frame');
    });
    const denied = await mainStateWhere((state) => state.windowOpens.length > 0);
    expect(denied.windowOpens[0]).toMatchObject({
      url: 'app://fixture/popup.html',
      frameName: 'denied-frame',
    });
    expect(denied.requests).not.toContain('/popup.html');
    expect(await app.windows()).toHaveLength(1);

    await app.window.evaluate(() => {
      (globalThis as unknown as FixturePage).open('/popup.html?allowed', '', 'width=320,height=240');
    });
    const allowed = await mainStateWhere((state) => state.windowOpens.length > 1);
    expect(allowed.windowOpens[1]).toMatchObject({
      url: 'app://fixture/popup.html?allowed',
      disposition: 'new-window',
    });
    const windows = await until(app.windows, (list) => list.length > 1);
    expect(windows[1].url).toBe('app://fixture/popup.html?allowed');
    expect((await fixtureState()).requests).toContain('/popup.html');
  });

  it('reads the tray menu as a user sees it and runs the main-side click handlers', async () => {
    expect(await app.trayMenu()).toEqual([
      { label: 'Show Window', enabled: true },
      { label: 'Notify', enabled: true, checked: false },
      { label: 'More', enabled: true, submenu: [{ label: 'Open Docs', enabled: true }] },
      { label: 'Disabled', enabled: false },
      { label: 'Quit', enabled: true },
    ]);
    expect(await app.tray()).toEqual({
      toolTip: 'Harness fixture',
      title: '',
      image: { path: join(fixtureDir, 'tray.png'), width: 16, height: 16, empty: false },
    });

    await app.clickTrayItem('Show Window');
    await app.clickTrayItem('Notify');
    await app.clickTrayItem('More', 'Open Docs');
    await app.clickTray();
    await expect(app.clickTrayItem('Disabled')).rejects.toThrow(/disabled/);
    await expect(app.clickTrayItem('Nope')).rejects.toThrow(/no item "Nope"/);

    const state = await fixtureState();
    expect(state.trayClicks).toEqual(['show', 'icon']);
    expect(state.notifyChecked).toEqual([true]);
    expect((await app.trayMenu())[1]).toEqual({ label: 'Notify', enabled: true, checked: true });
    expect(await app.openedExternally()).toEqual(['https://example.com/docs']);
  });

  it('lets the test answer dialogs and records notifications', async () => {
    const answered = app.evaluate(({ dialog }) =>
      dialog.showMessageBox({ message: 'Really?', buttons: ['Yes', 'No'], cancelId: 1 }),
    );
    await until(app.dialogs, (dialogs) => dialogs.length > 0);
    await app.answerNextDialog({ kind: 'messageBox', response: 0 });
    expect(await answered).toEqual({ response: 0, checkboxChecked: false });
    // A synchronous dialog cannot wait for the test: without a queued answer it cancels.
    expect(
      await app.evaluate(({ dialog }) =>
        dialog.showMessageBoxSync({ message: 'Sure?', buttons: ['Yes', 'No'], cancelId: 1 }),
      ),
    ).toBe(1);
    expect((await app.dialogs()).map((entry) => [entry.method, entry.options.message])).toEqual([
      ['showMessageBox', 'Really?'],
      ['showMessageBoxSync', 'Sure?'],
    ]);

    await app.evaluate(({ Notification }) => new Notification({ title: 'Hello', body: 'from main' }).show());
    expect(await app.notifications()).toEqual([
      {
        title: 'Hello',
        subtitle: '',
        body: 'from main',
        silent: false,
        urgency: 'normal',
        shown: true,
        closed: false,
      },
    ]);
  });

  it('encrypts with safeStorage under the stand-in keyring, never as plain text', async () => {
    const result = await app.evaluate(({ safeStorage }) => {
      const secret = 'correct horse battery staple';
      const encrypted = safeStorage.encryptString(secret);
      return {
        available: safeStorage.isEncryptionAvailable(),
        backend: safeStorage.getSelectedStorageBackend(),
        prefix: encrypted.subarray(0, 3).toString('latin1'),
        containsPlainText: encrypted.includes(secret),
        roundTrip: safeStorage.decryptString(encrypted),
      };
    });
    expect(result).toEqual({
      available: true,
      backend: 'gnome_libsecret',
      prefix: 'v11',
      containsPlainText: false,
      roundTrip: 'correct horse battery staple',
    });
  });

  it('applies nativeTheme.themeSource to the pages and reports one display', async () => {
    expect(await app.window.evaluate(matchMediaDark)).toBe(false);
    await app.evaluate(({ nativeTheme }) => {
      nativeTheme.themeSource = 'dark';
    });
    await app.window.waitForFunction(matchMediaDark);
    expect(
      await app.evaluate(({ nativeTheme, screen }) => [
        nativeTheme.shouldUseDarkColors,
        screen.getAllDisplays().length,
      ]),
    ).toEqual([true, 1]);
  });

  it('lets close be prevented, as Electron does', async () => {
    const outcome = await app.evaluate(({ BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows();
      const keepOpen = (event: { preventDefault(): void }) => event.preventDefault();
      window.on('close', keepOpen);
      window.close();
      const destroyed = window.isDestroyed();
      window.off('close', keepOpen);
      return destroyed;
    });
    expect(outcome).toBe(false);
    expect(await app.windows()).not.toHaveLength(0);
  });

  it('quits through the quit role like Electron: the process exits', async () => {
    await app.clickTrayItem('Quit');
    expect(await app.exited).toBe(0);
  });
});
