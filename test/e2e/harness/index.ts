import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import type * as ElectronApi from 'electron';
import { type Browser, chromium, type Page } from 'playwright-core';

import { buildElectronDouble, prepareMainBundle, repoRoot } from './build-double.js';
import { DOUBLE_CONFIG_ENV, type DoubleConfig, type SafeStorageBackend } from './electron-double/config.js';
import type {
  ChildNotice,
  ControlOperation,
  DialogAnswer,
  DialogRecord,
  NotificationRecord,
  Records,
  TrayInfo,
  TrayMenuItem,
  WindowInfo,
} from './electron-double/control-protocol.js';

export type { DialogAnswer, DialogRecord, NotificationRecord, TrayInfo, TrayMenuItem, WindowInfo };
export type { SafeStorageBackend };

/** The `electron` module as the app's main process sees it (the double behind Electron's types). */
export type ElectronModule = typeof ElectronApi;

export interface LaunchOptions {
  /** Merged over `process.env` for the app's main process (`undefined` removes a variable). */
  env?: Record<string, string | undefined>;
  /** `app.getPath('userData')`; a fresh temporary folder by default (kept if you pass one). */
  userDataDir?: string;
  /** The stand-in OS keyring of `safeStorage`; pass the same folder to two launches to simulate one login. */
  keyringDir?: string;
  /** The main bundle to run; default `out/main/index.js`. A `.ts` file (a fixture) is transpiled first. */
  main?: string;
  /** `app.getAppPath()`; default: the nearest folder above `main` holding a package.json. */
  appPath?: string;
  /** What `safeStorage.getSelectedStorageBackend()` reports; default `gnome_libsecret`. */
  safeStorageBackend?: SafeStorageBackend;
  /** The OS colour scheme; default `light`. */
  systemTheme?: 'light' | 'dark';
  /** `app.isPackaged`; default false. */
  isPackaged?: boolean;
  /**
   * Give the app a fresh empty home (`HOME`, `XDG_*` under the launch's temp folder) so it neither reads nor writes
   * the developer's docker contexts, ssh config or autostart entries. Default true; `env` can still set `HOME`.
   */
  isolateHome?: boolean;
}

/** A running app: its main window as a Playwright page, and hooks into the main process. */
export interface BerthApp {
  /** The first BrowserWindow the app created, once its page has loaded. */
  readonly window: Page;
  /** The Playwright connection (over CDP) to the app's Chromium. */
  readonly browser: Browser;
  readonly userDataDir: string;
  /** Settles with the main process's exit code when it ends. */
  readonly exited: Promise<number | null>;
  /** The Playwright page of a window (by `WindowInfo.id`). */
  pageOf(windowId: number): Promise<Page>;
  /** Every open BrowserWindow as the app sees it. */
  windows(): Promise<WindowInfo[]>;
  /** The tray context menu as the user sees it (separators omitted). */
  trayMenu(): Promise<TrayMenuItem[]>;
  /** Clicks the tray menu item at this label path (`'Engines', 'Reconnect'`); it must be visible and enabled. */
  clickTrayItem(...labelPath: string[]): Promise<void>;
  /** Left-clicks the tray icon. */
  clickTray(): Promise<void>;
  /** The tray's tooltip, title and image, or null without a tray. */
  tray(): Promise<TrayInfo | null>;
  /** The application menu as the user sees it, or null. */
  applicationMenu(): Promise<TrayMenuItem[] | null>;
  clickApplicationMenuItem(...labelPath: string[]): Promise<void>;
  /** URLs passed to `shell.openExternal` (nothing is opened). */
  openedExternally(): Promise<string[]>;
  /** Notifications shown from the main process. */
  notifications(): Promise<NotificationRecord[]>;
  clickNotification(index: number): Promise<void>;
  /** Dialogs the app opened, with their answers. */
  dialogs(): Promise<DialogRecord[]>;
  /** Queues the answer for the next dialog of that kind (or answers one that is waiting). */
  answerNextDialog(answer: DialogAnswer): Promise<void>;
  /**
   * Runs `fn` in the main process with the `electron` module (like Playwright's `electronApp.evaluate`). `fn` is
   * sent as source: it must not use variables from the test file. `arg` and the result are structured-cloned.
   */
  evaluate<R, A = undefined>(
    fn: (electron: ElectronModule, arg: A) => R | Promise<R>,
    arg?: A,
  ): Promise<Awaited<R>>;
  /** Everything the main process wrote to stdout/stderr so far. */
  mainLogs(): string;
  /** Console output and uncaught errors of the main window's page. */
  rendererLogs(): string;
  /** Quits the app (app.quit, then force), kills Chromium, removes temporary folders. Idempotent. */
  close(): Promise<void>;
}

