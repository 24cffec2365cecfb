import { ActionIcon, Group, Menu, Text } from '@mantine/core';
import { IconDots, IconServer2 } from '@tabler/icons-react';
import { useMemo, useState } from 'react';

import type { EngineId, SwarmNode } from '../../../electron/common/bridge';
import { formatBytes } from '../../../electron/common/units';
import { ListLoading, ListMessage } from '../../components/ResourceList/ListStates';
import { type TableColumn, type TableSort, VirtualTable } from '../../components/VirtualTable/VirtualTable';
import { ConfirmDialog } from './ConfirmDialog';
import type { SwarmStore } from './swarm-store';
import { LeaveButton } from './SwarmSetup';
import { StateBadge } from './SwarmView';
import { useStoreValue, useSwarmStore } from './use-swarm';

type NodeSortKey = 'hostname' | 'role' | 'availability' | 'status';

/** `leader`, `reachable`, `unreachable`, or nothing for a worker. */
export function managerStatusText(node: SwarmNode): string {
  if (node.managerStatus === undefined) return '';
  return node.managerStatus.leader ? 'leader' : node.managerStatus.reachability;
}

function sortNodes(nodes: readonly SwarmNode[], sort: TableSort<NodeSortKey>): SwarmNode[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...nodes].sort(
    (a, b) => sign * (a[sort.key].localeCompare(b[sort.key]) || a.hostname.localeCompare(b.hostname)),
  );
}

/** What is asked of a node, confirmed when it moves tasks or changes the raft. */
type NodeChange = { node: SwarmNode; availability?: SwarmNode['availability']; role?: SwarmNode['role'] };

function confirmVerb(change: NodeChange | undefined): string {
  if (change?.role === undefined) return 'Drain';
  return change.role === 'worker' ? 'Demote' : 'Promote';
}

function nodeActions(node: SwarmNode, ask: (change: NodeChange) => void, store: SwarmStore, busy: boolean) {
  const set = (change: NodeChange) => () => {
    // Activating or pausing moves no task: no need to ask.
    if (change.availability === 'active' || change.availability === 'pause') {
      void store.updateNode(node, { availability: change.availability });
    } else ask(change);
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" aria-label={`Actions for node ${node.hostname}`} loading={busy}>
          <IconDots size={16} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {node.availability !== 'active' && (
          <Menu.Item onClick={set({ node, availability: 'active' })}>Activate</Menu.Item>
        )}
        {node.availability !== 'pause' && (
          <Menu.Item onClick={set({ node, availability: 'pause' })}>Pause</Menu.Item>
        )}
        {node.availability !== 'drain' && (
          <Menu.Item color="orange" onClick={set({ node, availability: 'drain' })}>
            Drain
          </Menu.Item>
        )}
        <Menu.Divider />
        {node.role === 'worker' ? (
          <Menu.Item onClick={set({ node, role: 'manager' })}>Promote to manager</Menu.Item>
        ) : (
          <Menu.Item color="orange" onClick={set({ node, role: 'worker' })}>
            Demote to worker
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

function useNodeColumns(store: SwarmStore, pending: ReadonlySet<string>, ask: (change: NodeChange) => void) {
  return useMemo(
    (): TableColumn<SwarmNode, NodeSortKey>[] => [
      {
        id: 'hostname',
        label: 'Hostname',
        width: 'minmax(9rem, 2fr)',
        sortKey: 'hostname',
        title: (node) => `${node.hostname} (${node.id})`,
        render: (node) => (
          <Text size="sm" truncate>
            {node.hostname}
            {node.self && (
              <Text span size="xs" c="dimmed">
                {' '}
                (this host)
              </Text>
            )}
          </Text>
        ),
      },
      { id: 'role', label: 'Role', width: '5.5rem', sortKey: 'role', render: (node) => node.role },
      {
        id: 'availability',
        label: 'Availability',
        width: '6.5rem',
        sortKey: 'availability',
        render: (node) => <StateBadge value={node.availability} good={node.availability === 'active'} />,
      },
      {
        id: 'status',
        label: 'Status',
        width: '6rem',
        sortKey: 'status',
        title: (node) => node.statusMessage,
        render: (node) => <StateBadge value={node.status} good={node.status === 'ready'} />,
      },
      { id: 'manager', label: 'Manager', width: '6.5rem', priority: 1, render: managerStatusText },
      {
        id: 'engine',
        label: 'Engine',
        width: '9rem',
        priority: 3,
        title: (node) => node.engineVersion,
        render: (node) => node.engineVersion ?? '',
      },
      {
        id: 'resources',
        label: 'CPU / memory',
        width: '8.5rem',
        priority: 2,
        render: (node) =>
          node.nanoCpus === undefined
            ? ''
            : `${node.nanoCpus / 1e9} CPU · ${node.memoryBytes === undefined ? '?' : formatBytes(node.memoryBytes)}`,
      },
      {
        id: 'actions',
        label: '',
        width: '3rem',
        interactive: true,
        render: (node) => nodeActions(node, ask, store, pending.has(node.id)),
      },
    ],
    [store, pending, ask],
  );
}

/** The swarm's nodes, live from `node` events, with availability and role changes. */
export function NodesTab({ engineId }: { engineId: EngineId }) {
  const store = useSwarmStore(engineId);
  const list = useStoreValue(store.nodes);
  const pending = useStoreValue(store.pending);
  const [sort, setSort] = useState<TableSort<NodeSortKey>>({ key: 'hostname', direction: 'asc' });
  const [asking, setAsking] = useState<NodeChange>();
  const columns = useNodeColumns(store, pending, setAsking);
  const items = useMemo(() => sortNodes(list.snapshot?.items ?? [], sort), [list.snapshot, sort]);
  if (list.phase === 'failed') {
    return (
      <ListMessage
        testId="nodes-failed"
        icon={<IconServer2 aria-hidden />}
        title="Could not load the nodes"
        description={list.error?.message}
        action={{ label: 'Try again', onClick: () => void store.nodes.refresh() }}
      />
    );
  }
  if (list.snapshot === undefined) return <ListLoading plural="nodes" />;
  return (
    <>
      <VirtualTable
        items={items}
        columns={columns}
        getKey={(node) => node.id}
        sort={sort}
        onSortChange={setSort}
        label="Nodes"
        rowData={(node) => ({
          name: node.hostname,
          role: node.role,
          availability: node.availability,
          pending: pending.has(node.id) ? 'true' : undefined,
        })}
        testId="node-table"
        rowTestId="node-row"
      />
      <Group justify="flex-end" mt="sm">
        <LeaveButton engineId={engineId} manager />
      </Group>
      <ConfirmDialog
        what={asking}
        title={`${confirmVerb(asking)} ${asking?.node.hostname ?? ''}?`}
        confirmLabel={confirmVerb(asking)}
        onClose={() => setAsking(undefined)}
        onConfirm={() => {
          if (asking === undefined) return;
          const { node, ...change } = asking;
          void store.updateNode(node, change);
        }}
      >
        {asking?.role === undefined
          ? 'Its tasks are stopped and rescheduled on other nodes, and no new task is placed on it until it is activated again.'
          : asking.role === 'worker'
            ? 'It stops taking part in the raft: with too few managers left, the swarm cannot be managed if another one fails.'
            : 'It joins the raft as a manager.'}
      </ConfirmDialog>
    </>
  );
}
