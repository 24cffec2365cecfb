import { useHostScope } from '../../components/ResourceList/host-scope';
import { NetworksPage } from './NetworksPage';

/** The Networks page as the host switcher says: one host's networks, or every host's in one table. */
export function NetworksView() {
  const scope = useHostScope();
  return <NetworksPage key={scope.all ? 'all' : scope.defaultEngineId} scope={scope} />;
}
