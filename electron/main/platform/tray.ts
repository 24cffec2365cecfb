import { join } from 'node:path';

import { Menu, type MenuItemConstructorOptions, nativeImage, nativeTheme, Tray } from 'electron';

import type { EngineInfo } from '../../common';
import { buildTrayMenu, type TrayHealth, trayHealth, trayTooltip } from './tray-menu';

export interface TrayActions {
  open: () => void;
  quit: () => void;
}

/** The tray icon and its menu, rebuilt whenever an engine's status changes. */
export class AppTray {
  private readonly tray: Tray;

  constructor(
    private readonly assetsDir: string,
    private readonly actions: TrayActions,
    private readonly platform: NodeJS.Platform,
  ) {
    this.tray = new Tray(this.icon('disconnected'));
    this.tray.on('click', () => this.actions.open());
  }

  update(engines: readonly EngineInfo[]): void {
    const template: MenuItemConstructorOptions[] = buildTrayMenu(engines).map((entry) => {
      if (entry.type === 'separator') return { type: 'separator' };
      const action = entry.action;
      return {
        label: entry.label,
        enabled: entry.enabled ?? true,
        click: action === undefined ? undefined : () => this.actions[action](),
      };
    });
    this.tray.setContextMenu(Menu.buildFromTemplate(template));
    this.tray.setToolTip(trayTooltip(engines));
    this.tray.setImage(this.icon(trayHealth(engines)));
  }

  destroy(): void {
    this.tray.destroy();
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
