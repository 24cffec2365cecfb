import type { Readable } from 'node:stream';

import { type EngineId, ErrorCode, IpcError, IpcEvent, type StatsOpened } from '../../../../common';
import type { EngineRegistry } from '../../engine/engine-registry';
import { toIpcError } from '../../engine/errors';
import { NdjsonParser } from '../../engine/ndjson';
import { openEngineStream, requestStream } from '../../engine/requests';
import { newStreamId } from '../../engine/stream-ids';
import { breakReason, containerStopped, resumeStream } from '../../engine/stream-resume';
import type { Publish } from '../../ports';
import type { ContainerRef } from '../container-service';
import { toStatsSample } from './mappers';

interface StatsStreamOptions {
  publish: Publish;
  openTimeoutMs?: number;
  logger?: Pick<Console, 'warn'>;
}

interface OpenStats {
  streamId: string;
  ref: ContainerRef;
  /** The current daemon request (replaced when the stream resumes after its host came back). */
  response: Readable;
  controller: AbortController;
  /** Aborted by close(): ends a resume in progress. */
  closed: AbortController;
  finished: boolean;
}

/**
 * Live stats of one container at a time per view: `GET /containers/{id}/stats?stream=true` (the daemon samples
 * once a second), each sample mapped to a {@link StatsSample} and pushed as `stats:sampled`. The renderer opens a
 * stream only while the Stats tab is visible and closes it when hidden; every stream costs the daemon CPU
 * (design Part 3 §0), so none outlives its view.
 */
export class StatsStreams {
  private readonly streams = new Map<string, OpenStats>();
  private readonly openTimeoutMs: number;
  private readonly logger: Pick<Console, 'warn'>;
  private generation = 0;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly options: StatsStreamOptions,
  ) {
    this.openTimeoutMs = options.openTimeoutMs ?? 15_000;
    this.logger = options.logger ?? console;
  }

  async open(ref: ContainerRef): Promise<StatsOpened> {
    const generation = this.generation;
    const { value: response, controller } = await this.request(ref);
    if (generation !== this.generation) {
      controller.abort();
      response.destroy();
      throw new IpcError(ErrorCode.Cancelled, 'The stats view was closed.');
    }
    const streamId = newStreamId('stats');
    const stats: OpenStats = {
      streamId,
      ref,
      response,
      controller,
      closed: new AbortController(),
      finished: false,
    };
    this.streams.set(streamId, stats);
    this.attach(stats);
    return { streamId };
  }

  private request(ref: ContainerRef): Promise<{ value: Readable; controller: AbortController }> {
    return openEngineStream(this.engines, ref.engineId, this.openTimeoutMs, (client, signal) =>
      requestStream(client, {
        method: 'GET',
        path: `/containers/${encodeURIComponent(ref.id)}/stats`,
        query: { stream: true },
        signal,
      }),
    );
  }

  /** Reads the current daemon request; when it breaks, the stream resumes once the host is back. */
  private attach(stats: OpenStats): void {
    const { response, controller, streamId } = stats;
    const parser = new NdjsonParser({
      onValue: (value) => {
        if (stats.finished || stats.response !== response) return;
        const sample = toStatsSample(value);
        if (sample) this.options.publish(IpcEvent.StatsSampled, { streamId, sample });
      },
      onError: (error) => this.logger.warn('[stats] unreadable sample skipped:', error.message),
    });
    let done = false;
    const broke = (error?: unknown): void => {
      if (done || stats.finished || stats.response !== response) return;
      done = true;
      parser.end();
      if (!controller.signal.aborted) void this.resume(stats, error);
    };
    response.on('data', (chunk: Buffer) => parser.push(chunk));
    response.on('end', () => broke());
    response.on('close', () => broke());
    response.on('error', (error) => broke(error));
  }

  private async resume(stats: OpenStats, error?: unknown): Promise<void> {
    const { engineId, id } = stats.ref;
    try {
      if (error === undefined && (await containerStopped(this.engines, engineId, id)))
        return this.finish(stats);
      const reason = breakReason(this.engines, engineId, error);
      await resumeStream(
        this.engines,
        this.options.publish,
        { streamId: stats.streamId, engineId, reason, signal: stats.closed.signal },
        async () => {
          const { value: response, controller } = await this.request(stats.ref);
          if (stats.closed.signal.aborted) {
            controller.abort();
            response.destroy();
            return;
          }
          stats.response = response;
          stats.controller = controller;
          this.attach(stats);
        },
      );
    } catch (caught) {
      this.finish(stats, caught);
    }
  }

  /** The stream ended for good (the container stopped, or it could not resume): `stats:ended`, with why. */
  private finish(stats: OpenStats, error?: unknown): void {
    if (stats.finished) return;
    stats.finished = true;
    this.streams.delete(stats.streamId);
    stats.controller.abort();
    stats.closed.abort();
    const failure = error !== undefined ? { error: toIpcError(error).toData() } : {};
    this.options.publish(IpcEvent.StatsEnded, { streamId: stats.streamId, ...failure });
  }

  close(streamId: string): void {
    const stats = this.streams.get(streamId);
    if (!stats) return;
    stats.finished = true;
    this.streams.delete(streamId);
    stats.closed.abort();
    stats.controller.abort();
    stats.response.destroy();
  }

  closeAll(): void {
    this.generation += 1;
    for (const streamId of [...this.streams.keys()]) this.close(streamId);
  }

  /** Closes the streams of one engine (its host was removed). */
  closeEngine(engineId: EngineId): void {
    for (const [streamId, stats] of [...this.streams])
      if (stats.ref.engineId === engineId) this.close(streamId);
  }

  get openCount(): number {
    return this.streams.size;
  }
}
