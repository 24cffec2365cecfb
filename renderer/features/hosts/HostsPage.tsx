import { Alert, Badge, Button, Group, Loader, Modal, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';

import type { EngineInfo, HostSummary } from '../../../electron/common/bridge';
import { isTroubled } from '../../components/EngineStatus/EngineStatus';
import { useEngineActions, useEngines } from '../../stores/hooks';
import { HostForm } from './HostForm';
import { HostsFileBanner } from './HostsFileBanner';
import classes from './HostsPage.module.css';
import { formatLatency, kindLabel, sourceLabel, stateColor, stateLabel } from './presentation';
import { useHostActions, useHosts } from './use-hosts';

function StatusCell({ engine, host }: { engine: EngineInfo | undefined; host: HostSummary }) {
  const state = engine?.status.state ?? (host.disconnected ? 'disconnected' : 'connecting');
  const reason = host.problem ?? engine?.status.lastError;
  return (
    <div>
      <Badge className={classes.badge} color={stateColor[state]} data-testid="host-state" data-state={state}>
        {stateLabel[state]}
      </Badge>
      {state !== 'connected' && reason !== undefined && (
        <Text size="xs" className={classes.reason} data-testid="host-reason">
          {reason}
        </Text>
      )}
    </div>
  );
}

function HostRow({
  host,
  engine,
  onEdit,
  onRemove,
}: {
  host: HostSummary;
  engine: EngineInfo | undefined;
  onEdit: (host: HostSummary) => void;
  onRemove: (host: HostSummary) => void;
}) {
  const { connect, disconnect } = useHostActions();
  const { reconnect } = useEngineActions();
  const state = engine?.status.state;
  const counts = host.counts;
  return (
    <Table.Tr data-testid="host-row" data-engine-id={host.engineId}>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text fw={600} size="sm">
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
        <Text size="xs" c="dimmed">
          {sourceLabel[host.source]}
          {host.description !== '' ? ` · ${host.description}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>{kindLabel[host.kind]}</Table.Td>
      <Table.Td>
        <Text size="sm" className={classes.address} title={host.url}>
          {host.url}
        </Text>
      </Table.Td>
      <Table.Td>
        <StatusCell engine={engine} host={host} />
      </Table.Td>
      <Table.Td data-testid="host-latency">
        {state === 'connected' ? formatLatency(engine?.status.latencyMs) : '—'}
      </Table.Td>
      <Table.Td>{state === 'connected' ? (engine?.status.engineVersion ?? '—') : '—'}</Table.Td>
      <Table.Td data-testid="host-containers">
        {counts === undefined ? '—' : `${counts.running} / ${counts.containers}`}
      </Table.Td>
      <Table.Td data-testid="host-images">{counts === undefined ? '—' : counts.images}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          {host.disconnected ? (
            <Button size="xs" variant="light" onClick={() => void connect(host.engineId)}>
              Connect
            </Button>
          ) : (
            <>
              {state !== undefined && isTroubled(state) && (
                <Button size="xs" variant="light" onClick={() => void reconnect(host.engineId)}>
                  Retry
                </Button>
              )}
              <Button size="xs" variant="subtle" color="gray" onClick={() => void disconnect(host.engineId)}>
                Disconnect
              </Button>
            </>
          )}
          <Button size="xs" variant="subtle" onClick={() => onEdit(host)} aria-label={`Edit ${host.name}`}>
            Edit
          </Button>
          {host.editable && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => onRemove(host)}
              aria-label={`Remove ${host.name}`}
            >
              Remove
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Every Docker host Berth knows (the default, the docker CLI's contexts and Berth's own) with kind, address,
 * status in plain words, latency, engine version and counts; add, edit, remove, connect and disconnect.
 */
export function HostsPage() {
  const { phase, hosts, error } = useHosts();
  const { engines } = useEngines();
  const { remove } = useHostActions();
  const [editing, setEditing] = useState<HostSummary | null | undefined>(undefined);
  const [removing, setRemoving] = useState<HostSummary | null>(null);
  const byId = new Map(engines.map((engine) => [engine.id, engine]));

  return (
    <div className={classes.page}>
      <Group justify="space-between" align="baseline" className={classes.heading}>
        <Title order={2}>Hosts</Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(null)}>
          Add host
        </Button>
      </Group>
      <HostsFileBanner />
      {phase === 'failed' && (
        <Alert color="red" title="Could not list the hosts">
          {error?.message}
        </Alert>
      )}
      {phase !== 'ready' && phase !== 'failed' && <Loader />}
      {phase === 'ready' && (
        <div className={classes.tableWrap}>
          <Table striped highlightOnHover aria-label="Hosts" data-testid="hosts-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Latency</Table.Th>
                <Table.Th>Engine</Table.Th>
                <Table.Th>Containers</Table.Th>
                <Table.Th>Images</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {hosts.map((host) => (
                <HostRow
                  key={host.engineId}
                  host={host}
                  engine={byId.get(host.engineId)}
                  onEdit={setEditing}
                  onRemove={setRemoving}
                />
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {editing !== undefined && (
        <HostForm
          key={editing?.engineId ?? 'new'}
          host={editing}
          opened
          onClose={() => setEditing(undefined)}
        />
      )}
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Remove ${removing?.name ?? ''}?`}
      >
        <Text size="sm">
          {removing?.source === 'context'
            ? `This deletes the docker context “${removing.name}” (and its TLS files) from the docker CLI too. Other contexts are not touched.`
            : 'Berth forgets this host. Nothing changes on the host itself.'}
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setRemoving(null)}>
            Cancel
          </Button>
          <Button
            color="red"
            onClick={() => {
              if (removing !== null) void remove(removing.engineId);
              setRemoving(null);
            }}
          >
            Remove
          </Button>
        </Group>
      </Modal>
    </div>
  );
}
