import type { WireValue } from './wire-codec.js';

/**
 * Messages between the page runtime (in Chromium) and the window's Node side, carried as JSON text through one
 * Playwright binding per page.
 */
export type PageRequest =
  | { kind: 'invoke'; channel: string; args: WireValue }
  | { kind: 'send'; channel: string; args: WireValue }
  | { kind: 'poll'; docId: string }
  | { kind: 'preload-error'; message: string; stack: string | undefined }
  | { kind: 'permission-request'; permission: string; details: Record<string, unknown> }
  | { kind: 'permission-check'; permission: string; details: Record<string, unknown> };

export type InvokeReply = { ok: true; value: WireValue } | { ok: false; error: string };

export interface PushedMessage {
  channel: string;
  args: WireValue;
}

export type PollReply = PushedMessage[];

/** Same-origin path the loopback server answers window-open questions on (synchronous XHR from the page). */
export const WINDOW_OPEN_GATE_PATH = '/__electron_double__/window-open';

export interface WindowOpenGateRequest {
  token: string;
  url: string;
  frameName: string;
  features: string;
  disposition?: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
}

/** What the page runtime is configured with (serialised into the init script). */
export interface PageRuntimeConfig {
  bindingName: string;
  windowOpenGate: { path: string; token: string };
  preloadPath: string | null;
  /** Set when the preload file could not be read or parsed; the runtime reports it like Electron does. */
  preloadLoadError: string | null;
  contextIsolation: boolean;
  process: {
    platform: string;
    arch: string;
    pid: number;
    argv: string[];
    execPath: string;
    version: string;
    versions: Record<string, string>;
    type: 'renderer';
    sandboxed: true;
    contextIsolated: boolean;
  };
}
