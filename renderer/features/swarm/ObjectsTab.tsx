import { ActionIcon, Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';

import type { EngineId, SwarmObject } from '../../../electron/common/bridge';
import { ListLoading, ListMessage } from '../../components/ResourceList/ListStates';
import { type TableColumn, type TableSort, VirtualTable } from '../../components/VirtualTable/VirtualTable';
import { toIpcError } from '../../lib/api';
import { ConfirmDialog } from './ConfirmDialog';
import type { SwarmStore } from './swarm-store';
import { useStoreValue, useSwarmStore } from './use-swarm';

type Kind = SwarmObject['kind'];
type ObjectSortKey = 'name' | 'createdAt';

const keyOf = (object: SwarmObject): string => `${object.kind}:${object.id}`;

/** Secrets or configs of the swarm: list, create (the value goes once to the daemon), remove. */
export function ObjectsTab({ engineId, kind }: { engineId: EngineId; kind: Kind }) {
  const store = useSwarmStore(engineId);
  const list = useStoreValue(store.objects);
  const pending = useStoreValue(store.pending);
  const [sort, setSort] = useState<TableSort<ObjectSortKey>>({ key: 'name', direction: 'asc' });
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<SwarmObject>();
  const plural = `${kind}s`;
  const items = useMemo(() => {
    const sign = sort.direction === 'asc' ? 1 : -1;
    return (list.snapshot?.items ?? [])
      .filter((object) => object.kind === kind)
      .sort((a, b) => sign * (a[sort.key] ?? '').localeCompare(b[sort.key] ?? ''));
  }, [list.snapshot, kind, sort]);
  const columns = useMemo(
    (): TableColumn<SwarmObject, ObjectSortKey>[] => [
      {
        id: 'name',
        label: 'Name',
        width: 'minmax(10rem, 2fr)',
        sortKey: 'name',
        title: (o) => o.name,
        render: (o) => o.name,
      },
      { id: 'stack', label: 'Stack', width: 'minmax(6rem, 1fr)', priority: 1, render: (o) => o.stack ?? '' },
      {
        id: 'created',
        label: 'Created',
        width: '11rem',
        sortKey: 'createdAt',
        priority: 2,
        render: (o) => (o.createdAt === undefined ? '' : new Date(o.createdAt).toLocaleString()),
      },
      {
        id: 'actions',
        label: '',
        width: '3rem',
        interactive: true,
        render: (o) => (
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove ${o.kind} ${o.name}`}
            loading={pending.has(keyOf(o))}
            onClick={() => setRemoving(o)}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        ),
      },
    ],
    [pending],
  );
  if (list.phase === 'failed') {
    return (
      <ListMessage
        testId={`${plural}-failed`}
        icon={<IconKey aria-hidden />}
        title={`Could not load the ${plural}`}
        description={list.error?.message}
        action={{ label: 'Try again', onClick: () => void store.objects.refresh() }}
      />
    );
  }
  if (list.snapshot === undefined) return <ListLoading plural={plural} />;
  return (
    <>
      <Group justify="flex-end" mb="sm">
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          Create {kind}
        </Button>
      </Group>
      {items.length === 0 ? (
        <ListMessage
          testId={`${plural}-empty`}
          icon={<IconKey aria-hidden />}
          title={`No ${plural}`}
          description={undefined}
        />
      ) : (
        <VirtualTable
          items={items}
          columns={columns}
          getKey={keyOf}
          sort={sort}
          onSortChange={setSort}
          label={kind === 'secret' ? 'Secrets' : 'Configs'}
          rowData={(o) => ({ name: o.name })}
          testId={`${kind}-table`}
          rowTestId={`${kind}-row`}
        />
      )}
      <CreateObjectDialog kind={kind} store={store} opened={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        what={removing}
        title={`Remove ${kind} ${removing?.name ?? ''}?`}
        confirmLabel="Remove"
        onClose={() => setRemoving(undefined)}
        onConfirm={() => removing !== undefined && void store.removeObject(removing)}
      >
        Docker refuses while a service uses it. Its value cannot be recovered afterwards.
      </ConfirmDialog>
    </>
  );
}

function CreateObjectDialog({
  kind,
  store,
  opened,
  onClose,
}: {
  kind: Kind;
  store: SwarmStore;
  opened: boolean;
  onClose: () => void;
}) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const close = () => {
    // The value is not kept anywhere once the dialog closes.
    setName('');
    setValue('');
    setError(undefined);
    onClose();
  };
  const create = async () => {
    setBusy(true);
    try {
      await store.createObject(kind, name.trim(), value);
      close();
    } catch (failure) {
      setError(toIpcError(failure).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={`Create ${kind}`}>
      <Stack gap="sm" component="form" onSubmit={(event) => (event.preventDefault(), void create())}>
        <Alert color="yellow" data-testid="object-write-once">
          {kind === 'secret'
            ? 'The value is sent once to the swarm: neither Docker nor Berth can show it again. It cannot be edited either, only replaced by a new secret.'
            : 'Configs cannot be edited, only replaced by a new config (and a service update).'}
        </Alert>
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          data-autofocus
        />
        <Textarea
          label="Value"
          required
          rows={5}
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          error={error}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} disabled={name.trim() === '' || value === ''}>
            Create
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
