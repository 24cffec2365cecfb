import type Dockerode from 'dockerode';

import type { EngineId } from '../../../common';
import type { EngineRegistry } from '../engine/engine-registry';
import { affectsContainerList } from './container-service';

/**
 * The raw `GET /containers/json?all=1` rows (mounts and networks included) that the volumes and networks lists
 * join with. One request serves every caller that asks while it is in flight, unless a container event arrived
 * after it started: a burst of events refreshing both lists costs one container list, not two.
 */
export class ContainerInventory {
  /** Container events seen per engine; a request started at generation g is current while no later one came. */
  private readonly generations = new Map<EngineId, number>();
  private readonly inFlight = new Map<
    EngineId,
    { generation: number; promise: Promise<Dockerode.ContainerInfo[]> }
  >();
  private readonly unsubscribe: Array<() => void>;

  constructor(private readonly engines: EngineRegistry) {
    this.unsubscribe = [
      engines.onEvent((engineId, event) => {
        if (affectsContainerList(event)) this.generations.set(engineId, this.generation(engineId) + 1);
      }),
      engines.onRemoved((engineId) => {
        this.generations.delete(engineId);
        this.inFlight.delete(engineId);
      }),
    ];
  }

  /** Every container of the engine, running or not (cancelled only by the registry's own disposal). */
  list(engineId: EngineId): Promise<Dockerode.ContainerInfo[]> {
    const generation = this.generation(engineId);
    const current = this.inFlight.get(engineId);
    if (current !== undefined && current.generation === generation) return current.promise;
    const promise = this.engines
      .request(engineId, (client, abortSignal) => client.listContainers({ all: true, abortSignal }))
      .finally(() => {
        if (this.inFlight.get(engineId)?.promise === promise) this.inFlight.delete(engineId);
      });
    this.inFlight.set(engineId, { generation, promise });
    return promise;
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    this.inFlight.clear();
  }

  private generation(engineId: EngineId): number {
    return this.generations.get(engineId) ?? 0;
  }
}
