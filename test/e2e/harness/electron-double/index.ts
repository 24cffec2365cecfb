/**
 * The `electron` module as the app's main bundle sees it in e2e tests. The loader hooks (register.ts) map the
 * `electron` specifier here. See test/e2e/README.md for what is faithful and what is not.
 */
import { app } from './app.js';
import { BrowserWindowDouble } from './browser-window.js';
import { installControl } from './control.js';
import { dialog } from './dialog.js';
import { ipcMain } from './ipc-main.js';
import { MenuDouble, MenuItemDouble } from './menu.js';
import { nativeImage, NativeImageDouble } from './native-image.js';
import { nativeTheme } from './native-theme.js';
import { net } from './net.js';
import { NotificationDouble } from './notification.js';
import { protocol } from './protocol.js';
import { safeStorage } from './safe-storage.js';
import { screen } from './screen.js';
import { session } from './session.js';
import { shell } from './shell.js';
import { TrayDouble } from './tray.js';
import { WebContentsDouble } from './web-contents.js';
import { WebFrameMainDouble } from './web-frame-main.js';

const webContents = {
  getAllWebContents: () => WebContentsDouble.all(),
  fromId: (id: number) => WebContentsDouble.all().find((contents) => contents.id === id),
  getFocusedWebContents: () => BrowserWindowDouble.getFocusedWindow()?.webContents ?? null,
};

export {
  app,
  BrowserWindowDouble as BrowserWindow,
  dialog,
  ipcMain,
  MenuDouble as Menu,
  MenuItemDouble as MenuItem,
  NativeImageDouble as NativeImage,
  nativeImage,
  nativeTheme,
  net,
  NotificationDouble as Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  TrayDouble as Tray,
  webContents,
  WebFrameMainDouble as WebFrameMain,
};

const electron = {
  app,
  BrowserWindow: BrowserWindowDouble,
  dialog,
  ipcMain,
  Menu: MenuDouble,
  MenuItem: MenuItemDouble,
  nativeImage,
  NativeImage: NativeImageDouble,
  nativeTheme,
  net,
  Notification: NotificationDouble,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray: TrayDouble,
  webContents,
  WebFrameMain: WebFrameMainDouble,
};

export default electron;

installControl(electron);
// Electron emits `ready` after the main script has run: this module is evaluated before the app's modules, so a
// macrotask scheduled now runs once the whole (synchronous) module graph has been evaluated.
setImmediate(() => {
  app.boot().catch((error: unknown) => {
    console.error('[electron-double] could not start Chromium:', error);
    process.exit(1);
  });
});
