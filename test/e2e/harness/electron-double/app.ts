import { EventEmitter } from 'node:events';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';

import { BrowserWindowDouble } from './browser-window.js';
import { launchChromium } from './chromium.js';
import { createEvent } from './events.js';
import { MenuDouble, setRoleContextProvider } from './menu.js';
import { protocol } from './protocol.js';
import { runtime } from './runtime.js';
import {
  appEvents,
  dispatchPageRequest,
  onContextPage,
  routeRequest,
  WebContentsDouble,
} from './web-contents.js';

interface AppManifest {
  name?: string;
  productName?: string;
  version?: string;
}

function readManifest(appPath: string): AppManifest {
  try {
    return JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as AppManifest;
  } catch {
    return {};
  }
}

/** `app.commandLine`: switches appended before `ready` are passed to Chromium, as in Electron. */
export class CommandLineDouble {
  private readonly switches = new Map<string, string>();
  private readonly argumentsList: string[] = [];

  appendSwitch(name: string, value?: string): void {
    this.switches.set(name, value ?? '');
  }

  appendArgument(value: string): void {
    this.argumentsList.push(value);
  }

  hasSwitch(name: string): boolean {
    return this.switches.has(name);
  }

  getSwitchValue(name: string): string {
    return this.switches.get(name) ?? '';
  }

  removeSwitch(name: string): void {
    this.switches.delete(name);
  }

  toChromiumArgs(): string[] {
    const args = [...this.switches].map(([name, value]) =>
      value === '' ? `--${name}` : `--${name}=${value}`,
    );
    return [...args, ...this.argumentsList];
  }
}

/**
 * `app`: readiness (`will-finish-launching`, `ready`, `whenReady` once the main module graph has run and
 * Chromium is up), Electron's quit sequence, paths, name/version from the app's package.json, and a real
 * single-instance lock per userData folder (a lock file plus a unix socket that carries `second-instance`).
 */
export class AppDouble extends EventEmitter {
  readonly commandLine = new CommandLineDouble();
  readonly dock = undefined;
  userAgentFallback =
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome Safari/537.36';
  private appName: string;
  private readonly manifest: AppManifest;
  private readonly pathOverrides = new Map<string, string>();
  private quitting = false;
  private terminating: Promise<never> | undefined;
  private booting: Promise<void> | undefined;
  private lockServer: Server | undefined;
  private readonly pendingNotices = new Set<Promise<void>>();
  private badgeCount = 0;
  private appUserModelId = '';
  readonly aboutPanelShown: number[] = [];

  constructor() {
    super();
    this.manifest = readManifest(runtime.config.appPath);
    this.appName = this.manifest.productName ?? this.manifest.name ?? 'Electron';
    appEvents.on('window-destroyed', () => this.onWindowDestroyed());
    for (const name of [
      'web-contents-created',
      'browser-window-created',
      'browser-window-focus',
      'browser-window-blur',
      'render-process-gone',
    ]) {
      appEvents.on(name, (...args: unknown[]) => this.emit(name, ...args));
    }
    setRoleContextProvider(() => {
      const window = BrowserWindowDouble.getFocusedWindow() ?? undefined;
      return {
        focusedWindow: window,
        focusedWebContents: window?.webContents,
        quit: () => this.quit(),
        showAboutPanel: () => this.showAboutPanel(),
      };
    });
  }

  get isPackaged(): boolean {
    return runtime.config.isPackaged;
  }

  get name(): string {
    return this.appName;
  }

  set name(name: string) {
    this.appName = name;
  }

  getName(): string {
    return this.appName;
  }

  setName(name: string): void {
    this.appName = name;
  }

  getVersion(): string {
    return this.manifest.version ?? '0.0.0';
  }

  getAppPath(): string {
    return runtime.config.appPath;
  }

  getLocale(): string {
    return 'en-US';
  }

  getSystemLocale(): string {
    return 'en-US';
  }

