import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

const installed = vi.hoisted(() => ({ template: [] as MenuItemConstructorOptions[] }));

vi.mock('electron', () => ({
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => {
      installed.template = template;
      return template;
    },
    setApplicationMenu: () => undefined,
  },
}));

const { buildAppMenu } = await import('../../../electron/main/platform/app-menu');
const { installAppMenu } = await import('../../../electron/main/platform/app-menu-adapter');
const { openLogFile } = await import('../../../electron/main/platform/open-log-file');

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = Array.isArray(item.submenu) ? find(item.submenu, label) : undefined;
    if (inner !== undefined) return inner;
  }
  return undefined;
}

describe('the application menu in Electron', () => {
  it('opens the log file when Help → Open Log File is clicked', () => {
    const actions = { ui: vi.fn(), reconnect: vi.fn(), quit: vi.fn(), openLogFile: vi.fn() };
    installAppMenu(buildAppMenu({ platform: 'linux', development: false }), actions);

    const item = find(installed.template, 'Open Log File');
    expect(find(installed.template, 'Help')?.submenu).toEqual([item]);
    // The adapter's click ignores Electron's arguments (item, window, event).
    const click = item?.click as (() => void) | undefined;
    click?.();
    expect(actions.openLogFile).toHaveBeenCalledTimes(1);
    expect(actions.ui).not.toHaveBeenCalled();
    expect(actions.reconnect).not.toHaveBeenCalled();
    expect(actions.quit).not.toHaveBeenCalled();
  });
});

describe('openLogFile', () => {
  it('hands the file to the system viewer', async () => {
    const opened: string[] = [];
    await openLogFile({ openPath: (path) => (opened.push(path), Promise.resolve('')) }, '/logs/main.log');
    expect(opened).toEqual(['/logs/main.log']);
  });

  it('reports what the system said when it could not open it', async () => {
    await expect(
      openLogFile({ openPath: () => Promise.resolve('No application is registered') }, '/logs/main.log'),
    ).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'Could not open the log file /logs/main.log: No application is registered',
    });
  });
});
