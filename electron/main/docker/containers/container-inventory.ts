import type Dockerode from 'dockerode';

import type { ContainersChange, EngineId } from '../../../common';
import type { EngineRegistry } from '../engine/engine-registry';
import { affectsContainerList, type ContainerService } from './container-service';

/**
 * The raw `GET /containers/json?all=1` rows (mounts and networks included) that the volumes and networks lists
 * join with: the daemon's answers behind the containers list, so joining costs no request of its own.
 */
export class ContainerInventory {
  /**
   * Containers whose networks changed (`connect`/`disconnect`) with no container event since: refreshed before
   * they are joined. A `docker start` connects first and then starts, and the start refreshes the row anyway.
   */
  private readonly staleNetworks = new Map<EngineId, Set<string>>();
  private readonly unsubscribe: Array<() => void>;

  constructor(
    engines: EngineRegistry,
    private readonly containers: ContainerService,
  ) {
    this.unsubscribe = [
      engines.onEvent((engineId, event) => {
        const stale = this.staleNetworks.get(engineId) ?? new Set<string>();
        const container = event.attributes.container;
        if (event.type === 'network' && (event.action === 'connect' || event.action === 'disconnect')) {
          if (container !== undefined && container !== '') stale.add(container);
        } else if (affectsContainerList(event)) stale.delete(event.actorId);
        this.staleNetworks.set(engineId, stale);
      }),
      // A (re)connect lists every container again.
      engines.onConnected((engineId) => this.staleNetworks.delete(engineId)),
      engines.onRemoved((engineId) => this.staleNetworks.delete(engineId)),
    ];
  }

  /**
   * Every container of the engine, running or not, as current as the containers list; `fresh` lists them all
   * again first (after a change we made, whose events may still be on their way).
   */
  async list(engineId: EngineId, fresh = false): Promise<Dockerode.ContainerInfo[]> {
    const stale = this.staleNetworks.get(engineId);
    if (fresh) stale?.clear();
    else if (stale !== undefined && stale.size > 0) {
      this.containers.refresh(engineId, [...stale]);
      stale.clear();
    }
    await (fresh ? this.containers.refreshNow(engineId) : this.containers.list(engineId));
    return this.containers.raw(engineId);
  }

  /** The containers list changed: whatever is joined with it should re-join. */
  onChanged(listener: (change: ContainersChange) => void): () => void {
    return this.containers.onChanged(listener);
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    this.staleNetworks.clear();
  }
}
