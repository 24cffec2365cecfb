import { ErrorCode, IpcError } from '../../../common';

/** What the caller knows about the request that failed; used to name things in the message. */
interface ErrorContext {
  /** The engine address as the docker CLI prints it, e.g. `unix:///var/run/docker.sock`. */
  address?: string;
  /** The deadline that expired, for TIMEOUT messages. */
  timeoutMs?: number;
}

/** Socket-level error codes that mean "the daemon is not there (any more)", in plain words. */
const unreachableReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOENT: 'no socket exists at that path',
  EPIPE: 'the connection was closed',
  ECONNRESET: 'the connection was reset',
  ECONNABORTED: 'the connection was aborted',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EHOSTDOWN: 'the host is down',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved',
  ENOTSOCK: 'the path is not a socket',
};

/** TLS failures in plain words: what the daemon's certificate (or ours) is missing. */
const unknownCa = 'its TLS certificate is not signed by the CA Berth was given (unknown CA)';
const tlsReasons: Record<string, { code: ErrorCode; reason: string }> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { code: ErrorCode.EngineUnreachable, reason: unknownCa },
  UNABLE_TO_GET_ISSUER_CERT: { code: ErrorCode.EngineUnreachable, reason: unknownCa },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { code: ErrorCode.EngineUnreachable, reason: unknownCa },
  SELF_SIGNED_CERT_IN_CHAIN: { code: ErrorCode.EngineUnreachable, reason: unknownCa },
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    code: ErrorCode.EngineUnreachable,
    reason: 'it presented a self-signed TLS certificate that the CA Berth was given does not vouch for',
  },
  CERT_HAS_EXPIRED: { code: ErrorCode.EngineUnreachable, reason: 'its TLS certificate has expired' },
  CERT_NOT_YET_VALID: { code: ErrorCode.EngineUnreachable, reason: 'its TLS certificate is not valid yet' },
  ERR_SSL_WRONG_VERSION_NUMBER: {
    code: ErrorCode.EngineUnreachable,
    reason: 'it does not speak TLS on this port (is it a plain tcp daemon?)',
  },
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: {
    code: ErrorCode.Unauthorized,
    reason: 'the daemon requires a client certificate, and none was given',
  },
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: {
    code: ErrorCode.Unauthorized,
    reason: 'the daemon refused the client certificate (or requires one and none was given)',
  },
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: {
    code: ErrorCode.Unauthorized,
    reason:
      'the daemon does not trust the client certificate (it is signed by a CA the daemon does not know)',
  },
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: {
    code: ErrorCode.Unauthorized,
    reason: 'the daemon refused the client certificate: it has expired',
  },
};

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  statusCode?: unknown;
  json?: unknown;
  cause?: unknown;
}

function asErrorLike(value: unknown): ErrorLike | undefined {
  return typeof value === 'object' && value !== null ? value : undefined;
}

/** Walks `error.cause` links (bounded, cycles are possible in hand-made errors). */
function causeChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current = asErrorLike(error);
  while (current && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    current = asErrorLike(current.cause);
  }
  return chain;
}

/**
 * The daemon's own words for a failed request. docker-modem puts the parsed body in `json` (an object with
 * `message`, or the raw text/Buffer when it was not JSON) and prefixes its `message` with
 * `(HTTP code 404) no such container - `.
 */
function daemonMessage(error: ErrorLike): string | undefined {
  const json = error.json;
  if (typeof json === 'object' && json !== null && !Buffer.isBuffer(json)) {
    const message = (json as { message?: unknown }).message;
    if (typeof message === 'string' && message.trim() !== '') return message.trim();
  }
  if (typeof json === 'string' && json.trim() !== '') return json.trim();
  if (Buffer.isBuffer(json) && json.length > 0) return json.toString('utf8').trim();
  if (typeof error.message === 'string') {
    const match = /^\(HTTP code \d+\) [^-]*- (.*)$/s.exec(error.message);
    const text = (match?.[1] ?? '').trim();
    if (text !== '') return text;
  }
  return undefined;
}

