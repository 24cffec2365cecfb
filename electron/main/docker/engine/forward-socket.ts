import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';

import { HttpIdleTracker } from './http-idle';

/** Opens one raw byte stream to the engine's API (EngineRegistry.dial). */
export type Dialer = () => Promise<Duplex>;

/** A private local endpoint forwarding the Engine API; close() when the operation that needed it ends. */
export interface ForwardingSocket {
  /** `unix:///…/<random>.sock` (or `npipe:////./pipe/<random>` on Windows), for `DOCKER_HOST`. */
  readonly dockerHost: string;
  /** The socket's path (the pipe's name on Windows). */
  readonly path: string;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Stops accepting, cuts every forwarded connection and removes the socket and its folder. Idempotent. */
  close(): Promise<void>;
}

interface ForwardOptions {
  /** Where the private folder is made (default the OS temp dir). */
  parent?: string;
  platform?: NodeJS.Platform;
  /** Told about a connection that could not be forwarded (the client just sees it closed). */
  onError?: (error: Error) => void;
  /**
   * Closes a keep-alive connection idle this long (every request answered, nothing new sent). Default: never. For
   * transports with few connections to give (SSH channels).
   */
  idleTimeoutMs?: number;
}

/**
 * Closes keep-alive connections that sit idle longer than a timeout, as HTTP servers do (clients check for that
 * before reusing one). Some clients never close theirs (Compose 1.x leaves one open per phase), and over SSH each
 * holds one of the session's few channels: without this they would all be taken and the next request would wait
 * forever.
 */
class IdlePool {
  private readonly timers = new Map<Duplex, NodeJS.Timeout>();

  constructor(private readonly timeoutMs: number | undefined) {}

  /** Marks a connection idle (with how to close it) or busy again. */
  update(client: Duplex, close: (() => void) | undefined): void {
    this.forget(client);
    if (!close || this.timeoutMs === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(client);
      close();
    }, this.timeoutMs);
    timer.unref();
    this.timers.set(client, timer);
  }

  forget(client: Duplex): void {
    clearTimeout(this.timers.get(client));
    this.timers.delete(client);
  }
}

/**
 * Opens a private local socket that forwards every connection, byte for byte, to the engine `dial` reaches, so a
 * tool we run (Compose, the CLI for stacks) can act on any host through Berth's own connection and never sees a
 * certificate, key or password. Private: a fresh folder only this user can enter (0700), a socket of mode 0600
 * with a random name. Each connection is a plain pipe, so HTTP streams, hijacked attach/exec and upgrades pass
 * unharmed (nothing here parses HTTP).
 */
export async function openForwardingSocket(
  dial: Dialer,
  options: ForwardOptions = {},
): Promise<ForwardingSocket> {
  const windows = (options.platform ?? process.platform) === 'win32';
  const name = randomBytes(16).toString('hex');
  // mkdtemp makes the folder with mode 0700: nobody else can reach the socket, even before its chmod below.
  const folder = windows ? undefined : await mkdtemp(join(options.parent ?? tmpdir(), 'berth-fwd-'));
  const path = folder ? join(folder, `${name.slice(0, 16)}.sock`) : `\\\\.\\pipe\\berth-${name}`;
  const open = new Set<Duplex>();
  const pool = new IdlePool(options.idleTimeoutMs);
  let connections = 0;
  const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true }, (client) => {
    connections++;
    forward(client, { dial, open, pool, ...(options.onError ? { onError: options.onError } : {}) });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (folder) await chmod(path, 0o600);
  } catch (error) {
    server.close();
    if (folder) await rm(folder, { recursive: true, force: true });
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    dockerHost: folder ? `unix://${path}` : `npipe:////./pipe/berth-${name}`,
    path,
    get connections() {
      return connections;
    },
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const stream of open) discard(stream);
        await stopped;
        if (folder) await rm(folder, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

interface ForwardContext {
  dial: Dialer;
  open: Set<Duplex>;
  pool: IdlePool;
  onError?: (error: Error) => void;
}

/** Pipes one accepted connection to a fresh stream to the engine, both ways, half-closes included. */
function forward(client: net.Socket, { dial, open, pool, onError }: ForwardContext): void {
  open.add(client);
  let upstream: Duplex | undefined;
  const cut = (): void => {
    client.destroy();
    if (upstream) discard(upstream);
  };
  client.on('error', cut);
  client.on('close', () => {
    open.delete(client);
    pool.forget(client);
    // The client is gone: nothing will read what the engine still sends.
    if (upstream) discard(upstream);
  });
  dial().then(
    (stream) => {
      if (client.destroyed) {
        discard(stream);
        return;
      }
      upstream = stream;
      open.add(stream);
      stream.on('error', cut);
      stream.on('close', () => {
        open.delete(stream);
        // The engine side is gone; let the client read what was already sent, then end.
        if (!client.destroyed) client.end();
      });
      // pipe() ends the other side when one side ends: a half-close (attach's closed stdin) reaches the engine.
      client.pipe(stream);
      stream.pipe(client);
      // After the pipes, so a response's last bytes are written before its connection may be closed.
      const http = new HttpIdleTracker();
      const close = (): void => {
        client.end();
        discard(stream);
      };
      client.on('data', (chunk: Buffer) => {
        http.request(chunk);
        pool.update(client, undefined);
      });
      stream.on('data', (chunk: Buffer) => {
        http.response(chunk);
        if (http.idle) pool.update(client, close);
      });
      client.resume();
    },
    (error: unknown) => {
      onError?.(error instanceof Error ? error : new Error(String(error)));
      client.destroy();
    },
  );
}

/**
 * Closes a stream and drains what is still readable: an SSH channel reports 'close' (and frees its slot in the
 * session) only after its readable side has ended, which a paused, unpiped channel never does.
 */
function discard(stream: Duplex): void {
  // Unpiped first: a pipe pauses its source when its destination finishes, which would stall the drain.
  stream.unpipe();
  stream.destroy();
  stream.resume();
}
