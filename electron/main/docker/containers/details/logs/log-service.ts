import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';

import {
  type ContainerTransferResult,
  type EngineId,
  ErrorCode,
  IpcError,
  type IpcErrorData,
  IpcEvent,
  LogBatchBuilder,
  type LogQuery,
  type LogsOpened,
  type LogsOpenRequest,
  type LogsSaveRequest,
  type LogStreamKind,
} from '../../../../../common';
import type { EngineRegistry } from '../../../engine/engine-registry';
import { toIpcError } from '../../../engine/errors';
import { openEngineStream, requestStream } from '../../../engine/requests';
import { newStreamId } from '../../../engine/stream-ids';
import { breakReason, containerStopped, resumeStream } from '../../../engine/stream-resume';
import { partialFiles } from '../../../partial-files';
import type { ChooseSavePath, Publish } from '../../../ports';
import { type ServiceLogSource, serviceLogSource } from '../../../swarm/service-log-prefix';
import { BatchPacer } from './batch-pacer';
import { LogCursor } from './log-cursor';
import { LogLineAssembler } from './log-lines';
import type { OpenLog } from './open-log';
import { StreamDemuxer } from './stream-demux';

interface LogServiceOptions {
  publish: Publish;
  chooseSavePath?: ChooseSavePath;
  /** Least time between two batches of one stream. Default 33 ms (≤ ~30 messages per second). */
  flushIntervalMs?: number;
  /**
   * A burst (the tail a view opens with) goes out once the daemon has been quiet this long, if the interval
   * allows, rather than a whole interval after it began. Default 4 ms.
   */
  quietMs?: number;
  /** Characters one batch carries at most (≈ 1 MB). */
  maxBatchChars?: number;
  /** Queued characters above which the daemon stream is paused until the queue drains. Default 4 M. */
  highWaterChars?: number;
  /** Deadline for the daemon to start answering. Default 15 s. */
  openTimeoutMs?: number;
}

/** The default number of lines a log view opens with. */
const DEFAULT_LOG_TAIL = 1000;

/** Batches an acknowledging view may have unacknowledged: one being taken in, one on its way. */
const MAX_UNACKNOWLEDGED_BATCHES = 2;

/** Approximate wire size of a line besides its text: its timestamp and offsets. */
const LINE_OVERHEAD = 48;

function weightOf(batch: LogBatchBuilder): number {
  return batch.chars + batch.lines * LINE_OVERHEAD;
}

/**
 * Container logs as streams of batched lines. Opening inspects the container (TTY or not decides between raw
 * and demultiplexed output), then streams `GET /containers/{id}/logs` with timestamps and the given tail/since/
 * until, following when asked. Lines go out as `logs:received` batches (≤ 1 per `flushIntervalMs`, ≤
 * `maxBatchChars` each); when the renderer falls behind, the daemon stream is paused rather than lines dropped.
 * Closing destroys the daemon stream at once.
 */