function at(context: ErrorContext | undefined): string {
  return context?.address ? ` at ${context.address}` : '';
}

function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const value = ms / 1000;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} s`;
}

/**
 * Maps anything dockerode, docker-modem or Node throws to an {@link IpcError} with a stable code and a
 * message a user can act on. An `IpcError` passes through unchanged.
 */
export function toIpcError(error: unknown, context?: ErrorContext): IpcError {
  if (error instanceof IpcError) return error;
  const chain = causeChain(error);
  const top = chain[0] ?? {};

  if (typeof top.statusCode === 'number') {
    const status = top.statusCode;
    const text = daemonMessage(top) ?? `The Docker engine${at(context)} answered HTTP ${status}.`;
    const code =
      status === 404
        ? ErrorCode.NotFound
        : status === 409
          ? ErrorCode.Conflict
          : status === 400
            ? ErrorCode.Validation
            : status === 401
              ? ErrorCode.Unauthorized
              : status === 403
                ? ErrorCode.Forbidden
                : ErrorCode.Internal;
    return new IpcError(code, text, { cause: error });
  }

  // An abort whose reason is already ours (e.g. CANCELLED on shutdown) keeps that meaning.
  const ours = chain.find((link): link is IpcError => link instanceof IpcError);
  if (ours) return ours;

  for (const link of chain) {
    if (link.name === 'TimeoutError' || link.name === 'AbortError' || link.code === 'ABORT_ERR') {
      const within = context?.timeoutMs !== undefined ? ` within ${duration(context.timeoutMs)}` : ' in time';
      return new IpcError(ErrorCode.Timeout, `The Docker engine${at(context)} did not answer${within}.`, {
        cause: error,
      });
    }
  }

  for (const link of chain) {
    const code = typeof link.code === 'string' ? link.code : undefined;
    const message = typeof link.message === 'string' ? link.message : '';
    if (code === 'ETIMEDOUT') {
      return new IpcError(ErrorCode.Timeout, `Connecting to the Docker engine${at(context)} timed out.`, {
        cause: error,
      });
    }
    if (code === 'EACCES' || code === 'EPERM') {
      return new IpcError(
        ErrorCode.Forbidden,
        `Permission denied connecting to the Docker engine${at(context)}.`,
        { cause: error },
      );
    }
    // Node reports a peer that closed before answering as ECONNRESET "socket hang up".
    const reason = /socket hang up/i.test(message)
      ? 'the daemon closed the connection'
      : code !== undefined
        ? unreachableReasons[code]
        : undefined;
    if (reason) {
      return new IpcError(
        ErrorCode.EngineUnreachable,
        `Cannot reach the Docker engine${at(context)}: ${reason}.`,
        {
          cause: error,
        },
      );
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      const host =
        typeof (link as { host?: unknown }).host === 'string' ? (link as { host: string }).host : '';
      return new IpcError(
        ErrorCode.EngineUnreachable,
        `Cannot reach the Docker engine${at(context)}: its TLS certificate is not valid for this address` +
          `${host !== '' ? ` (${host} is not among the certificate's subject alternative names)` : ''}.`,
        { cause: error },
      );
    }
    const tls = code !== undefined ? tlsReasons[code] : undefined;
    if (tls) {
      return new IpcError(tls.code, `Cannot reach the Docker engine${at(context)}: ${tls.reason}.`, {
        cause: error,
      });
    }
    if (code !== undefined && (code.startsWith('ERR_TLS_') || /CERT|SSL/.test(code))) {
      return new IpcError(
        ErrorCode.EngineUnreachable,
        `Cannot reach the Docker engine${at(context)}: the TLS handshake failed (${message || code}).`,
        { cause: error },
      );
    }
  }

  const message = typeof top.message === 'string' && top.message !== '' ? top.message : String(error);
  return new IpcError(ErrorCode.Internal, message, { cause: error });
}
