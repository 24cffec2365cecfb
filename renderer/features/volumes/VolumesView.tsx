import { PerHost } from '../../components/PerHost/PerHost';
import { VolumesPage } from './VolumesPage';

/** The Volumes page as the host switcher says. */
export function VolumesView() {
  return <PerHost>{(engineId) => <VolumesPage key={engineId} engineId={engineId} />}</PerHost>;
}
