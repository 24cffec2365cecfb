import { BrowserWindow, type IpcMainInvokeEvent } from 'electron';

import { restrictNavigation } from '../security/harden';
import { APP_ENTRY_URL, isAppUrl } from '../security/policy';
import { type Rectangle, restoreWindowState, WindowStateKeeper, type WindowStateStore } from './window-state';

/**
 * Creates the main window. Its web preferences are the security baseline of the whole app; they are written
 * out here as one literal (so reviewers and electronegativity see exactly what is set) and pinned by a unit
 * test: sandboxed, isolated, no Node, web security on, no webview, no middle-click popups.
 */
export function createMainBrowserWindow(
  preloadPath: string,
  devTools: boolean,
  bounds?: Rectangle,
): BrowserWindow {
  return new BrowserWindow({
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 820,
    ...(bounds !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 820,
    minHeight: 520,
    show: false,
    title: 'Berth',
    backgroundColor: '#1a1b1e',
    webPreferences: {
      // The preload exposes only window.berth, built from the IPC contract, never ipcRenderer itself
      // (pinned by test/preload/bridge.test.ts); that is the review electronegativity asks for.
      preload: preloadPath /* eng-disable PRELOAD_JS_CHECK */,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools,
    },
  });
}

interface MainWindowHooks {
  /** Called each time the page has loaded and can receive events. */
  onReady: (window: BrowserWindow) => void;
  /** Decides whether closing hides the window instead (Berth keeps running in the tray). */
  shouldHideOnClose: () => boolean;
  /** Where size, position and maximized state are remembered between runs. */
  stateStore: WindowStateStore;
  /** Work areas of the connected displays, to refuse a saved position on a monitor that is gone. */
  displays: () => Rectangle[];
  /** Called once per new window (crash and hang recovery). */
  onCreated?: (window: BrowserWindow) => void;
}

/** Owns the single main window: creates it lazily, re-shows it, and tells which IPC senders are ours. */
export class MainWindowController {
  private window: BrowserWindow | undefined;

  constructor(
    private readonly preloadPath: string,
    private readonly devTools: boolean,
    private readonly hooks: MainWindowHooks,
  ) {}

  /** Shows the window, creating it if needed. */
  show(): BrowserWindow {
    const existing = this.window;
    if (existing !== undefined && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return existing;
    }
    const saved = restoreWindowState(this.hooks.stateStore.get('window'), this.hooks.displays());
    const window = createMainBrowserWindow(this.preloadPath, this.devTools, saved?.bounds);
    this.window = window;
    restrictNavigation(window.webContents);
    this.hooks.onCreated?.(window);
    const keeper = new WindowStateKeeper(this.hooks.stateStore, () => ({
      bounds: window.getNormalBounds(),
      maximized: window.isMaximized(),
    }));
    const remember = () => keeper.schedule();
    window.on('resize', remember);
    window.on('move', remember);
    window.on('maximize', remember);
    window.on('unmaximize', remember);
    window.once('ready-to-show', () => {
      if (saved?.maximized === true) window.maximize();
      window.show();
    });
    window.webContents.on('did-finish-load', () => this.hooks.onReady(window));
    window.on('close', (event) => {
      keeper.flush();
      if (this.hooks.shouldHideOnClose()) {
        event.preventDefault();
        window.hide();
      }
    });
    window.on('closed', () => {
      if (this.window === window) this.window = undefined;
    });
    void window.loadURL(APP_ENTRY_URL);
    return window;
  }

  current(): BrowserWindow | undefined {
    return this.window !== undefined && !this.window.isDestroyed() ? this.window : undefined;
  }

  /** Only the main frame of our own window, showing our own origin, may call into main. */
  isTrustedSender(event: IpcMainInvokeEvent): boolean {
    const window = this.current();
    if (window === undefined) return false;
    if (event.sender !== window.webContents) return false;
    const frame = event.senderFrame;
    if (frame === null || frame !== event.sender.mainFrame) return false;
    return isAppUrl(frame.url);
  }
}
