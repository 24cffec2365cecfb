import type http from 'node:http';

import type Dockerode from 'dockerode';

import { type EngineId, type EngineStatus, ErrorCode, IpcError } from '../../../common';
import { withDeadline } from './deadline';
import type { EngineEndpoint } from './endpoint';
import { type ConnectStep, openEventStream, watchEventStream } from './engine-event-stream';
import { backoffDelay, type BackoffOptions, roundLatency } from './engine-status';
import { closeTransport, createTransport, type Transport, type TransportSettings } from './engine-transport';
import { toIpcError } from './errors';
import type { DockerEvent } from './events';
import { abortable } from './requests';
import { HostKeyChangedError } from './ssh/host-key-verifier';
import type { SshSession } from './ssh/ssh-session';

/** One engine's live connection and everything that must be released with it. */
export interface Connection {
  client: Dockerode;
  agent: http.Agent;
  /** The persistent SSH connection of an `ssh://` engine. */
  ssh?: SshSession;
  /** Aborting it ends the `/events` request. */
  events: AbortController;
  heartbeat?: NodeJS.Timeout;
  /** When the daemon last showed it is alive (an event, a heartbeat, any answered request), by `now()`. */
  lastHeard: number;
  /** The versions seen at connect, shown again when a daemon that stopped answering answers again. */
  version: { apiVersion: string; engineVersion: string };
  /** Resolves once the `/events` response has closed. */
  closed: Promise<void>;
}

export interface Engine {
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

/** The registry's settings a connection follows. */
interface ConnectorSettings {
  backoff: BackoffOptions;
  connectTimeoutMs: number;
  heartbeat: HeartbeatSettings;
  now: () => number;
  random: () => number;
  logger: Pick<Console, 'warn'>;
  transport: TransportSettings;
  /** Aborted when the registry is disposed. */
  lifetime: AbortSignal;
}

/** The share of the quiet period by which a heartbeat may come early (spreads a fleet's pings). */
const HEARTBEAT_JITTER = 0.2;

/**
 * Milliseconds until the next heartbeat: up to 20 % before the quiet period ends, at random (`random` in [0, 1)),
 * so hosts that connected together (a fleet at start-up) do not ping in bursts; never after it, so a frozen daemon
 * is still marked within quietMs + answerMs.
 */
export function heartbeatDelay(lastHeard: number, quietMs: number, now: number, random: number): number {
  return Math.max(0, lastHeard + quietMs * (1 - HEARTBEAT_JITTER * random) - now);
}

/**
 * How a silent daemon is watched. A heartbeat `/_ping` goes out only after `quietMs` without any sign of life
 * (events and answered requests count), so an idle host costs 60 000 / quietMs tiny requests a minute and a busy
 * one none. A ping unanswered after `answerMs` marks the engine `notAnswering` (the connection is kept, so a
 * frozen daemon that wakes up is back at once); one unanswered after `lostMs` drops the connection.
 */
export interface HeartbeatSettings {
  quietMs: number;
  answerMs: number;
  lostMs: number;
}

/** What a connection tells its registry. */
interface ConnectorHooks {
  setStatus(engine: Engine, patch: Partial<EngineStatus>): void;
  event(engineId: EngineId, event: DockerEvent): void;
  /** First connect or a reconnect: events may have been missed. */
  connected(engineId: EngineId): void;
}

/**
 * Connects one engine and keeps it connected: `/_ping` + `/version`, then the long-lived `/events` stream (the
 * liveness signal) and a `/_ping` heartbeat; a lost connection is torn down and retried with backoff. The
 * registry owns the engines and their status; this owns their connections.
 */
export class EngineConnector {
  private readonly backoff: BackoffOptions;
  private readonly connectTimeoutMs: number;
  private readonly heartbeatSettings: HeartbeatSettings;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly logger: Pick<Console, 'warn'>;
  private readonly transportSettings: TransportSettings;
  private readonly lifetime: AbortSignal;

  constructor(
    settings: ConnectorSettings,
    private readonly hooks: ConnectorHooks,
  ) {
    this.backoff = settings.backoff;
    this.connectTimeoutMs = settings.connectTimeoutMs;
    this.heartbeatSettings = settings.heartbeat;
    this.now = settings.now;
    this.random = settings.random;
    this.logger = settings.logger;
    this.transportSettings = settings.transport;
    this.lifetime = settings.lifetime;
  }

