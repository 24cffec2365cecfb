import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorCode, IpcError } from '../../../../electron/common';
import { withDeadline } from '../../../../electron/main/docker/engine/deadline';
import { toIpcError } from '../../../../electron/main/docker/engine/errors';
import { type FakeDaemon, startFakeDaemon } from './fake-daemon';

const address = 'unix:///var/run/docker.sock';

/** An error shaped exactly like docker-modem's `buildPayload` makes it. */
function modemError(statusCode: number, reason: string, json: unknown): Error {
  const message =
    typeof json === 'object' && json !== null ? (json as { message: string }).message : String(json);
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${reason} - ${message} `), {
    statusCode,
    reason,
    json,
  });
}

function nodeError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('toIpcError: shapes', () => {
  it.each([
    [
      modemError(404, 'no such container', { message: 'No such container: abc' }),
      ErrorCode.NotFound,
      'No such container: abc',
    ],
    [
      modemError(409, 'conflict', {
        message:
          'You cannot remove a running container 1f. Stop the container before attempting removal or force remove',
      }),
      ErrorCode.Conflict,
      'You cannot remove a running container 1f. Stop the container before attempting removal or force remove',
    ],
    [modemError(400, 'bad parameter', { message: 'invalid filter' }), ErrorCode.Validation, 'invalid filter'],
    [
      modemError(403, 'forbidden', { message: 'authorization denied by plugin' }),
      ErrorCode.Forbidden,
      'authorization denied by plugin',
    ],
    [
      modemError(401, 'unauthorized', { message: 'authentication required' }),
      ErrorCode.Unauthorized,
      'authentication required',
    ],
    [modemError(500, 'server error', { message: 'driver failed' }), ErrorCode.Internal, 'driver failed'],
    // A body that was not JSON arrives as a Buffer.
    [modemError(502, 'unexpected', Buffer.from('Bad Gateway\n')), ErrorCode.Internal, 'Bad Gateway'],
    [
      Object.assign(new Error('(HTTP code 404) no such image - No such image: x '), { statusCode: 404 }),
      ErrorCode.NotFound,
      'No such image: x',
    ],
    [
      Object.assign(new Error('weird'), { statusCode: 500, json: null }),
      ErrorCode.Internal,
      `The Docker engine at ${address} answered HTTP 500.`,
    ],
  ])('daemon answer %#', (error, code, message) => {
    expect(toIpcError(error, { address }).toData()).toEqual({ code, message });
  });

  it.each([
    ['ECONNREFUSED', 'connection refused'],
    ['ENOENT', 'no socket exists at that path'],
    ['EPIPE', 'the connection was closed'],
    ['ECONNRESET', 'the connection was reset'],
    ['EHOSTUNREACH', 'the host is unreachable'],
    ['ENOTFOUND', 'the host name could not be resolved'],
  ])('%s → ENGINE_UNREACHABLE naming the address', (code, reason) => {
    expect(toIpcError(nodeError(code), { address }).toData()).toEqual({
      code: ErrorCode.EngineUnreachable,
      message: `Cannot reach the Docker engine at ${address}: ${reason}.`,
    });
  });

  it('maps socket hang up, permission denied, TLS failures and timeouts', () => {
    expect(toIpcError(new Error('socket hang up'), { address }).code).toBe(ErrorCode.EngineUnreachable);
    expect(toIpcError(nodeError('EACCES'), { address }).toData()).toEqual({
      code: ErrorCode.Forbidden,
      message: `Permission denied connecting to the Docker engine at ${address}.`,
    });
    expect(toIpcError(nodeError('ERR_SSL_NO_CIPHERS', 'no ciphers available'), { address }).message).toBe(
      `Cannot reach the Docker engine at ${address}: the TLS handshake failed (no ciphers available).`,
    );
    expect(toIpcError(nodeError('ETIMEDOUT'), { address }).code).toBe(ErrorCode.Timeout);
    const abort = Object.assign(new Error('The operation was aborted'), {
      name: 'AbortError',
      code: 'ABORT_ERR',
    });
    expect(toIpcError(abort, { address, timeoutMs: 15_000 }).toData()).toEqual({
      code: ErrorCode.Timeout,
      message: `The Docker engine at ${address} did not answer within 15 s.`,
    });
  });

  it('keeps an IpcError, also when it is the reason of an abort', () => {
    const cancelled = new IpcError(ErrorCode.Cancelled, 'Berth is shutting down.');
    expect(toIpcError(cancelled)).toBe(cancelled);
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError', cause: cancelled });
    expect(toIpcError(abort)).toBe(cancelled);
  });

  it('falls back to INTERNAL with the original message, and copes with non-errors', () => {
    expect(toIpcError(new TypeError('x is not a function')).toData()).toEqual({
      code: ErrorCode.Internal,
      message: 'x is not a function',
    });
    expect(toIpcError('plain string').toData()).toEqual({
      code: ErrorCode.Internal,
      message: 'plain string',
    });
    expect(toIpcError(undefined).code).toBe(ErrorCode.Internal);
    const cyclic: { message: string; cause?: unknown } = { message: 'loop' };
    cyclic.cause = cyclic;
    expect(toIpcError(cyclic).code).toBe(ErrorCode.Internal);
  });
});

describe('toIpcError: what dockerode really throws', () => {
  let fake: FakeDaemon;
  let client: Dockerode;
  beforeAll(async () => {
    fake = await startFakeDaemon();
    client = new Dockerode({ socketPath: fake.socketPath, host: undefined, timeout: undefined });
    fake.routes.push((request, response) => {
      const url = request.url ?? '';
      const send = (status: number, body?: string): void => {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(body);
      };
      if (url.startsWith('/containers/gone/')) send(404, '{"message":"No such container: gone"}');
      else if (url.startsWith('/containers/busy'))
        send(409, '{"message":"You cannot remove a running container busy."}');
      else if (url.startsWith('/containers/hangup/')) request.socket.destroy();
      else if (url.startsWith('/containers/silent/'))
        return; // never answers
      else return false;
      return true;
    });
  });
  afterAll(() => fake.close());

  it('404 and 409 from the daemon', async () => {
    const notFound: unknown = await client
      .getContainer('gone')
      .start()
      .catch((error: unknown) => error);
    expect(toIpcError(notFound).toData()).toEqual({
      code: ErrorCode.NotFound,
      message: 'No such container: gone',
    });
    const conflict: unknown = await client
      .getContainer('busy')
      .remove()
      .catch((error: unknown) => error);
    expect(toIpcError(conflict).toData()).toEqual({
      code: ErrorCode.Conflict,
      message: 'You cannot remove a running container busy.',
    });
  });

  it('a connection the daemon drops mid-request', async () => {
    const error = await client
      .getContainer('hangup')
      .inspect()
      .catch((caught: unknown) => caught);
    expect(toIpcError(error, { address: fake.host }).toData()).toEqual({
      code: ErrorCode.EngineUnreachable,
      message: `Cannot reach the Docker engine at ${fake.host}: the daemon closed the connection.`,
    });
  });

  it('a socket path with nothing behind it, and a refused TCP port', async () => {
    const absent = new Dockerode({ socketPath: `${fake.socketPath}.absent`, host: undefined });
    const error: unknown = await absent.ping().catch((caught: unknown) => caught);
    expect(toIpcError(error, { address: 'unix:///x' }).message).toBe(
      'Cannot reach the Docker engine at unix:///x: no socket exists at that path.',
    );
    const refused = new Dockerode({ host: '127.0.0.1', port: 1, protocol: 'http', socketPath: undefined });
    const refusal: unknown = await refused.ping().catch((caught: unknown) => caught);
    expect(toIpcError(refusal, { address: 'tcp://127.0.0.1:1' }).message).toBe(
      'Cannot reach the Docker engine at tcp://127.0.0.1:1: connection refused.',
    );
  });

  it('a request that outlives its deadline', async () => {
    const error: unknown = await withDeadline(50, (abortSignal) =>
      client.getContainer('silent').inspect({ abortSignal }),
    ).catch((caught: unknown) => caught);
    expect(toIpcError(error, { address: fake.host, timeoutMs: 50 }).toData()).toEqual({
      code: ErrorCode.Timeout,
      message: `The Docker engine at ${fake.host} did not answer within 50 ms.`,
    });
  });
});

describe('toIpcError: TLS failures in plain words', () => {
  const address = 'tcp://127.0.0.1:2376';
  it.each<[string, string, ErrorCode, RegExp]>([
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'unable to verify the first certificate',
      ErrorCode.EngineUnreachable,
      /not signed by the CA Berth was given \(unknown CA\)/,
    ],
    [
      'SELF_SIGNED_CERT_IN_CHAIN',
      'self-signed certificate in certificate chain',
      ErrorCode.EngineUnreachable,
      /unknown CA/,
    ],
    ['CERT_HAS_EXPIRED', 'certificate has expired', ErrorCode.EngineUnreachable, /certificate has expired/],
    [
      'ERR_SSL_WRONG_VERSION_NUMBER',
      'wrong version number',
      ErrorCode.EngineUnreachable,
      /does not speak TLS on this port/,
    ],
    [
      'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
      'tlsv13 alert certificate required',
      ErrorCode.Unauthorized,
      /requires a client certificate, and none was given/,
    ],
    [
      'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
      'tlsv1 alert unknown ca',
      ErrorCode.Unauthorized,
      /does not trust the client certificate/,
    ],
  ])('%s', (code, message, expectedCode, expected) => {
    const mapped = toIpcError(nodeError(code, message), { address });
    expect(mapped.code).toBe(expectedCode);
    expect(mapped.message).toMatch(
      new RegExp(`^Cannot reach the Docker engine at ${address.replace(/[.]/g, '\\.')}: `),
    );
    expect(mapped.message).toMatch(expected);
  });

  it('names the address missing from the certificate (hostname/SAN check)', () => {
    const error = Object.assign(
      nodeError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
      {
        host: '127.0.0.1',
      },
    );
    expect(toIpcError(error, { address }).message).toBe(
      `Cannot reach the Docker engine at ${address}: its TLS certificate is not valid for this address (127.0.0.1 is not among the certificate's subject alternative names).`,
    );
  });
});
