import http from 'node:http';
import type { Duplex } from 'node:stream';

import type { ClientChannel } from 'ssh2';

import { PooledChannel } from './pooled-channel';

/** Kept-alive channels for short requests, per SSH host: enough for a screen's burst of list calls. */
export const POOL_CHANNELS = 4;
/**
 * A pooled channel unused this long closes. Longer than the 30 s heartbeat, so an idle host keeps one warm
 * channel (the heartbeat's) and sheds the burst's extras.
 */
export const POOL_IDLE_MS = 60_000;

/** Where the agent gets its channels: the session (which bounds how many are open at once). */
interface ChannelSource {
  readonly label: string;
  openChannel(): Promise<ClientChannel>;
}

export interface ChannelPoolOptions {
  /** Kept-alive channels for short requests (default {@link POOL_CHANNELS}); more requests wait for one. */
  maxChannels?: number;
  /** Idle time after which a pooled channel closes (default {@link POOL_IDLE_MS}). */
  idleMs?: number;
}

/**
 * Requests that stream or may run unbounded (events, logs, stats, attach/exec, wait, pulls, builds, archives,
 * stop/restart with their grace period): each gets a channel of its own, closed with it, so it never holds a
 * pooled channel that short requests wait for.
 */
const LONG_LIVED = [
  /^\/events$/,
  /^\/containers\/[^/]+\/(logs|stats|attach|attach\/ws|wait|export|archive|stop|restart)$/,
  /^\/exec\/[^/]+\/start$/,
  /^\/(services|tasks)\/[^/]+\/logs$/,
  /^\/images\/(create|load|get|.+\/push|.+\/get)$/,
  /^\/(build|session|grpc|plugins\/pull)$/,
];

/** Whether a request gets a channel of its own rather than a pooled one. */
export function isLongLived(method: string, path: string, upgrade: boolean): boolean {
  if (upgrade) return true;
  const bare = path.replace(/\?.*$/, '').replace(/^\/v\d+(\.\d+)?(?=\/)/, '');
  return method !== 'HEAD' && LONG_LIVED.some((pattern) => pattern.test(bare));
}

/**
 * The http.Agent of one SSH host: short requests share a small pool of kept-alive `docker system dial-stdio`
 * channels (HTTP keep-alive on each, at most `maxChannels`, the most recently used first so the extras of a burst
 * go idle and close after `idleMs`; a GET or HEAD whose channel died unanswered is sent once more, see
 * {@link PooledChannel}); long-lived requests ({@link isLongLived}) get channels of their own outside the pool.
 */
export class SshChannelAgent extends http.Agent {
  private readonly streams: StreamChannelAgent;
  /** Pooled channels being opened: http.Agent counts a socket only once it exists. */
  private opening = 0;

  constructor(
    private readonly source: ChannelSource,
    options: ChannelPoolOptions = {},
  ) {
    const max = options.maxChannels ?? POOL_CHANNELS;
    super({
      keepAlive: true,
      maxSockets: max,
      maxFreeSockets: max,
      scheduling: 'lifo',
      timeout: options.idleMs ?? POOL_IDLE_MS,
    });
    this.streams = new StreamChannelAgent(source);
  }

  /**
   * http.ClientRequest hands every request to its agent here, method, path and headers already set. Public at run
   * time (custom agents override it) but missing from @types/node, hence no `override`.
   */
  addRequest(request: http.ClientRequest, options: http.ClientRequestArgs): void {
    const upgrade = request.getHeader('upgrade') !== undefined;
    if (isLongLived(request.method, request.path, upgrade)) {
      (this.streams as unknown as AddRequest).addRequest(request, options);
      return;
    }
    // The agent opens a socket when fewer than maxSockets exist, queueing the request otherwise; channels open
    // asynchronously, so those on their way count too (restored at once: nothing else reads it meanwhile).
    const max = this.maxSockets;
    this.maxSockets = Math.max(0, max - this.opening);
    try {
      (http.Agent.prototype as unknown as AddRequest).addRequest.call(this, request, options);
    } finally {
      this.maxSockets = max;
    }
  }

  override createConnection(
    _options: http.ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    this.opening++;
    this.source.openChannel().then(
      (channel) => {
        this.opening--;
        callback?.(null, new PooledChannel(channel, () => this.source.openChannel(), this.source.label));
      },
      (error: unknown) => {
        this.opening--;
        callback?.(error instanceof Error ? error : new Error(String(error)), undefined as never);
      },
    );
    return undefined;
  }

  /** Closes one idle pooled channel, to free a slot of the connection for a request that waits; false if none. */
  closeIdleChannel(): boolean {
    for (const list of Object.values(this.freeSockets)) {
      const socket = list?.[0];
      if (socket) {
        socket.destroy();
        return true;
      }
    }
    return false;
  }

  /** Every channel: pooled, busy and long-lived. */
  channels(): Duplex[] {
    const all: Duplex[] = [];
    for (const agent of [this, this.streams]) {
      for (const pool of [agent.sockets, agent.freeSockets]) {
        for (const list of Object.values(pool)) all.push(...(list ?? []));
      }
    }
    return all;
  }

  override destroy(): void {
    super.destroy();
    this.streams.destroy();
  }
}

interface AddRequest {
  addRequest(request: http.ClientRequest, options: http.ClientRequestArgs): void;
}

/** A channel per request, closed with its response; no bound but the session's. */
class StreamChannelAgent extends http.Agent {
  constructor(private readonly source: ChannelSource) {
    super({ keepAlive: false });
  }

  override createConnection(
    _options: http.ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    this.source.openChannel().then(
      (channel) => callback?.(null, asSocketLike(channel)),
      (error: unknown) =>
        callback?.(error instanceof Error ? error : new Error(String(error)), undefined as never),
    );
    return undefined;
  }
}

type SocketMethod = 'ref' | 'unref' | 'setKeepAlive' | 'setNoDelay' | 'setTimeout';
const SOCKET_METHODS: readonly SocketMethod[] = ['ref', 'unref', 'setKeepAlive', 'setNoDelay', 'setTimeout'];

/**
 * Gives a channel the socket methods http.Agent calls on its sockets, as no-ops: none of them means anything for
 * a channel, and the agent's own bookkeeping then works as for a socket.
 */
function asSocketLike(channel: ClientChannel): Duplex {
  const target: Duplex & Partial<Record<SocketMethod, unknown>> = channel;
  for (const name of SOCKET_METHODS) {
    if (typeof target[name] !== 'function') {
      target[name] = function (this: Duplex): Duplex {
        return this;
      };
    }
  }
  return channel;
}
