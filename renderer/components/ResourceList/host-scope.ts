import { useMemo } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import { useSelectedEngines } from '../../features/hosts/use-hosts';
import { useEngines, useSettings } from '../../stores/hooks';

/** Which hosts a list page shows and where its actions that belong to no row (create, prune) go. */
export interface HostScope {
  /** The hosts listed: the selected one, or every one not disconnected under "All hosts". */
  engineIds: readonly EngineId[];
  /** "All hosts": one merged table with a Host column, and a host picker for create and prune. */
  all: boolean;
  hostName: (engineId: EngineId) => string;
  /** Where create and prune go unless the user picks another host. */
  defaultEngineId: EngineId;
}

/** The scope the host switcher gives: one host, or all of them with the active (else first connected) host first. */
export function useHostScope(): HostScope {
  const { all, selection, engineIds, engines, hostName } = useSelectedEngines();
  const { settings } = useSettings();
  return useMemo(() => {
    if (!all) return { engineIds: [selection], all: false, hostName, defaultEngineId: selection };
    const connected = engines.filter((engine) => engine.status.state === 'connected').map((e) => e.id);
    const active = settings.activeEngineId;
    const defaultEngineId = connected.includes(active) ? active : (connected[0] ?? engineIds[0] ?? active);
    return { engineIds, all: true, hostName, defaultEngineId };
  }, [all, selection, engineIds, engines, hostName, settings.activeEngineId]);
}

/** The scope of a page shown for one given host (no host switcher involved). */
export function useSingleHostScope(engineId: EngineId): HostScope {
  const { engines } = useEngines();
  const name = engines.find((engine) => engine.id === engineId)?.name ?? engineId;
  return useMemo(
    () => ({ engineIds: [engineId], all: false, hostName: () => name, defaultEngineId: engineId }),
    [engineId, name],
  );
}
