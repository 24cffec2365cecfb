/**
 * Berth's security policy as plain data and predicates, so it can be unit-tested without Electron.
 * The renderer is only ever served from `app://berth`; everything else is foreign.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'berth';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Strict CSP sent with every document: no eval, no inline script, nothing remote. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Mantine injects <style> tags at run time; styles cannot execute code.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/**
 * True only for URLs of our own renderer. Node gives custom schemes an opaque origin (`null`), so scheme and
 * host are compared instead of `origin`.
 */
export function isAppUrl(raw: string): boolean {
  const url = parseUrl(raw);
  return url !== undefined && url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}

/** Navigation inside a window is allowed only within the app itself (a reload of the app page). */
export function isAllowedNavigation(raw: string): boolean {
  return isAppUrl(raw);
}

/**
 * URLs taken from Docker data (ports, labels, log lines) may be handed to the system browser only when they are
 * plain http(s) with a host and no credentials.
 */
export function isSafeExternalUrl(raw: string): boolean {
  const url = parseUrl(raw);
  if (url === undefined) return false;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.hostname !== '' && url.username === '' && url.password === '';
}

/** Every permission a page may ask for (camera, notifications, clipboard read, …) is denied. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}
