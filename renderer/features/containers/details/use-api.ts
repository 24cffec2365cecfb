import type { BerthApi } from '../../../../electron/common/bridge';
import { useStores } from '../../../stores/StoresProvider';

/** The window's API, for the details tabs that open streams (logs, terminal, stats) or ask once (inspect, files). */
export function useApi(): BerthApi {
  return useStores().api;
}
