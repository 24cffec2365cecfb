import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { protocol } from './protocol.js';

const FILE_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain',
  '.wasm': 'application/wasm',
};

/**
 * `net.fetch`: `file:` URLs are read from disk (content type from the extension, as Chromium's file loader
 * does), custom schemes go to their `protocol.handle` handler (unless `bypassCustomProtocolHandlers`), and the
 * rest goes to Node's fetch (not Chromium's network stack: no proxy settings, cookies or cache of the session).
 */
async function fetchDouble(
  input: string | Request,
  init?: RequestInit & { bypassCustomProtocolHandlers?: boolean },
): Promise<Response> {
  const request = new Request(input, init);
  const url = new URL(request.url);
  if (url.protocol === 'file:') {
    try {
      const path = fileURLToPath(url);
      const body = await readFile(path);
      const type = FILE_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { 'content-type': type },
      });
    } catch {
      throw new TypeError('net::ERR_FILE_NOT_FOUND');
    }
  }
  const scheme = url.protocol.slice(0, -1);
  const handler = protocol.handlerFor(scheme);
  if (handler !== undefined && init?.bypassCustomProtocolHandlers !== true) return handler(request);
  return fetch(request);
}

export const net = {
  fetch: fetchDouble,
  isOnline(): boolean {
    return true;
  },
  get online(): boolean {
    return true;
  },
};
