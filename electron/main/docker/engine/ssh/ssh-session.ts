import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';

import ssh2, {
  type AgentAuthMethod,
  type Client,
  type ClientChannel,
  type ConnectConfig,
  type KeyboardInteractiveAuthMethod,
  type NoAuthMethod,
  type PasswordAuthMethod,
  type Prompt,
  type PublicKeyAuthMethod,
} from 'ssh2';

type KeyAuth = AgentAuthMethod | PublicKeyAuthMethod;
type AuthStep = KeyAuth | PasswordAuthMethod | KeyboardInteractiveAuthMethod | NoAuthMethod;

// ssh2 is CommonJS and Node's ESM loader cannot see its named exports (the main bundle loads it as an external
// package): take them from the default export, which works under Node, Vite and vitest alike.
const { Client: SshClient, utils } = ssh2;

import { ErrorCode, IpcError } from '../../../../common';
import { DeadlineExceededError } from '../deadline';
import type { SshTarget } from '../endpoint';
import {
  appendKnownHost,
  checkHostKey,
  fingerprintOf,
  keyTypeOf,
  type KnownHostEntry,
  knownHostName,
  knownKeyTypes,
  loadKnownHosts,
} from './known-hosts';
import { loadSshConfig, resolveSshHost, type SshConfigLine, type SshHostConfig } from './ssh-config';

/** Asked when a host presents a key that is not in known_hosts yet. */
export interface HostKeyQuestion {
  engineId: string;
  /** The name as in known_hosts: `host` or `[host]:port`. */
  address: string;
  keyType: string;
  fingerprint: string;
  knownHostsFile: string;
  otherKeysKnown: boolean;
}

/** Asked when a private key file is encrypted. */
export interface PassphraseQuestion {
  engineId: string;
  address: string;
  keyFile: string;
  /** The previous answer was wrong. */
  retry: boolean;
}

/** Asked when the server takes a password or keyboard-interactive answers. */
export interface PasswordQuestion {
  engineId: string;
  /** `user@host:port`. */
  address: string;
  method: 'password' | 'keyboard-interactive';
  /** keyboard-interactive: the server's title and instructions. */
  title?: string;
  instructions?: string;
  /** What to answer, in order; `echo: false` is a secret. */
  fields: { label: string; echo: boolean }[];
  /** The previous answer was refused. */
  retry: boolean;
  /** Tries left after this one. */
  attemptsLeft: number;
}

/** How SSH asks the user; injected, so the core stays free of UI. */
export interface SshPrompts {
  /** Trust the key (it is then added to known_hosts)? */
  confirmHostKey(question: HostKeyQuestion): Promise<boolean>;
  /** The passphrase, or undefined to skip this key. */
  askPassphrase(question: PassphraseQuestion): Promise<string | undefined>;
  /** One answer per field, or undefined when the user cancelled the login. */
  askPassword(question: PasswordQuestion): Promise<string[] | undefined>;
}

/** Where SSH settings come from: the user's home (for ~/.ssh) and environment (for SSH_AUTH_SOCK). */
export interface SshEnvironment {
  home: string;
  localUser: string;
  env: Record<string, string | undefined>;
  prompts: SshPrompts;
  /** Default 15 s: a dead link is noticed within interval × (countMax + 1). */
  keepaliveIntervalMs?: number;
  /** Default 3. */
  keepaliveCountMax?: number;
}

/** Prompts for when nobody can be asked: unknown host keys are refused, encrypted keys skipped. */
export const refusingPrompts: SshPrompts = {
  confirmHostKey: () => Promise.resolve(false),
  askPassphrase: () => Promise.resolve(undefined),
  askPassword: () => Promise.resolve(undefined),
};

