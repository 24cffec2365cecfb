import { ActionIcon, Badge, Button, Group, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconNetwork, IconPlus, IconSearch, IconTrash, IconWashDry } from '@tabler/icons-react';
import { useMemo, useState } from 'react';

import type { EngineId, NetworkSummary } from '../../../electron/common/bridge';
import { type HostScope, useSingleHostScope } from '../../components/ResourceList/host-scope';
import { countText } from '../../components/ResourceList/presentation';
import {
  hostColumn,
  ResourceBody,
  ResourcePage,
  resourcePageClasses as classes,
} from '../../components/ResourceList/ResourcePage';
import { useDetailRoute } from '../../components/ResourceList/use-detail-route';
import { useHostLists } from '../../components/ResourceList/use-host-lists';
import { type TableColumn, type TableSort, VirtualTable } from '../../components/VirtualTable/VirtualTable';
import { useNow } from '../../hooks/use-now';
import { itemKey } from '../../lib/merge';
import { useNetworks } from '../../stores/resource-hooks';
import { useStores } from '../../stores/StoresProvider';
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
import { RemoveNetworkModal } from './RemoveNetworkModal';

export interface NetworksPageProps {
  /** The engine whose networks are listed when no `scope` is given. @default 'local' */
  engineId?: EngineId;
  /** The hosts listed (the host switcher's); one merged table with a Host column under "All hosts". */
  scope?: HostScope;
}

/**
 * Every network of the listed hosts, live: search, sort, create, remove, prune, connect and disconnect. Each
 * action goes to the network's own host; a network's details are the route `{ kind: 'network', engineId, id }`.
 */
