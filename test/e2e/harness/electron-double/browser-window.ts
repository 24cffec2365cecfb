import { EventEmitter } from 'node:events';

import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import type { Page } from 'playwright-core';

import { createEvent } from './events.js';
import { nativeTheme } from './native-theme.js';
import { runtime } from './runtime.js';
import { PRIMARY_DISPLAY } from './screen.js';
import {
  appEvents,
  setFocusedContents,
  setPopupWindowFactory,
  WebContentsDouble,
  type WebContentsHost,
} from './web-contents.js';

let nextWindowId = 1;
const liveWindows: BrowserWindowDouble[] = [];
/** Which window has focus (a holder object, so methods can store `this` in it). */
const focusState: { window: BrowserWindowDouble | null } = { window: null };

/**
 * `BrowserWindow`: a Chromium page (no frame, no real OS window). Visibility, focus, minimise/maximise and bounds
 * are tracked as state and fire Electron's events; the bounds' size is applied to the page's viewport. Closing
 * follows Electron: `close` (preventable) → page closed → `closed` → `window-all-closed` (or quit).
 */
export class BrowserWindowDouble extends EventEmitter implements WebContentsHost {
  readonly id = nextWindowId++;
  readonly webContents: WebContentsDouble;
  private destroyed = false;
  private visible: boolean;
  private minimized = false;
  private maximized = false;
  private fullScreen = false;
  private title: string;
  private bounds: Rectangle;
  private normalBounds: Rectangle;
  private readonly minimumSize: [number, number];
  private readonly maximumSize: [number, number];
  private readonly opener: WebContentsDouble | null;
  private backgroundColor: string;
  private alwaysOnTop: boolean;
  private progress = -1;

  constructor(options: BrowserWindowConstructorOptions = {}, adoptedPage?: Page, opener?: WebContentsDouble) {
    super();
    if (!runtime.isReady) throw new Error('Cannot create BrowserWindow before app is ready');
    this.opener = opener ?? null;
    const width = Math.round(options.width ?? 800);
    const height = Math.round(options.height ?? 600);
    this.minimumSize = [options.minWidth ?? 0, options.minHeight ?? 0];
    this.maximumSize = [options.maxWidth ?? 0, options.maxHeight ?? 0];
    const size = this.clampSize(width, height);
    const x = Math.round(
      options.x ?? PRIMARY_DISPLAY.workArea.x + (PRIMARY_DISPLAY.workArea.width - size.width) / 2,
    );
    const y = Math.round(
      options.y ?? PRIMARY_DISPLAY.workArea.y + (PRIMARY_DISPLAY.workArea.height - size.height) / 2,
    );
    this.bounds = { x, y, ...size };
    this.normalBounds = { ...this.bounds };
    this.visible = options.show !== false;
    this.title = options.title ?? '';
    this.backgroundColor = options.backgroundColor ?? '#FFFFFF';
    this.alwaysOnTop = options.alwaysOnTop === true;
    const preferences = options.webPreferences ?? {};
    this.webContents = new WebContentsDouble(
      this,
      { preloadPath: preferences.preload ?? null, contextIsolation: preferences.contextIsolation !== false },
      adoptedPage,
    );
    liveWindows.push(this);
    void this.webContents.pageReady
      .then(async (page) => {
        await this.applyViewport(page);
        await page.emulateMedia({ colorScheme: nativeTheme.shouldUseDarkColors ? 'dark' : 'light' });
        runtime.notify({
          type: 'window',
          event: 'created',
          windowId: this.id,
          targetId: this.webContents.targetId,
          url: this.webContents.getURL(),
        });
      })
      .catch(() => undefined); // A page closed during setup: the window is destroyed, nothing to report.
    appEvents.emit('web-contents-created', createEvent(), this.webContents);
    appEvents.emit('browser-window-created', createEvent(), this);
    if (this.visible) this.focus();
  }

  static getAllWindows(): BrowserWindowDouble[] {
    return liveWindows.filter((window) => !window.destroyed);
  }

  static getFocusedWindow(): BrowserWindowDouble | null {
    return focusState.window !== null && !focusState.window.destroyed && focusState.window.visible
      ? focusState.window
      : null;
  }

  static fromWebContents(webContents: unknown): BrowserWindowDouble | null {
    return liveWindows.find((window) => window.webContents === webContents && !window.destroyed) ?? null;
  }

  static fromId(id: number): BrowserWindowDouble | null {
    return liveWindows.find((window) => window.id === id && !window.destroyed) ?? null;
  }

