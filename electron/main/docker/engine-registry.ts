import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

import Dockerode from 'dockerode';

import { type EngineId, type EngineInfo, type EngineStatus, ErrorCode, IpcError } from '../../common';
import { withDeadline } from './deadline';
import { type DockerEvent, toDockerEvent, toSinceParam } from './docker-event';
import type { EngineEndpoint } from './endpoint';
import { toIpcError } from './errors';
import { NdjsonParser } from './ndjson';

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

/** One engine's live connection and everything that must be released with it. */
interface Connection {
  client: Dockerode;
  agent: http.Agent;
  /** Aborting it ends the `/events` request. */
  events: AbortController;
  heartbeat?: NodeJS.Timeout;
  /** Resolves once the `/events` response has closed. */
  closed: Promise<void>;
}

interface Engine {
  readonly endpoint: EngineEndpoint;
  status: EngineStatus;
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
    for (const endpoint of endpoints) {
      if (this.engines.has(endpoint.id)) throw new Error(`Duplicate engine id: ${endpoint.id}`);
      this.engines.set(endpoint.id, {
        endpoint,
        status: { state: 'connecting', since: this.now() },
        session: 0,
        failures: 0,
      });
    }
  }

  private get disposed(): boolean {
    return this.lifetime.signal.aborted;
  }

  /** Begins connecting every engine. Never throws, never blocks; calling it again does nothing. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    for (const engine of this.engines.values()) void this.connect(engine);
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
    if (this.disposed) return;
    this.started = true;
    engine.failures = 0;
    if (engine.attempt) return engine.attempt;
    clearTimeout(engine.retryTimer);
    engine.retryTimer = undefined;
    if (engine.connection) await this.teardown(engine);
    this.setStatus(engine, { state: 'connecting' });
    return this.connect(engine);
  }

  /** Closes every stream, timer and socket; resolves when they are gone. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.lifetime.abort(new IpcError(ErrorCode.Cancelled, 'Berth is shutting down.'));
    const closing: Promise<unknown>[] = [];
    for (const engine of this.engines.values()) {
      clearTimeout(engine.retryTimer);
      engine.retryTimer = undefined;
      closing.push(this.teardown(engine));
      if (engine.attempt) closing.push(engine.attempt);
    }
    await Promise.all(closing);
    this.statusListeners.clear();
    this.eventListeners.clear();
    this.connectedListeners.clear();
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
    const { address } = engine.endpoint;
    if (engine.status.state === 'connecting' || !engine.status.lastError) {
      return new IpcError(
        ErrorCode.EngineUnreachable,
        `Still connecting to the Docker engine at ${address}.`,
      );
    }
    return new IpcError(ErrorCode.EngineUnreachable, engine.status.lastError);
  }

  /** Single-flight: a second call while an attempt runs joins it. */
  private connect(engine: Engine): Promise<void> {
    if (!engine.attempt) {
      engine.attempt = this.attemptConnect(engine).finally(() => {
        engine.attempt = undefined;
      });
    }
    return engine.attempt;
  }

  private async attemptConnect(engine: Engine): Promise<void> {
    const { endpoint } = engine;
    if (this.disposed) return;
    if (endpoint.problem) {
      this.setStatus(engine, { state: 'unreachable', lastError: endpoint.problem });
      return;
    }
    const session = ++engine.session;
    const stale = (): boolean => this.disposed || session !== engine.session;
    let agent: http.Agent | undefined;
    let events: AbortController | undefined;
    try {
      const created = await this.createClient(endpoint);
      agent = created.agent;
      const { client } = created;
      const calls = client as unknown as SignalledCalls;
      const step = <T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> =>
        withDeadline(this.connectTimeoutMs, call, this.lifetime.signal);

      const pingStarted = performance.now();
      await step((abortSignal) => calls.ping({ abortSignal }));
      const latencyMs = Math.round((performance.now() - pingStarted) * 100) / 100;
      const version = await step((abortSignal) => calls.version({ abortSignal }));

      // The stream lives as long as the connection, so its signal is not the step's: only the wait for the
      // response headers has a deadline.
      events = new AbortController();
      const eventsSignal = events.signal;
      const query: Dockerode.GetEventsOptions = { abortSignal: eventsSignal };
      if (engine.lastEventNano !== undefined)
        Object.assign(query, { since: toSinceParam(engine.lastEventNano + 1n) });
      const stream = await withDeadline(
        this.connectTimeoutMs,
        async (signal) => {
          const abortOpen = (): void => events?.abort(signal.reason);
          signal.addEventListener('abort', abortOpen, { once: true });
          try {
            return await client.getEvents(query);
          } finally {
            signal.removeEventListener('abort', abortOpen);
          }
        },
        this.lifetime.signal,
      );
      if (stale()) {
        events.abort();
        agent.destroy();
        return;
      }
      const connection: Connection = {
        client,
        agent,
        events,
        closed: this.watchEvents(engine, session, stream),
      };
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
      agent?.destroy();
      if (stale()) return;
      const reason = toIpcError(error, {
        address: endpoint.address,
        timeoutMs: this.connectTimeoutMs,
      }).message;
      this.setStatus(engine, { state: 'unreachable', lastError: reason });
      this.scheduleRetry(engine);
    }
  }

  private async createClient(endpoint: EngineEndpoint): Promise<{ client: Dockerode; agent: http.Agent }> {
    const options: Dockerode.DockerOptions & { agent?: http.Agent } = { ...endpoint.dockerodeOptions };
    if (endpoint.tls) {
      const { caFile, certFile, keyFile } = endpoint.tls;
      options.ca = await readTlsFile(caFile, 'CA certificate', endpoint.address);
      const cert = await readTlsFile(certFile, 'client certificate', endpoint.address, { optional: true });
      const key = await readTlsFile(keyFile, 'client key', endpoint.address, { optional: true });
      if (cert && key) {
        options.cert = cert;
        options.key = key;
      }
    }
    // One agent per connection: keep-alive sockets belong to this engine and die with the connection.
    const agent = endpoint.tls ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    options.agent = agent;
    try {
      return { client: withoutDockerEnv(() => new Dockerode(options)), agent };
    } catch (error) {
      agent.destroy();
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

  private async heartbeat(engine: Engine, session: number): Promise<void> {
    const connection = engine.connection;
    if (!connection || session !== engine.session) return;
    const calls = connection.client as unknown as SignalledCalls;
    try {
      await withDeadline(
        this.connectTimeoutMs,
        (abortSignal) => calls.ping({ abortSignal }),
        this.lifetime.signal,
      );
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

  /** Releases the current connection (stream, heartbeat, sockets); resolves once its sockets have closed. */
  private async teardown(engine: Engine): Promise<void> {
    engine.session++;
    const connection = engine.connection;
    engine.connection = undefined;
    if (!connection) return;
    clearInterval(connection.heartbeat);
    const sockets = agentSockets(connection.agent);
    connection.events.abort();
    connection.agent.destroy();
    await Promise.all([connection.closed, ...sockets.map(whenClosed)]);
  }

  private scheduleRetry(engine: Engine): void {
    if (this.disposed || engine.retryTimer) return;
    const delay = backoffDelay(engine.failures, this.backoff, this.random);
    engine.failures++;
    engine.retryTimer = setTimeout(() => {
      engine.retryTimer = undefined;
      void this.connect(engine);
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

function agentSockets(agent: http.Agent): Socket[] {
  const sockets: Socket[] = [];
  for (const pool of [agent.sockets, agent.freeSockets]) {
    for (const list of Object.values(pool)) sockets.push(...(list ?? []));
  }
  return sockets;
}

function whenClosed(socket: Socket): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}
