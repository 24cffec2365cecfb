import { Text } from '@mantine/core';
import { IconNetwork } from '@tabler/icons-react';
import { useMemo, useState } from 'react';

import type { EngineId, NetworkSummary } from '../../../electron/common/bridge';
import type { HostScope } from '../../components/ResourceList/host-scope';
import { removeOnHosts } from '../../components/ResourceList/remove-on-hosts';
import {
  onHost,
  RemoveChosenButton,
  removeColumn,
  ResourceListPage,
} from '../../components/ResourceList/ResourcePage';
import { useResourceList } from '../../components/ResourceList/use-resource-list';
import { perEngineKey, useRowSelection } from '../../components/ResourceList/use-row-selection';
import type { TableSort } from '../../components/VirtualTable/VirtualTable';
import { useNow } from '../../hooks/use-now';
import { itemKey } from '../../lib/merge';
import { useStores } from '../../stores/StoresProvider';
import layout from '../../styles/page.module.css';
import { CreateNetworkModal } from './CreateNetworkModal';
import { networkColumns } from './network-columns';
import { NetworkDetails } from './NetworkDetails';
import { filterNetworks, type NetworkSortKey, sortNetworks } from './presentation';
import { PruneNetworksModal } from './PruneNetworksModal';
import { RemoveNetworksModal } from './RemoveNetworksModal';

interface NetworksPageProps {
  /** The engine whose networks are listed when no `scope` is given. @default 'local' */
  engineId?: EngineId;
  /** The hosts listed (the host switcher's); one merged table with a Host column under "All hosts". */
  scope?: HostScope;
}

const BY_NAME: TableSort<NetworkSortKey> = { key: 'name', direction: 'asc' };
const idOf = (network: NetworkSummary): string => network.id;
const keyOf = perEngineKey(idOf);
// Docker's own bridge/host/none: never removable, so "select all" leaves them out.
const selectable = (network: NetworkSummary): boolean => !network.predefined;

/**
 * Every network of the listed hosts, live: search, sort, create, remove (one, or a selection spanning hosts),
 * prune, connect and disconnect. Each action goes to the network's own host; a network's details are the route `{ kind: 'network', engineId, id }`.
 */
export function NetworksPage({ engineId = 'local', scope: given }: NetworksPageProps) {
  const stores = useStores();
  const list = useResourceList({
    engineId,
    scope: given,
    page: 'networks',
    kind: 'network',
    storeFor: stores.resources.networks,
    initialSort: BY_NAME,
    idOf,
  });
  const { scope, lists, hostOf, search, sort, open, close, pendingOf, detailItem } = list;
  const { all, hostName } = scope;
  const { stale } = lists;
  const now = useNow(30_000);
  const [creating, setCreating] = useState(false);
  const [pruning, setPruning] = useState(false);
  const [removingKeys, setRemovingKeys] = useState<readonly string[]>([]);

  const items = useMemo(
    () => sortNetworks(filterNetworks(lists.items, search, hostOf), sort.key, sort.direction, hostOf),
    [lists.items, search, sort, hostOf],
  );
  // Looked up live: what disappears or gains containers meanwhile is shown as it is now.
  const removing = useMemo(
    () => lists.items.filter((network) => removingKeys.includes(itemKey(network))),
    [lists.items, removingKeys],
  );
  const selection = useRowSelection({
    items: lists.items,
    shown: items,
    keyOf,
    itemLabel: (network) => `Select ${network.name}${onHost(scope, network.engineId)}`,
    allLabel: 'Select all shown networks',
    selectable,
  });
  const { chosen } = selection;

  const columns = useMemo(
    () => [
      ...networkColumns(now),
      removeColumn<NetworkSummary, NetworkSortKey>({
        label: (network) => `Remove network ${network.name}${onHost(scope, network.engineId)}`,
        stale,
        pendingOf,
        disabled: (network) => network.predefined,
        onRemove: (network) => setRemovingKeys([itemKey(network)]),
      }),
    ],
    [scope, pendingOf, now, stale],
  );

  // Grouped per host, one request per network on its own host; refusals are reported naming the host.
  const remove = (networks: readonly NetworkSummary[]) => {
    setRemovingKeys([]);
    removeOnHosts(list, selection, networks, (host, group, label) =>
      stores.resources.networks(host).removeNetworks(group, label),
    );
  };

  const noMatch = (
    <Text className={layout.state} c="dimmed" data-testid="networks-no-match">
      {lists.items.length > 0
        ? 'No network matches.'
        : all
          ? 'No networks on any host.'
          : 'No networks on this engine.'}
    </Text>
  );

  return (
    <ResourceListPage
      title="Networks"
      noun="network"
      icon={<IconNetwork size={28} aria-hidden />}
      list={list}
      items={items}
      columns={columns}
      hostSortKey="host"
      nameOf={(network) => network.name}
      rowData={(network) => ({ driver: network.driver })}
      selection={selection.table}
      onCreate={() => setCreating(true)}
      onPrune={() => setPruning(true)}
      actions={
        <RemoveChosenButton
          chosen={chosen}
          stale={stale}
          onRemove={(networks) => setRemovingKeys(networks.map((network) => itemKey(network)))}
        />
      }
      empty={noMatch}
      noMatch={noMatch}
    >
      <CreateNetworkModal
        opened={creating}
        hosts={list.hostChoice}
        onClose={() => setCreating(false)}
        onCreated={(network) => {
          setCreating(false);
          open(network);
        }}
      />
      <PruneNetworksModal opened={pruning} hosts={list.hostChoice} onClose={() => setPruning(false)} />
      <RemoveNetworksModal
        networks={removing}
        hostName={all ? hostName : undefined}
        onCancel={() => setRemovingKeys([])}
        onConfirm={remove}
      />
      <NetworkDetails
        network={detailItem}
        host={all && detailItem !== null ? hostName(detailItem.engineId) : undefined}
        store={list.detailStore}
        onClose={close}
        onRemove={(network) => setRemovingKeys([itemKey(network)])}
      />
    </ResourceListPage>
  );
}
