import type { EngineId } from '../../../electron/common/bridge';

/** The host switcher's value meaning "every connected host at once". */
export const ALL_HOSTS = 'all' as const;

/**
 * Which hosts the lists show: one engine, or all of them merged. Kept in the settings (`activeEngineId`,
 * `allHosts`), so the window's switcher and the tray's "Switch host" agree and the choice survives a restart.
 */
// `EngineId` is a string, so this is a string too; the alias documents that `all` is a possible value.
export type HostSelection = EngineId;

/**
 * The selection in effect: what the user chose while that host still exists, else the docker CLI's current host,
 * else the first host, else `local`.
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
