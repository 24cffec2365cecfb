import { EventEmitter } from 'node:events';

import { protocol } from './protocol.js';
import { runtime } from './runtime.js';
import type { WebContentsDouble } from './web-contents.js';
import type { WebFrameMainDouble } from './web-frame-main.js';

type PermissionRequestHandler = (
  webContents: WebContentsDouble,
  permission: string,
  callback: (granted: boolean) => void,
  details: Record<string, unknown>,
) => void;

type PermissionCheckHandler = (
  webContents: WebContentsDouble | null,
  permission: string,
  requestingOrigin: string,
  details: Record<string, unknown>,
) => boolean;

/** Permissions API names (what the page queries) → Electron's permission name and, for media, its type. */
const QUERY_TO_ELECTRON: Record<string, { permission: string; mediaType?: 'video' | 'audio' }> = {
  notifications: { permission: 'notifications' },
  geolocation: { permission: 'geolocation' },
  camera: { permission: 'media', mediaType: 'video' },
  microphone: { permission: 'media', mediaType: 'audio' },
  'clipboard-read': { permission: 'clipboard-read' },
  'clipboard-write': { permission: 'clipboard-sanitized-write' },
  midi: { permission: 'midi' },
};

/** Electron permission (+ details) → the Chromium permission descriptors the decision is applied to. */
function chromiumPermissionsFor(permission: string, details: Record<string, unknown>): string[] {
  switch (permission) {
    case 'notifications':
    case 'geolocation':
    case 'clipboard-read':
    case 'midi':
      return [permission];
    case 'clipboard-sanitized-write':
      return ['clipboard-write'];
    case 'media': {
      const types = Array.isArray(details.mediaTypes) ? (details.mediaTypes as string[]) : [];
      const names: string[] = [];
      if (types.includes('video')) names.push('camera');
      if (types.includes('audio')) names.push('microphone');
      return names;
    }
    default:
      return [];
  }
}

/**
 * `session.defaultSession`: the permission handlers (asked for the requests the page makes through the APIs the
 * page runtime wraps, and applied to Chromium with `Browser.setPermission`, so the page sees the real outcome)
 * and `protocol`. With no handler set, Electron grants every request and check; so does the double.
 */
export class SessionDouble extends EventEmitter {
  readonly protocol = protocol;
  private requestHandler: PermissionRequestHandler | null = null;
  private checkHandler: PermissionCheckHandler | null = null;
  private userAgent: string | undefined;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.checkHandler = handler;
  }

  getUserAgent(): string {
    return this.userAgent ?? runtime.context.browser()?.version() ?? 'Chromium';
  }

  setUserAgent(userAgent: string): void {
    this.userAgent = userAgent;
  }

  getStoragePath(): string {
    return runtime.config.chromiumProfileDir;
  }

  /** Asks the request handler (or grants, without one) and applies the outcome to the page's origin. */
  async requestPermission(
    contents: WebContentsDouble,
    frame: WebFrameMainDouble,
    permission: string,
    details: Record<string, unknown>,
  ): Promise<boolean> {
    const fullDetails = { ...details, requestingUrl: frame.url, isMainFrame: frame.parent === null };
    const handler = this.requestHandler;
    const granted =
      handler === null
        ? true
        : await new Promise<boolean>((resolve) => {
            try {
              handler(contents, permission, (value) => resolve(value === true), fullDetails);
            } catch (error) {
              console.error('[electron-double] the permission request handler threw:', error);
              resolve(false);
            }
          });
    await applyToChromium(contents, chromiumPermissionsFor(permission, details), granted);
    return granted;
  }

  /** Asks the check handler for a `navigator.permissions.query` and applies the answer before the page reads it. */
  async checkPermission(
    contents: WebContentsDouble,
    frame: WebFrameMainDouble,
    queryName: string,
  ): Promise<boolean> {
    const mapped = QUERY_TO_ELECTRON[queryName] ?? { permission: queryName };
    const details: Record<string, unknown> = {
      requestingUrl: frame.url,
      isMainFrame: frame.parent === null,
      securityOrigin: frame.origin,
      embeddingOrigin: frame.top?.origin ?? frame.origin,
    };
    if (mapped.mediaType !== undefined) details.mediaType = mapped.mediaType;
    let granted = true;
    if (this.checkHandler !== null) {
      try {
        granted = this.checkHandler(contents, mapped.permission, frame.origin, details) === true;
      } catch (error) {
        console.error('[electron-double] the permission check handler threw:', error);
        granted = false;
      }
    }
    await applyToChromium(contents, [queryName], granted);
    return granted;
  }
}

async function applyToChromium(
  contents: WebContentsDouble,
  names: string[],
  granted: boolean,
): Promise<void> {
  const cdp = contents.cdpSession();
  if (cdp === undefined) return;
  const page = await contents.pageReady;
  let origin: string;
  try {
    origin = new URL(page.url()).origin;
  } catch {
    return;
  }
  for (const name of names) {
    await cdp
      .send('Browser.setPermission', {
        permission: { name },
        setting: granted ? 'granted' : 'denied',
        origin,
      })
      .catch(() => undefined); // A permission this Chromium does not know keeps its default.
  }
}

let defaultSession: SessionDouble | undefined;

/** The `session` module: only the default session exists in the double. */
export const session = {
  get defaultSession(): SessionDouble {
    if (!runtime.isReady) throw new Error('Session can only be received when app is ready');
    defaultSession ??= new SessionDouble();
    return defaultSession;
  },
  fromPartition(partition: string): SessionDouble {
    if (partition !== '')
      throw new Error(`The e2e double has only the default session (asked for "${partition}")`);
    return session.defaultSession;
  },
};
