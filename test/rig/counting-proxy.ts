import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One HTTP request seen by the proxy. */
export interface ProxiedRequest {
  method: string;
  /** Path with query, as sent (`/v1.41/containers/json?all=true`). */
  path: string;
}

/** A counting proxy (design H3): a unix socket that forwards to the daemon and records every request line. */
export interface CountingProxy {
  /** `unix://…/proxy.sock`: point the code under test here. */
  host: string;
  socketPath: string;
  readonly requests: readonly ProxiedRequest[];
  /** Bytes the daemon sent back, `/events` streams left out (they are the same for every client). */
  readonly responseBytes: number;
  /** Requests whose path (without an API version prefix or query) equals `pathname`. */
  count(method: string, pathname: string): number;
  /** Forgets what was recorded so far. */
  reset(): void;
  /**
   * Holds back every byte the client sends from now on (new requests reach the daemon only at `release()`);
   * answers already on their way, the `/events` stream among them, keep flowing.
   */
  hold(): void;
  release(): void;
  /** Makes every open and future connection fail (simulates the daemon vanishing) until `resume()`. */
  cutAll(): void;
  resume(): void;
  close(): Promise<void>;
}

/** Strips `/v1.41` and the query. */
export function pathnameOf(path: string): string {
  const withoutQuery = path.split('?', 1)[0] ?? path;
  return withoutQuery.replace(/^\/v\d+\.\d+(?=\/)/, '');
}

/**
 * Reads HTTP/1.1 requests off a client→daemon byte stream just well enough to find every request line: headers,
 * then a body of `Content-Length` bytes or chunked. After an `Upgrade` the rest is opaque.
 */
class RequestLineReader {
  private buffer = Buffer.alloc(0);
  private bodyLeft = 0;
  private chunked = false;
  private opaque = false;

  constructor(private readonly onRequest: (request: ProxiedRequest) => void) {}

  push(chunk: Buffer): void {
    if (this.opaque) return;
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, this.buffer.length);
        this.buffer = this.buffer.subarray(take);
        this.bodyLeft -= take;
        if (this.bodyLeft > 0) return;
      }
      if (this.chunked) {
        if (!this.skipChunk()) return;
        continue;
      }
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const head = this.buffer.subarray(0, end).toString('latin1');
      this.buffer = this.buffer.subarray(end + 4);
      const [requestLine = '', ...headerLines] = head.split('\r\n');
      const [method = '', path = ''] = requestLine.split(' ');
      this.onRequest({ method, path });
      const headers = new Map(
        headerLines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
        }),
      );
      if (headers.has('upgrade')) {
        this.opaque = true;
        return;
      }
      this.chunked = /chunked/i.test(headers.get('transfer-encoding') ?? '');
      this.bodyLeft = this.chunked ? 0 : Number(headers.get('content-length') ?? 0);
    }
  }

  /** Consumes one chunk of a chunked body; false when more bytes are needed. */
  private skipChunk(): boolean {
    const lineEnd = this.buffer.indexOf('\r\n');
    if (lineEnd === -1) return false;
    const size = parseInt(this.buffer.subarray(0, lineEnd).toString('latin1'), 16);
    if (size === 0) {
      // Last chunk: an (assumed empty) trailer ends with CRLF.
      if (this.buffer.length < lineEnd + 4) return false;
      this.buffer = this.buffer.subarray(lineEnd + 4);
      this.chunked = false;
      return true;
    }
    if (this.buffer.length < lineEnd + 2 + size + 2) return false;
    this.buffer = this.buffer.subarray(lineEnd + 2 + size + 2);
    return true;
  }
}

/** Starts a counting proxy in front of the daemon socket `targetSocketPath`. */
export async function startCountingProxy(targetSocketPath: string): Promise<CountingProxy> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-proxy-'));
  const socketPath = join(dir, 'proxy.sock');
  const requests: ProxiedRequest[] = [];
  const open = new Set<net.Socket>();
  let cut = false;
  let holding = false;
  let responseBytes = 0;
  const heldBack: Array<{ upstream: net.Socket; chunk: Buffer }> = [];

  const server = net.createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = net.createConnection({ path: targetSocketPath });
    open.add(client);
    open.add(upstream);
    let streamingEvents = false;
    const reader = new RequestLineReader((request) => {
      requests.push(request);
      streamingEvents = pathnameOf(request.path) === '/events';
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!streamingEvents) responseBytes += chunk.length;
    });
    client.on('data', (chunk: Buffer) => {
      reader.push(chunk);
      if (holding) heldBack.push({ upstream, chunk });
      else upstream.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.pipe(client);
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
    client.on('close', () => {
      open.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });

  return {
    host: `unix://${socketPath}`,
    socketPath,
    requests,
    count: (method, pathname) =>
      requests.filter((request) => request.method === method && pathnameOf(request.path) === pathname).length,
    get responseBytes() {
      return responseBytes;
    },
    reset: () => {
      requests.length = 0;
      responseBytes = 0;
    },
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const { upstream, chunk } of heldBack.splice(0)) if (!upstream.destroyed) upstream.write(chunk);
    },
    cutAll: () => {
      cut = true;
      for (const socket of open) socket.destroy();
    },
    resume: () => {
      cut = false;
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
