import { Menu, type MenuItemConstructorOptions } from 'electron';

import type { UiCommand } from '../../common';
import type { AppMenuEntry } from './app-menu';

interface AppMenuActions {
  ui: (command: UiCommand) => void;
  reconnect: () => void;
  quit: () => void;
  openLogFile: () => void;
}

function toElectron(entry: AppMenuEntry, actions: AppMenuActions): MenuItemConstructorOptions {
  if (entry.type === 'separator') return { type: 'separator' };
  const action = entry.action;
  return {
    label: entry.label,
    role: entry.role,
    accelerator: entry.accelerator,
    submenu: entry.submenu?.map((child) => toElectron(child, actions)),
    click:
      action === undefined
        ? undefined
        : () => {
            if (action.kind === 'ui') actions.ui(action.command);
            else actions[action.kind]();
          },
  };
}

/** Installs the application menu built by `buildAppMenu`. */
export function installAppMenu(entries: AppMenuEntry[], actions: AppMenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(entries.map((entry) => toElectron(entry, actions))));
}