  private get disposed(): boolean {
    return this.lifetime.aborted;
  }

  /** Cancels retries and the attempt in flight and closes the connection; resolves when all of it is gone. */
  async stop(engine: Engine): Promise<void> {
    clearTimeout(engine.retryTimer);
    engine.retryTimer = undefined;
    const attempt = engine.attempt;
    await this.teardown(engine);
    await attempt;
  }

  /** Single-flight: a second call while an attempt runs joins it. */
  dial(engine: Engine): Promise<void> {
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
      this.hooks.setStatus(engine, { state: 'unreachable', lastError: endpoint.problem });
      return;
    }
    const session = ++engine.session;
    const attemptAbort = new AbortController();
    engine.attemptAbort = attemptAbort;
    const stale = (): boolean => this.disposed || session !== engine.session;
    let transport: Transport | undefined;
    let events: AbortController | undefined;
    try {
      transport = await createTransport(endpoint, this.transportSettings, attemptAbort.signal);
      const step: ConnectStep = (call) =>
        withDeadline(this.connectTimeoutMs, call, this.lifetime, attemptAbort.signal);
      const calls = abortable(transport.client);
      const pingStarted = performance.now();
      await step((abortSignal) => calls.ping({ abortSignal }));
      const latencyMs = roundLatency(performance.now() - pingStarted);
      const version = await step((abortSignal) => calls.version({ abortSignal }));
      events = new AbortController();
      const stream = await openEventStream(transport.client, events, engine.lastEventNano, step);
      if (stale()) {
        events.abort();
        await closeTransport(transport);
        return;
      }
      this.connected(engine, session, { transport, events, stream, version, latencyMs });
    } catch (error) {
      events?.abort();
      if (transport) await closeTransport(transport);
      if (stale() || engine.disabled) return;
      this.attemptFailed(engine, error);
    } finally {
      if (engine.attemptAbort === attemptAbort) engine.attemptAbort = undefined;
    }
  }

  /** The attempt of `session` succeeded: keep its connection, watch it, and tell everyone to refresh. */
  private connected(
    engine: Engine,
    session: number,
    opened: {
      transport: Transport;
      events: AbortController;
      stream: NodeJS.ReadableStream;
      version: Dockerode.DockerVersion;
      latencyMs: number;
    },
  ): void {
    const { transport, version } = opened;
    const connection: Connection = {
      client: transport.client,
      agent: transport.agent,
      events: opened.events,
      lastHeard: this.now(),
      version: { apiVersion: version.ApiVersion, engineVersion: version.Version },
      closed: this.watchEvents(engine, session, opened.stream),
    };
    if (transport.ssh) {
      connection.ssh = transport.ssh;
      // keepalive (15 s × 3) or the server ending it: the link is gone, whatever the streams say yet.
      transport.ssh.onClose((error) =>
        this.connectionLost(
          engine,
          session,
          error ?? new Error(`The SSH connection to ${engine.endpoint.address} was closed.`),
        ),
      );
    }
    engine.connection = connection;
    engine.failures = 0;
    this.hooks.setStatus(engine, {
      state: 'connected',
      lastError: undefined,
      apiVersion: version.ApiVersion,
      engineVersion: version.Version,
      latencyMs: opened.latencyMs,
    });
    this.scheduleHeartbeat(engine, session);
    this.hooks.connected(engine.endpoint.id);
  }

  /** An attempt failed: a refused login waits for the user; anything else is retried with backoff. */
  private attemptFailed(engine: Engine, error: unknown): void {
    const failure = toIpcError(error, {
      address: engine.endpoint.address,
      timeoutMs: this.connectTimeoutMs,
    });
    if (error instanceof HostKeyChangedError) {
      // Possibly someone in the middle: never retried; the message says what it may mean and what to do.
      this.hooks.setStatus(engine, { state: 'hostKeyChanged', lastError: failure.message });
      return;
    }
    if (failure.code === ErrorCode.Unauthorized) {
      // Credentials or identity refused: retrying cannot help and may lock the account; the user retries.
      this.hooks.setStatus(engine, { state: 'authFailed', lastError: failure.message });
      return;
    }
    this.hooks.setStatus(engine, { state: 'unreachable', lastError: failure.message });
    this.scheduleRetry(engine);
  }

