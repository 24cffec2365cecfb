import { ActionIcon, Button, Group, Menu, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { IconDots, IconStack3 } from '@tabler/icons-react';
import { useMemo, useState } from 'react';

import type { EngineId, SwarmPort, SwarmService } from '../../../electron/common/bridge';
import { DetailsDrawer } from '../../components/ResourceList/DetailsDrawer';
import { ListLoading, ListMessage } from '../../components/ResourceList/ListStates';
import { type TableColumn, type TableSort, VirtualTable } from '../../components/VirtualTable/VirtualTable';
import { ConfirmDialog } from './ConfirmDialog';
import { ServiceTasks } from './ServiceTasks';
import type { SwarmStore } from './swarm-store';
import { StateBadge } from './SwarmView';
import { useStoreValue, useSwarmStore } from './use-swarm';

type ServiceSortKey = 'name' | 'mode' | 'image';

/** `8080:80/tcp`, as `docker service ls` shows published ports. */
export function portsText(ports: readonly SwarmPort[]): string {
  return ports
    .map(
      (port) =>
        `${port.publishedPort === undefined ? '' : `${port.publishedPort}:`}${port.targetPort}/${port.protocol}`,
    )
    .join(', ');
}

interface ServiceActions {
  scale: (service: SwarmService) => void;
  remove: (service: SwarmService) => void;
}

function serviceMenu(service: SwarmService, actions: ServiceActions, busy: boolean) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" aria-label={`Actions for service ${service.name}`} loading={busy}>
          <IconDots size={16} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {service.mode === 'replicated' && (
          <Menu.Item onClick={() => actions.scale(service)}>Scale…</Menu.Item>
        )}
        <Menu.Item color="red" onClick={() => actions.remove(service)}>
          Remove…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function useServiceColumns(pending: ReadonlySet<string>, actions: ServiceActions) {
  return useMemo(
    (): TableColumn<SwarmService, ServiceSortKey>[] => [
      {
        id: 'name',
        label: 'Name',
        width: 'minmax(9rem, 2fr)',
        sortKey: 'name',
        title: (s) => s.name,
        render: (s) => s.name,
      },
      { id: 'mode', label: 'Mode', width: '6.5rem', sortKey: 'mode', priority: 2, render: (s) => s.mode },
      {
        id: 'replicas',
        label: 'Running',
        width: '5.5rem',
        render: (s) => <StateBadge value={`${s.running}/${s.desired}`} good={s.running === s.desired} />,
      },
      {
        id: 'image',
        label: 'Image',
        width: 'minmax(8rem, 2fr)',
        sortKey: 'image',
        title: (s) => s.image,
        render: (s) => s.image,
      },
      {
        id: 'ports',
        label: 'Ports',
        width: 'minmax(6rem, 1fr)',
        priority: 1,
        title: (s) => portsText(s.ports),
        render: (s) => portsText(s.ports),
      },
      {
        id: 'update',
        label: 'Update',
        width: '8rem',
        priority: 3,
        title: (s) => s.updateStatus?.message,
        render: (s) => s.updateStatus?.state.replace('_', ' ') ?? '',
      },
      {
        id: 'actions',
        label: '',
        width: '3rem',
        interactive: true,
        render: (s) => serviceMenu(s, actions, pending.has(s.id)),
      },
    ],
    [pending, actions],
  );
}

function sortServices(services: readonly SwarmService[], sort: TableSort<ServiceSortKey>): SwarmService[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...services].sort(
    (a, b) => sign * (a[sort.key].localeCompare(b[sort.key]) || a.name.localeCompare(b.name)),
  );
}

/** The swarm's services (running/desired from the daemon), scale, remove, and each one's tasks in a drawer. */
export function ServicesTab({ engineId }: { engineId: EngineId }) {
  const store = useSwarmStore(engineId);
  const list = useStoreValue(store.services);
  const pending = useStoreValue(store.pending);
  const [sort, setSort] = useState<TableSort<ServiceSortKey>>({ key: 'name', direction: 'asc' });
  const [scaling, setScaling] = useState<SwarmService>();
  const [removing, setRemoving] = useState<SwarmService>();
  const [openId, setOpenId] = useState<string>();
  const actions = useMemo(() => ({ scale: setScaling, remove: setRemoving }), []);
  const columns = useServiceColumns(pending, actions);
  const items = useMemo(() => sortServices(list.snapshot?.items ?? [], sort), [list.snapshot, sort]);
  const open = items.find((service) => service.id === openId);
  if (list.phase === 'failed') {
    return (
      <ListMessage
        testId="services-failed"
        icon={<IconStack3 aria-hidden />}
        title="Could not load the services"
        description={list.error?.message}
        action={{ label: 'Try again', onClick: () => void store.services.refresh() }}
      />
    );
  }
  if (list.snapshot === undefined) return <ListLoading plural="services" />;
  return (
    <>
      {items.length === 0 ? (
        <ListMessage
          testId="services-empty"
          icon={<IconStack3 aria-hidden />}
          title="No services"
          description="Services created with docker service create or a stack show here, live."
        />
      ) : (
        <VirtualTable
          items={items}
          columns={columns}
          getKey={(service) => service.id}
          sort={sort}
          onSortChange={setSort}
          label="Services"
          onRowActivate={(service) => setOpenId(service.id)}
          selectedKey={openId}
          rowData={(service) => ({
            name: service.name,
            pending: pending.has(service.id) ? 'true' : undefined,
          })}
          testId="service-table"
          rowTestId="service-row"
        />
      )}
      <ScaleDialog service={scaling} store={store} onClose={() => setScaling(undefined)} />
      <ConfirmDialog
        what={removing}
        title={`Remove service ${removing?.name ?? ''}?`}
        confirmLabel="Remove"
        onClose={() => setRemoving(undefined)}
        onConfirm={() => removing !== undefined && void store.removeService(removing)}
      >
        All its tasks are stopped and removed, on every node.
      </ConfirmDialog>
      <DetailsDrawer title={open?.name} onClose={() => setOpenId(undefined)} testId="service-details">
        {open !== undefined && <ServiceTasks engineId={engineId} service={open} />}
      </DetailsDrawer>
    </>
  );
}

function ScaleDialog({
  service,
  store,
  onClose,
}: {
  service: SwarmService | undefined;
  store: SwarmStore;
  onClose: () => void;
}) {
  const [replicas, setReplicas] = useState<number | string>('');
  const value = typeof replicas === 'number' ? replicas : (service?.replicas ?? service?.desired ?? 1);
  return (
    <Modal opened={service !== undefined} onClose={onClose} title={`Scale ${service?.name ?? ''}`}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Now {service?.running ?? 0} running of {service?.desired ?? 0}.
        </Text>
        <NumberInput
          label="Replicas"
          min={0}
          max={10_000}
          allowDecimal={false}
          value={value}
          onChange={setReplicas}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => {
              if (service !== undefined) void store.scaleService(service, value);
              setReplicas('');
              onClose();
            }}
          >
            Scale
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
