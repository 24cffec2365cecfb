import { useSelectedEngines } from '../../hooks/use-hosts';
import { useNavigation } from '../../stores/hooks';
import { AllHostsContainers } from './AllHostsContainers';
import { ContainersPage } from './ContainersPage';

/**
 * The Containers page as the host switcher says: one host's list, or every host merged ("All hosts"). A
 * container's details always belong to its own host, whatever the switcher shows.
 */
export function ContainersView() {
  const { selection, all } = useSelectedEngines();
  const { route } = useNavigation();
  const detail = route.detail?.kind === 'container' ? route.detail : undefined;
  if (detail !== undefined) return <ContainersPage engineId={detail.engineId} />;
  // "Run" from an image opens the Run dialog on the image's own host, whatever the switcher shows.
  if (route.runImage !== undefined) return <ContainersPage engineId={route.runImage.engineId} />;
  if (all) return <AllHostsContainers />;
  return <ContainersPage key={selection} engineId={selection} />;
}
