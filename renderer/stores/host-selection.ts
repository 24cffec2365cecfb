import type { EngineId } from '../../electron/common/bridge';
import { createExternalStore, type ExternalStore } from './external-store';

/** The host switcher's value meaning "every connected host at once". */
export const ALL_HOSTS = 'all' as const;

/** Which hosts the lists show: one engine, or all of them merged. */
export type HostSelection = EngineId | typeof ALL_HOSTS;

export interface HostSelectionState {
  /** What the user chose; `undefined` until they choose: then the CLI's current host is shown. */
  chosen?: HostSelection;
}

export interface HostSelectionStore extends ExternalStore<HostSelectionState> {
  select: (selection: HostSelection) => void;
}

/** The host switcher's choice, shared by every page of the window. */
export function createHostSelectionStore(): HostSelectionStore {
  const state = createExternalStore<HostSelectionState>({});
  return {
    getSnapshot: state.getSnapshot,
    subscribe: state.subscribe,
    select: (selection) => state.set({ chosen: selection }),
  };
}

/**
 * The selection in effect: what the user chose while it still exists, else the docker CLI's current host, else
 * the first host, else `local`.
 */
export function effectiveSelection(
  chosen: HostSelection | undefined,
  engineIds: readonly EngineId[],
  currentId: EngineId | undefined,
): HostSelection {
  if (chosen === ALL_HOSTS) return ALL_HOSTS;
  if (chosen !== undefined && engineIds.includes(chosen)) return chosen;
  if (currentId !== undefined && engineIds.includes(currentId)) return currentId;
  return engineIds[0] ?? 'local';
}
