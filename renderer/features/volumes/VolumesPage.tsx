import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  EmptyState,
  Group,
  Loader,
  SegmentedControl,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconDatabase, IconPlus, IconRuler, IconSearch, IconTrash, IconWashDry } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';

import type { EngineId, VolumeSummary } from '../../../electron/common/bridge';
import { type TableColumn, type TableSort, VirtualTable } from '../../components/VirtualTable/VirtualTable';
import { useNow } from '../../hooks/use-now';
import { useEngine } from '../../stores/hooks';
import { useVolumes } from '../../stores/resource-hooks';
import { formatCreated } from '../containers/presentation';
import { CreateVolumeModal } from './CreateVolumeModal';
import {
  displayVolumeName,
  filterVolumes,
  formatUsers,
  formatVolumeSize,
  sortVolumes,
  type VolumeSortKey,
  type VolumeUsageFilter,
} from './presentation';
import { PruneVolumesModal } from './PruneVolumesModal';
import { RemoveVolumesModal } from './RemoveVolumesModal';
import { VolumeDetails } from './VolumeDetails';
import classes from './VolumesPage.module.css';

export interface VolumesPageProps {
  /** The engine whose volumes are listed. @default 'local' */
  engineId?: EngineId;
}

const USAGE_OPTIONS: Array<{ label: string; value: VolumeUsageFilter }> = [
  { label: 'All', value: 'all' },
  { label: 'In use', value: 'used' },
  { label: 'Unused', value: 'unused' },
];

function isUsageFilter(value: string): value is VolumeUsageFilter {
  return USAGE_OPTIONS.some((option) => option.value === value);
}

