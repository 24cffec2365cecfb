import type { Readable } from 'node:stream';

import { ErrorCode, IpcError, type OperationProgress, type ProgressItem } from '../../common';
import { NdjsonParser } from '../docker/engine/ndjson';

/** One message of Docker's JSON progress stream (pull, push, load, build). */
interface ProgressMessage {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
  stream?: string;
  aux?: { ID?: string; Digest?: string };
}

// How far along a pull layer is at each of Docker's statuses; downloading is most of the wait.
const downloadShare = 0.7;
const settled =
  /^(pull complete|already exists|pushed|layer already exists|mounted from|download complete|verifying checksum)/i;
const finished = /^(pull complete|already exists|pushed|layer already exists|mounted from)/i;

function asMessage(value: unknown): ProgressMessage | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

/**
 * Folds Docker's progress messages into per-layer progress in O(layers) memory, and remembers the first error
 * line: a stream that carries `error`/`errorDetail` is a failure even when it ends normally (dockerode#639).
 */
export class DockerProgressTracker {
  private readonly layers = new Map<string, ProgressItem & { fraction: number }>();
  private lastText: string | undefined;
  private errorMessage: string | undefined;
  /** The image id or digest Docker reported at the end (`aux`). */
  result: string | undefined;

  /** Applies one parsed message; anything that is not an object is ignored. */
  apply(value: unknown): void {
    const message = asMessage(value);
    if (message === undefined) return;
    if (message.error !== undefined || message.errorDetail !== undefined) {
      this.errorMessage ??= (
        message.errorDetail?.message ??
        message.error ??
        'Docker reported an error'
      ).trim();
      return;
    }
    if (message.aux?.ID !== undefined) this.result = message.aux.ID;
    else if (message.aux?.Digest !== undefined) this.result = message.aux.Digest;
    const status = message.status ?? '';
    if (
      message.id !== undefined &&
      status !== '' &&
      !/^pulling from /i.test(status) &&
      /^[0-9a-f]{12,64}$/i.test(message.id)
    ) {
      this.updateLayer(message.id, status, message.progressDetail);
      return;
    }
    const text = (
      status !== ''
        ? message.id !== undefined
          ? `${message.id}: ${status}`
          : status
        : (message.stream ?? '')
    ).trim();
    if (text !== '') this.lastText = text;
  }

  /** The first error Docker reported, if any. */
  failure(): string | undefined {
    return this.errorMessage;
  }

  snapshot(): OperationProgress {
    const items = [...this.layers.values()].map(({ fraction: _fraction, ...item }) => item);
    const fraction =
      this.layers.size === 0
        ? undefined
        : [...this.layers.values()].reduce((sum, layer) => sum + layer.fraction, 0) / this.layers.size;
    return {
      items,
      ...(fraction !== undefined ? { fraction } : {}),
      ...(this.lastText !== undefined ? { text: this.lastText } : {}),
    };
  }

  private updateLayer(id: string, status: string, detail: ProgressMessage['progressDetail']): void {
    const previous = this.layers.get(id);
    const current = detail?.current;
    const total = detail?.total !== undefined && detail.total > 0 ? detail.total : undefined;
    let fraction = previous?.fraction ?? 0;
    if (finished.test(status)) fraction = 1;
    else if (/^downloading/i.test(status) && current !== undefined && total !== undefined)
      fraction = downloadShare * Math.min(1, current / total);
    else if (/^pushing/i.test(status) && current !== undefined && total !== undefined)
      fraction = Math.min(1, current / total);
    else if (/^extracting/i.test(status)) {
      fraction =
        downloadShare +
        (current !== undefined && total !== undefined
          ? (1 - downloadShare) * Math.min(1, current / total)
          : 0);
    } else if (settled.test(status)) fraction = Math.max(fraction, downloadShare);
    this.layers.set(id, {
      id,
      status,
      done: finished.test(status),
      fraction: Math.max(previous?.fraction ?? 0, fraction),
      ...(current !== undefined ? { current } : {}),
      ...(total !== undefined ? { total } : {}),
    });
  }
}

/**
 * Reads a Docker JSON progress stream to its end, feeding `tracker` and calling `onProgress` after each message.
 * Resolves when the stream ends; rejects with an IpcError when Docker reported an error in the stream, when
 * the stream breaks, or when `signal` aborts (then the stream is destroyed so the daemon stops the work).
 * Malformed lines are skipped and never crash anything.
 */
export function followDockerProgress(
  stream: Readable,
  tracker: DockerProgressTracker,
  options: { signal?: AbortSignal; onProgress?: () => void; onLine?: (text: string) => void } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const parser = new NdjsonParser({
      onValue: (value) => {
        tracker.apply(value);
        const stream = asMessage(value)?.stream;
        if (stream !== undefined && options.onLine !== undefined) options.onLine(stream);
        options.onProgress?.();
      },
      onError: () => undefined,
    });
    const onAbort = () => {
      stream.destroy();
      reject(new IpcError(ErrorCode.Cancelled, 'Cancelled.'));
    };
    if (options.signal?.aborted === true) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (error?: IpcError) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (error !== undefined) reject(error);
      else resolve();
    };
    stream.on('data', (chunk: Buffer) => parser.push(chunk));
    stream.once('error', (error: Error) =>
      finish(
        new IpcError(ErrorCode.EngineUnreachable, `The daemon's progress stream broke: ${error.message}`),
      ),
    );
    stream.once('end', () => {
      parser.end();
      const failure = tracker.failure();
      finish(failure === undefined ? undefined : new IpcError(classifyFailure(failure), failure));
    });
  });
}

/** Maps a registry or daemon error line to a stable code, so the UI can say "not found" vs "unauthorized". */
export function classifyFailure(message: string): IpcError['code'] {
  if (/not found|manifest unknown|no such|does not exist|repository .* not found/i.test(message))
    return ErrorCode.NotFound;
  if (
    /unauthorized|authentication required|no basic auth credentials|denied|forbidden|incorrect username or password/i.test(
      message,
    )
  )
    return ErrorCode.Unauthorized;
  if (/timeout|timed out/i.test(message)) return ErrorCode.Timeout;
  return ErrorCode.Internal;
}
