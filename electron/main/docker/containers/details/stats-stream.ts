import type { Readable } from 'node:stream';

import { type EngineId, ErrorCode, IpcError, IpcEvent, type StatsOpened } from '../../../../common';
import type { EngineRegistry } from '../../engine/engine-registry';
import { toIpcError } from '../../engine/errors';
import { NdjsonParser } from '../../engine/ndjson';
import { openEngineStream, requestStream } from '../../engine/requests';
import { newStreamId } from '../../engine/stream-ids';
import type { Publish } from '../../ports';
import type { ContainerRef } from '../container-service';
import { toStatsSample } from './mappers';

interface StatsStreamOptions {
  publish: Publish;
  openTimeoutMs?: number;
  logger?: Pick<Console, 'warn'>;
}

interface OpenStats {
  engineId: EngineId;
  response: Readable;
  controller: AbortController;
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
    const { value: response, controller } = await openEngineStream(
      this.engines,
      ref.engineId,
      this.openTimeoutMs,
      (client, signal) =>
        requestStream(client, {
          method: 'GET',
          path: `/containers/${encodeURIComponent(ref.id)}/stats`,
          query: { stream: true },
          signal,
        }),
    );
    if (generation !== this.generation) {
      controller.abort();
      response.destroy();
      throw new IpcError(ErrorCode.Cancelled, 'The stats view was closed.');
    }
    const streamId = newStreamId('stats');
    const stats: OpenStats = { engineId: ref.engineId, response, controller, finished: false };
    this.streams.set(streamId, stats);
    const parser = new NdjsonParser({
      onValue: (value) => {
        if (stats.finished) return;
        const sample = toStatsSample(value);
        if (sample) this.options.publish(IpcEvent.StatsSampled, { streamId, sample });
      },
      onError: (error) => this.logger.warn('[stats] unreadable sample skipped:', error.message),
    });
    const finish = (error?: unknown): void => {
      if (stats.finished) return;
      parser.end();
      stats.finished = true;
      this.streams.delete(streamId);
      controller.abort();
      const failure = error !== undefined ? toIpcError(error).toData() : undefined;
      this.options.publish(IpcEvent.StatsEnded, { streamId, ...(failure ? { error: failure } : {}) });
    };
    response.on('data', (chunk: Buffer) => parser.push(chunk));
    response.on('end', () => finish());
    response.on('close', () => finish());
    response.on('error', (error) => finish(error));
    return { streamId };
  }

  close(streamId: string): void {
    const stats = this.streams.get(streamId);
    if (!stats) return;
    stats.finished = true;
    this.streams.delete(streamId);
    stats.controller.abort();
    stats.response.destroy();
  }

  closeAll(): void {
    this.generation += 1;
    for (const streamId of [...this.streams.keys()]) this.close(streamId);
  }

  /** Closes the streams of one engine (its host was removed). */
  closeEngine(engineId: EngineId): void {
    for (const [streamId, stats] of [...this.streams]) if (stats.engineId === engineId) this.close(streamId);
  }

  get openCount(): number {
    return this.streams.size;
  }
}
