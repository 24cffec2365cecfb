import type { EngineId } from '../hosts/engine';

/** One engine's list of a resource (volumes, networks) at one revision. */
export interface ResourceListSnapshot<T> {
  engineId: EngineId;
  /** Increases by one with every change pushed for this engine. */
  revision: number;
  items: T[];
}

/** A change to one engine's list: applies to `revision - 1` and yields `revision`. */
export interface ResourceListChange<T> {
  engineId: EngineId;
  revision: number;
  upserted: T[];
  /** Keys (a volume's name, a network's id) of the items that are gone. */
  removed: string[];
}

/** What a prune endpoint answered. */
export interface PruneReport {
  /** Names (volumes, networks) of what was removed. */
  removed: string[];
  reclaimedBytes: number;
}
