import { BrowserWindowDouble } from './browser-window.js';
import type { ControlRequest, WindowInfo } from './control-protocol.js';
import { answerNextDialog, dialogRecords } from './dialog.js';
import { clickSnapshot, describeSnapshot, MenuDouble, snapshotMenu } from './menu.js';
import { clickNotification, notificationRecords } from './notification.js';
import { runtime } from './runtime.js';
import { shellRecords } from './shell.js';
import { TrayDouble } from './tray.js';

interface Controllable {
  app: { quit(): void; exit(code?: number): void };
}

function requireTray(): TrayDouble {
  const tray = TrayDouble.current();
  if (tray === undefined) throw new Error('The app has no tray icon');
  return tray;
}

function windowInfo(window: BrowserWindowDouble): WindowInfo {
  return {
    id: window.id,
    webContentsId: window.webContents.id,
    targetId: window.webContents.targetId,
    url: window.webContents.getURL(),
    title: window.getTitle(),
    visible: window.isVisible(),
    focused: window.isFocused(),
    minimized: window.isMinimized(),
    maximized: window.isMaximized(),
    bounds: window.getBounds(),
  };
}

async function perform(request: ControlRequest, electron: Controllable): Promise<unknown> {
  switch (request.op) {
    case 'trayMenu':
      return requireTray().menuAsSeen();
    case 'clickTrayItem':
      requireTray().clickMenuItem(request.labelPath);
      return null;
    case 'clickTray':
      requireTray().clickIcon();
      return null;
    case 'tray':
      return TrayDouble.current()?.info() ?? null;
    case 'applicationMenu': {
      const menu = MenuDouble.getApplicationMenu();
      return menu === null ? null : describeSnapshot(snapshotMenu(menu));
    }
    case 'clickApplicationMenuItem': {
      const menu = MenuDouble.getApplicationMenu();
      if (menu === null) throw new Error('The app has no application menu');
      clickSnapshot(snapshotMenu(menu), request.labelPath, 'application menu');
      return null;
    }
    case 'windows':
      return BrowserWindowDouble.getAllWindows().map(windowInfo);
    case 'records':
      return {
        openedExternally: [...shellRecords.openedExternally],
        openedPaths: [...shellRecords.openedPaths],
        shownInFolder: [...shellRecords.shownInFolder],
        notifications: notificationRecords(),
        dialogs: dialogRecords(),
      };
    case 'answerDialog':
      answerNextDialog(request.answer);
      return null;
    case 'clickNotification':
      clickNotification(request.index);
      return null;
    case 'evaluate': {
      // Indirect eval: the function source runs in this module's global scope, like Playwright's evaluate.
      const indirectEval: (source: string) => unknown = globalThis.eval;
      const fn = indirectEval(`(${request.source})`) as (electron: unknown, arg: unknown) => unknown;
      return await fn(electron, request.arg);
    }
    case 'quit':
      electron.app.quit();
      return null;
    case 'exit':
      electron.app.exit(request.code);
      return null;
  }
}

/** Serves the harness's requests over the fork IPC channel; leaves with the harness. */
export function installControl(electron: Controllable): void {
  if (process.send === undefined) return;
  process.on('message', (message: ControlRequest) => {
    if (typeof message !== 'object' || message === null || typeof message.id !== 'number') return;
    void perform(message, electron).then(
      (value) => {
        try {
          runtime.notify({ type: 'response', id: message.id, ok: true, value });
        } catch (error) {
          runtime.notify({
            type: 'response',
            id: message.id,
            ok: false,
            error: `The result could not be sent: ${String(error)}`,
          });
        }
      },
      (error: unknown) => {
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        runtime.notify({ type: 'response', id: message.id, ok: false, error: text });
      },
    );
  });
  process.on('disconnect', () => electron.app.exit(0));
}