  // ---- page lifecycle (WebContentsHost) ----------------------------------------------------------------------

  onFirstPaint(): void {
    this.emit('ready-to-show', createEvent());
  }

  onPageClosed(): void {
    this.destroy();
  }

  private async applyViewport(page: Page): Promise<void> {
    if (page.isClosed()) return;
    await page
      .setViewportSize({ width: this.bounds.width, height: this.bounds.height })
      .catch(() => undefined);
  }

  // ---- loading -----------------------------------------------------------------------------------------------

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  loadFile(
    filePath: string,
    options?: { query?: Record<string, string>; search?: string; hash?: string },
  ): Promise<void> {
    return this.webContents.loadFile(filePath, options);
  }

  reload(): void {
    this.webContents.reload();
  }

  // ---- visibility and focus ----------------------------------------------------------------------------------

  show(): void {
    this.assertAlive();
    const wasVisible = this.visible;
    this.visible = true;
    if (!wasVisible) this.emit('show', createEvent());
    this.focus();
  }

  showInactive(): void {
    this.assertAlive();
    if (this.visible) return;
    this.visible = true;
    this.emit('show', createEvent());
  }

  hide(): void {
    this.assertAlive();
    if (!this.visible) return;
    this.visible = false;
    this.emit('hide', createEvent());
    if (focusState.window === this) this.blur();
  }

  isVisible(): boolean {
    return !this.destroyed && this.visible;
  }

  focus(): void {
    this.assertAlive();
    if (!this.visible) this.show();
    if (focusState.window === this) return;
    const previous = focusState.window;
    if (previous !== null && !previous.destroyed) previous.blur();
    focusState.window = this;
    setFocusedContents(this.webContents);
    void this.webContents.pageReady.then((page) => page.bringToFront()).catch(() => undefined);
    this.emit('focus', createEvent());
    appEvents.emit('browser-window-focus', createEvent(), this);
  }

  blur(): void {
    if (focusState.window !== this) return;
    focusState.window = null;
    setFocusedContents(null);
    this.emit('blur', createEvent());
    appEvents.emit('browser-window-blur', createEvent(), this);
  }

  isFocused(): boolean {
    return focusState.window === this && !this.destroyed;
  }

  // ---- state ------------------------------------------------------------------------------------------------

  minimize(): void {
    this.assertAlive();
    if (this.minimized) return;
    this.minimized = true;
    this.emit('minimize', createEvent());
    this.blur();
  }

