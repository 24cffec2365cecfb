import { join } from 'node:path';
import type { Duplex } from 'node:stream';

import type { Client, ClientChannel } from 'ssh2';

import { ErrorCode, IpcError } from '../../../../common';
import type { SshTarget } from '../endpoint';
import { type ChannelPoolOptions, SshChannelAgent } from './channel-pool';
import { dialStdioCommand, isOpenFailure, MAX_CHANNELS, watchRemoteCommand } from './dial-stdio';
import { planChain, tunnelToNextHop } from './hop-plan';
import { loadSshConfig } from './ssh-config';
import { connectHop, type HopConnectOptions } from './ssh-handshake';
import type { SshEnvironment } from './ssh-prompts';

// The SSH transport, by concern: ssh-prompts.ts (what the user is asked), hop-plan.ts (~/.ssh/config and the
// ProxyJump chain), ssh-handshake.ts (one hop's connection, with host-key-verifier.ts and ssh-auth.ts),
// dial-stdio.ts (the remote command and the HTTP agent over channels), and here the session that holds them.

export {
  type HostKeyQuestion,
  type PassphraseQuestion,
  type PasswordQuestion,
  refusingPrompts,
  type SshEnvironment,
  type SshPrompts,
} from './ssh-prompts';

/**
 * One persistent SSH connection to a Docker host, as the docker CLI would make it (`~/.ssh/config` with Host
 * aliases, User, Port, IdentityFile and ProxyJump chains; the agent and key files; known_hosts), over which every
 * HTTP request travels on a `docker system dial-stdio` channel (a small kept-alive pool for short requests, a
 * channel each for streams: channel-pool.ts). Never throws into the event loop: every ssh2 error is
 * caught and reported through {@link onClose} or the failing request.
 */
export class SshSession {
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private closed = false;
  private closeError: Error | undefined;
  private readonly clients: Client[];
  private openChannels = 0;
  private channelLimit = MAX_CHANNELS;
  private readonly channelWaiters: (() => void)[] = [];
  /** Closes an idle pooled channel so a waiting request gets its slot (set by the agent). */
  private reclaimIdle: () => boolean = () => false;

  private constructor(
    private readonly client: Client,
    /** The jump hosts' clients, outermost first; closed with ours. */
    jumps: readonly Client[],
    private readonly command: string,
    readonly label: string,
  ) {
    // Ours first: closing it before the hops it runs through lets each close cleanly.
    this.clients = [client, ...[...jumps].reverse()];
    // Requests are small packets that wait for an answer: Nagle would hold each behind the peer's delayed ACK.
    // ssh2 leaves the socket's default; a jump host's socket is a channel, where this does nothing.
    for (const each of this.clients) each.setNoDelay(true);
    const onClose = (): void => this.markClosed();
    client.on('close', onClose);
    client.on('error', (error: Error) => {
      this.closeError ??= error;
    });
    for (const jump of jumps) {
      jump.on('close', () => {
        client.end();
        onClose();
      });
    }
  }

  /**
   * Connects, verifies the host key and logs in. The handshake has `timeoutMs` of network time (the clock stops
   * while the user is asked something); `signal` aborts it.
   * @throws IpcError: UNAUTHORIZED for a refused login or host key, TIMEOUT, or what `toIpcError` makes of a socket
   * error (with `code` kept in `cause`).
   */
  static async open(
    engineId: string,
    target: SshTarget,
    environment: SshEnvironment,
    options: HopConnectOptions,
  ): Promise<SshSession> {
    const lines = await loadSshConfig(join(environment.home, '.ssh'), environment.home);
    const plans = planChain(lines, target, environment);
    // Like `ssh -J a,b target`: dial a, from a reach b, from b reach the target; each hop is verified and logged
    // in on its own.
    const jumps: Client[] = [];
    let sock: Duplex | undefined;
    try {
      for (const [index, hopPlan] of plans.entries()) {
        const next = plans[index + 1];
        // A jump host's failure names it, so the user knows which hop of the chain refused.
        const prefix = next === undefined ? '' : `via ${hopPlan.label}: `;
        const client = await connectHop(engineId, hopPlan, environment, options, sock, prefix);
        if (next === undefined) {
          return new SshSession(client, jumps, dialStdioCommand(target.socketPath), hopPlan.label);
        }
        jumps.push(client);
        sock = await tunnelToNextHop(client, hopPlan, next);
      }
    } catch (error) {
      for (const jump of jumps.reverse()) jump.end();
      throw error;
    }
    throw new Error('unreachable: the last hop returns the session');
  }

  /** Called once when the connection is gone (keepalive timeout, network error, server closed it). */
  onClose(listener: (error?: Error) => void): () => void {
    if (this.closed) {
      queueMicrotask(() => listener(this.closeError));
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Opens one `docker system dial-stdio` channel: a duplex stream to the remote daemon's API. At most
   * {@link MAX_CHANNELS} are open at once (from the request until the server confirms the close); further ones
   * wait for a free slot, so a burst of requests queues instead of failing.
   */
  async openChannel(): Promise<ClientChannel> {
    for (;;) {
      if (this.closed) {
        throw new IpcError(ErrorCode.EngineUnreachable, `The SSH connection to ${this.label} is closed.`);
      }
      if (this.openChannels >= this.channelLimit) {
        // Idle kept-alive channels must not starve a stream or a request that needs a slot.
        this.reclaimIdle();
        await new Promise<void>((resolve) => this.channelWaiters.push(resolve));
        continue;
      }
      this.openChannels++;
      let channel: ClientChannel;
      try {
        channel = await this.exec();
      } catch (error) {
        this.releaseChannel();
        // The server allows fewer sessions than we thought: wait for one of ours to close, then try again.
        if (isOpenFailure(error) && this.openChannels > 0) {
          this.channelLimit = Math.max(1, this.openChannels);
          continue;
        }
        throw new IpcError(
          ErrorCode.EngineUnreachable,
          `The SSH server ${this.label} refused a new channel (${(error as Error).message}).`,
          { cause: error },
        );
      }
      channel.once('close', () => this.releaseChannel());
      watchRemoteCommand(channel, this.command, this.label);
      return channel;
    }
  }

  private releaseChannel(): void {
    this.openChannels--;
    this.channelWaiters.shift()?.();
  }

  private exec(): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      try {
        this.client.exec(this.command, (error, channel) => (error ? reject(error) : resolve(channel)));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /**
   * The http.Agent whose connections are channels of this session (no new handshake per request): short requests
   * share a few kept-alive channels, streams get their own (see {@link SshChannelAgent}).
   */
  createAgent(options: ChannelPoolOptions = {}): SshChannelAgent {
    const agent = new SshChannelAgent(this, options);
    this.reclaimIdle = () => agent.closeIdleChannel();
    return agent;
  }

  /** Ends the connection; resolves once it has closed. */
  async close(): Promise<void> {
    if (this.closed) return;
    const done = new Promise<void>((resolve) => this.onClose(() => resolve()));
    for (const client of this.clients) client.end();
    // A peer that never answers our disconnect must not keep us waiting.
    const timer = setTimeout(() => {
      for (const client of this.clients) client.destroy();
      this.markClosed();
    }, 1000);
    await done;
    clearTimeout(timer);
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    // Waiting requests fail now rather than wait for a channel that will never come.
    for (const wake of this.channelWaiters.splice(0)) wake();
    for (const listener of [...this.closeListeners]) {
      try {
        listener(this.closeError);
      } catch {
        // A listener's failure is its own.
      }
    }
    this.closeListeners.clear();
  }
}