/** Identity files OpenSSH tries when the config names none, in its order. */
const DEFAULT_IDENTITIES = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_dsa'];
/** How many wrong passphrases before a key is skipped (ssh asks three times too). */
const PASSPHRASE_ATTEMPTS = 3;
/** How many password (or keyboard-interactive) answers are tried: OpenSSH's NumberOfPasswordPrompts default. */
export const PASSWORD_ATTEMPTS = 3;
/**
 * Channels open at once on one connection. OpenSSH allows 10 sessions per connection by default (MaxSessions),
 * and a channel we closed counts until the server confirms; a server that allows fewer lowers this at run time.
 */
export const MAX_CHANNELS = 8;

/** Longer ProxyJump chains than this are refused (OpenSSH has no limit, but a loop in the config would be endless). */
const MAX_JUMP_HOPS = 8;

/**
 * A deadline that stands still while the user is being asked something (a host key, a passphrase): only the
 * network's time counts.
 */
class PausableDeadline {
  private timer: NodeJS.Timeout | undefined;
  private remaining: number;
  private startedAt = 0;
  private pauses = 0;
  private done = false;

  constructor(
    timeoutMs: number,
    private readonly onExpire: () => void,
  ) {
    this.remaining = timeoutMs;
    this.resume(true);
  }

  pause(): void {
    if (this.done || this.pauses++ > 0) return;
    clearTimeout(this.timer);
    this.remaining -= performance.now() - this.startedAt;
  }

  resume(initial = false): void {
    if (this.done || (!initial && --this.pauses > 0)) return;
    this.startedAt = performance.now();
    this.timer = setTimeout(
      () => {
        this.done = true;
        this.onExpire();
      },
      Math.max(0, this.remaining),
    );
  }

  /** Runs `ask` with the clock stopped. */
  async during<T>(ask: () => Promise<T>): Promise<T> {
    this.pause();
    try {
      return await ask();
    } finally {
      this.resume();
    }
  }

  clear(): void {
    this.done = true;
    clearTimeout(this.timer);
  }
}

/** Shell-quotes one word for the remote command line (only when needed, so the common case reads as the CLI's). */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The remote command, as the docker CLI runs it: `docker [--host=unix://PATH] system dial-stdio`. */
export function dialStdioCommand(socketPath: string | undefined): string {
  return socketPath === undefined
    ? 'docker system dial-stdio'
    : `docker ${shellQuote(`--host=unix://${socketPath}`)} system dial-stdio`;
}

