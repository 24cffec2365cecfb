import { useHostScope } from '../../components/ResourceList/host-scope';
import { ImagesPage } from './ImagesPage';

/** The Images page as the host switcher says: one host's images, or every host's in one table ("All hosts"). */
export function ImagesView() {
  const scope = useHostScope();
  if (scope.all) return <ImagesPage key="all" scope={scope} />;
  return <ImagesPage key={scope.defaultEngineId} engineId={scope.defaultEngineId} />;
}
