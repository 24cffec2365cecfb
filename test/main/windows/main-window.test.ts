import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const created: FakeWindow[] = [];

class FakeWebContents {
  readonly mainFrame = { url: 'app://berth/index.html' };
  readonly handlers = new Map<string, (...args: unknown[]) => void>();
  on(event: string, handler: (...args: unknown[]) => void): this {
    this.handlers.set(event, handler);
    return this;
  }
  setWindowOpenHandler = vi.fn();
}

class FakeWindow {
  readonly webContents = new FakeWebContents();
  loadURL = vi.fn(() => Promise.resolve());
  once = vi.fn();
  on = vi.fn();
  show = vi.fn();
  focus = vi.fn();
  isDestroyed = () => false;
  isMinimized = () => false;
  isMaximized = () => false;
  getNormalBounds = () => ({ x: 0, y: 0, width: 800, height: 600 });
  restore = vi.fn();
  constructor(readonly options: unknown) {
    created.push(this);
  }
}

vi.mock('electron', () => ({ BrowserWindow: FakeWindow }));

const { MainWindowController, createMainBrowserWindow } =
  await import('../../../electron/main/windows/main-window');

describe('createMainBrowserWindow', () => {
  beforeEach(() => {
    created.length = 0;
  });

  /** The security baseline: each web preference and the only value it may have. */
  const BASELINE: [option: string, safe: unknown][] = [
    ['sandbox', true],
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['webviewTag', false],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['disableBlinkFeatures', 'Auxclick'],
    ['spellcheck', false],
  ];
  const webPreferences = (devTools = false): Record<string, unknown> => {
    createMainBrowserWindow('/app/preload.cjs', devTools);
    return (created.at(-1)!.options as { webPreferences: Record<string, unknown> }).webPreferences;
  };

  it.each(BASELINE)('pins webPreferences.%s to %j', (option, safe) => {
    expect(webPreferences()[option]).toBe(safe);
  });

  it('sets no web preference outside the baseline but the preload path and the devTools switch', () => {
    const preferences = webPreferences();
    const unpinned = Object.keys(preferences).filter(
      (option) => !BASELINE.some(([pinned]) => pinned === option),
    );
    expect(unpinned.sort()).toEqual(['devTools', 'preload']);
    expect(preferences.preload).toBe('/app/preload.cjs');
    expect(preferences.devTools).toBe(false);
    expect(webPreferences(true).devTools).toBe(true);
  });

  it('creates the window hidden (shown once ready)', () => {
    createMainBrowserWindow('/app/preload.cjs', false);
    expect((created[0].options as { show: boolean }).show).toBe(false);
  });

  it('restores saved bounds', () => {
    createMainBrowserWindow('/app/preload.cjs', true, { x: 10, y: 20, width: 900, height: 700 });
    expect(created[0].options).toMatchObject({ x: 10, y: 20, width: 900, height: 700 });
  });

  it('is the only place a BrowserWindow is constructed anywhere in the app', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk('electron');
    const constructing = files.filter((file) => /new BrowserWindow\(/.test(readFileSync(file, 'utf8')));
    expect(constructing).toEqual([join('electron', 'main', 'windows', 'main-window.ts')]);
    expect(readFileSync(constructing[0], 'utf8').match(/new BrowserWindow\(/g)).toHaveLength(1);
  });
});

describe('MainWindowController', () => {
  beforeEach(() => {
    created.length = 0;
  });

  const controller = () =>
    new MainWindowController('/app/preload.cjs', false, {
      onReady: vi.fn(),
      shouldHideOnClose: () => true,
      stateStore: { get: () => undefined, set: vi.fn() },
      displays: () => [{ x: 0, y: 0, width: 1920, height: 1080 }],
    });

  it('loads the app over app:// and denies window.open', () => {
    controller().show();
    const window = created[0];
    expect(window.loadURL).toHaveBeenCalledWith('app://berth/index.html');
    expect(window.webContents.setWindowOpenHandler).toHaveBeenCalled();
    const openHandler = window.webContents.setWindowOpenHandler.mock.calls[0][0] as () => { action: string };
    expect(openHandler()).toEqual({ action: 'deny' });
  });

  it('prevents navigation to anything but the app', () => {
    controller().show();
    const navigate = created[0].webContents.handlers.get('will-navigate')!;
    const event = { preventDefault: vi.fn() };
    navigate(event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    navigate(event, 'app://berth/index.html');
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('trusts only the main frame of its own window on the app origin', () => {
    const windows = controller();
    windows.show();
    const contents = created[0].webContents;
    const event = (sender: unknown, frame: unknown) =>
      ({ sender, senderFrame: frame }) as unknown as IpcMainInvokeEvent;
    expect(windows.isTrustedSender(event(contents, contents.mainFrame))).toBe(true);
    expect(windows.isTrustedSender(event(contents, { url: 'app://berth/index.html' }))).toBe(false);
    expect(windows.isTrustedSender(event(new FakeWebContents(), contents.mainFrame))).toBe(false);
    expect(windows.isTrustedSender(event(contents, null))).toBe(false);
    contents.mainFrame.url = 'https://evil.example/';
    expect(windows.isTrustedSender(event(contents, contents.mainFrame))).toBe(false);
  });

  it('refuses every sender while no window exists', () => {
    const contents = new FakeWebContents();
    const event = { sender: contents, senderFrame: contents.mainFrame } as unknown as IpcMainInvokeEvent;
    expect(controller().isTrustedSender(event)).toBe(false);
  });
});
