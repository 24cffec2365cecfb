import { PerHost } from '../../components/PerHost/PerHost';
import { ImagesPage } from './ImagesPage';

/** The Images page as the host switcher says. */
export function ImagesView() {
  return <PerHost>{(engineId) => <ImagesPage key={engineId} engineId={engineId} />}</PerHost>;
}
