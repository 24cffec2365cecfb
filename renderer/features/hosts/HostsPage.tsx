import { Alert, Button, Group, Loader, Modal, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';

import type { HostSummary } from '../../../electron/common/bridge';
import { VirtualTable } from '../../components/VirtualTable/VirtualTable';
import { useEngineActions, useEngines } from '../../stores/hooks';
import { hostColumns, type HostItem } from './host-columns';
import { HostForm } from './HostForm';
import { HostsFileBanner } from './HostsFileBanner';
import classes from './HostsPage.module.css';
import { useHostActions, useHosts } from './use-hosts';

const NAME_SORT = { key: 'name', direction: 'asc' } as const;
const ROW_HEIGHT = 56;

/**
 * Every Docker host Berth knows (the default, the docker CLI's contexts and Berth's own) with kind, address,
 * status in plain words, latency, engine version and counts; add, edit, remove, connect and disconnect.
 */
export function HostsPage() {
  const { phase, hosts, error } = useHosts();
  const { engines } = useEngines();
  const { remove, connect, disconnect } = useHostActions();
  const { reconnect } = useEngineActions();
  const [editing, setEditing] = useState<HostSummary | null | undefined>(undefined);
  const [removing, setRemoving] = useState<HostSummary | null>(null);
  const items: HostItem[] = useMemo(() => {
    const byId = new Map(engines.map((engine) => [engine.id, engine]));
    return hosts.map((host) => ({ host, engine: byId.get(host.engineId) }));
  }, [hosts, engines]);
  const columns = useMemo(
    () =>
      hostColumns({
        connect: (host) => void connect(host.engineId),
        disconnect: (host) => void disconnect(host.engineId),
        reconnect: (host) => void reconnect(host.engineId),
        edit: setEditing,
        remove: setRemoving,
      }),
    [connect, disconnect, reconnect],
  );

  return (
    <div className={classes.page}>
      <Group justify="space-between" align="baseline" className={classes.heading}>
        <Group gap="sm" align="baseline">
          <Title order={2}>Hosts</Title>
          {phase === 'ready' && (
            <Text c="dimmed" size="sm" data-testid="hosts-count">
              {hosts.length === 1 ? '1 host' : `${hosts.length} hosts`}
            </Text>
          )}
        </Group>
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
        <VirtualTable
          items={items}
          columns={columns}
          getKey={(item) => item.host.engineId}
          sort={NAME_SORT}
          onSortChange={() => undefined}
          label="Hosts"
          rowHeight={ROW_HEIGHT}
          testId="hosts-table"
          rowTestId="host-row"
          rowData={(item) => ({ 'engine-id': item.host.engineId })}
        />
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
