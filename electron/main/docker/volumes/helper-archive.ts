import { createReadStream } from 'node:fs';

import type Dockerode from 'dockerode';

import { type EngineId, ErrorCode, IpcError } from '../../../common';
import { linkAbort } from '../engine/deadline';
import type { EngineRegistry } from '../engine/engine-registry';
import { toIpcError } from '../engine/errors';

// The Engine side of volume transfers: a helper container's archive endpoints, streamed, with a stall timer and
// cancellation. What is read is handed on untouched; writing it to disk is ../archive's job.

/** Reads a stream, aborting the request through `controller` when no byte arrives for `idleMs`. */
async function* guarded(
  stream: AsyncIterable<Buffer | string>,
  controller: AbortController,
  idleMs: number,
): AsyncGenerator<Buffer> {
  const timer = setTimeout(
    () =>
      controller.abort(
        new IpcError(ErrorCode.Timeout, `The Docker engine sent nothing for ${Math.round(idleMs / 1000)} s.`),
      ),
    idleMs,
  );
  try {
    for await (const chunk of stream) {
      timer.refresh();
      yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    }
  } finally {
    clearTimeout(timer);
  }
}

interface HelperArchiveRead {
  engineId: EngineId;
  container: Dockerode.Container;
  /** The path in the helper (`/volume/a`, `/volume/a/.`). */
  path: string;
  /** The transfer's cancel. */
  signal: AbortSignal | undefined;
  /** The service's lifetime (app quit). */
  lifetime: AbortSignal;
  idleMs: number;
}

/** Streams `GET /containers/{id}/archive?path=…` into `consume`, aborting on stalls, on cancel and on quit. */
export async function readHelperArchive<T>(
  engines: EngineRegistry,
  read: HelperArchiveRead,
  consume: (tar: AsyncIterable<Buffer>) => Promise<T>,
): Promise<T> {
  const { signal, lifetime } = read;
  const controller = new AbortController();
  const unlink = linkAbort(controller, signal, lifetime);
  let stream: NodeJS.ReadableStream | undefined;
  try {
    stream = await engines.request(read.engineId, (_client, abortSignal) => {
      linkAbort(controller, abortSignal);
      return read.container.getArchive({ path: read.path, abortSignal: controller.signal });
    });
    // Errors are read through the iteration below; one arriving after it ended must not go unhandled.
    stream.on('error', () => undefined);
    return await consume(guarded(stream as AsyncIterable<Buffer>, controller, read.idleMs));
  } catch (error) {
    // The user's cancel and the app quitting are cancels, whatever error the aborted request ended with.
    if (signal?.aborted === true || lifetime.aborted) throw new IpcError(ErrorCode.Cancelled, 'Cancelled.');
    if (controller.signal.aborted && controller.signal.reason instanceof IpcError)
      throw controller.signal.reason;
    throw toIpcError(error);
  } finally {
    // Ends the response if the consumer stopped early (a truncated listing); a no-op once it has ended.
    (stream as { destroy?: () => void } | undefined)?.destroy?.();
    unlink();
  }
}

interface HelperArchiveWrite {
  engineId: EngineId;
  container: Dockerode.Container;
  /** The folder in the helper the archive is unpacked into. */
  path: string;
  localPath: string;
  signal: AbortSignal | undefined;
  idleMs: number;
  /** Bytes sent so far. */
  onBytes: (bytes: number) => void;
}

/** Uploads a local tar archive (plain or compressed: the Engine unpacks it) with `PUT …/archive`; returns bytes. */
export async function writeHelperArchive(
  engines: EngineRegistry,
  write: HelperArchiveWrite,
): Promise<number> {
  const { signal } = write;
  const controller = new AbortController();
  const unlink = linkAbort(controller, signal);
  const file = createReadStream(write.localPath);
  let bytes = 0;
  const idle = setTimeout(function expire() {
    controller.abort(new IpcError(ErrorCode.Timeout, 'The Docker engine stopped taking the archive.'));
  }, write.idleMs);
  file.on('data', (chunk: Buffer | string) => {
    bytes += chunk.length;
    idle.refresh();
    write.onBytes(bytes);
  });
  try {
    await engines.request(
      write.engineId,
      (_client, abortSignal) => {
        linkAbort(controller, abortSignal);
        return write.container.putArchive(file, { path: write.path, abortSignal: controller.signal });
      },
      // The deadline is the idle timer above; the registry's only guards the answer after the upload.
      { extraMs: 24 * 3600_000, signal: controller.signal },
    );
  } catch (error) {
    if (signal?.aborted === true) throw new IpcError(ErrorCode.Cancelled, 'Cancelled.');
    if (controller.signal.reason instanceof IpcError) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(idle);
    file.destroy();
    unlink();
  }
  return bytes;
}
