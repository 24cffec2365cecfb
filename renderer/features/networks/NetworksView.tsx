import { PerHost } from '../../components/PerHost/PerHost';
import { NetworksPage } from './NetworksPage';

/** The Networks page as the host switcher says. */
export function NetworksView() {
  return <PerHost>{(engineId) => <NetworksPage key={engineId} engineId={engineId} />}</PerHost>;
}
