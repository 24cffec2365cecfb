import { type EngineId, ErrorCode, IpcError, IpcEvent } from '../../../common';
import type { Publish } from '../ports';
import type { EngineRegistry } from './engine-registry';
import { backoffDelay, type BackoffOptions } from './engine-status';
import { toIpcError } from './errors';

// The one way a long-lived engine stream (a followed log, live stats) survives its host's connection breaking:
// the service keeps the stream's id and what it has delivered, and this waits until the host is back, reopens
// the daemon request (the service resumes from where it stopped), and tells the view (`streams:interrupted`,
// then `streams:resumed`). A terminal cannot resume (its process is gone with its connection): it ends instead.

/** Between two reopen attempts on a host that is connected but failed the request anyway. */
const REOPEN_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 5_000, jitter: 0.2 };

/** Failures that mean "the host is away", after which a stream waits and tries again, rather than ends. */
export function isConnectionFailure(error: unknown): boolean {
  const code = toIpcError(error).code;
  return code === ErrorCode.EngineUnreachable || code === ErrorCode.Timeout;
}

/**
 * Resolves once `engineId` is connected (at once if it is), or rejects with CANCELLED when `signal` aborts and
 * NOT_FOUND when the engine is removed meanwhile.
 */
export function whenConnected(
  engines: EngineRegistry,
  engineId: EngineId,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      if (signal.aborted) return finish(new IpcError(ErrorCode.Cancelled, 'The stream was closed.'));
      if (!engines.has(engineId)) return finish(new IpcError(ErrorCode.NotFound, 'The host was removed.'));
      return engines.info(engineId).status.state === 'connected' ? finish() : false;
    };
    const offStatus = engines.onStatusChanged((info) => {
      if (info.id === engineId) check();
    });
    const offRemoved = engines.onRemoved((id) => {
      if (id === engineId) check();
    });
    const onAbort = (): void => void check();
    signal.addEventListener('abort', onAbort, { once: true });
    function finish(error?: IpcError): true {
      offStatus();
      offRemoved();
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
      return true;
    }
    check();
  });
}

/**
 * After a stream's request ended cleanly: whether the container has stopped (the daemon ends its streams then:
 * a real end) rather than the connection having broken. False when the host does not answer (a break).
 * @throws the inspect's failure for any other reason (the container is gone).
 */
export async function containerStopped(
  engines: EngineRegistry,
  engineId: EngineId,
  id: string,
): Promise<boolean> {
  try {
    const inspect = await engines.request(engineId, (client, abortSignal) =>
      client.getContainer(id).inspect({ abortSignal }),
    );
    return inspect.State?.Running !== true;
  } catch (error) {
    if (isConnectionFailure(error)) return false;
    throw error;
  }
}

/** Why a stream's request broke, in words naming the host. */
export function breakReason(engines: EngineRegistry, engineId: EngineId, error: unknown): string {
  const address = engines.has(engineId) ? engines.info(engineId).address : undefined;
  return toIpcError(error ?? new Error('The stream was cut.'), { address }).message;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * Resumes the stream `streamId` after its daemon request broke for `reason`: says so, then (until `signal`
 * aborts) waits for the host and calls `reopen`, again after a short backoff when that fails for a connection
 * reason. Resolves true once reopened (and `streams:resumed` said so), false when the stream was closed
 * meanwhile; rejects with reopen's error when it failed for another reason (the container is gone, say), so the
 * stream ends with it.
 */
export async function resumeStream(
  engines: EngineRegistry,
  publish: Publish,
  stream: { streamId: string; engineId: EngineId; reason: string; signal: AbortSignal },
  reopen: () => Promise<void>,
): Promise<boolean> {
  const { streamId, engineId, signal } = stream;
  publish(IpcEvent.StreamInterrupted, { streamId, reason: stream.reason });
  for (let attempt = 0; !signal.aborted; attempt += 1) {
    try {
      await whenConnected(engines, engineId, signal);
      await reopen();
    } catch (error) {
      if (signal.aborted) return false;
      if (!isConnectionFailure(error)) throw error;
      await pause(backoffDelay(attempt, REOPEN_BACKOFF), signal);
      continue;
    }
    if (signal.aborted) return false;
    publish(IpcEvent.StreamResumed, { streamId });
    return true;
  }
  return false;
}
