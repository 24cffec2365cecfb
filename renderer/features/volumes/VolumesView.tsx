import { useHostScope } from '../../components/ResourceList/host-scope';
import { VolumesPage } from './VolumesPage';

/** The Volumes page as the host switcher says: one host's volumes, or every host's in one table. */
export function VolumesView() {
  const scope = useHostScope();
  return <VolumesPage key={scope.all ? 'all' : scope.defaultEngineId} scope={scope} />;
}
