import { Duplex } from 'node:stream';

import type { ClientChannel } from 'ssh2';

import { ErrorCode, IpcError } from '../../../../common';

/** Opens a fresh `dial-stdio` channel (the session's, bounded by its channel limit). */
export type OpenChannel = () => Promise<ClientChannel>;

/** Methods whose request can be sent again safely when the channel died before any answer came. */
const REPLAYABLE = /^(GET|HEAD) /;

/**
 * One kept-alive `dial-stdio` channel as the http.Agent sees it: a socket-like duplex that carries request after
 * request (HTTP keep-alive). When the channel dies while a request is out and no byte of its answer has come (the
 * remote process was killed, the daemon restarted, a channel closed at the moment it was reused), a GET or HEAD
 * is written once more on a new channel, invisibly to the http client; any other method fails with a clear
 * error, since the daemon may have acted on it. A channel that dies while idle just closes, and the agent drops it.
 */
export class PooledChannel extends Duplex {
  private channel: ClientChannel;
  private detach: () => void = () => undefined;
  /** A request has been written and its response has not ended yet ('free' not seen). */
  private inRequest = false;
  private replayable = false;
  private answered = false;
  private retried = false;
  /** What this request wrote so far, kept until its answer starts (only when replayable). */
  private sent: Buffer[] = [];
  private idleTimer: NodeJS.Timeout | undefined;
  /** Read by http.Agent (keepSocketAlive), as on a net.Socket. */
  timeout = 0;
  /** How many times a request was written again on a new channel (for tests and diagnostics). */
  retries = 0;

  constructor(
    channel: ClientChannel,
    private readonly reopen: OpenChannel,
    private readonly label: string,
  ) {
    super({ allowHalfOpen: false });
    this.channel = channel;
    this.attach(channel);
    // The http client emits 'free' on its socket once a response has ended and the socket is kept.
    this.on('free', () => {
      this.inRequest = false;
      this.sent = [];
      this.touch();
    });
  }

  private attach(channel: ClientChannel): void {
    const onData = (chunk: Buffer): void => {
      this.answered = true;
      this.sent = [];
      this.touch();
      if (!this.push(chunk)) channel.pause();
    };
    const onEnd = (): void => this.channelDied(channel);
    const onError = (error: Error): void => this.channelDied(channel, error);
    channel.on('data', onData);
    channel.on('end', onEnd);
    channel.on('close', onEnd);
    channel.on('error', onError);
    this.detach = () => {
      channel.off('data', onData);
      channel.off('end', onEnd);
      channel.off('close', onEnd);
      channel.off('error', onError);
      // A late error of the channel we left must not be unhandled.
      channel.on('error', () => undefined);
    };
  }

  private channelDied(channel: ClientChannel, error?: Error): void {
    if (channel !== this.channel || this.destroyed) return;
    this.detach();
    if (!this.inRequest) {
      // Idle in the pool: gone quietly; the agent forgets a socket that closed.
      this.destroy();
      return;
    }
    if (this.answered) {
      // Part of the answer was delivered: the http client reports the cut itself.
      this.destroy(error);
      return;
    }
    if (this.replayable && !this.retried) {
      this.retried = true;
      this.retries++;
      void this.replay();
      return;
    }
    this.destroy(
      new IpcError(
        ErrorCode.EngineUnreachable,
        this.replayable
          ? `The SSH channel to ${this.label} closed twice before the Docker engine answered.`
          : `The SSH channel to ${this.label} closed before the Docker engine answered; the request was not ` +
              'sent again because it may already have taken effect. Check its result before retrying.',
        error ? { cause: error } : undefined,
      ),
    );
  }

  private async replay(): Promise<void> {
    let channel: ClientChannel;
    try {
      channel = await this.reopen();
    } catch (error) {
      this.destroy(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (this.destroyed) {
      channel.close();
      return;
    }
    this.channel = channel;
    this.attach(channel);
    for (const chunk of this.sent) channel.write(chunk);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (!this.inRequest) {
      // The first bytes of a new request: its request line says whether it may be sent twice.
      this.inRequest = true;
      this.answered = false;
      this.retried = false;
      this.replayable = REPLAYABLE.test(chunk.subarray(0, 5).toString('latin1'));
      this.sent = [];
    }
    if (this.replayable && !this.answered) this.sent.push(chunk);
    this.touch();
    // While a replay is opening its channel, the bytes wait in `sent` and go out with the rest.
    if (this.channel.destroyed || this.channel.write(chunk)) callback();
    else this.channel.once('drain', () => callback());
  }

  override _read(): void {
    this.channel.resume();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.channel.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.idleTimer);
    this.detach();
    this.channel.close();
    callback(error);
  }

  /** As net.Socket: 'timeout' after `ms` with no traffic (the agent closes an idle pooled channel on it). */
  setTimeout(ms: number, callback?: () => void): this {
    this.timeout = ms;
    // net.Socket's contract, which the http client relies on: 0 with a callback removes that listener.
    if (callback && ms === 0) this.off('timeout', callback);
    else if (callback) this.once('timeout', callback);
    this.touch();
    return this;
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    // Only an idle channel times out: a slow answer is the request's deadline's business, not the pool's.
    if (this.timeout > 0 && !this.inRequest && !this.destroyed) {
      this.idleTimer = setTimeout(() => this.emit('timeout'), this.timeout);
      this.idleTimer.unref();
    }
  }

  // What http.Agent calls on pooled sockets; nothing of TCP applies to a channel.
  setKeepAlive(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}
