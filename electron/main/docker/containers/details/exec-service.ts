import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

import {
  type EngineId,
  ErrorCode,
  type ExecStarted,
  type ExecStartRequest,
  IpcError,
  type IpcErrorData,
  IpcEvent,
} from '../../../../common';
import type { EngineRegistry } from '../../engine/engine-registry';
import { toIpcError } from '../../engine/errors';
import { openEngineStream, requestStream } from '../../engine/requests';
import { newStreamId } from '../../engine/stream-ids';
import type { Publish } from '../../ports';

interface ExecServiceOptions {
  publish: Publish;
  /** Time output is gathered before it is pushed. Default 16 ms. */
  flushIntervalMs?: number;
  /** Characters of output one event carries at most. Default 1 M. */
  maxBatchChars?: number;
  /** Deadline for the daemon to answer create/start. Default 15 s. */
  openTimeoutMs?: number;
  /** How long to wait for the daemon to record the exit code after the stream closed. Default 2 s. */
  exitCodeWaitMs?: number;
}

interface Session {
  sessionId: string;
  engineId: EngineId;
  kind: 'exec' | 'attach';
  /** Exec id, or the container id for an attach session. */
  targetId: string;
  socket: Duplex;
  controller: AbortController;
  decoder: StringDecoder;
  output: string[];
  outputChars: number;
  timer?: NodeJS.Timeout;
  ended: boolean;
  /** The renderer closed it: nothing more is published. */
  closed: boolean;
}

/** HTTP statuses of a resize that mean "the process is gone", not a failure (moby#35561). */
const resizeAfterExit = new Set([404, 409, 500]);

/**
 * Terminal sessions: a TTY exec (`sh`, `bash`, any command, as a user, in a folder) or an attach to a TTY
 * container's main process, both over a hijacked connection. Output is pushed as `exec:outputReceived`, the end as
 * `exec:ended` with the exit code. If the command does not exist, the daemon writes its error into the stream,
 * so it reaches the terminal as output.
 */
