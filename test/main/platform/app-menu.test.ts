import { describe, expect, it } from 'vitest';

import { appViews } from '../../../electron/common';
import { type AppMenuEntry, buildAppMenu } from '../../../electron/main/platform/app-menu';

function flatten(entries: AppMenuEntry[]): AppMenuEntry[] {
  return entries.flatMap((entry) => [entry, ...flatten(entry.submenu ?? [])]);
}

describe('buildAppMenu', () => {
  it.each(['darwin', 'linux', 'win32'] as const)(
    'has find, preferences, palette, reload and one shortcut per view on %s',
    (platform) => {
      const items = flatten(buildAppMenu({ platform, development: false }));
      const byAccelerator = new Map(
        items.filter((item) => item.accelerator).map((item) => [item.accelerator, item]),
      );
      expect(byAccelerator.get('CmdOrCtrl+F')?.action).toEqual({ kind: 'ui', command: { command: 'find' } });
      expect(byAccelerator.get('CmdOrCtrl+,')?.action).toEqual({
        kind: 'ui',
        command: { command: 'openPreferences' },
      });
      expect(byAccelerator.get('CmdOrCtrl+K')?.action).toEqual({
        kind: 'ui',
        command: { command: 'openCommandPalette' },
      });
      expect(byAccelerator.get('CmdOrCtrl+R')?.action).toEqual({ kind: 'reconnect' });
      appViews.forEach((view, index) => {
        expect(byAccelerator.get(`CmdOrCtrl+${index + 1}`)?.action).toEqual({
          kind: 'ui',
          command: { command: 'navigate', view },
        });
      });
      const accelerators = items.map((item) => item.accelerator).filter(Boolean);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    },
  );

  it('offers developer tools only in development', () => {
    const roles = (development: boolean) =>
      flatten(buildAppMenu({ platform: 'linux', development })).map((item) => item.role);
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
  });

  it('follows each platform: an app menu on macOS, Quit in File elsewhere', () => {
    expect(buildAppMenu({ platform: 'darwin', development: false })[0]?.label).toBe('Berth');
    const linux = flatten(buildAppMenu({ platform: 'linux', development: false }));
    expect(linux.find((item) => item.label === 'Quit Berth')?.action).toEqual({ kind: 'quit' });
    expect(linux.some((item) => item.role === 'copy' || item.role === 'paste')).toBe(true);
  });

  it.each(['darwin', 'linux', 'win32'] as const)('offers Help → Open Log File on %s', (platform) => {
    const help = buildAppMenu({ platform, development: false }).find((entry) => entry.label === 'Help');
    expect(help?.submenu).toEqual([{ label: 'Open Log File', action: { kind: 'openLogFile' } }]);
  });
});
