import { Badge, Button, Group, Text } from '@mantine/core';
import { IconNetwork, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';

import type { EngineId, NetworkSummary } from '../../../electron/common/bridge';
import type { HostScope } from '../../components/ResourceList/host-scope';
import { groupByHost } from '../../components/ResourceList/presentation';
import { onHost, removeColumn, ResourceListPage } from '../../components/ResourceList/ResourcePage';
import { useResourceList } from '../../components/ResourceList/use-resource-list';
import { perEngineKey, useRowSelection } from '../../components/ResourceList/use-row-selection';
import type { TableColumn, TableSort } from '../../components/VirtualTable/VirtualTable';
import { useNow } from '../../hooks/use-now';
import { itemKey } from '../../lib/merge';
import { useStores } from '../../stores/StoresProvider';
import layout from '../../styles/page.module.css';
import { formatCreated } from '../containers/presentation';
import { CreateNetworkModal } from './CreateNetworkModal';
import { NetworkDetails } from './NetworkDetails';
import {
  filterNetworks,
  formatAttachments,
  gatewaysText,
  networkFlags,
  type NetworkSortKey,
  sortNetworks,
  subnetsText,
} from './presentation';
import { PruneNetworksModal } from './PruneNetworksModal';
import { RemoveNetworksModal } from './RemoveNetworksModal';

export interface NetworksPageProps {
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
  const { scope, lists, hostOf, search, sort, selectedKey, open, close, pendingOf, detailItem } = list;
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
  const { chosen, drop } = selection;

  const columns = useMemo<TableColumn<NetworkSummary, NetworkSortKey>[]>(
    () => [
      {
        id: 'name',
        label: 'Name',
        width: 'minmax(8rem, 2fr)',
        sortKey: 'name',
        title: (network) => `${network.name} (${network.id.slice(0, 12)})`,
        render: (network) => (
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600} truncate>
              {network.name}
            </Text>
            {network.predefined && (
              <Badge size="xs" variant="light" color="gray">
                predefined
              </Badge>
            )}
          </Group>
        ),
      },
      {
        id: 'driver',
        label: 'Driver',
        width: '5rem',
        sortKey: 'driver',
        render: (network) => network.driver,
      },
      { id: 'scope', label: 'Scope', width: '4.5rem', sortKey: 'scope', render: (network) => network.scope },
      {
        id: 'subnet',
        label: 'Subnet',
        width: 'minmax(7rem, 1.5fr)',
        title: subnetsText,
        render: (network) => <span className={layout.mono}>{subnetsText(network)}</span>,
      },
      {
        id: 'gateway',
        label: 'Gateway',
        width: 'minmax(6rem, 1fr)',
        title: gatewaysText,
        render: (network) => <span className={layout.mono}>{gatewaysText(network)}</span>,
      },
      {
        id: 'flags',
        label: 'Flags',
        width: 'minmax(4rem, 1fr)',
        render: (network) => networkFlags(network).join(', '),
      },
      {
        id: 'containers',
        label: 'Containers',
        width: 'minmax(7rem, 2fr)',
        sortKey: 'containers',
        title: (network) => formatAttachments(network.containers),
        render: (network) =>
          network.containers.length === 0 ? (
            <Text size="sm" c="dimmed">
              none
            </Text>
          ) : (
            formatAttachments(network.containers)
          ),
      },
      {
        id: 'created',
        label: 'Created',
        width: '7rem',
        sortKey: 'created',
        render: (network) => (network.created !== undefined ? formatCreated(network.created, now) : '—'),
      },
      removeColumn({
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
    for (const [host, group] of groupByHost(networks)) {
      void stores.resources
        .networks(host)
        .removeNetworks(group, all ? hostName(host) : undefined)
        .then((ids) => {
          const removed = new Set([...ids].map((id) => itemKey({ engineId: host, id })));
          drop(removed);
          if (selectedKey !== undefined && removed.has(selectedKey)) close();
        });
    }
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
        <Button
          color="red"
          variant="light"
          leftSection={<IconTrash size={16} aria-hidden />}
          disabled={chosen.every((network) => stale.has(network.engineId))}
          onClick={() =>
            setRemovingKeys(chosen.filter((network) => !stale.has(network.engineId)).map((n) => itemKey(n)))
          }
        >
          {chosen.length > 0 ? `Remove ${chosen.length}` : 'Remove'}
        </Button>
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
