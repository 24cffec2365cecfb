import type { EngineId } from '../../common';
import type { HostCounts } from '../../common/hosts/types';
import type { EngineRegistry } from '../docker/engine/engine-registry';
import { num, record } from '../docker/engine/readers';
import { abortable } from '../docker/engine/requests';

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
    const info = record(
      await engines.request(engineId, (client, abortSignal) => abortable(client).info({ abortSignal }), {
        signal: controller.signal,
      }),
    );
    return {
      containers: num(info.Containers),
      running: num(info.ContainersRunning),
      images: num(info.Images),
    };
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