const MAX_LOG_CHARS = 2_000_000;
/** A bound on start-up, so a stuck start fails with the main process's output rather than a bare hook timeout. */
const FIRST_WINDOW_TIMEOUT_MS = 60_000;
const liveChildren = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

function findAppPath(mainPath: string): string {
  let dir = dirname(resolve(mainPath));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return dirname(resolve(mainPath));
    dir = parent;
  }
}

function childEnv(
  extra: Record<string, string | undefined> | undefined,
  config: DoubleConfig,
  home: string | undefined,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (home !== undefined) {
    // The app reads and writes under $HOME (docker contexts, ssh config, autostart entries): not the developer's.
    mkdirSync(join(home, '.config'), { recursive: true });
    env.HOME = home;
    env.XDG_CONFIG_HOME = join(home, '.config');
    env.XDG_DATA_HOME = join(home, '.local', 'share');
    env.XDG_CACHE_HOME = join(home, '.cache');
  }
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  env[DOUBLE_CONFIG_ENV] = JSON.stringify(config);
  // The test runner's own loader flags must not leak into the app's process.
  delete env.NODE_OPTIONS;
  return env;
}

async function targetIdOf(page: Page): Promise<string | undefined> {
  try {
    const session = await page.context().newCDPSession(page);
    const { targetInfo } = await session.send('Target.getTargetInfo');
    await session.detach().catch(() => undefined);
    return targetInfo.targetId;
  } catch {
    return undefined;
  }
}

/**
 * Starts the app's real main bundle in a child Node process whose `electron` is the double, with windows as
 * headless Chromium pages, and connects Playwright to that Chromium. See test/e2e/README.md.
 */
