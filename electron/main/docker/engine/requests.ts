import type { Readable } from 'node:stream';

import type Dockerode from 'dockerode';

import type { RegistryAuth } from '../../credentials/registry-auth';

/** One Engine API request as docker-modem's `dial` takes it (dockerode's own typings leave most of this out). */
interface DialOptions {
  path: string;
  method: 'GET' | 'POST' | 'DELETE';
  options?: Record<string, unknown>;
  abortSignal?: AbortSignal;
  statusCodes: Record<number, boolean | string>;
  isStream?: boolean;
  file?: Readable;
  /** Sent as `X-Registry-Auth`, built by the modem; never in the URL. */
  authconfig?: RegistryAuth | Record<string, never>;
  /** Sent as `X-Registry-Config` (`build`). */
  registryconfig?: Record<string, RegistryAuth>;
}

interface Dialable {
  modem: { dial(options: DialOptions, callback: (error: unknown, data: unknown) => void): void };
}

const statusCodes = {
  200: true,
  201: true,
  204: true,
  304: true,
  400: 'bad parameter',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  409: 'conflict',
  500: 'server error',
};

export interface ModemRequest {
  path: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Query parameters; arrays repeat the key, objects are JSON-encoded (docker-modem's rules). */
  query?: Record<string, unknown>;
  signal: AbortSignal;
  body?: Readable;
  auth?: RegistryAuth | Record<string, never>;
  registryConfig?: Record<string, RegistryAuth>;
}

function toDialOptions(request: ModemRequest, isStream: boolean): DialOptions {
  const query = request.query ?? {};
  const hasQuery = Object.keys(query).length > 0;
  return {
    // The modem appends a query only to a path that ends with `?`.
    path: hasQuery ? `${request.path}?` : request.path,
    method: request.method,
    // The modem sends `options` of a POST without a body as JSON; a copy, because it deletes keys from it.
    options: { ...query },
    abortSignal: request.signal,
    statusCodes,
    isStream,
    ...(request.body !== undefined ? { file: request.body } : {}),
    ...(request.auth !== undefined ? { authconfig: request.auth } : {}),
    ...(request.registryConfig !== undefined ? { registryconfig: request.registryConfig } : {}),
  };
}

/** docker-modem fails with Errors (carrying `statusCode` and `json`); anything else is wrapped. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** A unary request answering parsed JSON (or nothing). Errors are docker-modem's, for `toIpcError`. */
export function modemJson<T>(client: Dockerode, request: ModemRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    (client as unknown as Dialable).modem.dial(toDialOptions(request, false), (error, data) =>
      error ? reject(asError(error)) : resolve(data as T),
    );
  });
}

/** A request answering a stream (progress, a tar); resolves once the response headers say 2xx. */
export function modemStream(client: Dockerode, request: ModemRequest): Promise<Readable> {
  return new Promise((resolve, reject) => {
    (client as unknown as Dialable).modem.dial(toDialOptions(request, true), (error, data) =>
      error ? reject(asError(error)) : resolve(data as Readable),
    );
  });
}
