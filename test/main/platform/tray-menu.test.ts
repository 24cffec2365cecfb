import { describe, expect, it } from 'vitest';

import type { EngineInfo, EngineState } from '../../../electron/common';
import { buildTrayMenu, trayHealth, trayTooltip } from '../../../electron/main/platform/tray-menu';

const engine = (id: string, state: EngineState): EngineInfo => ({
  id,
  name: id,
  kind: 'unix',
  address: `unix:///tmp/${id}.sock`,
  status: { state, since: 0 },
});

describe('trayHealth', () => {
  it.each([
    [[], 'disconnected'],
    [[engine('a', 'connected')], 'connected'],
    [[engine('a', 'connected'), engine('b', 'unreachable')], 'degraded'],
    [[engine('a', 'connecting')], 'disconnected'],
    [[engine('a', 'unreachable'), engine('b', 'unreachable')], 'disconnected'],
  ] as const)('%j → %s', (engines, expected) => {
    expect(trayHealth(engines)).toBe(expected);
    expect(trayTooltip(engines)).toMatch(/^Berth — /);
  });
});

describe('buildTrayMenu', () => {
  it('lists each engine as a disabled status line, then Open and Quit', () => {
    const menu = buildTrayMenu([engine('local', 'connected'), engine('staging', 'unreachable')]);
    expect(menu.map((entry) => entry.label ?? entry.type)).toEqual([
      'local: connected',
      'staging: unreachable',
      'separator',
      'Open Berth',
      'Quit Berth',
    ]);
    expect(menu[0]?.enabled).toBe(false);
    expect(menu.find((entry) => entry.label === 'Quit Berth')?.action).toBe('quit');
  });
});
