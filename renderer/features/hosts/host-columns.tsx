import { Badge, Button, Group, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

import { EMPTY_VALUE, type EngineInfo, type HostSummary } from '../../../electron/common/bridge';
import { isTroubled } from '../../components/EngineStatus/EngineStatus';
import { MiddleEllipsis } from '../../components/MiddleEllipsis/MiddleEllipsis';
import type { TableColumn } from '../../components/VirtualTable/VirtualTable';
import classes from './HostsPage.module.css';
import { formatLatency, kindLabel, sourceLabel, stateColor, stateLabel } from './presentation';

/** A host with its engine's live state, as one row of the table. */
export interface HostItem {
  host: HostSummary;
  engine: EngineInfo | undefined;
}

/** What the row's buttons do. */
export interface HostRowActions {
  connect: (host: HostSummary) => void;
  disconnect: (host: HostSummary) => void;
  reconnect: (host: HostSummary) => void;
  edit: (host: HostSummary) => void;
  remove: (host: HostSummary) => void;
}

type Column = TableColumn<HostItem, 'name'>;

function NameCell({ host }: { host: HostSummary }) {
  return (
    <div className={classes.nameCell}>
      <Group gap={6} wrap="nowrap">
        <Text fw={600} size="sm" truncate="end" title={host.name}>
          {host.name}
        </Text>
        {host.current && (
          <Tooltip label="The docker CLI uses this host now">
            <Badge className={classes.badge} size="xs" variant="light">
              current
            </Badge>
          </Tooltip>
        )}
        {host.insecureReason !== undefined && (
          <Tooltip label={host.insecureReason} multiline w={320}>
            <Badge
              className={classes.badge}
              size="xs"
              color="orange"
              leftSection={<IconAlertTriangle size={10} aria-hidden />}
              data-testid="host-insecure"
            >
              insecure
            </Badge>
          </Tooltip>
        )}
      </Group>
      <Text size="xs" c="dimmed" truncate="end">
        {sourceLabel[host.source]}
        {host.description !== '' ? ` · ${host.description}` : ''}
      </Text>
    </div>
  );
}

function StatusCell({ engine, host }: HostItem) {
  const state = engine?.status.state ?? (host.disconnected ? 'disconnected' : 'connecting');
  const reason = host.problem ?? engine?.status.lastError;
  return (
    <div className={classes.nameCell}>
      <Badge className={classes.badge} color={stateColor[state]} data-testid="host-state" data-state={state}>
        {stateLabel[state]}
      </Badge>
      {state !== 'connected' && reason !== undefined && (
        <Text size="xs" className={classes.reason} data-testid="host-reason" title={reason} truncate="end">
          {reason}
        </Text>
      )}
    </div>
  );
}

function RowButtons({ host, engine, actions }: HostItem & { actions: HostRowActions }) {
  const state = engine?.status.state;
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {host.disconnected ? (
        <Button size="compact-sm" variant="light" onClick={() => actions.connect(host)}>
          Connect
        </Button>
      ) : (
        <>
          {state !== undefined && isTroubled(state) && (
            <Button size="compact-sm" variant="light" onClick={() => actions.reconnect(host)}>
              Retry
            </Button>
          )}
          <Button size="compact-sm" variant="subtle" color="gray" onClick={() => actions.disconnect(host)}>
            Disconnect
          </Button>
        </>
      )}
      <Button
        size="compact-sm"
        variant="subtle"
        onClick={() => actions.edit(host)}
        aria-label={`Edit ${host.name}`}
      >
        Edit
      </Button>
      {host.editable && (
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          onClick={() => actions.remove(host)}
          aria-label={`Remove ${host.name}`}
        >
          Remove
        </Button>
      )}
    </Group>
  );
}

/** Name, status and actions are pinned; the rest give way in narrow windows (address last). */
export function hostColumns(actions: HostRowActions): Column[] {
  const connected = (item: HostItem) => item.engine?.status.state === 'connected';
  return [
    {
      id: 'name',
      label: 'Name',
      width: 'minmax(9rem, 1.5fr)',
      render: (item) => <NameCell host={item.host} />,
    },
    { id: 'kind', label: 'Kind', width: '6.5rem', priority: 6, render: (item) => kindLabel[item.host.kind] },
    {
      id: 'address',
      label: 'Address',
      width: 'minmax(8rem, 2fr)',
      priority: 3,
      render: (item) => <MiddleEllipsis className={classes.address} text={item.host.url} />,
    },
    {
      id: 'status',
      label: 'Status',
      width: '9rem',
      render: (item) => <StatusCell host={item.host} engine={item.engine} />,
    },
    {
      id: 'latency',
      label: 'Latency',
      width: '5rem',
      priority: 5,
      render: (item) => (
        <span data-testid="host-latency">
          {connected(item) ? formatLatency(item.engine?.status.latencyMs) : EMPTY_VALUE}
        </span>
      ),
    },
    {
      id: 'engine',
      label: 'Engine',
      width: '7.5rem',
      priority: 7,
      render: (item) => (connected(item) ? (item.engine?.status.engineVersion ?? EMPTY_VALUE) : EMPTY_VALUE),
    },
    {
      id: 'containers',
      label: 'Containers',
      width: '6.5rem',
      priority: 4,
      render: ({ host: { counts } }) => (
        <span data-testid="host-containers" title="running / all">
          {counts === undefined ? EMPTY_VALUE : `${counts.running} / ${counts.containers}`}
        </span>
      ),
    },
    {
      id: 'images',
      label: 'Images',
      width: '5rem',
      priority: 4,
      render: ({ host: { counts } }) => (
        <span data-testid="host-images">{counts === undefined ? EMPTY_VALUE : counts.images}</span>
      ),
    },
    {
      id: 'actions',
      label: <VisuallyHidden>Actions</VisuallyHidden>,
      width: '15rem',
      interactive: true,
      render: (item) => <RowButtons host={item.host} engine={item.engine} actions={actions} />,
    },
  ];
}
