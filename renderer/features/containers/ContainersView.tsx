import { useMemo } from 'react';

import { useNavigation, useSettings } from '../../stores/hooks';
import { useSelectedEngines } from '../hosts/use-hosts';
import { ContainersPage } from './ContainersPage';

/**
 * The Containers page as the host switcher says: one host's list, or every host merged into the same page
 * ("All hosts"). A container's details always belong to its own host, whatever the switcher shows; "Run" from an
 * image is consumed by whichever list is shown, and runs on the image's own host.
 */
export function ContainersView() {
  const { selection, all, engineIds, engines, hostName } = useSelectedEngines();
  const { settings } = useSettings();
  const { route } = useNavigation();
  const active = settings.activeEngineId;
  const allHosts = useMemo(() => {
    if (!all) return undefined;
    const connected = engines
      .filter((engine) => engine.status.state === 'connected')
      .map((engine) => engine.id);
    const runOn = connected.includes(active) ? active : connected[0];
    return { engineIds, hostName, ...(runOn === undefined ? {} : { runOn }) };
  }, [all, engines, engineIds, hostName, active]);
  const detail = route.detail?.kind === 'container' ? route.detail : undefined;
  if (detail !== undefined) return <ContainersPage engineId={detail.engineId} />;
  if (allHosts !== undefined) return <ContainersPage key="all" allHosts={allHosts} />;
  return <ContainersPage key={selection} engineId={selection} />;
}
