import type Dockerode from 'dockerode';

import type { EngineId } from '../../common';
import type { HostCounts } from '../../common/hosts/types';
import type { EngineRegistry } from '../docker/engine/engine-registry';

/** What `/info` says about the engine's contents (all Berth reads of it here). */
interface InfoCounts {
  Containers?: number;
  ContainersRunning?: number;
  Images?: number;
}

/**
 * `/info` with a signal. dockerode's typings declare `info()` without options although dockerode passes
 * `abortSignal` on to docker-modem; a function taking fewer arguments is assignable to one taking more, so this
 * widening needs no cast.
 */
function infoCall(client: Dockerode): (options: { abortSignal: AbortSignal }) => Promise<InfoCounts> {
  return client.info.bind(client);
}

/** Containers and images from `/info`, when the engine is connected and answers within `timeoutMs`. */
export async function hostCounts(
  engines: EngineRegistry,
  engineId: EngineId,
  timeoutMs: number,
): Promise<HostCounts | undefined> {
  if (!engines.has(engineId) || engines.info(engineId).status.state !== 'connected') return undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const info = await engines.request(engineId, (client, abortSignal) => infoCall(client)({ abortSignal }), {
      signal: controller.signal,
    });
    return {
      containers: info.Containers ?? 0,
      running: info.ContainersRunning ?? 0,
      images: info.Images ?? 0,
    };
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
