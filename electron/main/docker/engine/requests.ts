import type { IncomingMessage } from 'node:http';
import type { Duplex, Readable } from 'node:stream';

import type DockerModem from 'docker-modem';
import type Dockerode from 'dockerode';

import { type EngineId, ErrorCode, IpcError } from '../../../common';
import type { RegistryAuth } from '../../credentials/registry-auth';
import { armDeadline, DeadlineExceededError } from './deadline';
import type { EngineRegistry } from './engine-registry';
import { toIpcError } from './errors';

// The one way Berth sends a raw Engine API request: through the engine's docker-modem (so TLS, SSH and the API
// version prefix apply), for the calls dockerode does not cover or covers badly (progress streams, archives,
// hijacked exec/attach). Deadlines are AbortSignals (see deadline.ts): a unary call runs inside
// `EngineRegistry.request`, a long-lived stream opens with `openEngineStream`.

/** One raw Engine API request. */
interface EngineRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** Path with no query, e.g. `/containers/abc/logs`; ids are validated by the caller's schema. */
  path: string;
  /** Query parameters; arrays repeat the key, objects are JSON-encoded (docker-modem's rules); undefined is left out. */
  query?: Record<string, unknown>;
  /** JSON body. Without one, docker-modem sends the query of a POST as its JSON body as well. */
  body?: object;
  /** Request body stream (a tar for build, load or a container archive). */
  file?: Readable;
  /** Sent as `X-Registry-Auth`, built by the modem; never in the URL. */
  auth?: RegistryAuth | Record<string, never>;
  /** Sent as `X-Registry-Config` (`build`). */
  registryConfig?: Record<string, RegistryAuth>;
  /**
   * HTTP statuses that mean success; default 200, 201, 204 and 304 (the Engine API's successes; a request
   * whose call never answers the others does not care).
   */
  ok?: readonly number[];
  /** Upgrade the connection (exec/attach with stdin). */
  hijack?: boolean;
  signal: AbortSignal;
}

const defaultOk = [200, 201, 204, 304];

/** The reason docker-modem writes into the message of a failed request. */
const failureReasons: DockerModem.StatusCodes = {
  400: 'bad parameter',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  409: 'conflict',
  500: 'server error',
};

function toDialOptions(request: EngineRequest, isStream: boolean): DockerModem.DialOptions {
  const statusCodes: DockerModem.StatusCodes = { ...failureReasons };
  for (const status of request.ok ?? defaultOk) statusCodes[status] = true;
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) query[key] = value;
  }
  return {
    // The modem appends a query only to a path that ends with `?` (and drops the `?` when there is none).
    path: `${request.path}?`,
    method: request.method,
    // Copies, because the modem deletes keys from them. With a JSON body the query travels as `_query`.
    options: request.body !== undefined ? { ...request.body, _query: query } : query,
    abortSignal: request.signal,
    statusCodes,
    isStream,
    ...(request.body !== undefined ? { allowEmpty: true } : {}),
    ...(request.hijack === true ? { hijack: true, openStdin: true } : {}),
    ...(request.file !== undefined ? { file: request.file } : {}),
    ...(request.auth !== undefined ? { authconfig: request.auth } : {}),
    ...(request.registryConfig !== undefined ? { registryconfig: request.registryConfig } : {}),
  };
}

function dial(client: Dockerode, options: DockerModem.DialOptions): Promise<unknown> {
  return new Promise((resolve, reject) => {
    client.modem.dial(options, (error, data) => {
      // docker-modem fails with Errors (carrying `statusCode` and `json`, for `toIpcError`).
      if (error) reject(error instanceof Error ? error : new Error('The Docker engine request failed.'));
      else resolve(data);
    });
  });
}

/** A unary request answering parsed JSON (or nothing). Errors are docker-modem's, for `toIpcError`. */
export async function requestJson<T>(client: Dockerode, request: EngineRequest): Promise<T> {
  // The answer is the daemon's JSON: the caller names its expected shape (and reads it defensively).
  return (await dial(client, toDialOptions(request, false))) as T;
}

/**
 * A request answering a stream (progress, a tar, logs) or, hijacked, the upgraded socket; resolves once the
 * response headers say it succeeded. The caller owns the stream and must destroy it.
 */
export async function requestStream(
  client: Dockerode,
  request: EngineRequest,
): Promise<IncomingMessage | Duplex> {
  // docker-modem answers the response (an IncomingMessage) or, hijacked, its HttpDuplex.
  return (await dial(client, toDialOptions(request, true))) as IncomingMessage | Duplex;
}

/** A stream request with its own lifetime: the deadline covers only the wait for the response headers. */
interface OpenedStream<T> {
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
  const disarm = armDeadline(controller, timeoutMs);
  try {
    const value = await open(client, controller.signal);
    if (controller.signal.aborted) throw controller.signal.reason;
    return { value, controller };
  } catch (error) {
    controller.abort();
    if (controller.signal.reason instanceof DeadlineExceededError) {
      throw new IpcError(
        ErrorCode.Timeout,
        `The Docker engine at ${address} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
      );
    }
    throw toIpcError(error, { address, timeoutMs });
  } finally {
    disarm();
  }
}

/**
 * The client seen through the calls whose dockerode typings lack their options (declared in
 * types/dockerode-augment.d.ts). No cast: the class satisfies the view structurally.
 */
export function abortable(client: Dockerode): Dockerode.AbortableCalls {
  return client;
}
