import { type EngineId, ErrorCode, IpcError } from '../../../common';
import type { EngineRegistry } from '../engine/engine-registry';
import { requestJson } from '../engine/requests';

type SwarmRequest = Omit<Parameters<typeof requestJson>[1], 'signal'>;

/** The daemon's answer to a swarm call on a node that is not a manager (503). */
const notManager = /not a swarm manager|not part of a swarm|swarm is not initialized/i;

/** The daemon's answer to an update whose `version` is not the object's current one. */
export function isOutOfSequence(error: unknown): boolean {
  return error instanceof Error && /update out of sequence/i.test(error.message);
}

/**
 * One swarm API request through the one request helper. A non-manager's 503 becomes CONFLICT with a sentence
 * saying that management needs a manager (the Swarm page then shows the host's swarm state instead).
 */
export async function swarmRequest<T>(
  engines: EngineRegistry,
  engineId: EngineId,
  request: SwarmRequest,
  extraMs?: number,
): Promise<T> {
  await engines.ready(engineId);
  try {
    return await engines.request(
      engineId,
      (client, signal) => requestJson<T>(client, { ...request, signal }),
      extraMs !== undefined ? { extraMs } : {},
    );
  } catch (error) {
    if (error instanceof IpcError && notManager.test(error.message)) {
      throw new IpcError(
        ErrorCode.Conflict,
        `${engines.info(engineId).name} is not a swarm manager: managing the swarm needs a manager. (${error.message})`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Writes an object that carries a version index (a node, a service): reads it, writes with its current version,
 * and on "update out of sequence" (someone changed it in between, or a rolling update bumped it) reads it again
 * and retries once; a second conflict is reported, with nothing changed. `beforeWrite` is a seam for tests that
 * change the object for real between the read and the write.
 */
export async function writeWithVersion<T>(
  what: string,
  read: () => Promise<T>,
  write: (current: T) => Promise<void>,
  beforeWrite?: (attempt: number) => Promise<void>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const current = await read();
    await beforeWrite?.(attempt);
    try {
      await write(current);
      return current;
    } catch (error) {
      if (!isOutOfSequence(error)) throw error;
      if (attempt >= 2) {
        throw new IpcError(
          ErrorCode.Conflict,
          `${what} changed twice while Berth was updating it (the daemon said "update out of sequence"). ` +
            'Nothing was changed: look at it again and retry.',
          { cause: error },
        );
      }
    }
  }
}