  restore(): void {
    this.assertAlive();
    const wasMinimized = this.minimized;
    this.minimized = false;
    this.visible = true;
    if (wasMinimized) this.emit('restore', createEvent());
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  maximize(): void {
    this.assertAlive();
    if (this.maximized) return;
    this.normalBounds = { ...this.bounds };
    this.maximized = true;
    this.visible = true;
    this.resizeTo({ ...PRIMARY_DISPLAY.workArea });
    this.emit('maximize', createEvent());
  }

  unmaximize(): void {
    this.assertAlive();
    if (!this.maximized) return;
    this.maximized = false;
    this.resizeTo({ ...this.normalBounds });
    this.emit('unmaximize', createEvent());
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  isNormal(): boolean {
    return !this.minimized && !this.maximized && !this.fullScreen;
  }

  setFullScreen(flag: boolean): void {
    this.assertAlive();
    if (this.fullScreen === flag) return;
    this.fullScreen = flag;
    if (flag) {
      this.normalBounds = { ...this.bounds };
      this.resizeTo({ ...PRIMARY_DISPLAY.bounds });
    } else {
      this.resizeTo({ ...this.normalBounds });
    }
    this.emit(flag ? 'enter-full-screen' : 'leave-full-screen');
  }

  isFullScreen(): boolean {
    return this.fullScreen;
  }

  // ---- bounds -----------------------------------------------------------------------------------------------

  getBounds(): Rectangle {
    return { ...this.bounds };
  }

  getContentBounds(): Rectangle {
    return { ...this.bounds };
  }

  getNormalBounds(): Rectangle {
    return this.maximized || this.fullScreen ? { ...this.normalBounds } : { ...this.bounds };
  }

  setBounds(bounds: Partial<Rectangle>): void {
    this.assertAlive();
    this.resizeTo({ ...this.bounds, ...bounds });
    if (this.isNormal()) this.normalBounds = { ...this.bounds };
  }

  setContentBounds(bounds: Rectangle): void {
    this.setBounds(bounds);
  }

  getSize(): number[] {
    return [this.bounds.width, this.bounds.height];
  }

  setSize(width: number, height: number): void {
    this.setBounds({ width, height });
  }

  getContentSize(): number[] {
    return this.getSize();
  }

  setContentSize(width: number, height: number): void {
    this.setBounds({ width, height });
  }

  getPosition(): number[] {
    return [this.bounds.x, this.bounds.y];
  }

  setPosition(x: number, y: number): void {
    this.setBounds({ x, y });
  }

  center(): void {
    const { workArea } = PRIMARY_DISPLAY;
    this.setBounds({
      x: Math.round(workArea.x + (workArea.width - this.bounds.width) / 2),
      y: Math.round(workArea.y + (workArea.height - this.bounds.height) / 2),
    });
  }

  getMinimumSize(): number[] {
    return [...this.minimumSize];
  }

  getMaximumSize(): number[] {
    return [...this.maximumSize];
  }

  private clampSize(width: number, height: number): { width: number; height: number } {
    const [minWidth, minHeight] = this.minimumSize;
    const [maxWidth, maxHeight] = this.maximumSize;
    let clampedWidth = Math.max(width, minWidth);
    let clampedHeight = Math.max(height, minHeight);
    if (maxWidth > 0) clampedWidth = Math.min(clampedWidth, maxWidth);
    if (maxHeight > 0) clampedHeight = Math.min(clampedHeight, maxHeight);
    return { width: Math.max(1, Math.round(clampedWidth)), height: Math.max(1, Math.round(clampedHeight)) };
  }

  private resizeTo(next: Rectangle): void {
    const size = this.clampSize(next.width, next.height);
    const target = { x: Math.round(next.x), y: Math.round(next.y), ...size };
    const moved = target.x !== this.bounds.x || target.y !== this.bounds.y;
    const resized = target.width !== this.bounds.width || target.height !== this.bounds.height;
    this.bounds = target;
    if (resized) {
      void this.webContents.pageReady.then((page) => this.applyViewport(page)).catch(() => undefined);
      this.emit('resize', createEvent());
      this.emit('resized', createEvent());
    }
    if (moved) {
      this.emit('move', createEvent());
      this.emit('moved', createEvent());
    }
  }

  // ---- cosmetics (state only) ---------------------------------------------------------------------------------

  getTitle(): string {
    return this.title || this.webContents.getTitle();
  }

  setTitle(title: string): void {
    this.title = title;
  }

  getBackgroundColor(): string {
    return this.backgroundColor;
  }

  setBackgroundColor(color: string): void {
    this.backgroundColor = color;
  }

  setAlwaysOnTop(flag: boolean): void {
    this.alwaysOnTop = flag;
  }

  isAlwaysOnTop(): boolean {
    return this.alwaysOnTop;
  }

  setProgressBar(progress: number): void {
    this.progress = progress;
  }

  getProgress(): number {
    return this.progress;
  }

  setMenu(_menu: unknown): void {
    // Linux draws a per-window menu bar; the double has no window chrome.
  }

  removeMenu(): void {
    // See setMenu.
  }

  setMenuBarVisibility(_visible: boolean): void {
    // See setMenu.
  }

  setAutoHideMenuBar(_hide: boolean): void {
    // See setMenu.
  }

  setIcon(_icon: unknown): void {
    // No window chrome to draw an icon in.
  }

  flashFrame(_flag: boolean): void {
    // No window chrome.
  }

  getParentWindow(): BrowserWindowDouble | null {
    return this.opener === null ? null : BrowserWindowDouble.fromWebContents(this.opener);
  }

  getChildWindows(): BrowserWindowDouble[] {
    return liveWindows.filter((window) => !window.destroyed && window.opener === this.webContents);
  }

  // ---- closing ----------------------------------------------------------------------------------------------

  /** Asks to close: `close` can be prevented; otherwise the window is destroyed. */
  close(): void {
    if (this.destroyed) return;
    const event = createEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }

  /** Closes without `close`, like Electron's destroy. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (focusState.window === this) {
      focusState.window = null;
      setFocusedContents(null);
    }
    this.webContents.destroy();
    this.emit('closed');
    runtime.notify({
      type: 'window',
      event: 'closed',
      windowId: this.id,
      targetId: this.webContents.targetId,
      url: '',
    });
    appEvents.emit('window-destroyed', this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  private assertAlive(): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
  }
}

setPopupWindowFactory((page, options, opener) => new BrowserWindowDouble(options, page, opener));
