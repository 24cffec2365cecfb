import type { Duplex } from 'node:stream';

import type Dockerode from 'dockerode';

import { type EngineId, type EngineInfo, type EngineStatus, ErrorCode, IpcError } from '../../../common';
import { withDeadline } from './deadline';
import type { EngineEndpoint } from './endpoint';
import { type Engine, EngineConnector } from './engine-connector';
import { type BackoffOptions, DEFAULT_BACKOFF, patchStatus, sameStatus } from './engine-status';
import { defaultSshEnvironment, dialTransport } from './engine-transport';
import { toIpcError } from './errors';
import type { DockerEvent } from './events';
import type { SshEnvironment } from './ssh/ssh-session';

export { backoffDelay, type BackoffOptions, DEFAULT_BACKOFF } from './engine-status';

export interface EngineRegistryOptions {
  /** Default 250 ms → 30 s, ±20 % (design D-B B-T1). */
  backoff?: BackoffOptions;
  /** Deadline of a unary request made through {@link EngineRegistry.request}. Default 15 s. */
  requestTimeoutMs?: number;
  /** Deadline of each step of connecting (`/_ping`, `/version`, opening `/events`) and of a heartbeat. Default 5 s. */
  connectTimeoutMs?: number;
  /**
   * Quiet time after which a connected daemon is pinged (`/_ping`), to catch a frozen daemon or a half-dead
   * connection; any event or answered request restarts it. Default 6 s (up to 20 % earlier at random): 10–12.5 tiny requests a minute per idle host.
   */
  heartbeatMs?: number;
  /** A heartbeat unanswered this long marks the engine `notAnswering` (it keeps waiting). Default 3 s. */
  answerTimeoutMs?: number;
  /** A heartbeat unanswered this long drops the connection (`unreachable`, then reconnects). Default 30 s. */
  lostAfterMs?: number;
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
}

/** Options for {@link EngineRegistry.add}. */
interface AddEngineOptions {
  /** Add it disconnected: it does not dial until {@link EngineRegistry.connect}. */
  disconnected?: boolean;
}

type StatusListener = (info: EngineInfo) => void;
type EventListener = (engineId: EngineId, event: DockerEvent) => void;
type ConnectedListener = (engineId: EngineId) => void;
type RemovedListener = (engineId: EngineId) => void;

/**
 * Owns every Docker connection. Connecting is `/_ping` + `/version`, then a long-lived `/events` stream, which is
 * the liveness signal: when it errors or ends the engine turns `unreachable` and reconnects with exponential
 * backoff. Nothing here throws into the event loop or leaves a promise unhandled.
 */
export class EngineRegistry {
  private readonly engines = new Map<EngineId, Engine>();
  private readonly requestTimeoutMs: number;
  private readonly now: () => number;
  private readonly logger: Pick<Console, 'warn'>;
  private readonly statusListeners = new Set<StatusListener>();
  private readonly eventListeners = new Set<EventListener>();
  private readonly connectedListeners = new Set<ConnectedListener>();
  private readonly removedListeners = new Set<RemovedListener>();
  private readonly ssh: SshEnvironment;
  private readonly connector: EngineConnector;
  private readonly options: EngineRegistryOptions;
  /** Aborted by dispose(): cancels every request made through this registry. */
  private readonly lifetime = new AbortController();
  private started = false;

  constructor(endpoints: EngineEndpoint[], options: EngineRegistryOptions = {}) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? console;
    this.options = options;
    this.ssh = options.ssh ?? defaultSshEnvironment();
    this.connector = new EngineConnector(
      {
        backoff: options.backoff ?? DEFAULT_BACKOFF,
        connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
        heartbeat: {
          quietMs: options.heartbeatMs ?? 6_000,
          answerMs: options.answerTimeoutMs ?? 3_000,
          lostMs: options.lostAfterMs ?? 30_000,
        },
        now: this.now,
        random: options.random ?? Math.random,
        logger: this.logger,
        transport: {
          ssh: this.ssh,
          sshHandshakeTimeoutMs: options.sshHandshakeTimeoutMs ?? 8_000,
        },
        lifetime: this.lifetime.signal,
      },
      {
        setStatus: (engine, patch) => this.setStatus(engine, patch),
        event: (engineId, event) => this.emit(this.eventListeners, (listener) => listener(engineId, event)),
        connected: (engineId) => this.emit(this.connectedListeners, (listener) => listener(engineId)),
      },
    );
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
    for (const engine of this.engines.values()) if (!engine.disabled) void this.connector.dial(engine);
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
    if (this.started && !engine.disabled) void this.connector.dial(engine);
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
    await this.connector.stop(engine);
    this.emit(this.removedListeners, (listener) => listener(engineId));
  }

  /** Disconnects an engine on the user's request: it stays `disconnected` (no retries) until connect(). */
  async disconnect(engineId: EngineId): Promise<void> {
    const engine = this.get(engineId);
    engine.disabled = true;
    await this.connector.stop(engine);
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
   * A raw byte stream to the connected engine's API over its current connection (a socket, TLS with its
   * certificates, or a channel of its SSH session), for forwarding; the caller destroys it.
   * @throws IpcError NOT_FOUND; ENGINE_UNREACHABLE when not connected or the dial fails.
   */
  async dial(engineId: EngineId): Promise<Duplex> {
    const engine = this.get(engineId);
    const connection = engine.connection;
    if (engine.status.state !== 'connected' || !connection) throw this.notConnected(engine);
    try {
      return await dialTransport(engine.endpoint, connection);
    } catch (error) {
      throw toIpcError(error, { address: engine.endpoint.address, timeoutMs: this.requestTimeoutMs });
    }
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
    const session = this.connector.liveSession(engine);
    const timeoutMs = this.requestTimeoutMs + (options.extraMs ?? 0);
    const { signal: callerSignal } = options;
    try {
      const value = await withDeadline(
        timeoutMs,
        (signal) => call(client, signal),
        this.lifetime.signal,
        callerSignal,
      );
      // An answer is a sign of life: the heartbeat can wait.
      if (session !== undefined) this.connector.heard(engine, session);
      return value;
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
    if (engine.connection) await this.connector.teardown(engine);
    this.setStatus(engine, { state: 'connecting' });
    return this.connector.dial(engine);
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
    for (const engine of this.engines.values()) closing.push(this.connector.stop(engine));
    await Promise.all(closing);
    this.statusListeners.clear();
    this.eventListeners.clear();
    this.connectedListeners.clear();
    this.removedListeners.clear();
  }

  /** Replaces the connection with a fresh attempt (the endpoint changed). */
  private async restart(engine: Engine): Promise<void> {
    await this.connector.stop(engine);
    if (engine.disabled || this.disposed || this.engines.get(engine.endpoint.id) !== engine) return;
    engine.failures = 0;
    this.setStatus(engine, { state: 'connecting' });
    return this.connector.dial(engine);
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

  private setStatus(engine: Engine, patch: Partial<EngineStatus>): void {
    const previous = engine.status;
    const next = patchStatus(previous, patch, this.now());
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

function sameEndpoint(a: EngineEndpoint, b: EngineEndpoint): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