/** Every volume of one engine, live: search, filters, sort, sizes on demand, create, remove, prune, files. */
export function VolumesPage({ engineId = 'local' }: VolumesPageProps) {
  const engine = useEngine(engineId);
  const { state, store } = useVolumes(engineId);
  const now = useNow(30_000);
  const [search, setSearch] = useState('');
  const [usage, setUsage] = useState<VolumeUsageFilter>('all');
  const [sort, setSort] = useState<TableSort<VolumeSortKey>>({ key: 'name', direction: 'asc' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [removing, setRemoving] = useState<readonly VolumeSummary[]>([]);
  const [creating, setCreating] = useState(false);
  const [pruning, setPruning] = useState(false);
  const [detailName, setDetailName] = useState<string | null>(null);

  const snapshot = state.snapshot;
  const sizes = state.sizes?.sizes;
  const items = useMemo(
    () =>
      snapshot === undefined
        ? []
        : sortVolumes(filterVolumes(snapshot.items, search, usage), sort.key, sort.direction, sizes),
    [snapshot, search, usage, sort, sizes],
  );
  const byName = useMemo(
    () => new Map(snapshot?.items.map((volume) => [volume.name, volume]) ?? []),
    [snapshot],
  );
  // Only what still exists stays selected.
  const selection = useMemo(() => [...selected].filter((name) => byName.has(name)), [selected, byName]);
  const detail = detailName === null ? null : (byName.get(detailName) ?? null);

  const toggle = useCallback((name: string, on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  }, []);

  const unreachable = engine?.status.state === 'unreachable';
  const stale = unreachable && snapshot !== undefined;

  const columns = useMemo<TableColumn<VolumeSummary, VolumeSortKey>[]>(
    () => [
      {
        id: 'select',
        label: '',
        width: '2rem',
        render: (volume) => (
          <Checkbox
            aria-label={`Select ${displayVolumeName(volume)}`}
            checked={selected.has(volume.name)}
            onClick={(event) => event.stopPropagation()}
            onChange={(event) => toggle(volume.name, event.currentTarget.checked)}
          />
        ),
      },
      {
        id: 'name',
        label: 'Name',
        width: 'minmax(12rem, 3fr)',
        sortKey: 'name',
        title: (volume) => volume.name,
        render: (volume) => (
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600} truncate>
              {displayVolumeName(volume)}
            </Text>
            {volume.anonymous && (
              <Badge size="xs" variant="light" color="gray">
                anonymous
              </Badge>
            )}
          </Group>
        ),
      },
      { id: 'driver', label: 'Driver', width: '6rem', sortKey: 'driver', render: (volume) => volume.driver },
      {
        id: 'users',
        label: 'Used by',
        width: 'minmax(10rem, 2fr)',
        sortKey: 'users',
        title: (volume) => formatUsers(volume.usedBy),
        render: (volume) =>
          volume.usedBy.length === 0 ? (
            <Text size="sm" c="dimmed">
              unused
            </Text>
          ) : (
            formatUsers(volume.usedBy)
          ),
      },
      {
        id: 'size',
        label: 'Size',
        width: '6rem',
        sortKey: 'size',
        render: (volume) =>
          state.sizesLoading && sizes === undefined ? '…' : formatVolumeSize(sizes?.[volume.name]),
      },
      {
        id: 'created',
        label: 'Created',
        width: '8rem',
        sortKey: 'created',
        title: (volume) =>
          volume.created !== undefined ? new Date(volume.created).toLocaleString() : undefined,
        render: (volume) => (volume.created !== undefined ? formatCreated(volume.created, now) : '—'),
      },
      {
        id: 'mountpoint',
        label: 'Mountpoint',
        width: 'minmax(10rem, 2fr)',
        title: (volume) => volume.mountpoint,
        render: (volume) => <span className={classes.mono}>{volume.mountpoint}</span>,
      },
      {
        id: 'labels',
        label: 'Labels',
        width: 'minmax(6rem, 1fr)',
        title: (volume) =>
          Object.entries(volume.labels)
            .map(([key, value]) => `${key}=${value}`)
            .join('\n'),
        render: (volume) => {
          const count = Object.keys(volume.labels).length;
          return count === 0 ? '' : `${count} label${count === 1 ? '' : 's'}`;
        },
      },
      {
        id: 'actions',
        label: <VisuallyHidden>Actions</VisuallyHidden>,
        width: '3rem',
        render: (volume) => (
          <div className={classes.actions}>
            <ActionIcon
              color="red"
              variant="subtle"
              aria-label={`Remove ${displayVolumeName(volume)}`}
              disabled={stale || state.pending.has(volume.name)}
              loading={state.pending.has(volume.name)}
              onClick={(event) => {
                event.stopPropagation();
                setRemoving([volume]);
              }}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </div>
        ),
      },
    ],
    [selected, toggle, sizes, state.sizesLoading, state.pending, now, stale],
  );

  const engineName = engine?.name ?? engineId;
  let body;
  if (snapshot !== undefined && snapshot.items.length > 0) {
    body =
      items.length > 0 ? (
        <VirtualTable
          items={items}
          columns={columns}
          getKey={(volume) => volume.name}
          sort={sort}
          onSortChange={setSort}
          label="Volumes"
          minWidth="62rem"
          stale={stale}
          onRowActivate={(volume) => setDetailName(volume.name)}
          rowData={(volume) => ({ name: volume.name, used: volume.usedBy.length > 0 ? 'true' : 'false' })}
          selectedKey={detailName ?? undefined}
          testId="volume-table"
          rowTestId="volume-row"
        />
      ) : (
        <Text className={classes.state} c="dimmed" data-testid="volumes-no-match">
          No volume matches.
        </Text>
      );
  } else if (snapshot !== undefined) {
    body = (
      <EmptyState
        className={classes.state}
        data-testid="volumes-empty"
        icon={<IconDatabase size={28} aria-hidden />}
        withIndicatorBackground
        title="No volumes on this engine yet"
        description="Volumes created here, with docker volume create or by containers, appear as soon as they exist."
      />
    );
  } else if (state.phase === 'failed' || unreachable) {
    body = (
      <EmptyState
        className={classes.state}
        data-testid="volumes-failed"
        icon={<IconDatabase size={28} aria-hidden />}
        withIndicatorBackground
        title="Could not load the volumes"
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
      <div className={classes.state} data-testid="volumes-loading" role="status">
        <Loader />
        <Text c="dimmed">Loading volumes…</Text>
      </div>
    );
  }

  return (
    <div className={classes.page}>
      <Group justify="space-between" align="baseline" className={classes.heading}>
        <Title order={2}>Volumes</Title>
        {snapshot !== undefined && (
          <Text size="sm" c="dimmed" data-testid="volumes-count">
            {snapshot.items.length === 1 ? '1 volume' : `${snapshot.items.length} volumes`} on {engineName}
          </Text>
        )}
      </Group>

      <Group gap="sm" className={classes.toolbar}>
        <TextInput
          className={classes.search}
          placeholder="Search volumes"
          aria-label="Search volumes"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <SegmentedControl
          aria-label="Show volumes"
          data={USAGE_OPTIONS}
          value={usage}
          onChange={(value) => {
            if (isUsageFilter(value)) setUsage(value);
          }}
        />
        <Tooltip label="Sizes come from docker system df, which can take a while on big hosts">
          <Button
            variant="default"
            leftSection={<IconRuler size={16} aria-hidden />}
            loading={state.sizesLoading}
            disabled={stale}
            onClick={() => void store.loadSizes()}
          >
            {sizes === undefined ? 'Show sizes' : 'Refresh sizes'}
          </Button>
        </Tooltip>
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          disabled={stale}
          onClick={() => setCreating(true)}
        >
          Create
        </Button>
        <Button
          color="red"
          variant="light"
          leftSection={<IconTrash size={16} aria-hidden />}
          disabled={stale || selection.length === 0}
          onClick={() =>
            setRemoving(
              selection.map((name) => byName.get(name)).filter((v): v is VolumeSummary => v !== undefined),
            )
          }
        >
          {selection.length > 0 ? `Remove ${selection.length}` : 'Remove'}
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

      {state.sizesError !== undefined && (
        <Alert color="yellow" title="Could not measure the sizes" className={classes.banner}>
          {state.sizesError.message}
        </Alert>
      )}
      {unreachable && engine !== undefined && (
        <Alert
          color="red"
          title={`Can’t reach ${engine.name}`}
          className={classes.banner}
          data-testid="engine-unreachable"
        >
          {engine.status.lastError ?? 'The daemon did not answer.'}
          {stale && ' Showing the last known list; actions are disabled until the engine answers.'}
        </Alert>
      )}

      {body}

      <CreateVolumeModal
        opened={creating}
        store={store}
        onClose={() => setCreating(false)}
        onCreated={(volume) => {
          setCreating(false);
          setDetailName(volume.name);
        }}
      />
      <RemoveVolumesModal
        volumes={removing}
        onCancel={() => setRemoving([])}
        onConfirm={(volumes) => {
          setRemoving([]);
          void store.removeVolumes(volumes.map((volume) => volume.name)).then((outcomes) => {
            const removed = new Set(
              outcomes.filter((outcome) => outcome.removed).map((outcome) => outcome.name),
            );
            setSelected((current) => new Set([...current].filter((name) => !removed.has(name))));
            if (detailName !== null && removed.has(detailName)) setDetailName(null);
          });
        }}
      />
      <PruneVolumesModal opened={pruning} store={store} onClose={() => setPruning(false)} />
      <VolumeDetails
        volume={detail}
        size={sizes?.[detail?.name ?? '']}
        store={store}
        transfers={state.transfers}
        onClose={() => setDetailName(null)}
        onRemove={(volume) => setRemoving([volume])}
      />
    </div>
  );
}