export class LogService {
  private readonly streams = new Map<string, OpenLog>();
  private readonly flushIntervalMs: number;
  private readonly quietMs: number;
  private readonly maxBatchChars: number;
  private readonly highWaterChars: number;
  private readonly openTimeoutMs: number;
  /** Bumped by closeAll(): an open() that started before must not register its stream. */
  private generation = 0;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly options: LogServiceOptions,
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 33;
    this.quietMs = options.quietMs ?? 4;
    this.maxBatchChars = options.maxBatchChars ?? 1_000_000;
    this.highWaterChars = options.highWaterChars ?? 4_000_000;
    this.openTimeoutMs = options.openTimeoutMs ?? 15_000;
  }

  /** Starts streaming; lines arrive as `logs:received`, the end as `logs:ended`. */
  async open(request: LogsOpenRequest): Promise<LogsOpened> {
    const generation = this.generation;
    const { tty, response, controller, prefix } = await this.request(request, request.follow);
    const source = { tty, ...(prefix ? { prefix } : {}) };
    if (generation !== this.generation) {
      controller.abort();
      response.destroy();
      throw new IpcError(ErrorCode.Cancelled, 'The log view was closed.');
    }
    const streamId = newStreamId('logs');
    const log: OpenLog = {
      streamId,
      engineId: request.engineId,
      request,
      response,
      controller,
      closed: new AbortController(),
      cursor: new LogCursor(),
      queue: [],
      queuedChars: 0,
      pacer: new BatchPacer({
        intervalMs: this.flushIntervalMs,
        quietMs: this.quietMs,
        flush: () => this.flush(log),
      }),
      paused: false,
      ended: false,
      finished: false,
      acknowledge: request.acknowledge === true,
      unacknowledged: 0,
    };
    this.streams.set(streamId, log);
    this.attach(log, source);
    return { streamId, tty };
  }

  /** Reads the current daemon request; a followed log whose request breaks resumes (afterBreak) rather than ends. */
  private attach(log: OpenLog, { tty, prefix }: { tty: boolean; prefix?: ServiceLogSource['prefix'] }): void {
    const { response, controller } = log;
    const assembler = new LogLineAssembler({
      timestamps: true,
      onLine: (stream, text, ts, cut) => {
        if (log.cursor.admit(ts)) this.enqueue(log, stream, prefix ? prefix(text) : text, ts, cut);
      },
    });
    const demuxer = tty
      ? undefined
      : new StreamDemuxer({
          onFrame: (stream, payload, continued) => assembler.pushFrame(stream, payload, continued),
        });
    response.on('data', (chunk: Buffer) => {
      if (demuxer) demuxer.push(chunk);
      else assembler.pushRaw(chunk);
    });
    let done = false;
    const finish = (error?: unknown): void => {
      if (done || log.ended || log.response !== response) return;
      done = true;
      if (controller.signal.aborted) return;
      if (!log.request.follow) {
        demuxer?.end();
        assembler.end();
        return this.end(log, error);
      }
      // A line cut by the break is not delivered: the resumed request sends it whole.
      void this.afterBreak(log, error);
    };
    response.on('end', () => finish());
    response.on('close', () => finish());
    response.on('error', (error) => finish(error));
  }

  /** The daemon request ended for good: what is queued still goes out, then `logs:ended`. */
  private end(log: OpenLog, error?: unknown): void {
    if (log.ended) return;
    log.ended = true;
    this.drain(log, error !== undefined ? toIpcError(error).toData() : undefined);
  }

  /**
   * A followed log's request ended. The container stopped (the daemon ends a follow then): the log has ended.
   * Otherwise the connection broke: resume from the last delivered line once the host is back.
   */
  private async afterBreak(log: OpenLog, error?: unknown): Promise<void> {
    const { engineId, streamId, request } = log;
    try {
      if (error === undefined && (await containerStopped(this.engines, engineId, request.id)))
        return this.end(log);
      const reason = breakReason(this.engines, engineId, error);
      const signal = log.closed.signal;
      await resumeStream(this.engines, this.options.publish, { streamId, engineId, reason, signal }, () =>
        this.reopen(log),
      );
    } catch (caught) {
      this.end(log, caught);
    }
  }

  /** Opens the daemon request again from the cursor (everything after the last delivered line). */
  private async reopen(log: OpenLog): Promise<void> {
    const since = log.cursor.resume();
    const query = since === undefined ? log.request : { ...log.request, since, tail: 'all' as const };
    const { tty, response, controller, prefix } = await this.request(query, true);
    if (log.closed.signal.aborted) {
      controller.abort();
      response.destroy();
      return;
    }
    log.response = response;
    log.controller = controller;
    if (log.paused) response.pause();
    this.attach(log, { tty, ...(prefix ? { prefix } : {}) });
  }

  /** Stops a stream and destroys its daemon request; closing an unknown or ended stream does nothing. */
  close(streamId: string): void {
    const log = this.streams.get(streamId);
    if (!log) return;
    this.streams.delete(streamId);
    log.finished = true;
    log.closed.abort();
    log.pacer.cancel();
    log.queue = [];
    log.controller.abort();
    log.response.destroy();
  }

  /**
   * The view has taken in one more batch of an acknowledging stream: the next may go. Unknown or ended streams
   * are ignored (an acknowledgement can cross a close).
   */
  ack(streamId: string): void {
    const log = this.streams.get(streamId);
    if (!log || !log.acknowledge || log.unacknowledged === 0) return;
    log.unacknowledged -= 1;
    if (log.queue.length > 0) log.pacer.notify();
  }

  /** Closes every stream (the window reloaded or closed, or Berth quits). */
  closeAll(): void {
    this.generation += 1;
    for (const streamId of [...this.streams.keys()]) this.close(streamId);
  }

  /** Closes the streams of one engine (its host was removed). */
  closeEngine(engineId: EngineId): void {
    for (const log of [...this.streams.values()]) if (log.engineId === engineId) this.close(log.streamId);
  }

  /** Streams currently open (for tests and diagnostics). */
  get openCount(): number {
    return this.streams.size;
  }

  /** What a stream holds back (for tests and diagnostics); `undefined` once it is closed or ended. */
  backlog(streamId: string): { queuedLines: number; unacknowledged: number; paused: boolean } | undefined {
    const log = this.streams.get(streamId);
    if (!log || log.finished) return undefined;
    const queuedLines = log.queue.reduce((total, batch) => total + batch.lines, 0);
    return { queuedLines, unacknowledged: log.unacknowledged, paused: log.paused };
  }

  /**
   * Writes the container's log, read again with the same filters, to a file the user picks.
   * @returns `completed: false` when the user cancelled the dialog.
   */
  async save(request: LogsSaveRequest): Promise<ContainerTransferResult> {
    const choose = this.options.chooseSavePath;
    if (!choose) throw new IpcError(ErrorCode.Internal, 'Saving files is not available here.');
    const localPath = await choose({ title: 'Save log', defaultName: `${request.id.slice(0, 32)}.log` });
    if (localPath === undefined) return { completed: false, bytes: 0 };
    const { tty, response, prefix } = await this.request(request, false);
    let bytes = 0;
    let lines = 0;
    // Through a partial file: a failed or cancelled save never leaves half a log under the chosen name.
    await partialFiles.write(localPath, async (partial) => {
      const file = createWriteStream(partial, { flags: 'wx', mode: 0o644 });
      const pending: string[] = [];
      const assembler = new LogLineAssembler({
        timestamps: true,
        onLine: (_stream, raw, ts) => {
          const text = prefix ? prefix(raw) : raw;
          const stamp = request.timestamps && ts !== undefined ? `${ts} ` : '';
          pending.push(`${stamp}${text}\n`);
        },
      });
      const demuxer = tty
        ? undefined
        : new StreamDemuxer({
            onFrame: (stream, payload, continued) => assembler.pushFrame(stream, payload, continued),
          });
      const writePending = async (): Promise<void> => {
        if (pending.length === 0) return;
        const text = pending.join('');
        lines += pending.length;
        pending.length = 0;
        bytes += Buffer.byteLength(text);
        if (!file.write(text)) await once(file, 'drain');
      };
      try {
        for await (const chunk of response) {
          if (demuxer) demuxer.push(chunk as Buffer);
          else assembler.pushRaw(chunk as Buffer);
          await writePending();
        }
        demuxer?.end();
        assembler.end();
        await writePending();
        file.end();
        await once(file, 'close');
      } catch (error) {
        response.destroy();
        file.destroy();
        throw toIpcError(error);
      }
    });
    return { completed: true, localPath, bytes, entries: lines };
  }

  /**
   * Inspects for `Config.Tty` (a service: its spec's TTY, its tasks and nodes for the line prefixes), then opens
   * the logs request.
   */
  private async request(
    query: LogQuery,
    follow: boolean,
  ): Promise<{
    tty: boolean;
    response: Readable;
    controller: AbortController;
    prefix?: ServiceLogSource['prefix'];
  }> {
    // The inspect (TTY or not; a service: its spec, tasks and nodes for the line prefixes) and the log request go
    // out together: opening waits for one round trip, not two.
    const service = query.source === 'service';
    const ttyAnswer: Promise<{ tty: boolean; prefix?: ServiceLogSource['prefix'] }> = service
      ? serviceLogSource(this.engines, query.engineId, query.id)
      : this.isTty(query.engineId, query.id).then((tty) => ({ tty }));
    const streamAnswer = openEngineStream(
      this.engines,
      query.engineId,
      this.openTimeoutMs,
      (client, signal) =>
        requestStream(client, {
          method: 'GET',
          path: `/${service ? 'services' : 'containers'}/${encodeURIComponent(query.id)}/logs`,
          query: {
            ...(service ? { details: true } : {}),
            stdout: true,
            stderr: true,
            timestamps: true,
            follow,
            tail: String(query.tail ?? DEFAULT_LOG_TAIL),
            since: query.since,
            until: query.until,
          },
          signal,
        }),
    );
    const [tty, stream] = await Promise.allSettled([ttyAnswer, streamAnswer]);
    if (tty.status === 'rejected') {
      if (stream.status === 'fulfilled') {
        stream.value.controller.abort();
        stream.value.value.destroy();
      }
      throw tty.reason;
    }
    if (stream.status === 'rejected') throw stream.reason;
    const { prefix } = tty.value;
    return {
      tty: tty.value.tty,
      response: stream.value.value,
      controller: stream.value.controller,
      ...(prefix ? { prefix } : {}),
    };
  }

  private async isTty(engineId: EngineId, id: string): Promise<boolean> {
    await this.engines.ready(engineId);
    const inspect = await this.engines.request(engineId, (client, abortSignal) =>
      client.getContainer(id).inspect({ abortSignal }),
    );
    return inspect.Config?.Tty === true;
  }

  private enqueue(
    log: OpenLog,
    stream: LogStreamKind,
    text: string,
    ts: string | undefined,
    cut: number,
  ): void {
    if (log.finished) return;
    let batch = log.queue.at(-1);
    if (batch === undefined || (batch.lines > 0 && weightOf(batch) + text.length > this.maxBatchChars)) {
      batch = new LogBatchBuilder();
      log.queue.push(batch);
    }
    batch.push(stream, text, ts, cut);
    log.queuedChars += text.length + LINE_OVERHEAD;
    if (!log.paused && log.queuedChars > this.highWaterChars) {
      log.paused = true;
      log.response.pause();
    }
    log.pacer.notify();
  }

  /**
   * Sends one batch (the pacer calls it); returns true while lines are still queued and may go. A view with
   * enough batches unacknowledged gets nothing: its next `ack` schedules the flush again.
   */
  private flush(log: OpenLog): boolean {
    if (log.finished) return false;
    if (log.acknowledge && log.unacknowledged >= MAX_UNACKNOWLEDGED_BATCHES) return false;
    this.sendBatch(log);
    if (log.paused && log.queuedChars < this.highWaterChars / 4) {
      log.paused = false;
      log.response.resume();
    }
    if (log.queue.length > 0) return !log.acknowledge || log.unacknowledged < MAX_UNACKNOWLEDGED_BATCHES;
    if (log.ended) this.publishEnded(log);
    return false;
  }

  private sendBatch(log: OpenLog): void {
    const batch = log.queue.shift();
    if (batch === undefined) return;
    log.queuedChars -= weightOf(batch);
    if (log.acknowledge) log.unacknowledged += 1;
    this.options.publish(IpcEvent.LogsReceived, { streamId: log.streamId, ...batch.build() });
  }

  /** The daemon stream ended: what is queued still goes out (paced as usual), then `logs:ended`. */
  private drain(log: OpenLog, error?: IpcErrorData): void {
    if (log.finished) return;
    log.endError = error;
    if (log.queue.length === 0 && !log.pacer.scheduled) this.publishEnded(log);
  }

  private publishEnded(log: OpenLog): void {
    if (log.finished) return;
    log.finished = true;
    log.pacer.cancel();
    this.streams.delete(log.streamId);
    log.controller.abort();
    log.closed.abort();
    const { endError } = log;
    this.options.publish(IpcEvent.LogsEnded, {
      streamId: log.streamId,
      ...(endError !== undefined ? { error: endError } : {}),
    });
  }
}