export function NetworksPage({ engineId = 'local', scope: given }: NetworksPageProps) {
  const single = useSingleHostScope(engineId);
  const scope = given ?? single;
  const { all, hostName } = scope;
  const stores = useStores();
  const lists = useHostLists(scope.engineIds, stores.resources.networks);
  const { detail, selectedKey, open, close } = useDetailRoute('networks', 'network');
  // The drawer shows the network from its own host's store, whether or not that host is listed.
  const detailStore = useNetworks(detail?.engineId ?? scope.defaultEngineId);
  const now = useNow(30_000);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<TableSort<NetworkSortKey>>({ key: 'name', direction: 'asc' });
  const [creating, setCreating] = useState(false);
  const [pruning, setPruning] = useState(false);
  const [removingKey, setRemovingKey] = useState<string | null>(null);

  const { stateOf, stale } = lists;
  const hostOf = all ? hostName : undefined;
  const items = useMemo(
    () => sortNetworks(filterNetworks(lists.items, search, hostOf), sort.key, sort.direction, hostOf),
    [lists.items, search, sort, hostOf],
  );
  const removing = useMemo(
    () => lists.items.find((network) => itemKey(network) === removingKey) ?? null,
    [lists.items, removingKey],
  );
  const detailNetwork =
    detail === undefined
      ? null
      : (detailStore.state.snapshot?.items.find((network) => network.id === detail.id) ?? null);

  const columns = useMemo<TableColumn<NetworkSummary, NetworkSortKey>[]>(() => {
    const on = (network: NetworkSummary) => (all ? ` on ${hostName(network.engineId)}` : '');
    const pendingOf = (network: NetworkSummary) =>
      stateOf(network.engineId)?.pending.has(network.id) ?? false;
    return [
      ...(all ? [hostColumn<NetworkSummary, NetworkSortKey>(hostName, 'host')] : []),
      {
        id: 'name',
        label: 'Name',
        width: 'minmax(10rem, 2fr)',
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
        width: '6rem',
        sortKey: 'driver',
        render: (network) => network.driver,
      },
      { id: 'scope', label: 'Scope', width: '5rem', sortKey: 'scope', render: (network) => network.scope },
      {
        id: 'subnet',
        label: 'Subnet',
        width: 'minmax(8rem, 1.5fr)',
        title: subnetsText,
        render: (network) => <span className={classes.mono}>{subnetsText(network)}</span>,
      },
      {
        id: 'gateway',
        label: 'Gateway',
        width: 'minmax(7rem, 1fr)',
        title: gatewaysText,
        render: (network) => <span className={classes.mono}>{gatewaysText(network)}</span>,
      },
      {
        id: 'flags',
        label: 'Flags',
        width: 'minmax(6rem, 1fr)',
        render: (network) => networkFlags(network).join(', '),
      },
      {
        id: 'containers',
        label: 'Containers',
        width: 'minmax(10rem, 2fr)',
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
        width: '8rem',
        sortKey: 'created',
        render: (network) => (network.created !== undefined ? formatCreated(network.created, now) : '—'),
      },
      {
        id: 'actions',
        label: <VisuallyHidden>Actions</VisuallyHidden>,
        width: '3rem',
        render: (network) => (
          <div className={classes.actions}>
            <ActionIcon
              color="red"
              variant="subtle"
              aria-label={`Remove network ${network.name}${on(network)}`}
              disabled={stale.has(network.engineId) || network.predefined || pendingOf(network)}
              loading={pendingOf(network)}
              onClick={(event) => {
                event.stopPropagation();
                setRemovingKey(itemKey(network));
              }}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </div>
        ),
      },
    ];
  }, [all, hostName, stateOf, now, stale]);

  const total = lists.items.length;
  const hostChoice = { engineIds: scope.engineIds, hostName, initial: scope.defaultEngineId };
  const noMatch =
    total === 0 ? (all ? 'No networks on any host.' : 'No networks on this engine.') : 'No network matches.';

  return (
    <ResourcePage
      title="Networks"
      count={lists.phase === 'ready' ? countText(total, 'network', scope.engineIds.map(hostName)) : undefined}
      countTestId="networks-count"
      down={lists.down}
      hostName={hostName}
      toolbar={
        <>
          <TextInput
            className={classes.search}
            placeholder="Search networks"
            aria-label="Search networks"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={lists.allStale}
            onClick={() => setCreating(true)}
          >
            Create
          </Button>
          <Button
            variant="light"
            color="orange"
            leftSection={<IconWashDry size={16} aria-hidden />}
            disabled={lists.allStale}
            onClick={() => setPruning(true)}
          >
            Prune unused
          </Button>
        </>
      }
    >
      <ResourceBody
        phase={lists.phase}
        total={total}
        shown={items.length}
        noun="networks"
        icon={<IconNetwork size={28} aria-hidden />}
        error={lists.error}
        onRetry={lists.retry}
        table={
          <VirtualTable
            items={items}
            columns={columns}
            getKey={itemKey}
            sort={sort}
            onSortChange={setSort}
            label={all ? 'Networks on all hosts' : 'Networks'}
            minWidth={all ? '70rem' : '64rem'}
            stale={lists.allStale}
            onRowActivate={(network) => open(network.engineId, network.id)}
            rowData={(network) => ({
              name: network.name,
              'engine-id': network.engineId,
              driver: network.driver,
              stale: stale.has(network.engineId) ? 'true' : undefined,
            })}
            selectedKey={selectedKey}
            testId="network-table"
            rowTestId="network-row"
          />
        }
        empty={
          <Text className={classes.state} c="dimmed" data-testid="networks-no-match">
            {noMatch}
          </Text>
        }
        noMatch={
          <Text className={classes.state} c="dimmed" data-testid="networks-no-match">
            {noMatch}
          </Text>
        }
      />
      <CreateNetworkModal
        opened={creating}
        hosts={hostChoice}
        onClose={() => setCreating(false)}
        onCreated={(network) => {
          setCreating(false);
          open(network.engineId, network.id);
        }}
      />
      <PruneNetworksModal opened={pruning} hosts={hostChoice} onClose={() => setPruning(false)} />
      <RemoveNetworkModal
        network={removing}
        host={all && removing !== null ? hostName(removing.engineId) : undefined}
        onCancel={() => setRemovingKey(null)}
        onConfirm={(network) => {
          setRemovingKey(null);
          void stores.resources
            .networks(network.engineId)
            .removeNetwork(network)
            .then((removed) => {
              if (removed && selectedKey === itemKey(network)) close();
            });
        }}
      />
      <NetworkDetails
        network={detailNetwork}
        host={all && detailNetwork !== null ? hostName(detailNetwork.engineId) : undefined}
        store={detailStore.store}
        onClose={close}
        onRemove={(network) => setRemovingKey(itemKey(network))}
      />
    </ResourcePage>
  );
}
