import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { homedir, userInfo } from 'node:os';
import type { Duplex } from 'node:stream';

import Dockerode from 'dockerode';

import { type EngineId, type EngineInfo, type EngineStatus, ErrorCode, IpcError } from '../../../common';
import { withDeadline } from './deadline';
import type { EngineEndpoint } from './endpoint';
import { toIpcError } from './errors';
import { type DockerEvent, toDockerEvent, toSinceParam } from './events';
import { NdjsonParser } from './ndjson';
import { refusingPrompts, type SshEnvironment, SshSession } from './ssh/ssh-session';

/** Exponential backoff between reconnect attempts. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** ±fraction applied to every delay, e.g. 0.2 for ±20 %. */
  jitter: number;
}

export interface EngineRegistryOptions {
  /** Default 250 ms → 30 s, ±20 % (design D-B B-T1). */
  backoff?: BackoffOptions;
  /** Deadline of a unary request made through {@link EngineRegistry.request}. Default 15 s. */
  requestTimeoutMs?: number;
  /** Deadline of each step of connecting (`/_ping`, `/version`, opening `/events`) and of a heartbeat. Default 5 s. */
  connectTimeoutMs?: number;
  /** `/_ping` heartbeat period while connected, to catch a half-dead connection. Default 30 s. */
  heartbeatMs?: number;
  now?: () => number;
  /** Source of jitter; `Math.random` by default. */
  random?: () => number;
  /** Where listener exceptions and unreadable event lines are reported. Default `console`. */
  logger?: Pick<Console, 'warn'>;
  /**
   * How `ssh://` engines find `~/.ssh` and the agent, and ask the user (host keys, passphrases). Default: this
   * process's home and environment, refusing unknown host keys and skipping encrypted keys.
   */
  ssh?: SshEnvironment;
  /** Network time allowed for an SSH handshake (the clock stops while the user is asked). Default 8 s. */
  sshHandshakeTimeoutMs?: number;
  /**
   * Let a `dial-stdio` channel carry further requests once its response has ended (HTTP keep-alive) instead of
   * one channel per request. Default false: a channel per request, as the docker CLI's connection helper does.
   */
  sshReuseChannels?: boolean;
}

/** Options for {@link EngineRegistry.add}. */
export interface AddEngineOptions {
  /** Add it disconnected: it does not dial until {@link EngineRegistry.connect}. */
  disconnected?: boolean;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 30_000, jitter: 0.2 };

/** The delay before reconnect attempt number `attempt` (0-based). */
export function backoffDelay(
  attempt: number,
  backoff: BackoffOptions,
  random: () => number = Math.random,
): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  const factor = 1 + backoff.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(base * factor));
}

/** The subset of dockerode calls whose typings lack `abortSignal` although the code honours it. */
interface SignalledCalls {
  ping(options: { abortSignal: AbortSignal }): Promise<unknown>;
  version(options: { abortSignal: AbortSignal }): Promise<Dockerode.DockerVersion>;
}

type StatusListener = (info: EngineInfo) => void;
type EventListener = (engineId: EngineId, event: DockerEvent) => void;
type ConnectedListener = (engineId: EngineId) => void;
type RemovedListener = (engineId: EngineId) => void;

/** One engine's live connection and everything that must be released with it. */
interface Connection {
  client: Dockerode;
  agent: http.Agent;
  /** The persistent SSH connection of an `ssh://` engine. */
  ssh?: SshSession;
  /** Aborting it ends the `/events` request. */
  events: AbortController;
  heartbeat?: NodeJS.Timeout;
  /** Resolves once the `/events` response has closed. */
  closed: Promise<void>;
}

interface Engine {
  endpoint: EngineEndpoint;
  status: EngineStatus;
  /** The user disconnected it: no dialling, no retries, until connect(). */
  disabled: boolean;
  /** Aborts the connection attempt in flight (teardown, disconnect, remove). */
  attemptAbort?: AbortController;
  connection?: Connection;
  /** Increases whenever a connection is torn down, so callbacks of an old one are ignored. */
  session: number;
  /** Consecutive failed attempts (drives the backoff). */
  failures: number;
  attempt?: Promise<void>;
  retryTimer?: NodeJS.Timeout;
  /** `timeNano` of the last event seen, for `since=` after a reconnect. */
  lastEventNano?: bigint;
}

