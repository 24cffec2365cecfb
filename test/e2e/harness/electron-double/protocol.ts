import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

import type { CustomScheme, Protocol } from 'electron';

import { WINDOW_OPEN_GATE_PATH, type WindowOpenGateRequest } from './page-protocol.js';
import { runtime } from './runtime.js';

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** One `scheme://host` origin served to Chromium from its own loopback port (so origins stay distinct). */
interface LoopbackOrigin {
  scheme: string;
  appOrigin: string;
  loopbackOrigin: string;
  server: Server;
}

const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
]);

/**
 * `protocol` for custom schemes, served through 127.0.0.1: Chromium cannot navigate to a scheme it does not know,
 * so `app://berth/x` is loaded as `http://127.0.0.1:<port>/x`, each request is turned back into a real `Request`
 * for `app://berth/x`, and the handler's `Response` (status, headers — CSP included — and body) is written back.
 * URLs the app sees (`getURL`, `senderFrame.url`, navigation events, request headers) are mapped back to `app://`.
 */
export class ProtocolDouble implements Pick<
  Protocol,
  'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'
> {
  private readonly privileged = new Map<string, CustomScheme['privileges']>();
  private readonly handlers = new Map<string, ProtocolHandler>();
  private readonly byAppOrigin = new Map<string, Promise<LoopbackOrigin>>();
  private readonly byLoopbackOrigin = new Map<string, LoopbackOrigin>();
  private windowOpenGate: ((request: WindowOpenGateRequest) => boolean) | undefined;
  private redirectGate: ((requestUrl: string, location: string) => boolean) | undefined;

  /**
   * Decides redirects a handler returns for a document navigation (`will-redirect`): Playwright does not route
   * redirect hops, so the loopback server asks before passing the redirect on. True means cancelled.
   */
  setRedirectGate(gate: (requestUrl: string, location: string) => boolean): void {
    this.redirectGate = gate;
  }

  /** Answers the page runtime's synchronous window-open questions (see page-runtime.ts). */
  setWindowOpenGate(gate: (request: WindowOpenGateRequest) => boolean): void {
    this.windowOpenGate = gate;
  }

  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void {
    if (runtime.isReady)
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    for (const scheme of customSchemes) this.privileged.set(scheme.scheme, scheme.privileges ?? {});
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    requireReady('handle');
    if (
      ['http', 'https', 'file', 'ws', 'wss', 'data', 'blob', 'about', 'chrome', 'devtools'].includes(scheme)
    ) {
      throw new Error(`The e2e double cannot intercept the built-in scheme "${scheme}:"`);
    }
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  unhandle(scheme: string): void {
    requireReady('unhandle');
    this.handlers.delete(scheme);
  }

  isProtocolHandled(scheme: string): boolean {
    requireReady('isProtocolHandled');
    return this.handlers.has(scheme);
  }

  /** The handler for a custom scheme, for `net.fetch`. */
  handlerFor(scheme: string): ProtocolHandler | undefined {
    return this.handlers.get(scheme);
  }

  /** The URL Chromium loads for `url`: custom-scheme URLs become loopback URLs, others are unchanged. */
  async toPageUrl(url: string): Promise<string> {
    const parsed = parseCustomUrl(url);
    if (parsed === undefined || !this.handlers.has(parsed.scheme)) return url;
    if (this.privileged.get(parsed.scheme)?.standard !== true) {
      throw new Error(
        `The e2e double serves only standard schemes; register "${parsed.scheme}" with privileges.standard`,
      );
    }
    const origin = await this.originFor(parsed.scheme, parsed.appOrigin);
    return origin.loopbackOrigin + parsed.rest;
  }

  /** The URL the app would see for a URL Chromium reports. */
  toAppUrl(url: string): string {
    for (const [loopbackOrigin, origin] of this.byLoopbackOrigin) {
      if (url === loopbackOrigin) return origin.appOrigin;
      if (
        url.startsWith(`${loopbackOrigin}/`) ||
        url.startsWith(`${loopbackOrigin}?`) ||
        url.startsWith(`${loopbackOrigin}#`)
      ) {
        return origin.appOrigin + url.slice(loopbackOrigin.length);
      }
    }
    return url;
  }

  /** Replaces every loopback origin in `text` by its app origin. */
  private loopbackToApp(text: string): string {
    let result = text;
    for (const [loopbackOrigin, origin] of this.byLoopbackOrigin)
      result = result.split(loopbackOrigin).join(origin.appOrigin);
    return result;
  }

  /** Replaces every app origin in `text` by its loopback origin. */
  private appToLoopback(text: string): string {
    let result = text;
    for (const origin of this.byLoopbackOrigin.values())
      result = result.split(origin.appOrigin).join(origin.loopbackOrigin);
    return result;
  }

  private originFor(scheme: string, appOrigin: string): Promise<LoopbackOrigin> {
    let pending = this.byAppOrigin.get(appOrigin);
    if (pending === undefined) {
      pending = new Promise<LoopbackOrigin>((resolve, reject) => {
        const server = createServer((request, response) => {
          void this.serve(scheme, appOrigin, request, response);
        });
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
          const { port } = server.address() as AddressInfo;
          const origin: LoopbackOrigin = {
            scheme,
            appOrigin,
            loopbackOrigin: `http://127.0.0.1:${port}`,
            server,
          };
          this.byLoopbackOrigin.set(origin.loopbackOrigin, origin);
          resolve(origin);
        });
      });
      this.byAppOrigin.set(appOrigin, pending);
    }
    return pending;
  }

  private async serve(
    scheme: string,
    appOrigin: string,
    incoming: IncomingMessage,
    outgoing: ServerResponse,
  ): Promise<void> {
    const handler = this.handlers.get(scheme);
    if (handler === undefined) {
      outgoing.destroy(); // Chromium reports a failed load, as for an unknown scheme.
      return;
    }
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value === undefined || HOP_BY_HOP.has(name)) continue;
        for (const item of Array.isArray(value) ? value : [value])
          headers.append(name, this.loopbackToApp(item));
      }
      const method = incoming.method ?? 'GET';
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      if (incoming.url === WINDOW_OPEN_GATE_PATH && method === 'POST' && this.windowOpenGate !== undefined) {
        const allow = this.windowOpenGate(
          JSON.parse(Buffer.concat(chunks).toString('utf8')) as WindowOpenGateRequest,
        );
        outgoing.setHeader('content-type', 'application/json');
        outgoing.end(JSON.stringify({ allow }));
        return;
      }
      const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
      const request = new Request(appOrigin + (incoming.url ?? '/'), { method, headers, body });
      const response: unknown = await handler(request);
      if (!(response instanceof Response) || response.type === 'error') {
        throw new Error(`protocol handler for "${scheme}:" did not return a Response`);
      }
      const location = response.headers.get('location');
      const isDocument =
        incoming.headers['sec-fetch-dest'] === 'document' &&
        incoming.headers['sec-fetch-mode'] === 'navigate';
      if (isDocument && location !== null && [301, 302, 303, 307, 308].includes(response.status)) {
        const requestUrl = `http://${incoming.headers.host ?? ''}${incoming.url ?? '/'}`;
        const target = new URL(location, request.url).href;
        if (this.redirectGate?.(requestUrl, target) === true) {
          // A 204 answer commits nothing: Chromium stays on the current page, as a cancelled redirect does.
          outgoing.statusCode = 204;
          outgoing.end();
          return;
        }
      }
      outgoing.statusCode = response.status;
      if (response.statusText) outgoing.statusMessage = response.statusText;
      const setCookies = response.headers.getSetCookie();
      for (const [name, value] of response.headers) {
        if (name === 'set-cookie' || HOP_BY_HOP.has(name)) continue;
        outgoing.setHeader(name, this.appToLoopback(value));
      }
      if (setCookies.length > 0) outgoing.setHeader('set-cookie', setCookies);
      if (response.body === null || method === 'HEAD') {
        outgoing.end();
        return;
      }
      Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>)
        .on('error', () => outgoing.destroy())
        .pipe(outgoing);
    } catch (error) {
      console.error(`[electron-double] the "${scheme}:" protocol handler failed:`, error);
      outgoing.destroy();
    }
  }

  async close(): Promise<void> {
    const origins = await Promise.allSettled([...this.byAppOrigin.values()]);
    const closing: Promise<void>[] = [];
    for (const settled of origins) {
      if (settled.status !== 'fulfilled') continue;
      const { server } = settled.value;
      server.closeAllConnections();
      closing.push(new Promise<void>((resolve) => server.close(() => resolve())));
    }
    await Promise.all(closing);
  }
}

function requireReady(method: string): void {
  // Electron exposes these through the default session, which exists only once the app is ready.
  if (!runtime.isReady) throw new TypeError(`protocol.${method} is not a function`);
}

/** Splits `scheme://host/rest` for a non-built-in scheme. */
function parseCustomUrl(url: string): { scheme: string; appOrigin: string; rest: string } | undefined {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)(.*)$/.exec(url);
  if (match === null) return undefined;
  const scheme = match[1].toLowerCase();
  if (['http', 'https', 'file', 'ws', 'wss', 'about', 'data', 'blob', 'chrome', 'devtools'].includes(scheme))
    return undefined;
  const rest = match[3] === '' ? '/' : match[3];
  return { scheme, appOrigin: `${scheme}://${match[2].toLowerCase()}`, rest };
}

export const protocol = new ProtocolDouble();
