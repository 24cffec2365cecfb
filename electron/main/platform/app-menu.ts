import { appViewLabels, appViews, type UiCommand } from '../../common';

/** A menu item as plain data, so the whole menu can be tested without Electron. */
export interface AppMenuEntry {
  label?: string;
  role?:
    | 'about'
    | 'services'
    | 'hide'
    | 'hideOthers'
    | 'unhide'
    | 'quit'
    | 'undo'
    | 'redo'
    | 'cut'
    | 'copy'
    | 'paste'
    | 'selectAll'
    | 'minimize'
    | 'zoom'
    | 'close'
    | 'front'
    | 'togglefullscreen'
    | 'toggleDevTools'
    | 'resetZoom'
    | 'zoomIn'
    | 'zoomOut';
  type?: 'separator';
  accelerator?: string;
  /** What clicking it does, for items that are not a built-in role. */
  action?:
    { kind: 'ui'; command: UiCommand } | { kind: 'reconnect' } | { kind: 'quit' } | { kind: 'openLogFile' };
  submenu?: AppMenuEntry[];
}

/**
 * The application menu: standard roles so copy/paste and window handling behave natively, plus Berth's own
 * commands with shortcuts. Developer tools are offered only in development builds.
 */
export function buildAppMenu(options: { platform: NodeJS.Platform; development: boolean }): AppMenuEntry[] {
  const mac = options.platform === 'darwin';
  const separator: AppMenuEntry = { type: 'separator' };
  const preferences: AppMenuEntry = {
    label: mac ? 'Settings…' : 'Preferences…',
    accelerator: 'CmdOrCtrl+,',
    action: { kind: 'ui', command: { command: 'openPreferences' } },
  };

  const appMenu: AppMenuEntry[] = mac
    ? [
        {
          label: 'Berth',
          submenu: [
            { role: 'about' },
            separator,
            preferences,
            separator,
            { role: 'services' },
            separator,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            separator,
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const file: AppMenuEntry = {
    label: 'File',
    submenu: mac
      ? [{ role: 'close' }]
      : [preferences, separator, { label: 'Quit Berth', accelerator: 'Ctrl+Q', action: { kind: 'quit' } }],
  };

  const edit: AppMenuEntry = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      separator,
      { label: 'Find', accelerator: 'CmdOrCtrl+F', action: { kind: 'ui', command: { command: 'find' } } },
    ],
  };

  const view: AppMenuEntry = {
    label: 'View',
    submenu: [
      {
        label: 'Command Palette…',
        accelerator: 'CmdOrCtrl+K',
        action: { kind: 'ui', command: { command: 'openCommandPalette' } },
      },
      separator,
      ...appViews.map((name, index): AppMenuEntry => ({
        label: appViewLabels[name],
        accelerator: `CmdOrCtrl+${index + 1}`,
        action: { kind: 'ui', command: { command: 'navigate', view: name } },
      })),
      separator,
      // Reloading data means reconnecting and refetching; reloading the page would throw away the UI state.
      { label: 'Reload Data', accelerator: 'CmdOrCtrl+R', action: { kind: 'reconnect' } },
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(options.development ? [separator, { role: 'toggleDevTools' } as AppMenuEntry] : []),
    ],
  };

  const windowMenu: AppMenuEntry = {
    label: 'Window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  // Where a user goes when something went wrong: the main process's log, opened in the system's viewer.
  const help: AppMenuEntry = {
    label: 'Help',
    submenu: [{ label: 'Open Log File', action: { kind: 'openLogFile' } }],
  };

  return [...appMenu, file, edit, view, windowMenu, help];
}