  getLocaleCountryCode(): string {
    return 'US';
  }

  getPreferredSystemLanguages(): string[] {
    return ['en-US'];
  }

  getPath(name: string): string {
    const override = this.pathOverrides.get(name);
    if (override !== undefined) return override;
    const home = homedir();
    const appData = process.env.XDG_CONFIG_HOME ?? join(home, '.config');
    const userData = runtime.config.userDataDir;
    const paths: Record<string, string> = {
      home,
      appData,
      userData,
      sessionData: userData,
      temp: tmpdir(),
      exe: process.execPath,
      module: process.execPath,
      desktop: join(home, 'Desktop'),
      documents: join(home, 'Documents'),
      downloads: join(home, 'Downloads'),
      music: join(home, 'Music'),
      pictures: join(home, 'Pictures'),
      videos: join(home, 'Videos'),
      logs: join(userData, 'logs'),
      crashDumps: join(userData, 'Crashpad'),
    };
    const path = paths[name];
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  setPath(name: string, path: string): void {
    if (!isAbsolute(path)) throw new Error(`Path must be absolute: ${path}`);
    this.pathOverrides.set(name, path);
  }

  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  getAppUserModelId(): string {
    return this.appUserModelId;
  }

  setBadgeCount(count?: number): boolean {
    this.badgeCount = count ?? 0;
    return true;
  }

  getBadgeCount(): number {
    return this.badgeCount;
  }

  showAboutPanel(): void {
    this.aboutPanelShown.push(Date.now());
  }

  setAboutPanelOptions(_options: Record<string, unknown>): void {
    // Shown only through showAboutPanel, which the double records.
  }

  get applicationMenu(): MenuDouble | null {
    return MenuDouble.getApplicationMenu();
  }

  set applicationMenu(menu: MenuDouble | null) {
    MenuDouble.setApplicationMenu(menu);
  }

  isReady(): boolean {
    return runtime.isReady;
  }

  whenReady(): Promise<void> {
    return runtime.readyGate.promise;
  }

  focus(_options?: { steal?: boolean }): void {
    const [window] = BrowserWindowDouble.getAllWindows();
    window?.focus();
  }

  // ---- start -------------------------------------------------------------------------------------------------

  /** Called once the module graph of the main bundle has run (see index.ts). */
  boot(): Promise<void> {
    this.booting ??= this.launch();
    return this.booting;
  }

  private async launch(): Promise<void> {
    if (this.quitting) return;
    this.emit('will-finish-launching');
    const launched = await launchChromium(this.commandLine.toChromiumArgs());
    runtime.setContext(launched.context);
    await launched.context.route('**/*', (route, request) => routeRequest(route, request));
    await launched.context.exposeBinding(runtime.bindingName, (source, payload: string) =>
      dispatchPageRequest(source, payload),
    );
    launched.context.on('page', (page) => void onContextPage(page));
    launched.context.on('close', () => this.onChromiumGone());
    runtime.notify({ type: 'browser', cdpPort: launched.cdpPort, chromiumPid: launched.chromiumPid });
    if (this.quitting) return;
    runtime.isReady = true;
    this.emit('ready', createEvent(), {});
    runtime.readyGate.resolve();
  }

  private onChromiumGone(): void {
    if (this.terminating !== undefined) return;
    console.error('[electron-double] Chromium exited; the app cannot go on');
    runtime.setContext(undefined);
    void this.terminate(1);
  }

  // ---- quitting ----------------------------------------------------------------------------------------------

  /** Electron's sequence: before-quit → close every window (any may cancel) → will-quit → quit → exit. */
  quit(): void {
    if (this.terminating !== undefined) return;
    const beforeQuit = createEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.quitting = true;
    for (const window of BrowserWindowDouble.getAllWindows()) {
      window.close();
      if (!window.isDestroyed()) {
        this.quitting = false;
        return;
      }
    }
    const willQuit = createEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.emit('quit', createEvent(), 0);
    void this.terminate(0);
  }

  /** Quits at once: windows are destroyed without `close`, and no quit events are emitted. */
  exit(exitCode = 0): void {
    if (this.terminating !== undefined) return;
    this.quitting = true;
    for (const window of BrowserWindowDouble.getAllWindows()) window.destroy();
    void this.terminate(exitCode);
  }

  relaunch(): void {
    throw new Error('app.relaunch is not available in the e2e double (the harness owns the process)');
  }

  private onWindowDestroyed(): void {
    if (this.quitting || BrowserWindowDouble.getAllWindows().length > 0) return;
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }

  private terminate(exitCode: number): Promise<never> {
    this.terminating ??= (async () => {
      await this.booting?.catch(() => undefined);
      await Promise.allSettled([...this.pendingNotices]);
      this.releaseSingleInstanceLock();
      const contents = WebContentsDouble.all();
      for (const each of contents) each.destroy();
      await Promise.allSettled(contents.map((each) => each.pageReady));
      if (runtime.hasContext) {
        const context = runtime.context;
        runtime.setContext(undefined);
        await Promise.race([
          context.close().catch(() => undefined),
          new Promise((resolve) => setTimeout(resolve, 5000)),
        ]);
      }
      await protocol.close();
      process.exit(exitCode);
    })();
    return this.terminating;
  }

  // ---- single instance -------------------------------------------------------------------------------------

  private lockPaths(): { lock: string; socket: string } {
    const userData = this.getPath('userData');
    return { lock: join(userData, 'SingletonLock'), socket: join(userData, 'SingletonSocket') };
  }

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    if (this.lockServer !== undefined) return true;
    const { lock, socket } = this.lockPaths();
    mkdirSync(this.getPath('userData'), { recursive: true });
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch {
      const holder = Number(readFileSync(lock, 'utf8'));
      if (holder !== process.pid && isAlive(holder)) {
        this.notifyFirstInstance(socket, additionalData);
        return false;
      }
      writeFileSync(lock, String(process.pid));
    }
    try {
      unlinkSync(socket);
    } catch {
      // No stale socket.
    }
    const server = createServer((connection) => {
      let text = '';
      connection.setEncoding('utf8');
      connection.on('data', (chunk: string) => {
        text += chunk;
      });
      connection.on('end', () => {
        try {
          const message = JSON.parse(text) as { argv: string[]; cwd: string; additionalData: unknown };
          this.emit('second-instance', createEvent(), message.argv, message.cwd, message.additionalData);
        } catch (error) {
          console.error('[electron-double] a second instance sent an unreadable message:', error);
        }
      });
    });
    server.listen(socket);
    server.unref();
    this.lockServer = server;
    return true;
  }

  hasSingleInstanceLock(): boolean {
    return this.lockServer !== undefined;
  }

  releaseSingleInstanceLock(): void {
    if (this.lockServer === undefined) return;
    this.lockServer.close();
    this.lockServer = undefined;
    const { lock } = this.lockPaths();
    try {
      if (Number(readFileSync(lock, 'utf8')) === process.pid) unlinkSync(lock);
    } catch {
      // Already gone.
    }
  }

  private notifyFirstInstance(socket: string, additionalData: unknown): void {
    const message = JSON.stringify({ argv: process.argv, cwd: process.cwd(), additionalData });
    const notice = (async () => {
      // The first instance may still be starting its listener: retry briefly, as Chromium's singleton does.
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const delivered = await new Promise<boolean>((resolve) => {
          const client = connect(socket, () => client.end(message));
          client.on('close', (hadError) => resolve(!hadError));
          client.on('error', () => resolve(false));
        });
        if (delivered) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      console.error('[electron-double] could not reach the first instance');
    })();
    this.pendingNotices.add(notice);
    void notice.finally(() => this.pendingNotices.delete(notice));
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const app = new AppDouble();