export async function launchBerth(options: LaunchOptions = {}): Promise<BerthApp> {
  const tempRoot = mkdtempSync(join(tmpdir(), 'berth-e2e-'));
  const userDataDir = options.userDataDir ?? join(tempRoot, 'user-data');
  mkdirSync(userDataDir, { recursive: true });
  const requestedMain = options.main ?? join(repoRoot, 'out', 'main', 'index.js');
  if (!existsSync(requestedMain)) {
    rmSync(tempRoot, { recursive: true, force: true });
    throw new Error(`${requestedMain} does not exist: build the app first (npx electron-vite build)`);
  }
  const config: DoubleConfig = {
    chromiumPath: process.env.BERTH_E2E_CHROMIUM ?? '/usr/bin/chromium',
    chromiumProfileDir: join(tempRoot, 'chromium-profile'),
    userDataDir,
    appPath: options.appPath ?? findAppPath(requestedMain),
    keyringDir: options.keyringDir ?? join(tempRoot, 'keyring'),
    safeStorageBackend: options.safeStorageBackend ?? 'gnome_libsecret',
    systemTheme: options.systemTheme ?? 'light',
    isPackaged: options.isPackaged ?? false,
  };
  const { registerUrl } = buildElectronDouble();
  const mainPath = prepareMainBundle(requestedMain);

  const logs: string[] = [];
  let logChars = 0;
  const verbose = process.env.BERTH_E2E_VERBOSE === '1';
  const appendLog = (stream: 'out' | 'err', chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (verbose) process.stderr.write(`[main ${stream}] ${text}`);
    logs.push(text);
    logChars += text.length;
    while (logChars > MAX_LOG_CHARS && logs.length > 1) logChars -= logs.shift()?.length ?? 0;
  };
  const rendererLogLines: string[] = [];

  const child = fork(mainPath, [], {
    cwd: config.appPath,
    env: childEnv(options.env, config, options.isolateHome === false ? undefined : join(tempRoot, 'home')),
    execArgv: ['--import', registerUrl, '--enable-source-maps', '--no-warnings=ExperimentalWarning'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  liveChildren.add(child);
  child.stdout?.on('data', (chunk: Buffer) => appendLog('out', chunk));
  child.stderr?.on('data', (chunk: Buffer) => appendLog('err', chunk));

  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code, signal) => {
      liveChildren.delete(child);
      appendLog('err', Buffer.from(`\n[harness] main process exited (code ${code}, signal ${signal})\n`));
      resolveExit(code);
    });
  });
  const mainLogs = () => logs.join('');

  let nextRequestId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let browserNotice: ((notice: Extract<ChildNotice, { type: 'browser' }>) => void) | undefined;
  const browserReady = new Promise<Extract<ChildNotice, { type: 'browser' }>>((resolveBrowser) => {
    browserNotice = resolveBrowser;
  });
  const windowTargets = new Map<number, string | null>();
  let firstLoaded: ((notice: Extract<ChildNotice, { type: 'window' }>) => void) | undefined;
  const firstWindowLoaded = new Promise<Extract<ChildNotice, { type: 'window' }>>((resolveWindow) => {
    firstLoaded = resolveWindow;
  });

  child.on('message', (notice: ChildNotice) => {
    switch (notice.type) {
      case 'browser':
        browserNotice?.(notice);
        break;
      case 'window':
        if (notice.targetId !== null) windowTargets.set(notice.windowId, notice.targetId);
        if (notice.event === 'loaded') firstLoaded?.(notice);
        break;
      case 'response': {
        const waiter = pending.get(notice.id);
        pending.delete(notice.id);
        if (notice.ok) waiter?.resolve(notice.value);
        else waiter?.reject(new Error(notice.error));
        break;
      }
    }
  });
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error(`The app exited.\n${mainLogs()}`));
    pending.clear();
  });

  /** Sends to the child; a child that just died must not take the test process down with an EPIPE. */
  const sendToChild = (message: object, onError: (error: Error) => void = () => undefined): void => {
    if (!child.connected) {
      onError(new Error('The app is not running'));
      return;
    }
    try {
      child.send(message, (error) => {
        if (error) onError(error);
      });
    } catch (error) {
      onError(error instanceof Error ? error : new Error(String(error)));
    }
  };
  child.on('error', (error) => appendLog('err', Buffer.from(`\n[harness] ${error.message}\n`)));

  const request = <T>(operation: ControlOperation): Promise<T> => {
    if (child.exitCode !== null || !child.connected)
      return Promise.reject(new Error('The app is not running'));
    const id = nextRequestId++;
    return new Promise<T>((resolveRequest, rejectRequest) => {
      pending.set(id, { resolve: resolveRequest as (value: unknown) => void, reject: rejectRequest });
      sendToChild({ ...operation, id }, (error) => {
        pending.delete(id);
        rejectRequest(error);
      });
    });
  };

  let browser: Browser | undefined;
  let chromiumPid: number | null = null;
  let closing: Promise<void> | undefined;

  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        sendToChild({ op: 'quit', id: 0 });
        const quitInTime = await Promise.race([exited.then(() => true), delay(10_000).then(() => false)]);
        if (!quitInTime) {
          sendToChild({ op: 'exit', code: 0, id: 0 });
          const exitedInTime = await Promise.race([exited.then(() => true), delay(3_000).then(() => false)]);
          if (!exitedInTime) child.kill('SIGKILL');
          await exited;
        }
      }
      if (chromiumPid !== null) {
        try {
          process.kill(-chromiumPid, 'SIGKILL');
        } catch {
          // Already gone with its parent.
        }
      }
      await browser?.close().catch(() => undefined);
      rmSync(tempRoot, { recursive: true, force: true });
    })();
    return closing;
  };

  const failed = (reason: string) =>
    new Error(`${reason}\n----- main process output -----\n${mainLogs()}\n-------------------------------`);
  const exitedEarly = exited.then((code) => {
    throw failed(`The app exited (code ${code}) before its first window loaded.`);
  });
  exitedEarly.catch(() => undefined);

  try {
    const notice = await Promise.race([browserReady, exitedEarly]);
    chromiumPid = notice.chromiumPid;
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${notice.cdpPort}`);
    const connected = browser;

    const pageOfTarget = async (targetId: string): Promise<Page> => {
      for (;;) {
        for (const context of connected.contexts()) {
          for (const page of context.pages()) {
            if ((await targetIdOf(page)) === targetId) return page;
          }
        }
        if (child.exitCode !== null) throw failed('The app exited while looking for a window');
        await delay(50);
      }
    };

    const noWindow = delay(FIRST_WINDOW_TIMEOUT_MS).then(() => {
      throw failed(`No window finished loading within ${FIRST_WINDOW_TIMEOUT_MS / 1000} s.`);
    });
    noWindow.catch(() => undefined);
    const loaded = await Promise.race([firstWindowLoaded, exitedEarly, noWindow]);
    if (loaded.targetId === null) throw failed('The first window has no page');
    const window = await pageOfTarget(loaded.targetId);
    window.on('console', (message) => rendererLogLines.push(`[${message.type()}] ${message.text()}`));
    window.on('pageerror', (error) => rendererLogLines.push(`[pageerror] ${error.stack ?? error.message}`));

    const records = () => request<Records>({ op: 'records' });
    return {
      window,
      browser: connected,
      userDataDir,
      exited,
      async pageOf(windowId) {
        const known = windowTargets.get(windowId);
        const targetId =
          known ??
          (await request<WindowInfo[]>({ op: 'windows' })).find((info) => info.id === windowId)?.targetId;
        if (targetId === undefined || targetId === null) throw new Error(`No window ${windowId}`);
        return pageOfTarget(targetId);
      },
      windows: () => request<WindowInfo[]>({ op: 'windows' }),
      trayMenu: () => request<TrayMenuItem[]>({ op: 'trayMenu' }),
      clickTrayItem: (...labelPath) => request<void>({ op: 'clickTrayItem', labelPath }),
      clickTray: () => request<void>({ op: 'clickTray' }),
      tray: () => request<TrayInfo | null>({ op: 'tray' }),
      applicationMenu: () => request<TrayMenuItem[] | null>({ op: 'applicationMenu' }),
      clickApplicationMenuItem: (...labelPath) =>
        request<void>({ op: 'clickApplicationMenuItem', labelPath }),
      openedExternally: async () => (await records()).openedExternally,
      notifications: async () => (await records()).notifications,
      clickNotification: (index) => request<void>({ op: 'clickNotification', index }),
      dialogs: async () => (await records()).dialogs,
      answerNextDialog: (answer) => request<void>({ op: 'answerDialog', answer }),
      evaluate: <R, A>(fn: (electron: ElectronModule, arg: A) => R | Promise<R>, arg?: A) =>
        request<Awaited<R>>({ op: 'evaluate', source: fn.toString(), arg }),
      mainLogs,
      rendererLogs: () => rendererLogLines.join('\n'),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A timer that does not keep the test process alive by itself. */
function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms).unref());
}
