/**
 * The control channel between the test process (the harness) and the child running the app's main bundle
 * (Node's fork IPC with `serialization: 'advanced'`, so values are structured-cloned).
 */

/** A tray context-menu entry as a user sees it (separators and invisible items left out). */
export interface TrayMenuItem {
  label: string;
  enabled: boolean;
  checked?: boolean;
  submenu?: TrayMenuItem[];
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowInfo {
  id: number;
  webContentsId: number;
  /** The Chromium target of the window's page (how the harness finds its Playwright `Page`). */
  targetId: string | null;
  /** As the app sees it (`app://…`). */
  url: string;
  title: string;
  visible: boolean;
  focused: boolean;
  minimized: boolean;
  maximized: boolean;
  bounds: Bounds;
}

export interface ImageInfo {
  path: string | null;
  width: number;
  height: number;
  empty: boolean;
}

export interface TrayInfo {
  toolTip: string;
  title: string;
  image: ImageInfo;
}

export interface NotificationRecord {
  title: string;
  subtitle: string;
  body: string;
  silent: boolean;
  urgency: string;
  shown: boolean;
  closed: boolean;
}

/** A dialog the app opened: which method, its options (without the parent window), and how it was answered. */
export interface DialogRecord {
  method: string;
  kind: DialogKind;
  options: Record<string, unknown>;
  answer: DialogAnswer | null;
}

export type DialogKind = 'messageBox' | 'open' | 'save' | 'error';

/** What the next dialog of its kind returns; a dialog with no queued answer waits (or, if synchronous, cancels). */
export type DialogAnswer =
  | { kind: 'messageBox'; response: number; checkboxChecked?: boolean }
  | { kind: 'open'; canceled: boolean; filePaths: string[] }
  | { kind: 'save'; canceled: boolean; filePath?: string };

export interface Records {
  openedExternally: string[];
  openedPaths: string[];
  shownInFolder: string[];
  notifications: NotificationRecord[];
  dialogs: DialogRecord[];
}

export type ControlOperation =
  | { op: 'trayMenu' }
  | { op: 'clickTrayItem'; labelPath: string[] }
  | { op: 'clickTray' }
  | { op: 'tray' }
  | { op: 'applicationMenu' }
  | { op: 'clickApplicationMenuItem'; labelPath: string[] }
  | { op: 'windows' }
  | { op: 'records' }
  | { op: 'answerDialog'; answer: DialogAnswer }
  | { op: 'clickNotification'; index: number }
  | { op: 'evaluate'; source: string; arg: unknown }
  | { op: 'quit' }
  | { op: 'exit'; code: number };

export type ControlRequest = ControlOperation & { id: number };

export type ChildNotice =
  | { type: 'browser'; cdpPort: number; chromiumPid: number | null }
  | {
      type: 'window';
      event: 'created' | 'loaded' | 'closed';
      windowId: number;
      targetId: string | null;
      url: string;
    }
  | { type: 'response'; id: number; ok: true; value: unknown }
  | { type: 'response'; id: number; ok: false; error: string };
