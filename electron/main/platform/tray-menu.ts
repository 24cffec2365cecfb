import type { EngineInfo } from '../../common';

export type TrayHealth = 'connected' | 'degraded' | 'disconnected';

/** One item of the tray menu as plain data; the adapter turns it into an Electron menu. */
export interface TrayMenuEntry {
  label?: string;
  type?: 'normal' | 'separator';
  enabled?: boolean;
  action?: 'open' | 'quit';
}

/** Overall health shown by the tray icon: all engines up, some down, or none reachable. */
export function trayHealth(engines: readonly EngineInfo[]): TrayHealth {
  const connected = engines.filter((engine) => engine.status.state === 'connected').length;
  if (engines.length > 0 && connected === engines.length) return 'connected';
  return connected > 0 ? 'degraded' : 'disconnected';
}

const stateWords: Record<EngineInfo['status']['state'], string> = {
  connected: 'connected',
  connecting: 'connecting…',
  unreachable: 'unreachable',
  authFailed: 'login refused',
  disconnected: 'disconnected',
};

/** The tray menu for the current engines. Labels are plain text built from our own words and engine names. */
export function buildTrayMenu(engines: readonly EngineInfo[]): TrayMenuEntry[] {
  const status: TrayMenuEntry[] = engines.map((engine) => ({
    label: `${engine.name}: ${stateWords[engine.status.state]}`,
    enabled: false,
  }));
  return [
    ...status,
    { type: 'separator' },
    { label: 'Open Berth', action: 'open' },
    { label: 'Quit Berth', action: 'quit' },
  ];
}

export function trayTooltip(engines: readonly EngineInfo[]): string {
  const health = trayHealth(engines);
  if (health === 'connected') return 'Berth — all Docker hosts connected';
  if (health === 'degraded') return 'Berth — some Docker hosts are unreachable';
  return 'Berth — no Docker host reachable';
}
