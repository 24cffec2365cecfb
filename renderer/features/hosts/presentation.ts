import type { EngineKind, EngineState, HostSource } from '../../../electron/common/bridge';

/** A connection state in a few words, as the status badge says it. */
export const stateLabel: Record<EngineState, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  notAnswering: 'Not answering',
  unreachable: 'Unreachable',
  authFailed: 'Login refused',
  hostKeyChanged: 'Host key changed',
  disconnected: 'Disconnected',
};

export const stateColor: Record<EngineState, string> = {
  connected: 'green',
  connecting: 'yellow',
  notAnswering: 'orange',
  unreachable: 'red',
  authFailed: 'red',
  hostKeyChanged: 'red',
  disconnected: 'gray',
};

export const kindLabel: Record<EngineKind, string> = {
  unix: 'Unix socket',
  npipe: 'Named pipe',
  tcp: 'TCP',
  ssh: 'SSH',
};

export const sourceLabel: Record<HostSource, string> = {
  default: 'Default',
  context: 'docker context',
  berth: 'Berth',
};

/** `0.42 ms`, `12 ms`, `1.2 s`; an em dash when unknown. */
export function formatLatency(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The kind an address will have, from its scheme (`tcp` for a bare host:port, as the CLI). */
export function kindOfUrl(url: string): EngineKind | undefined {
  const match = /^([a-z]+):\/\//i.exec(url.trim());
  const scheme = match?.[1]?.toLowerCase() ?? (url.trim() === '' ? undefined : 'tcp');
  return scheme === 'unix' || scheme === 'npipe' || scheme === 'tcp' || scheme === 'ssh' ? scheme : undefined;
}
