import { IpcChannel } from '../../../electron/common';
import type { BerthStores } from '../../../renderer/stores/stores';
import { FakeBerth } from './fake-bridge';
import { makeEngine } from './fixtures';
import { makeHost } from './host-fixtures';

/** A fake bridge with two connected hosts, `local` ("Local") and `context:rig` ("rig"), in "All hosts". */
export function twoHosts(): FakeBerth {
  const berth = new FakeBerth([
    makeEngine({ name: 'Local' }),
    makeEngine({ id: 'context:rig', name: 'rig', kind: 'ssh', address: 'ssh://root@127.0.0.1:2222' }),
  ]);
  berth.answer(IpcChannel.HostsList, () => [
    makeHost(),
    makeHost({
      engineId: 'context:rig',
      name: 'rig',
      source: 'context',
      url: 'ssh://root@127.0.0.1:2222',
      kind: 'ssh',
      current: false,
    }),
  ]);
  berth.settings = { ...berth.settings, allHosts: true, activeEngineId: 'local' };
  return berth;
}

/** Opens a details route as the palette or a notification would. */
export function openRoute(
  stores: BerthStores | undefined,
  route: Parameters<BerthStores['navigation']['navigate']>[0],
) {
  if (stores === undefined) throw new Error('rendered without stores');
  stores.navigation.navigate(route);
}
