import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  EmptyState,
  Group,
  Loader,
  Modal,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconNetwork, IconPlus, IconSearch, IconTrash, IconWashDry } from '@tabler/icons-react';
import { useMemo, useState } from 'react';

import type { EngineId, NetworkSummary } from '../../../electron/common/bridge';
import { type TableColumn, type TableSort, VirtualTable } from '../../components/VirtualTable/VirtualTable';
import { useNow } from '../../hooks/use-now';
import { useEngine } from '../../stores/hooks';
import { useHost, useNetworks } from '../../stores/resource-hooks';
import { formatCreated } from '../containers/presentation';
import classes from '../volumes/VolumesPage.module.css';
import { CreateNetworkModal } from './CreateNetworkModal';
import { NetworkDetails } from './NetworkDetails';
import {
  filterNetworks,
  formatAttachments,
  gatewaysText,
  networkFlags,
  type NetworkSortKey,
  removalProblem,
  sortNetworks,
  subnetsText,
} from './presentation';
import { PruneNetworksModal } from './PruneNetworksModal';

export interface NetworksPageProps {
  /** The engine whose networks are listed. @default 'local' */
  engineId?: EngineId;
}

/** Every network of one engine, live: search, sort, create, remove, prune, connect and disconnect. */
export function NetworksPage({ engineId = 'local' }: NetworksPageProps) {
  const engine = useEngine(engineId);
  const { state, store } = useNetworks(engineId);
  const host = useHost(engineId);
  const now = useNow(30_000);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<TableSort<NetworkSortKey>>({ key: 'name', direction: 'asc' });
  const [creating, setCreating] = useState(false);
  const [pruning, setPruning] = useState(false);
  const [removingId, setRemovingId] = useState<string | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);

  const snapshot = state.snapshot;
  const items = useMemo(
    () =>
      snapshot === undefined
        ? []
        : sortNetworks(filterNetworks(snapshot.items, search), sort.key, sort.direction),
    [snapshot, search, sort],
  );
  const byId = useMemo(
    () => new Map(snapshot?.items.map((network) => [network.id, network]) ?? []),
    [snapshot],
  );
  const detail = detailId === null ? null : (byId.get(detailId) ?? null);
  const removing = removingId === null ? null : (byId.get(removingId) ?? null);
  const unreachable = engine?.status.state === 'unreachable';
  const stale = unreachable && snapshot !== undefined;

  const columns = useMemo<TableColumn<NetworkSummary, NetworkSortKey>[]>(
    () => [
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
              aria-label={`Remove network ${network.name}`}
              disabled={stale || network.predefined || state.pending.has(network.id)}
              loading={state.pending.has(network.id)}
              onClick={(event) => {
                event.stopPropagation();
                setRemovingId(network.id);
              }}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </div>
        ),
      },
    ],
    [now, stale, state.pending],
  );

  const engineName = engine?.name ?? engineId;
  let body;
  if (snapshot !== undefined && items.length > 0) {
    body = (
      <VirtualTable
        items={items}
        columns={columns}
        getKey={(network) => network.id}
        sort={sort}
        onSortChange={setSort}
        label="Networks"
        minWidth="64rem"
        stale={stale}
        onRowActivate={(network) => setDetailId(network.id)}
        rowData={(network) => ({ name: network.name, driver: network.driver })}
        selectedKey={detailId ?? undefined}
        testId="network-table"
        rowTestId="network-row"
      />
    );
  } else if (snapshot !== undefined) {
    body = (
      <Text className={classes.state} c="dimmed" data-testid="networks-no-match">
        {snapshot.items.length === 0 ? 'No networks on this engine.' : 'No network matches.'}
      </Text>
    );
  } else if (state.phase === 'failed' || unreachable) {
    body = (
      <EmptyState
        className={classes.state}
        data-testid="networks-failed"
        icon={<IconNetwork size={28} aria-hidden />}
        withIndicatorBackground
        title="Could not load the networks"
        description={state.error?.message ?? engine?.status.lastError}
      >
        <EmptyState.Actions>
          <Button variant="light" onClick={() => void store.refresh()}>
            Try again
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  } else {
    body = (
      <div className={classes.state} data-testid="networks-loading" role="status">
        <Loader />
        <Text c="dimmed">Loading networks…</Text>
      </div>
    );
  }

  const removalReason = removing === null ? undefined : removalProblem(removing);
  return (
    <div className={classes.page}>
      <Group justify="space-between" align="baseline" className={classes.heading}>
        <Title order={2}>Networks</Title>
        {snapshot !== undefined && (
          <Text size="sm" c="dimmed" data-testid="networks-count">
            {snapshot.items.length === 1 ? '1 network' : `${snapshot.items.length} networks`} on {engineName}
          </Text>
        )}
      </Group>
      <Group gap="sm" className={classes.toolbar}>
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
          disabled={stale}
          onClick={() => setCreating(true)}
        >
          Create
        </Button>
        <Button
          variant="light"
          color="orange"
          leftSection={<IconWashDry size={16} aria-hidden />}
          disabled={stale}
          onClick={() => setPruning(true)}
        >
          Prune unused
        </Button>
      </Group>
      {unreachable && engine !== undefined && (
        <Alert color="red" title={`Can’t reach ${engine.name}`} className={classes.banner}>
          {engine.status.lastError ?? 'The daemon did not answer.'}
        </Alert>
      )}
      {body}
      <CreateNetworkModal
        opened={creating}
        store={store}
        host={host.state.info.value}
        onClose={() => setCreating(false)}
        onCreated={(network) => {
          setCreating(false);
          setDetailId(network.id);
        }}
      />
      <PruneNetworksModal opened={pruning} store={store} onClose={() => setPruning(false)} />
      <Modal
        opened={removing !== null}
        onClose={() => setRemovingId(null)}
        title={removing === null ? '' : `Remove network ${removing.name}?`}
        data-testid="remove-network-modal"
      >
        {removing !== null && (
          <Stack gap="md">
            {removalReason !== undefined ? (
              <Alert color="orange" title="It cannot be removed now" data-testid="remove-network-refusal">
                {removalReason}
              </Alert>
            ) : (
              <Text size="sm">
                Containers configured on it but stopped will fail to start until they are connected elsewhere.
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemovingId(null)}>
                Cancel
              </Button>
              <Button
                color="red"
                disabled={removalReason !== undefined}
                onClick={() => {
                  setRemovingId(null);
                  void store.removeNetwork(removing).then((removed) => {
                    if (removed && detailId === removing.id) setDetailId(null);
                  });
                }}
              >
                Remove
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <NetworkDetails
        network={detail}
        store={store}
        onClose={() => setDetailId(null)}
        onRemove={(network) => setRemovingId(network.id)}
      />
    </div>
  );
}
