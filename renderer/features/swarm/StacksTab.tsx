import { ActionIcon } from '@mantine/core';
import { IconStack2, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';

import type { EngineId, SwarmStack } from '../../../electron/common/bridge';
import { ListLoading, ListMessage } from '../../components/ResourceList/ListStates';
import { type TableColumn, type TableSort, VirtualTable } from '../../components/VirtualTable/VirtualTable';
import { toIpcError } from '../../lib/api';
import { ConfirmDialog } from './ConfirmDialog';
import { StateBadge } from './SwarmView';
import { useStoreValue, useSwarmStore } from './use-swarm';

/** Stacks as Docker groups them (`com.docker.stack.namespace`), read again whenever the services change. */
export function StacksTab({ engineId }: { engineId: EngineId }) {
  const store = useSwarmStore(engineId);
  const services = useStoreValue(store.services);
  const pending = useStoreValue(store.pending);
  const [stacks, setStacks] = useState<SwarmStack[]>();
  const [error, setError] = useState<string>();
  const [removing, setRemoving] = useState<SwarmStack>();
  const [sort, setSort] = useState<TableSort<'name'>>({ key: 'name', direction: 'asc' });
  useEffect(() => {
    let live = true;
    store.stacks().then(
      (listed) => live && setStacks(listed),
      (failure: unknown) => live && setError(toIpcError(failure).message),
    );
    return () => {
      live = false;
    };
  }, [store, services.snapshot]);
  const columns = useMemo(
    (): TableColumn<SwarmStack, 'name'>[] => [
      { id: 'name', label: 'Name', width: 'minmax(10rem, 2fr)', sortKey: 'name', render: (s) => s.name },
      { id: 'services', label: 'Services', width: '6rem', render: (s) => s.services },
      {
        id: 'running',
        label: 'Running',
        width: '6rem',
        render: (s) => <StateBadge value={`${s.running}/${s.desired}`} good={s.running === s.desired} />,
      },
      {
        id: 'actions',
        label: '',
        width: '3rem',
        interactive: true,
        render: (s) => (
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove stack ${s.name}`}
            loading={pending.has(`stack:${s.name}`)}
            onClick={() => setRemoving(s)}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        ),
      },
    ],
    [pending],
  );
  const items = useMemo(
    () =>
      [...(stacks ?? [])].sort((a, b) => (sort.direction === 'asc' ? 1 : -1) * a.name.localeCompare(b.name)),
    [stacks, sort],
  );
  if (stacks === undefined && error !== undefined) {
    return (
      <ListMessage
        testId="stacks-failed"
        icon={<IconStack2 aria-hidden />}
        title="Could not load the stacks"
        description={error}
      />
    );
  }
  if (stacks === undefined) return <ListLoading plural="stacks" />;
  return (
    <>
      {items.length === 0 ? (
        <ListMessage
          testId="stacks-empty"
          icon={<IconStack2 aria-hidden />}
          title="No stacks"
          description="Stacks deployed with docker stack deploy show here."
        />
      ) : (
        <VirtualTable
          items={items}
          columns={columns}
          getKey={(s) => s.name}
          sort={sort}
          onSortChange={setSort}
          label="Stacks"
          rowData={(s) => ({ name: s.name })}
          testId="stack-table"
          rowTestId="stack-row"
        />
      )}
      <ConfirmDialog
        what={removing}
        title={`Remove stack ${removing?.name ?? ''}?`}
        confirmLabel="Remove"
        onClose={() => setRemoving(undefined)}
        onConfirm={() => removing !== undefined && void store.removeStack(removing.name)}
      >
        Its services, secrets and configs are removed; its networks go once the tasks are gone.
      </ConfirmDialog>
    </>
  );
}
