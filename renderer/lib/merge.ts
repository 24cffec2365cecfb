import type { EngineId } from '../../electron/common/bridge';

/** Anything listed per engine: containers, images, volumes, networks all carry their engine's id. */
export interface PerEngine {
  engineId: EngineId;
}

/**
 * Merges the items of several engines' list stores into one list for the "All hosts" view. `itemsOf` picks an
 * engine's current items from its store state (undefined while it has none). Order: by engine, as given.
 */
export function mergeItems<S, T extends PerEngine>(
  states: readonly S[],
  itemsOf: (state: S) => readonly T[] | undefined,
): T[] {
  const merged: T[] = [];
  for (const state of states) merged.push(...(itemsOf(state) ?? []));
  return merged;
}

/** A key unique across engines (the same id can exist on two daemons, or one daemon reached twice). */
export function itemKey(item: PerEngine & { id: string }): string {
  return `${item.engineId}\u0000${item.id}`;
}
