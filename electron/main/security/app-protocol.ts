import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

import { APP_HOST, CONTENT_SECURITY_POLICY } from './policy';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Serves the built renderer for `protocol.handle('app', …)`: only files inside `rootDir`, only for the
 * `app://berth` host, every response carrying the CSP.
 */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return plain(400, 'Bad request');
    }
    if (pathname.includes('\0')) return plain(400, 'Bad request');
    const filePath = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
    // The resolved path must stay inside the renderer folder: `..` and encoded slashes end here.
    if (filePath !== root && !filePath.startsWith(root + sep)) return plain(403, 'Forbidden');
    try {
      const body = await readFile(filePath);
      const type = contentTypes[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { 'Content-Type': type, ...securityHeaders },
      });
    } catch {
      return plain(404, 'Not found');
    }
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders },
  });
}