/** Parses a `ProxyJump` hop: `[user@]host[:port]` (or an `ssh://` URL). */
export function parseJumpHop(hop: string): SshTarget {
  const url = hop.startsWith('ssh://') ? hop : `ssh://${hop}`;
  try {
    const parsed = new URL(url);
    const target: SshTarget = { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') };
    if (parsed.username) target.user = decodeURIComponent(parsed.username);
    if (parsed.port !== '') target.port = Number(parsed.port);
    return target;
  } catch {
    return { host: hop };
  }
}

function displayPath(path: string, home: string): string {
  return path.startsWith(`${home}/`) ? `~/${path.slice(home.length + 1)}` : path;
}

interface Identity {
  file: string;
  data: Buffer;
}

/** Everything needed to dial one hop, resolved from the URL and ~/.ssh/config. */
interface HopPlan {
  target: SshTarget;
  config: SshHostConfig;
  user: string;
  port: number;
  /** The name looked up in known_hosts. */
  knownName: string;
  /** For messages: `user@host:port`. */
  label: string;
}

/** The reason an SSH login failed, as the user should read it. */
function authFailure(
  plan: HopPlan,
  tried: string[],
  home: string,
  prefix: string,
  passwordTries: number,
): IpcError {
  const offered =
    tried.length === 0
      ? 'Berth had no key to offer: no ssh agent (SSH_AUTH_SOCK) and no readable key in ~/.ssh or IdentityFile'
      : `the server refused every key Berth offered (${tried.map((item) => displayPath(item, home)).join(', ')})`;
  const password =
    passwordTries === 0
      ? '.'
      : `, and the password was wrong (${passwordTries} ${passwordTries === 1 ? 'try' : 'tries'}).`;
  return new IpcError(
    ErrorCode.Unauthorized,
    `${prefix}SSH login as ${plan.label} failed: ${offered}${password}`,
  );
}

/**
 * One persistent SSH connection to a Docker host, as the docker CLI would make it (`~/.ssh/config` with Host
 * aliases, User, Port, IdentityFile and ProxyJump chains; the agent and key files; known_hosts), over which every
 * HTTP request is a new `docker system dial-stdio` channel. Never throws into the event loop: every ssh2 error is
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

  private constructor(
    private readonly client: Client,
    /** The jump hosts' clients, outermost first; closed with ours. */
    jumps: readonly Client[],
    private readonly command: string,
    readonly label: string,
  ) {
    // Ours first: closing it before the hops it runs through lets each close cleanly.
    this.clients = [client, ...[...jumps].reverse()];
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
    options: { timeoutMs: number; signal: AbortSignal },
  ): Promise<SshSession> {
    const sshDir = join(environment.home, '.ssh');
    const lines = await loadSshConfig(sshDir, environment.home);
    const plan = planHop(lines, target, environment);
    const hops = plan.config.proxyJump ?? [];
    if (hops.length > MAX_JUMP_HOPS) {
      throw new IpcError(
        ErrorCode.Validation,
        `ProxyJump for ${target.host} has ${hops.length} hops; Berth follows at most ${MAX_JUMP_HOPS}.`,
      );
    }
    // Like `ssh -J a,b target`: dial a, from a reach b, from b reach the target; each hop is verified and logged
    // in on its own, with its own ~/.ssh/config entry.
    const plans = [...hops.map((hop) => planHop(lines, parseJumpHop(hop), environment)), plan];
    const jumps: Client[] = [];
    let sock: Duplex | undefined;
    try {
      for (const [index, hopPlan] of plans.entries()) {
        const last = index === plans.length - 1;
        // A jump host's failure names it, so the user knows which hop of the chain refused.
        const prefix = last ? '' : `via ${hopPlan.label}: `;
        const client = await connectClient(engineId, hopPlan, environment, options, sock, prefix);
        if (last) {
          return new SshSession(client, jumps, dialStdioCommand(target.socketPath), plan.label);
        }
        jumps.push(client);
        const next = plans[index + 1];
        try {
          sock = await forwardOut(client, next.config.hostName, next.port);
        } catch (error) {
          throw new IpcError(
            ErrorCode.EngineUnreachable,
            `The jump host ${hopPlan.label} could not reach ${next.config.hostName}:${next.port}: ${(error as Error).message}.`,
            { cause: error },
          );
        }
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
   * An http.Agent whose every connection is a new channel of this session (no new handshake per request). By
   * default each request gets a channel of its own, closed with its response; with `reuseChannels` a channel
   * whose response has ended carries the next request (HTTP keep-alive over `dial-stdio`), which saves the remote
   * process a channel costs.
   */
  createAgent(options: { reuseChannels?: boolean } = {}): http.Agent {
    return new SshChannelAgent(this, options.reuseChannels === true);
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

/** An http.Agent that hands out SSH channels instead of sockets. */
class SshChannelAgent extends http.Agent {
  constructor(
    private readonly session: SshSession,
    reuse: boolean,
  ) {
    // The session bounds how many channels are open; a kept-alive channel waits in the agent's free pool.
    super({ keepAlive: reuse, maxFreeSockets: MAX_CHANNELS / 2 });
  }

  override createConnection(
    _options: http.ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    this.session.openChannel().then(
      (channel) => callback?.(null, asSocketLike(channel)),
      (error: unknown) =>
        callback?.(error instanceof Error ? error : new Error(String(error)), undefined as never),
    );
    return undefined;
  }
}

/**
 * Gives a channel the socket methods http.Agent calls on pooled sockets (TCP keep-alive, ref counts, idle
 * timeouts), as no-ops: none of them means anything for a channel, and the agent's own bookkeeping (its listeners
 * on free sockets) then works as for a socket.
 */
function asSocketLike(channel: ClientChannel): Duplex {
  const methods = ['ref', 'unref', 'setKeepAlive', 'setNoDelay', 'setTimeout'] as const;
  const target = channel as unknown as Record<(typeof methods)[number], unknown>;
  for (const name of methods) {
    if (typeof target[name] !== 'function') {
      target[name] = function (this: Duplex): Duplex {
        return this;
      };
    }
  }
  return channel;
}

/** ssh2's "(SSH) Channel open failure: open failed" (OpenSSH's answer beyond MaxSessions). */
function isOpenFailure(error: unknown): boolean {
  return error instanceof Error && /open failed/i.test(error.message);
}

/**
 * A remote command that fails before answering (`docker: not found`, a daemon socket that is not there) would
 * otherwise surface as "socket hang up": fail the channel with the command's own words instead.
 */
function watchRemoteCommand(channel: ClientChannel, command: string, label: string): void {
  let answered = false;
  let stderr = '';
  channel.on('data', () => {
    answered = true;
  });
  channel.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 2000) stderr += chunk.toString('utf8');
  });
  // Errors are delivered to the request using the channel; this keeps one from being unhandled meanwhile.
  channel.on('error', () => undefined);
  channel.on('exit', (code: number | null, signal?: string) => {
    if (answered || code === 0) return;
    const said = stderr.trim().split('\n').slice(-3).join(' ').trim();
    const how = code !== null ? `exited with ${code}` : `was killed (${signal ?? 'signal'})`;
    (channel as Duplex).destroy(
      new IpcError(
        ErrorCode.EngineUnreachable,
        `On ${label}, \`${command}\` ${how}${said !== '' ? `: ${said}` : ''}. The remote host needs the docker ` +
          'CLI (18.09 or later) on its PATH and a running daemon.',
      ),
    );
  });
}

function planHop(lines: readonly SshConfigLine[], target: SshTarget, environment: SshEnvironment): HopPlan {
  const options: { home: string; localUser: string; user?: string; port?: number } = {
    home: environment.home,
    localUser: environment.localUser,
  };
  if (target.user !== undefined) options.user = target.user;
  if (target.port !== undefined) options.port = target.port;
  const config = resolveSshHost(lines, target.host, options);
  const user = config.user ?? environment.localUser;
  const port = config.port ?? 22;
  const hostName = config.hostName;
  const knownName = config.hostKeyAlias ?? knownHostName(hostName, port);
  const hostForLabel = hostName.includes(':') ? `[${hostName}]` : hostName;
  return { target, config, user, port, knownName, label: `${user}@${hostForLabel}:${port}` };
}

function forwardOut(jump: Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    try {
      jump.forwardOut('127.0.0.1', 0, host, port, (error, stream) => {
        if (error) reject(error);
        else resolve(stream);
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

function agentSocket(config: SshHostConfig, env: Record<string, string | undefined>): string | undefined {
  const agent = config.identityAgent;
  if (agent === 'none') return undefined;
  if (agent === undefined || agent === 'SSH_AUTH_SOCK') return env.SSH_AUTH_SOCK || undefined;
  if (agent.startsWith('$')) return env[agent.slice(1)] || undefined;
  return agent;
}

async function readIdentities(plan: HopPlan, home: string): Promise<Identity[]> {
  const explicit = plan.config.identityFiles;
  const files = explicit.length > 0 ? explicit : DEFAULT_IDENTITIES.map((name) => join(home, '.ssh', name));
  const identities: Identity[] = [];
  for (const file of files) {
    try {
      identities.push({ file, data: await readFile(file) });
    } catch {
      // OpenSSH also skips identity files that do not exist.
    }
  }
  return identities;
}

function serverHostKeyOrder(known: readonly string[]): string[] {
  const all = [
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'rsa-sha2-512',
    'rsa-sha2-256',
    'ssh-rsa',
  ];
  // An RSA key on file is offered as any of the RSA signature algorithms.
  const algorithmsOf = (keyType: string): string[] =>
    keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [keyType];
  const preferred = known.flatMap(algorithmsOf).filter((algorithm) => all.includes(algorithm));
  return [...new Set([...preferred, ...all])];
}

/** Dials one hop (directly or over `sock`), verifies its host key and logs in. */
async function connectClient(
  engineId: string,
  plan: HopPlan,
  environment: SshEnvironment,
  options: { timeoutMs: number; signal: AbortSignal },
  sock: Duplex | undefined,
  prefix: string,
): Promise<Client> {
  const { home, prompts } = environment;
  const knownHostsFiles = plan.config.userKnownHostsFiles ?? [
    join(home, '.ssh', 'known_hosts'),
    join(home, '.ssh', 'known_hosts2'),
  ];
  const entries: KnownHostEntry[] = await loadKnownHosts(knownHostsFiles);
  const identities = await readIdentities(plan, home);
  const agent = agentSocket(plan.config, environment.env);
  const useAgent =
    agent !== undefined && !(plan.config.identitiesOnly && plan.config.identityFiles.length > 0);
  const timeoutMs =
    plan.config.connectTimeoutSeconds !== undefined
      ? Math.min(options.timeoutMs, plan.config.connectTimeoutSeconds * 1000)
      : options.timeoutMs;
  const client = new SshClient();
  // From here on ssh2 may emit 'error' at any time; an unlistened one would crash the process.
  client.on('error', () => undefined);

  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    /** Set when we refused: our words beat ssh2's generic ones. */
    let refusal: IpcError | undefined;
    const tried: string[] = [];
    /** Password (or keyboard-interactive) answers sent so far; never the answers themselves. */
    let passwordTries = 0;
    /** keyboard-interactive rounds started, and whether the latest one asked the user anything. */
    let kbdRounds = 0;
    let kbdAsked = false;
    const deadline = new PausableDeadline(timeoutMs, () =>
      fail(
        new IpcError(
          ErrorCode.Timeout,
          `${prefix}The SSH handshake with ${plan.label} did not finish within ${Math.round(timeoutMs / 1000)} s.`,
          { cause: new DeadlineExceededError(timeoutMs) },
        ),
      ),
    );
    const onAbort = (): void =>
      fail(options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted'));
    options.signal.addEventListener('abort', onAbort, { once: true });

    function fail(error: Error): void {
      if (settled) return;
      settled = true;
      deadline.clear();
      options.signal.removeEventListener('abort', onAbort);
      client.destroy();
      reject(error);
    }

    client.once('ready', () => {
      if (settled) return;
      settled = true;
      deadline.clear();
      options.signal.removeEventListener('abort', onAbort);
      resolve(client);
    });
    client.on('error', (error: Error & { level?: string }) => {
      if (refusal) return fail(refusal);
      if (error.level === 'client-authentication') {
        return fail(authFailure(plan, tried, home, prefix, passwordTries));
      }
      fail(error);
    });
    client.on('close', () => {
      fail(
        refusal ??
          new IpcError(
            ErrorCode.EngineUnreachable,
            `${prefix}${plan.label} closed the SSH connection during the handshake.`,
          ),
      );
    });

    const hostVerifier = (blob: Buffer, verify: (valid: boolean) => void): void => {
      const check = checkHostKey(entries, plan.knownName, blob);
      const fingerprint = fingerprintOf(blob);
      const keyType = keyTypeOf(blob);
      const refuse = (message: string): void => {
        refusal = new IpcError(ErrorCode.Unauthorized, `${prefix}${message}`);
        verify(false);
      };
      if (check.status === 'known') return verify(true);
      if (check.status === 'revoked') {
        return refuse(
          `The host key of ${plan.knownName} (${fingerprint}) is marked @revoked in ${displayPath(check.entry.file, home)}; Berth refused to connect.`,
        );
      }
      if (check.status === 'mismatch') {
        return refuse(
          `The host key of ${plan.knownName} has changed: it presented ${keyType} ${fingerprint}, but ` +
            `${displayPath(check.entry.file, home)} line ${check.entry.line} has a different key. Someone may be ` +
            'intercepting the connection, so Berth refused it. If the host was reinstalled, remove the old key with ' +
            `\`ssh-keygen -R ${plan.knownName}\` and connect again.`,
        );
      }
      const strict = plan.config.strictHostKeyChecking;
      const knownHostsFile = knownHostsFiles[0] ?? join(home, '.ssh', 'known_hosts');
      const accept = (): void => {
        appendKnownHost(knownHostsFile, plan.knownName, blob).then(
          () => verify(true),
          (error: unknown) =>
            refuse(
              `Could not add the host key of ${plan.knownName} to ${displayPath(knownHostsFile, home)}: ${(error as Error).message}.`,
            ),
        );
      };
      if (strict === 'yes') {
        return refuse(
          `${plan.knownName} is not in known_hosts (${fingerprint}) and StrictHostKeyChecking is yes; ` +
            'add its key first (for example by connecting once with ssh).',
        );
      }
      if (strict === 'accept-new' && !check.otherTypesKnown) return accept();
      deadline
        .during(() =>
          prompts.confirmHostKey({
            engineId,
            address: plan.knownName,
            keyType,
            fingerprint,
            knownHostsFile,
            otherKeysKnown: check.otherTypesKnown,
          }),
        )
        .then(
          (trusted) => {
            if (settled) return;
            if (trusted) accept();
            else
              refuse(
                `The host key of ${plan.knownName} (${keyType} ${fingerprint}) was not trusted, so Berth did not connect.`,
              );
          },
          () => refuse(`Nobody could confirm the host key of ${plan.knownName}; Berth did not connect.`),
        );
    };

    // Agent first, then each identity file, as ssh does; encrypted keys ask for their passphrase when reached.
    const queue: Array<() => Promise<KeyAuth | undefined>> = [];
    if (useAgent && agent !== undefined) {
      queue.push(() => {
        tried.push('the ssh agent');
        const method: AgentAuthMethod = { type: 'agent', username: plan.user, agent };
        return Promise.resolve(method);
      });
    }
    for (const identity of identities) {
      queue.push(async () => {
        const key = await unlockKey(identity, plan, engineId, prompts, deadline);
        if (key === undefined) return undefined;
        tried.push(identity.file);
        const method: PublicKeyAuthMethod = { type: 'publickey', username: plan.user, key: identity.data };
        if (key !== '') method.passphrase = key;
        return method;
      });
    }
    /** Asks the user; undefined (cancelled, or nobody to ask) ends the login with a clear refusal. */
    const askPassword = async (
      question: Omit<PasswordQuestion, 'engineId' | 'address' | 'retry' | 'attemptsLeft'>,
    ): Promise<string[] | undefined> => {
      const answers = await deadline
        .during(() =>
          prompts.askPassword({
            ...question,
            engineId,
            address: plan.label,
            retry: passwordTries > 0,
            attemptsLeft: PASSWORD_ATTEMPTS - passwordTries - 1,
          }),
        )
        .catch(() => undefined);
      if (settled) return undefined;
      if (answers === undefined || answers.length !== question.fields.length) {
        refusal = new IpcError(
          ErrorCode.Unauthorized,
          `${prefix}SSH login as ${plan.label} was cancelled: no password was given.`,
        );
        fail(refusal);
        return undefined;
      }
      passwordTries++;
      return answers;
    };
    // keyboard-interactive: the server's questions (usually PAM's "Password:") are put to the user as they come.
    const keyboardInteractive: KeyboardInteractiveAuthMethod = {
      type: 'keyboard-interactive',
      username: plan.user,
      prompt: (title, instructions, _lang, questions: Prompt[], finish) => {
        // A round without questions (a server's notice) needs no user.
        if (questions.length === 0) return finish([]);
        kbdAsked = true;
        const ask: Parameters<typeof askPassword>[0] = {
          method: 'keyboard-interactive',
          fields: questions.map((question) => ({ label: question.prompt, echo: question.echo === true })),
        };
        if (title.trim() !== '') ask.title = title;
        if (instructions.trim() !== '') ask.instructions = instructions;
        void askPassword(ask).then((answers) => {
          if (answers !== undefined) finish(answers);
        });
      },
    };
    const authHandler = (
      methodsLeft: string[] | null,
      _partial: boolean | null,
      next: (auth: AuthStep | false) => void,
    ): void => {
      const allowsKeys = methodsLeft === null || methodsLeft.includes('publickey');
      const step = async (): Promise<void> => {
        while (allowsKeys && queue.length > 0) {
          const method = await queue.shift()?.();
          if (settled) return;
          if (method !== undefined) return next(method);
        }
        // No key at all: ask with `none` what the server takes (its answer lists the methods), as ssh does.
        if (methodsLeft === null) return next({ type: 'none', username: plan.user });
        // Then, like ssh's PreferredAuthentications: keyboard-interactive before password, each if allowed.
        if (passwordTries >= PASSWORD_ATTEMPTS) return next(false);
        // A server that offers keyboard-interactive but fails it without asking anything (no PAM behind it)
        // would be offered it forever: after one such round, go on to password.
        const kbdWorks = kbdRounds === 0 || kbdAsked;
        if (
          plan.config.kbdInteractiveAuthentication &&
          methodsLeft.includes('keyboard-interactive') &&
          kbdWorks &&
          kbdRounds < PASSWORD_ATTEMPTS
        ) {
          kbdRounds++;
          kbdAsked = false;
          return next(keyboardInteractive);
        }
        if (plan.config.passwordAuthentication && methodsLeft.includes('password')) {
          const answers = await askPassword({
            method: 'password',
            fields: [{ label: `Password for ${plan.label}`, echo: false }],
          });
          if (answers === undefined) return;
          return next({ type: 'password', username: plan.user, password: answers[0] ?? '' });
        }
        next(false);
      };
      step().catch(() => next(false));
    };

    const config: ConnectConfig = {
      host: plan.config.hostName,
      port: plan.port,
      username: plan.user,
      readyTimeout: 0,
      keepaliveInterval: environment.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: environment.keepaliveCountMax ?? 3,
      hostVerifier,
      authHandler: authHandler as unknown as ConnectConfig['authHandler'],
      algorithms: { serverHostKey: serverHostKeyOrder(knownKeyTypes(entries, plan.knownName)) as never },
    };
    if (sock !== undefined) config.sock = sock;
    try {
      client.connect(config);
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/**
 * The passphrase for an identity: '' for an unencrypted key, undefined to skip it (unreadable, or the user gave
 * no passphrase). Wrong answers are asked again, up to three times.
 */
async function unlockKey(
  identity: Identity,
  plan: HopPlan,
  engineId: string,
  prompts: SshPrompts,
  deadline: PausableDeadline,
): Promise<string | undefined> {
  const plain = utils.parseKey(identity.data);
  if (!(plain instanceof Error)) return '';
  if (!/passphrase|encrypted/i.test(plain.message)) return undefined;
  for (let attempt = 0; attempt < PASSPHRASE_ATTEMPTS; attempt++) {
    const passphrase = await deadline.during(() =>
      prompts.askPassphrase({
        engineId,
        address: plan.knownName,
        keyFile: identity.file,
        retry: attempt > 0,
      }),
    );
    if (passphrase === undefined) return undefined;
    if (!(utils.parseKey(identity.data, passphrase) instanceof Error)) return passphrase;
  }
  return undefined;
}
