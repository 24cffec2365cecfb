import { useMemo } from 'react';

import { useSettings } from '../../stores/hooks';
import { useSelectedEngines } from '../hosts/use-hosts';
import { type AllHostsImages, ImagesPage } from './ImagesPage';

/** The Images page as the host switcher says: one host's images, or every host's in one table ("All hosts"). */
export function ImagesView() {
  const { all, selection, engineIds, hostName } = useSelectedEngines();
  const { settings } = useSettings();
  const activeEngineId = settings.activeEngineId;
  const allHosts = useMemo<AllHostsImages | undefined>(
    () => (all ? { engineIds, hostName, activeEngineId } : undefined),
    [all, engineIds, hostName, activeEngineId],
  );
  if (allHosts === undefined) return <ImagesPage key={selection} engineId={selection} />;
  return <ImagesPage key="all" allHosts={allHosts} />;
}
