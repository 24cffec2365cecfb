import type { EngineId, EngineInfo, EngineState } from '../../../electron/common/bridge';

/**
 * The one rule for every list page: a listed host is down when it does not answer, refused our login (or we
 * refused its identity), or was disconnected — anything but connected or still connecting. Its actions cannot
 * run, so they wait until it is back.
 */
export function isHostDown(state: EngineState): boolean {
  return state !== 'connected' && state !== 'connecting';
}

/** A host's rows are stale when it is down and they are its last known list: shown dimmed, without actions. */
export function isHostStale(state: EngineState, hasList: boolean): boolean {
  return hasList && isHostDown(state);
}

/** The listed hosts that are down, in the engines' order. */
export function downHosts(engines: readonly EngineInfo[], engineIds: readonly EngineId[]): EngineInfo[] {
  return engines.filter((engine) => engineIds.includes(engine.id) && isHostDown(engine.status.state));
}

/** The listed hosts whose rows are stale, given which of them have a list. */
export function staleHosts(
  engines: readonly EngineInfo[],
  engineIds: readonly EngineId[],
  hasList: (engineId: EngineId) => boolean,
): Set<EngineId> {
  return new Set(
    downHosts(engines, engineIds)
      .filter((engine) => isHostStale(engine.status.state, hasList(engine.id)))
      .map((engine) => engine.id),
  );
}
