import type { IncomingMessage } from 'node:http';
import type { Duplex, Readable } from 'node:stream';

import type Dockerode from 'dockerode';

import { type EngineId, ErrorCode, IpcError } from '../../../common';
import type { EngineRegistry } from './engine-registry';
import { toIpcError } from './errors';

/** One raw Engine API request, as docker-modem's `dial` takes it. */
export interface DialRequest {
  method: 'GET' | 'POST' | 'PUT' | 'HEAD';
  /** Path with no query, e.g. `/containers/abc/logs`; ids are validated by the caller's schema. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body (POST). */
  body?: object;
  /** Request body stream (PUT of a tar). */
  file?: Readable;
  /** HTTP statuses that mean success. Default `[200]`. */
  ok?: number[];
  /** Upgrade the connection (exec/attach with stdin). */
  hijack?: boolean;
  signal: AbortSignal;
}

interface ModemCall {
  dial(options: Record<string, unknown>, callback: (error: unknown, result: unknown) => void): void;
}

/**
 * Sends one request through the engine's docker-modem (so TLS, SSH and the API version prefix apply) and
 * resolves with the response stream (or, for a hijacked request, the upgraded socket) once the headers say it
 * succeeded. The caller owns the stream and must destroy it.
 */
export function dialStream(client: Dockerode, request: DialRequest): Promise<IncomingMessage | Duplex> {
  const statusCodes: Record<number, true> = {};
  for (const status of request.ok ?? [200]) statusCodes[status] = true;
  const query: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) query[key] = value;
  }
  const modem = client.modem as unknown as ModemCall;
  return new Promise((resolve, reject) => {
    modem.dial(
      {
        path: `${request.path}?`,
        method: request.method,
        options: request.body !== undefined ? { ...request.body, _query: query } : query,
        isStream: true,
        hijack: request.hijack === true,
        openStdin: request.hijack === true,
        allowEmpty: true,
        file: request.file,
        statusCodes,
        abortSignal: request.signal,
      },
      (error, result) => {
        if (error)
          reject(
            error instanceof Error ? error : new Error('The Docker engine request failed.', { cause: error }),
          );
        else resolve(result as IncomingMessage | Duplex);
      },
    );
  });
}

/** A stream request with its own lifetime: the deadline covers only the wait for the response headers. */
export interface OpenedStream<T> {
  value: T;
  /** Aborting it ends the request. */
  controller: AbortController;
}

/**
 * Opens a long-lived stream on a connected engine: `open` must resolve once the response has started. Until then
 * a deadline applies (`timeoutMs`); afterwards the stream lives until the returned controller aborts.
 * @throws IpcError, naming the engine's address.
 */
export async function openEngineStream<T>(
  engines: EngineRegistry,
  engineId: EngineId,
  timeoutMs: number,
  open: (client: Dockerode, signal: AbortSignal) => Promise<T>,
): Promise<OpenedStream<T>> {
  await engines.ready(engineId);
  const client = engines.client(engineId);
  const { address } = engines.info(engineId);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('deadline')), timeoutMs);
  try {
    const value = await open(client, controller.signal);
    if (controller.signal.aborted) throw new Error('deadline');
    return { value, controller };
  } catch (error) {
    controller.abort();
    if (controller.signal.reason instanceof Error && controller.signal.reason.message === 'deadline') {
      throw new IpcError(
        ErrorCode.Timeout,
        `The Docker engine at ${address} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
      );
    }
    throw toIpcError(error, { address, timeoutMs });
  } finally {
    clearTimeout(timer);
  }
}

/** Reads a whole (small) response body. */
export async function readBody(stream: Readable, limit = 16 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    length += buffer.length;
    if (length > limit) {
      stream.destroy();
      throw new IpcError(ErrorCode.Internal, 'The Docker engine sent a larger answer than expected.');
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
