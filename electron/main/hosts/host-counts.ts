import type { EngineId } from '../../common';
import type { HostCounts } from '../../common/hosts/types';
import { withDeadline } from '../docker/engine/deadline';
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
  try {
    const info = record(
      await withDeadline(timeoutMs, (signal) =>
        engines.request(engineId, (client, abortSignal) => abortable(client).info({ abortSignal }), {
          signal,
        }),
      ),
    );
    return {
      containers: num(info.Containers),
      running: num(info.ContainersRunning),
      images: num(info.Images),
    };
  } catch {
    return undefined;
  }
}
