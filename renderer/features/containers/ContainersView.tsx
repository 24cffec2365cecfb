import { useHostScope } from '../../components/ResourceList/host-scope';
import { useNavigation } from '../../stores/hooks';
import { ContainersPage } from './ContainersPage';

/**
 * The Containers page as the host switcher says: one host's list, or every host merged into the same page
 * ("All hosts"). A container's details always belong to its own host, whatever the switcher shows; "Run" from an
 * image is consumed by whichever list is shown, and runs on the image's own host.
 */
export function ContainersView() {
  const scope = useHostScope();
  const { route } = useNavigation();
  const detail = route.detail?.kind === 'container' ? route.detail : undefined;
  if (detail !== undefined) return <ContainersPage engineId={detail.engineId} />;
  if (scope.all) return <ContainersPage key="all" scope={scope} />;
  return <ContainersPage key={scope.defaultEngineId} engineId={scope.defaultEngineId} />;
}