/**
 * Owns every Docker connection. Connecting is `/_ping` + `/version`, then a long-lived `/events` stream, which is
 * the liveness signal: when it errors or ends the engine turns `unreachable` and reconnects with exponential
 * backoff. Nothing here throws into the event loop or leaves a promise unhandled.
 */
export class EngineRegistry {
  private readonly engines = new Map<EngineId, Engine>();
  private readonly backoff: BackoffOptions;
  private readonly requestTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly heartbeatMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly logger: Pick<Console, 'warn'>;
  private readonly statusListeners = new Set<StatusListener>();
  private readonly eventListeners = new Set<EventListener>();
  private readonly connectedListeners = new Set<ConnectedListener>();
  private readonly removedListeners = new Set<RemovedListener>();
  private readonly ssh: SshEnvironment;
  private readonly sshHandshakeTimeoutMs: number;
  private readonly options: EngineRegistryOptions;
  /** Aborted by dispose(): cancels every request made through this registry. */
  private readonly lifetime = new AbortController();
  private started = false;

  constructor(endpoints: EngineEndpoint[], options: EngineRegistryOptions = {}) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.heartbeatMs = options.heartbeatMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.logger = options.logger ?? console;
    this.options = options;
    this.ssh = options.ssh ?? defaultSshEnvironment();
    this.sshHandshakeTimeoutMs = options.sshHandshakeTimeoutMs ?? 8_000;
    for (const endpoint of endpoints) {
      if (this.engines.has(endpoint.id)) throw new Error(`Duplicate engine id: ${endpoint.id}`);
      this.engines.set(endpoint.id, this.newEngine(endpoint, false));
    }
  }

  private newEngine(endpoint: EngineEndpoint, disabled: boolean): Engine {
    return {
      endpoint,
      status: { state: disabled ? 'disconnected' : 'connecting', since: this.now() },
      disabled,
      session: 0,
      failures: 0,
    };
  }

  private get disposed(): boolean {
    return this.lifetime.signal.aborted;
  }

  /** Begins connecting every engine. Never throws, never blocks; calling it again does nothing. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    for (const engine of this.engines.values()) if (!engine.disabled) void this.dial(engine);
  }

  /** Whether an engine with this id exists. */
  has(engineId: EngineId): boolean {
    return this.engines.has(engineId);
  }

  /** The endpoint an engine dials. @throws IpcError NOT_FOUND. */
  endpoint(engineId: EngineId): EngineEndpoint {
    return this.get(engineId).endpoint;
  }

  /**
   * Adds an engine at run time; it connects at once when the registry has started (unless `disconnected`). Its
   * first status is announced through onStatusChanged.
   * @throws IpcError CONFLICT when the id is taken.
   */
  add(endpoint: EngineEndpoint, options: AddEngineOptions = {}): EngineInfo {
    if (this.disposed) throw new IpcError(ErrorCode.Cancelled, 'Berth is shutting down.');
    if (this.engines.has(endpoint.id)) {
      throw new IpcError(ErrorCode.Conflict, `An engine with the id ${endpoint.id} exists already.`);
    }
    const engine = this.newEngine(endpoint, options.disconnected === true);
    this.engines.set(endpoint.id, engine);
    this.announce(engine);
    if (this.started && !engine.disabled) void this.dial(engine);
    return this.snapshot(engine);
  }

  /**
   * Points an engine at a new endpoint (a host was edited, a context changed on disk). Nothing happens when the
   * endpoint is the same; otherwise the connection is replaced and everything is refetched (onConnected).
   */
  async update(endpoint: EngineEndpoint): Promise<void> {
    const engine = this.get(endpoint.id);
    if (sameEndpoint(engine.endpoint, endpoint)) return;
    engine.endpoint = endpoint;
    // Name or address may have changed even while disconnected: say so.
    this.announce(engine);
    if (engine.disabled || !this.started || this.disposed) return;
    await this.restart(engine);
  }

  /** Removes an engine: its connection is closed and onRemoved fires. Unknown ids are ignored. */
  async remove(engineId: EngineId): Promise<void> {
    const engine = this.engines.get(engineId);
    if (!engine) return;
    this.engines.delete(engineId);
    engine.disabled = true;
    await this.stop(engine);
    this.emit(this.removedListeners, (listener) => listener(engineId));
  }

  /** Disconnects an engine on the user's request: it stays `disconnected` (no retries) until connect(). */
  async disconnect(engineId: EngineId): Promise<void> {
    const engine = this.get(engineId);
    engine.disabled = true;
    await this.stop(engine);
    this.setStatus(engine, { state: 'disconnected', lastError: undefined });
  }

  /** Connects a disconnected engine (or retries any other now); resolves when the attempt has finished. */
  async connect(engineId: EngineId): Promise<void> {
    const engine = this.get(engineId);
    engine.disabled = false;
    return this.reconnect(engineId);
  }

  /**
   * Connects once to an endpoint that is not (or not yet) an engine of this registry, with the same settings, and
   * reports what happened: a connection test. Nothing is kept.
   */
  async probe(endpoint: EngineEndpoint): Promise<EngineInfo> {
    const probe = new EngineRegistry([endpoint], {
      ...this.options,
      ssh: this.ssh,
      // One attempt: the test reports the first outcome.
      backoff: { initialMs: 2 ** 30, maxMs: 2 ** 30, jitter: 0 },
      logger: this.logger,
    });
    const cancel = (): void => void probe.dispose();
    this.lifetime.signal.addEventListener('abort', cancel, { once: true });
    try {
      probe.start();
      return await probe.ready(endpoint.id);
    } finally {
      this.lifetime.signal.removeEventListener('abort', cancel);
      await probe.dispose();
    }
  }

  list(): EngineInfo[] {
    return [...this.engines.values()].map((engine) => this.snapshot(engine));
  }

  /** @throws IpcError NOT_FOUND for an unknown id. */
  info(engineId: EngineId): EngineInfo {
    return this.snapshot(this.get(engineId));
  }

  /**
   * The engine's client while connected.
   * @throws IpcError NOT_FOUND for an unknown id; ENGINE_UNREACHABLE (with the reason) when not connected.
   */
  client(engineId: EngineId): Dockerode {
    const engine = this.get(engineId);
    if (engine.status.state !== 'connected' || !engine.connection) throw this.notConnected(engine);
    return engine.connection.client;
  }

  /**
   * Resolves once the engine's current connection attempt has finished (at once when none runs), so a caller can
   * tell "still connecting" from "unreachable". Never rejects except NOT_FOUND.
   */
  async ready(engineId: EngineId): Promise<EngineInfo> {
    const engine = this.get(engineId);
    if (this.started && engine.status.state === 'connecting') await engine.attempt;
    return this.snapshot(engine);
  }

  /**
   * Runs one unary request against a connected engine with a deadline (`requestTimeoutMs` plus `extraMs`, for
   * calls that legitimately wait, like a stop). Errors come back as IpcError naming the engine's address.
   */
  async request<T>(
    engineId: EngineId,
    call: (client: Dockerode, signal: AbortSignal) => Promise<T>,
    options: { extraMs?: number; signal?: AbortSignal } = {},
  ): Promise<T> {
    const engine = this.get(engineId);
    const client = this.client(engineId);
    const timeoutMs = this.requestTimeoutMs + (options.extraMs ?? 0);
    const { signal: callerSignal } = options;
    try {
      return await withDeadline(
        timeoutMs,
        (signal) => call(client, signal),
        this.lifetime.signal,
        callerSignal,
      );
    } catch (error) {
      throw toIpcError(error, { address: engine.endpoint.address, timeoutMs });
    }
  }

  onStatusChanged(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Every parsed `/events` entry of every engine. */
  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Fires on the first connect and on every reconnect: events may have been missed, so refresh everything. */
  onConnected(listener: ConnectedListener): () => void {
    this.connectedListeners.add(listener);
    return () => this.connectedListeners.delete(listener);
  }

  /**
   * Retries now and resets the backoff. A connected engine is reconnected too (a fresh stream and a full
   * refresh). Resolves when that attempt has finished; its outcome is the engine's status.
   */
  async reconnect(engineId: EngineId): Promise<void> {
    const engine = this.get(engineId);
    if (this.disposed || engine.disabled) return;
    this.started = true;
    engine.failures = 0;
    if (engine.attempt) return engine.attempt;
    clearTimeout(engine.retryTimer);
    engine.retryTimer = undefined;
    if (engine.connection) await this.teardown(engine);
    this.setStatus(engine, { state: 'connecting' });
    return this.dial(engine);
  }

  /** Fires when an engine has been removed. */
  onRemoved(listener: RemovedListener): () => void {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
  }

  /** Closes every stream, timer and socket; resolves when they are gone. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.lifetime.abort(new IpcError(ErrorCode.Cancelled, 'Berth is shutting down.'));
    const closing: Promise<unknown>[] = [];
    for (const engine of this.engines.values()) closing.push(this.stop(engine));
    await Promise.all(closing);
    this.statusListeners.clear();
    this.eventListeners.clear();
    this.connectedListeners.clear();
    this.removedListeners.clear();
  }

  /** Cancels retries and the attempt in flight and closes the connection; resolves when all of it is gone. */
  private async stop(engine: Engine): Promise<void> {
    clearTimeout(engine.retryTimer);
    engine.retryTimer = undefined;
    const attempt = engine.attempt;
    await this.teardown(engine);
    await attempt;
  }

  /** Replaces the connection with a fresh attempt (the endpoint changed). */
  private async restart(engine: Engine): Promise<void> {
    await this.stop(engine);
    if (engine.disabled || this.disposed || this.engines.get(engine.endpoint.id) !== engine) return;
    engine.failures = 0;
    this.setStatus(engine, { state: 'connecting' });
    return this.dial(engine);
  }

  /** Announces an engine's current info (new, or its name or address changed). */
  private announce(engine: Engine): void {
    const info = this.snapshot(engine);
    this.emit(this.statusListeners, (listener) => listener({ ...info, status: { ...info.status } }));
  }

  private get(engineId: EngineId): Engine {
    const engine = this.engines.get(engineId);
    if (!engine) throw new IpcError(ErrorCode.NotFound, `No such engine: ${engineId}`);
    return engine;
  }

  private snapshot(engine: Engine): EngineInfo {
    const { id, name, kind, address } = engine.endpoint;
    return { id, name, kind, address, status: { ...engine.status } };
  }

  private notConnected(engine: Engine): IpcError {
    const { address, name } = engine.endpoint;
    if (engine.status.state === 'disconnected') {
      return new IpcError(
        ErrorCode.EngineUnreachable,
        `${name} (${address}) is disconnected. Connect it on the Hosts page first.`,
      );
    }
    if (engine.status.state === 'connecting' || !engine.status.lastError) {
      return new IpcError(
        ErrorCode.EngineUnreachable,
        `Still connecting to the Docker engine at ${address}.`,
      );
    }
    return new IpcError(ErrorCode.EngineUnreachable, engine.status.lastError);
  }

  /** Single-flight: a second call while an attempt runs joins it. */
  private dial(engine: Engine): Promise<void> {
    if (!engine.attempt) {
      engine.attempt = this.attemptConnect(engine).finally(() => {
        engine.attempt = undefined;
      });
    }
    return engine.attempt;
  }

  private async attemptConnect(engine: Engine): Promise<void> {
    const { endpoint } = engine;
    if (this.disposed || engine.disabled) return;
    if (endpoint.problem) {
      this.setStatus(engine, { state: 'unreachable', lastError: endpoint.problem });
      return;
    }
    const session = ++engine.session;
    const attemptAbort = new AbortController();
    engine.attemptAbort = attemptAbort;
    const stale = (): boolean => this.disposed || session !== engine.session;
    let transport: Transport | undefined;
    let events: AbortController | undefined;
    try {
      transport = await this.createTransport(endpoint, attemptAbort.signal);
      const { client } = transport;
      const calls = client as unknown as SignalledCalls;
      const step = <T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> =>
        withDeadline(this.connectTimeoutMs, call, this.lifetime.signal, attemptAbort.signal);

      const pingStarted = performance.now();
      await step((abortSignal) => calls.ping({ abortSignal }));
      const latencyMs = roundLatency(performance.now() - pingStarted);
      const version = await step((abortSignal) => calls.version({ abortSignal }));

      // The stream lives as long as the connection, so its signal is not the step's: only the wait for the
      // response headers has a deadline.
      events = new AbortController();
      const eventsSignal = events.signal;
      const query: Dockerode.GetEventsOptions = { abortSignal: eventsSignal };
      if (engine.lastEventNano !== undefined)
        Object.assign(query, { since: toSinceParam(engine.lastEventNano + 1n) });
      const stream = await step(async (signal) => {
        const abortOpen = (): void => events?.abort(signal.reason);
        signal.addEventListener('abort', abortOpen, { once: true });
        try {
          return await client.getEvents(query);
        } finally {
          signal.removeEventListener('abort', abortOpen);
        }
      });
      if (stale()) {
        events.abort();
        await closeTransport(transport);
        return;
      }
      const connection: Connection = {
        client,
        agent: transport.agent,
        events,
        closed: this.watchEvents(engine, session, stream),
      };
      if (transport.ssh) {
        connection.ssh = transport.ssh;
        // keepalive (15 s × 3) or the server ending it: the link is gone, whatever the streams say yet.
        transport.ssh.onClose((error) =>
          this.connectionLost(engine, session, error ?? new Error('The SSH connection was closed.')),
        );
      }
      engine.connection = connection;
      engine.failures = 0;
      this.setStatus(engine, {
        state: 'connected',
        lastError: undefined,
        apiVersion: version.ApiVersion,
        engineVersion: version.Version,
        latencyMs,
      });
      connection.heartbeat = setInterval(() => void this.heartbeat(engine, session), this.heartbeatMs);
      this.emit(this.connectedListeners, (listener) => listener(endpoint.id));
    } catch (error) {
      events?.abort();
      if (transport) await closeTransport(transport);
      if (stale() || engine.disabled) return;
      const failure = toIpcError(error, {
        address: endpoint.address,
        timeoutMs: this.connectTimeoutMs,
      });
      if (failure.code === ErrorCode.Unauthorized) {
        // Credentials or identity refused: retrying cannot help and may lock the account; the user retries.
        this.setStatus(engine, { state: 'authFailed', lastError: failure.message });
        return;
      }
      this.setStatus(engine, { state: 'unreachable', lastError: failure.message });
      this.scheduleRetry(engine);
    } finally {
      if (engine.attemptAbort === attemptAbort) engine.attemptAbort = undefined;
    }
  }

  /** The client and what carries its requests: sockets, TLS, or channels of one SSH connection. */
  private async createTransport(endpoint: EngineEndpoint, signal: AbortSignal): Promise<Transport> {
    const options: Dockerode.DockerOptions & { agent?: http.Agent } = { ...endpoint.dockerodeOptions };
    let agent: http.Agent;
    let ssh: SshSession | undefined;
    if (endpoint.ssh) {
      ssh = await SshSession.open(endpoint.id, endpoint.ssh, this.ssh, {
        timeoutMs: this.sshHandshakeTimeoutMs,
        // dispose() aborts every attempt's signal through teardown.
        signal,
      });
      agent = ssh.createAgent({ reuseChannels: this.options.sshReuseChannels === true });
    } else if (endpoint.tls) {
      const tls = await readTlsOptions(endpoint);
      Object.assign(options, tls);
      // Verification is on unless the user explicitly allowed otherwise for this host; the agent's options win
      // over the request's, so nothing later can turn it off.
      agent = new https.Agent({
        keepAlive: true,
        ...tls,
        rejectUnauthorized: endpoint.tls.skipVerify !== true,
      });
    } else {
      // One agent per connection: keep-alive sockets belong to this engine and die with the connection.
      agent = new http.Agent({ keepAlive: true });
    }
    options.agent = agent;
    try {
      return { client: withoutDockerEnv(() => new Dockerode(options)), agent, ...(ssh ? { ssh } : {}) };
    } catch (error) {
      await closeTransport({ agent, ...(ssh ? { ssh } : {}) });
      throw error;
    }
  }

  /** Parses the `/events` stream; resolves when it has closed (for whatever reason). */
  private watchEvents(engine: Engine, session: number, stream: NodeJS.ReadableStream): Promise<void> {
    const engineId = engine.endpoint.id;
    const parser = new NdjsonParser({
      onValue: (value, line) => {
        const event = toDockerEvent(value, line, this.now);
        if (!event || session !== engine.session) return;
        if (engine.lastEventNano === undefined || event.timeNano > engine.lastEventNano) {
          engine.lastEventNano = event.timeNano;
        }
        this.emit(this.eventListeners, (listener) => listener(engineId, event));
      },
      onError: (error) => this.logger.warn(`[engines] ${engineId}: unreadable event skipped:`, error.message),
    });
    return new Promise<void>((resolve) => {
      let ended = false;
      const finish = (error?: unknown): void => {
        if (ended) return;
        ended = true;
        resolve();
        this.connectionLost(engine, session, error);
      };
      stream.on('data', (chunk: Buffer | string) => parser.push(chunk));
      stream.on('error', (error: unknown) => finish(error ?? new Error('stream error')));
      stream.on('end', () => {
        parser.end();
        finish();
      });
      stream.on('close', () => finish());
    });
  }

  /** Pings on a timer: catches a half-dead connection and keeps the measured round-trip time current. */
  private async heartbeat(engine: Engine, session: number): Promise<void> {
    const connection = engine.connection;
    if (!connection || session !== engine.session) return;
    const calls = connection.client as unknown as SignalledCalls;
    try {
      const started = performance.now();
      await withDeadline(
        this.connectTimeoutMs,
        (abortSignal) => calls.ping({ abortSignal }),
        this.lifetime.signal,
      );
      if (session === engine.session)
        this.setStatus(engine, { latencyMs: roundLatency(performance.now() - started) });
    } catch (error) {
      this.connectionLost(engine, session, error);
    }
  }

  /** The connection of `session` failed: mark the engine unreachable and schedule a reconnect. */
  private connectionLost(engine: Engine, session: number, error: unknown): void {
    if (this.disposed || session !== engine.session || !engine.connection) return;
    const { address } = engine.endpoint;
    void this.teardown(engine);
    const reason =
      error === undefined
        ? `Lost the connection to the Docker engine at ${address}: the daemon closed it.`
        : toIpcError(error, { address, timeoutMs: this.connectTimeoutMs }).message;
    this.setStatus(engine, { state: 'unreachable', lastError: reason });
    this.scheduleRetry(engine);
  }

  /** Releases the current connection (stream, heartbeat, sockets, SSH); resolves once its sockets have closed. */
  private async teardown(engine: Engine): Promise<void> {
    engine.session++;
    engine.attemptAbort?.abort(new IpcError(ErrorCode.Cancelled, 'The connection attempt was cancelled.'));
    const connection = engine.connection;
    engine.connection = undefined;
    if (!connection) return;
    clearInterval(connection.heartbeat);
    connection.events.abort();
    await Promise.all([
      connection.closed,
      closeTransport({ agent: connection.agent, ...(connection.ssh ? { ssh: connection.ssh } : {}) }),
    ]);
  }

  private scheduleRetry(engine: Engine): void {
    if (this.disposed || engine.disabled || engine.retryTimer) return;
    const delay = backoffDelay(engine.failures, this.backoff, this.random);
    engine.failures++;
    engine.retryTimer = setTimeout(() => {
      engine.retryTimer = undefined;
      void this.dial(engine);
    }, delay);
  }

  private setStatus(engine: Engine, patch: Partial<EngineStatus>): void {
    const previous = engine.status;
    const next: EngineStatus = { ...previous, ...patch };
    if (patch.state !== undefined && patch.state !== previous.state) next.since = this.now();
    // Version and latency describe a live connection only.
    if (next.state !== 'connected') {
      delete next.apiVersion;
      delete next.engineVersion;
      delete next.latencyMs;
    }
    if (next.lastError === undefined) delete next.lastError;
    if (sameStatus(previous, next)) return;
    engine.status = next;
    if (this.engines.get(engine.endpoint.id) !== engine) return;
    const info = this.snapshot(engine);
    this.emit(this.statusListeners, (listener) => listener({ ...info, status: { ...info.status } }));
  }

  private emit<L>(listeners: Set<L>, call: (listener: L) => void): void {
    for (const listener of [...listeners]) {
      try {
        call(listener);
      } catch (error) {
        this.logger.warn('[engines] a listener threw:', error);
      }
    }
  }
}

