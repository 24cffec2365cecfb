import type { EngineId } from '../../../electron/common/bridge';
import { itemKey, type PerEngine } from '../../lib/merge';
import { groupByHost } from './presentation';
import type { ResourceList } from './use-resource-list';
import type { RowSelection } from './use-row-selection';

/**
 * Removes items of any listed hosts: one request per host with that host's items (`removeOn` resolves with the ids
 * it removed); what is gone leaves the selection, and the details drawer closes when its item went. Under
 * "All hosts" each request names its host, so refusals are reported with it.
 */
export function removeOnHosts<T extends PerEngine>(
  list: Pick<ResourceList<T, unknown, unknown, string>, 'scope' | 'selectedKey' | 'close'>,
  selection: Pick<RowSelection<T>, 'drop'>,
  items: readonly T[],
  removeOn: (engineId: EngineId, group: T[], hostLabel: string | undefined) => Promise<Iterable<string>>,
): void {
  const { scope, selectedKey, close } = list;
  for (const [host, group] of groupByHost(items)) {
    void removeOn(host, group, scope.all ? scope.hostName(host) : undefined).then((ids) => {
      const removed = new Set([...ids].map((id) => itemKey({ engineId: host, id })));
      selection.drop(removed);
      if (selectedKey !== undefined && removed.has(selectedKey)) close();
    });
  }
}