export class ExecService {
  private readonly sessions = new Map<string, Session>();
  private readonly flushIntervalMs: number;
  private readonly maxBatchChars: number;
  private readonly openTimeoutMs: number;
  private readonly exitCodeWaitMs: number;
  private generation = 0;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly options: ExecServiceOptions,
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 16;
    this.maxBatchChars = options.maxBatchChars ?? 1_000_000;
    this.openTimeoutMs = options.openTimeoutMs ?? 15_000;
    this.exitCodeWaitMs = options.exitCodeWaitMs ?? 2_000;
  }

  async start(request: ExecStartRequest): Promise<ExecStarted> {
    const generation = this.generation;
    const { engineId, id, cols, rows } = request;
    await this.engines.ready(engineId);
    let targetId: string;
    let path: string;
    let body: object | undefined;
    let query: Record<string, string | number | boolean> | undefined;
    if (request.kind === 'exec') {
      const exec = await this.engines.request(engineId, (client, abortSignal) =>
        client.getContainer(id).exec({
          AttachStdin: true,
          AttachStdout: true,
          AttachStderr: true,
          Tty: true,
          Cmd: request.cmd,
          ...(request.user ? { User: request.user } : {}),
          ...(request.workingDir ? { WorkingDir: request.workingDir } : {}),
          ConsoleSize: [rows, cols],
          abortSignal,
        }),
      );
      targetId = exec.id;
      path = `/exec/${encodeURIComponent(targetId)}/start`;
      body = { Detach: false, Tty: true, ConsoleSize: [rows, cols] };
    } else {
      const inspect = await this.engines.request(engineId, (client, abortSignal) =>
        client.getContainer(id).inspect({ abortSignal }),
      );
      if (inspect.Config?.Tty !== true) {
        throw new IpcError(
          ErrorCode.Validation,
          'This container has no TTY, so its main process cannot be attached as a terminal. Open a shell instead.',
        );
      }
      if (inspect.State?.Running !== true) {
        throw new IpcError(ErrorCode.Conflict, `Container ${id} is not running.`);
      }
      targetId = inspect.Id;
      path = `/containers/${encodeURIComponent(targetId)}/attach`;
      query = { stream: true, stdin: true, stdout: true, stderr: true };
    }
    const { value, controller } = await openEngineStream(
      this.engines,
      engineId,
      this.openTimeoutMs,
      (client, signal) =>
        requestStream(client, {
          method: 'POST',
          path,
          query,
          body,
          hijack: true,
          ok: [101, 200],
          signal,
        }),
    );
    const socket = value as Duplex;
    if (generation !== this.generation) {
      controller.abort();
      socket.destroy();
      throw new IpcError(ErrorCode.Cancelled, 'The terminal was closed.');
    }
    const session: Session = {
      sessionId: newStreamId('exec'),
      engineId,
      kind: request.kind,
      targetId,
      socket,
      controller,
      decoder: new StringDecoder('utf8'),
      output: [],
      outputChars: 0,
      ended: false,
      closed: false,
    };
    this.sessions.set(session.sessionId, session);
    socket.on('data', (chunk: Buffer) => this.receive(session, session.decoder.write(chunk)));
    const finish = (error?: unknown): void => {
      if (session.ended) return;
      session.ended = true;
      this.receive(session, session.decoder.end());
      const failure =
        error !== undefined && !controller.signal.aborted ? toIpcError(error).toData() : undefined;
      void this.end(session, failure);
    };
    // Docker may send `end` without `close` or the other way round (design B4): both end the session.
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (error) => finish(error));
    if (request.kind === 'attach') {
      // Attach has no initial size: set it now (and redraw the screen of a full-screen program).
      void this.resize({ sessionId: session.sessionId, cols, rows }).catch(() => undefined);
    }
    return { sessionId: session.sessionId };
  }

  /** Sends keystrokes (or pasted text) to the session. */
  input(sessionId: string, data: string): void {
    const session = this.get(sessionId);
    if (session.ended) throw new IpcError(ErrorCode.Conflict, 'The terminal session has ended.');
    session.socket.write(data);
  }

  /** Resizes the session's TTY. A resize after the process exited is ignored. */
  async resize({ sessionId, cols, rows }: { sessionId: string; cols: number; rows: number }): Promise<void> {
    const session = this.get(sessionId);
    if (session.ended) return;
    const path =
      session.kind === 'exec'
        ? `/exec/${encodeURIComponent(session.targetId)}/resize`
        : `/containers/${encodeURIComponent(session.targetId)}/resize`;
    try {
      await this.engines.request(session.engineId, async (client, signal) => {
        const response = await requestStream(client, {
          method: 'POST',
          path,
          query: { h: rows, w: cols },
          ok: [200, 201],
          signal,
        });
        response.resume();
      });
    } catch (error) {
      const status = (error as IpcError).cause as { statusCode?: unknown } | undefined;
      if (session.ended || resizeAfterExit.has(Number(status?.statusCode))) return;
      throw error;
    }
  }

  /** Ends a session: the connection is closed, the daemon closes the process's stdin. */
  close(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    session.closed = true;
    clearTimeout(session.timer);
    session.timer = undefined;
    session.socket.end();
    session.socket.destroy();
    session.controller.abort();
  }

  closeAll(): void {
    this.generation += 1;
    for (const sessionId of [...this.sessions.keys()]) this.close(sessionId);
  }

  /** Closes the sessions of one engine (its host was removed). */
  closeEngine(engineId: EngineId): void {
    for (const session of [...this.sessions.values()]) {
      if (session.engineId === engineId) this.close(session.sessionId);
    }
  }

  get openCount(): number {
    return this.sessions.size;
  }

  private get(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw new IpcError(ErrorCode.NotFound, 'No such terminal session.');
    return session;
  }

  private receive(session: Session, text: string): void {
    if (text === '' || session.closed) return;
    session.output.push(text);
    session.outputChars += text.length;
    if (session.outputChars >= this.maxBatchChars) {
      this.flush(session);
      return;
    }
    session.timer ??= setTimeout(() => this.flush(session), this.flushIntervalMs);
  }

  private flush(session: Session): void {
    clearTimeout(session.timer);
    session.timer = undefined;
    if (session.closed || session.output.length === 0) return;
    const data = session.output.join('');
    session.output = [];
    session.outputChars = 0;
    this.options.publish(IpcEvent.ExecOutputReceived, { sessionId: session.sessionId, data });
  }

  private async end(session: Session, error?: IpcErrorData): Promise<void> {
    this.flush(session);
    const exitCode = session.kind === 'exec' && !session.closed ? await this.exitCode(session) : undefined;
    session.controller.abort();
    session.socket.destroy();
    if (session.closed) return;
    this.sessions.delete(session.sessionId);
    this.options.publish(IpcEvent.ExecEnded, {
      sessionId: session.sessionId,
      ...(exitCode !== undefined ? { exitCode } : {}),
      ...(error !== undefined ? { error } : {}),
    });
  }

  /** The exec's exit code; the daemon may record it a moment after the stream closed. */
  private async exitCode(session: Session): Promise<number | undefined> {
    const deadline = Date.now() + this.exitCodeWaitMs;
    for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
      try {
        const info = await this.engines.request(session.engineId, (client, abortSignal) =>
          client.getExec(session.targetId).inspect({ abortSignal }),
        );
        if (info.Running === false && typeof info.ExitCode === 'number') return info.ExitCode;
      } catch {
        return undefined;
      }
      if (Date.now() + delay > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