/** What carries one connection's requests. */
interface Transport {
  client: Dockerode;
  agent: http.Agent;
  ssh?: SshSession;
}

/** This process's home, user and environment; unknown host keys refused (nobody to ask). */
function defaultSshEnvironment(): SshEnvironment {
  let localUser = process.env.USER ?? 'root';
  try {
    localUser = userInfo().username;
  } catch {
    // No passwd entry: keep $USER.
  }
  return { home: homedir(), localUser, env: process.env, prompts: refusingPrompts };
}

function roundLatency(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** Destroys an agent's sockets (or channels) and the SSH connection; resolves when they have closed. */
async function closeTransport(transport: { agent: http.Agent; ssh?: SshSession }): Promise<void> {
  const sockets = agentSockets(transport.agent);
  transport.agent.destroy();
  await Promise.all([...sockets.map(whenClosed), transport.ssh?.close()]);
}

function sameEndpoint(a: EngineEndpoint, b: EngineEndpoint): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The variables docker-modem reads in its constructor to build defaults (and may throw on). */
const dockerModemEnv = [
  'DOCKER_HOST',
  'DOCKER_TLS_VERIFY',
  'DOCKER_CERT_PATH',
  'DOCKER_CLIENT_TIMEOUT',
  'DOCKER_PATH_PREFIX',
];

/**
 * Runs `construct` with docker-modem's environment variables hidden. Our options already say everything, but
 * docker-modem still derives defaults from the environment and, for a tcp DOCKER_HOST with DOCKER_CERT_PATH,
 * reads ca/cert/key.pem synchronously and throws when one is missing, though the CLI treats cert/key as optional.
 * Synchronous, so nothing else can observe the change.
 */
function withoutDockerEnv<T>(construct: () => T): T {
  const saved = new Map<string, string>();
  for (const name of dockerModemEnv) {
    const value = process.env[name];
    if (value !== undefined) saved.set(name, value);
    delete process.env[name];
  }
  try {
    return construct();
  } finally {
    for (const [name, value] of saved) process.env[name] = value;
  }
}

function sameStatus(a: EngineStatus, b: EngineStatus): boolean {
  return (
    a.state === b.state &&
    a.lastError === b.lastError &&
    a.apiVersion === b.apiVersion &&
    a.engineVersion === b.engineVersion &&
    a.latencyMs === b.latencyMs
  );
}

/** Reads an endpoint's TLS files; a missing optional client cert/key is left out, as the CLI does. */
async function readTlsOptions(
  endpoint: EngineEndpoint,
): Promise<{ ca?: Buffer; cert?: Buffer; key?: Buffer }> {
  const files = endpoint.tls ?? {};
  const optional = files.clientCertOptional === true;
  const options: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  if (files.caFile !== undefined) {
    const ca = await readTlsFile(files.caFile, 'CA certificate', endpoint.address);
    if (ca) options.ca = ca;
  }
  const cert =
    files.certFile !== undefined
      ? await readTlsFile(files.certFile, 'client certificate', endpoint.address, { optional })
      : undefined;
  const key =
    files.keyFile !== undefined
      ? await readTlsFile(files.keyFile, 'client key', endpoint.address, { optional })
      : undefined;
  if (cert && key) {
    options.cert = cert;
    options.key = key;
  }
  return options;
}

async function readTlsFile(
  file: string,
  what: string,
  address: string,
  options: { optional?: boolean } = {},
): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if (options.optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new IpcError(
      ErrorCode.EngineUnreachable,
      `Cannot connect to the Docker engine at ${address}: the ${what} ${file} cannot be read (${reason}).`,
    );
  }
}

function agentSockets(agent: http.Agent): Duplex[] {
  const sockets: Duplex[] = [];
  for (const pool of [agent.sockets, agent.freeSockets]) {
    for (const list of Object.values(pool)) sockets.push(...(list ?? []));
  }
  return sockets;
}

function whenClosed(socket: Duplex): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}
