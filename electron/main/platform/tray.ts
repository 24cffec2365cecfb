import { join } from 'node:path';

import { Menu, type MenuItemConstructorOptions, nativeImage, nativeTheme, Tray } from 'electron';

import type { EngineInfo } from '../../common';
import { type TrayAction, type TrayHealth, trayHealth, type TrayMenuEntry, trayTooltip } from './tray-menu';

/** The tray icon and its menu; what the menu holds comes from `buildTrayMenu`. */
export class AppTray {
  private readonly tray: Tray;

  constructor(
    private readonly assetsDir: string,
    private readonly onAction: (action: TrayAction) => void,
    private readonly platform: NodeJS.Platform,
  ) {
    this.tray = new Tray(this.icon('disconnected'));
    this.tray.on('click', () => this.onAction({ kind: 'open' }));
  }

  update(entries: TrayMenuEntry[], engines: readonly EngineInfo[]): void {
    this.tray.setContextMenu(Menu.buildFromTemplate(entries.map((entry) => this.toElectron(entry))));
    this.tray.setToolTip(trayTooltip(engines));
    this.tray.setImage(this.icon(trayHealth(engines)));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private toElectron(entry: TrayMenuEntry): MenuItemConstructorOptions {
    if (entry.type === 'separator') return { type: 'separator' };
    const action = entry.action;
    return {
      label: entry.label,
      type: entry.submenu !== undefined ? 'submenu' : (entry.type ?? 'normal'),
      enabled: entry.enabled ?? true,
      ...(entry.checked !== undefined ? { checked: entry.checked } : {}),
      ...(entry.submenu !== undefined
        ? { submenu: entry.submenu.map((child) => this.toElectron(child)) }
        : {}),
      click: action === undefined ? undefined : () => this.onAction(action),
    };
  }

  private icon(health: TrayHealth) {
    // macOS recolours a template image for the menu bar itself; elsewhere pick art that contrasts with it.
    if (this.platform === 'darwin' && health === 'connected') {
      return nativeImage.createFromPath(join(this.assetsDir, 'tray', 'trayTemplate.png'));
    }
    const variant = nativeTheme.shouldUseDarkColors ? 'dark' : 'light';
    return nativeImage.createFromPath(join(this.assetsDir, 'tray', `tray-${health}-${variant}.png`));
  }
}