  /** Follows the `/events` stream of `session`; resolves when it has closed (for whatever reason). */
  private watchEvents(engine: Engine, session: number, stream: NodeJS.ReadableStream): Promise<void> {
    const engineId = engine.endpoint.id;
    return watchEventStream(stream, this.now, {
      onEvent: (event) => {
        if (session !== engine.session) return;
        this.heard(engine, session);
        if (engine.lastEventNano === undefined || event.timeNano > engine.lastEventNano) {
          engine.lastEventNano = event.timeNano;
        }
        this.hooks.event(engineId, event);
      },
      onUnreadable: (error) =>
        this.logger.warn(`[engines] ${engineId}: unreadable event skipped:`, error.message),
      onClosed: (error) => this.connectionLost(engine, session, error),
    });
  }

  /**
   * The daemon of `session` showed it is alive: the next heartbeat waits a full quiet period again, and an engine
   * marked not answering is connected again.
   */
  heard(engine: Engine, session: number, latencyMs?: number): void {
    const connection = engine.connection;
    if (!connection || session !== engine.session) return;
    connection.lastHeard = this.now();
    // Latency is announced when it moved noticeably, not on every heartbeat.
    const previous = engine.status.latencyMs;
    const moved =
      latencyMs !== undefined &&
      (previous === undefined || Math.abs(latencyMs - previous) > Math.max(1, previous / 4));
    if (engine.status.state === 'notAnswering' || moved) {
      this.hooks.setStatus(engine, {
        state: 'connected',
        lastError: undefined,
        ...connection.version,
        ...(latencyMs !== undefined ? { latencyMs } : {}),
      });
    }
  }

  /** The session of the engine's live connection, to tell {@link heard} about later; undefined when none. */
  liveSession(engine: Engine): number | undefined {
    return engine.connection ? engine.session : undefined;
  }

  private scheduleHeartbeat(engine: Engine, session: number): void {
    const connection = engine.connection;
    if (!connection || session !== engine.session || this.disposed) return;
    clearTimeout(connection.heartbeat);
    const due = heartbeatDelay(
      connection.lastHeard,
      this.heartbeatSettings.quietMs,
      this.now(),
      this.random(),
    );
    connection.heartbeat = setTimeout(() => void this.heartbeat(engine, session), due);
  }

  /**
   * Pings a daemon that has been quiet: catches a frozen daemon or a half-dead connection, and keeps the measured
   * round-trip time current.
   */
  private async heartbeat(engine: Engine, session: number): Promise<void> {
    const connection = engine.connection;
    if (!connection || session !== engine.session) return;
    const { quietMs, answerMs, lostMs } = this.heartbeatSettings;
    if (this.now() - connection.lastHeard < quietMs) return this.scheduleHeartbeat(engine, session);
    const calls = abortable(connection.client);
    const started = performance.now();
    let answered = false;
    // Checked after the poll phase (setImmediate), so an answer already in the socket when a busy event loop
    // fires this timer late still counts.
    const slow = setTimeout(
      () =>
        setImmediate(() => {
          if (answered || session !== engine.session || engine.status.state !== 'connected') return;
          const seconds = Math.round(answerMs / 100) / 10;
          this.hooks.setStatus(engine, {
            state: 'notAnswering',
            lastError:
              `The Docker engine at ${engine.endpoint.address} has not answered for ${seconds} s: it may be ` +
              'frozen or overloaded. Berth keeps the connection and waits for it.',
          });
        }),
      answerMs,
    );
    try {
      await withDeadline(lostMs, (abortSignal) => calls.ping({ abortSignal }), this.lifetime);
      answered = true;
      this.heard(engine, session, roundLatency(performance.now() - started));
      this.scheduleHeartbeat(engine, session);
    } catch (error) {
      answered = true;
      this.connectionLost(engine, session, error);
    } finally {
      clearTimeout(slow);
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
    this.hooks.setStatus(engine, { state: 'unreachable', lastError: reason });
    this.scheduleRetry(engine);
  }

  /** Releases the current connection (stream, heartbeat, sockets, SSH); resolves once its sockets have closed. */
  async teardown(engine: Engine): Promise<void> {
    engine.session++;
    engine.attemptAbort?.abort(new IpcError(ErrorCode.Cancelled, 'The connection attempt was cancelled.'));
    const connection = engine.connection;
    engine.connection = undefined;
    if (!connection) return;
    clearTimeout(connection.heartbeat);
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
}
