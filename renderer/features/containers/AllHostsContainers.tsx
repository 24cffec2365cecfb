import {
  ActionIcon,
  Alert,
  Badge,
  EmptyState,
  Group,
  Loader,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconBox, IconPlayerPlay, IconPlayerStop, IconPlugConnectedX, IconTrash } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo, useRef, useState } from 'react';

import type { ContainerSummary, EngineId } from '../../../electron/common/bridge';
import { useEngineStores, useSelectedEngines } from '../../hooks/use-hosts';
import { itemKey, mergeItems } from '../../lib/merge';
import type { PendingAction, RemoveOptions } from '../../stores/containers';
import { useNavigation } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import classes from './AllHostsContainers.module.css';
import { canStart, canStop, shortImageName, stateColor } from './presentation';
import { RemoveContainerModal } from './RemoveContainerModal';

const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 36;

interface RowProps {
  container: ContainerSummary;
  host: string;
  pending: PendingAction | undefined;
  stale: boolean;
  offset: number;
  onStart: (container: ContainerSummary) => void;
  onStop: (container: ContainerSummary) => void;
  onRemove: (container: ContainerSummary) => void;
  onOpen: (container: ContainerSummary) => void;
}

const Row = memo(function Row({
  container,
  host,
  pending,
  stale,
  offset,
  onStart,
  onStop,
  onRemove,
  onOpen,
}: RowProps) {
  const busy = pending !== undefined || stale;
  return (
    <div
      role="row"
      className={classes.row}
      data-testid="container-row"
      data-engine-id={container.engineId}
      data-container-id={container.id}
      data-state={container.state}
      data-pending={pending}
      data-stale={stale || undefined}
      style={{ transform: `translateY(${offset}px)` }}
    >
      <div role="cell" className={classes.cell} data-column="host" title={host}>
        {host}
      </div>
      <div role="cell" className={classes.cell} data-column="name" title={container.name}>
        <UnstyledButton onClick={() => onOpen(container)}>{container.name}</UnstyledButton>
      </div>
      <div role="cell" className={classes.cell} data-column="image" title={container.image}>
        {shortImageName(container.image)}
      </div>
      <div role="cell" className={classes.cell} data-column="state">
        <Badge color={stateColor(container.state)}>{container.state}</Badge>
      </div>
      <div role="cell" className={classes.cell} data-column="status" title={container.status}>
        {container.status}
      </div>
      <div role="cell" className={classes.actions} data-column="actions">
        <ActionIcon
          aria-label={`Start ${container.name} on ${host}`}
          color="green"
          disabled={busy || !canStart(container.state)}
          loading={pending === 'starting'}
          onClick={() => onStart(container)}
        >
          <IconPlayerPlay size={18} aria-hidden />
        </ActionIcon>
        <ActionIcon
          aria-label={`Stop ${container.name} on ${host}`}
          color="orange"
          disabled={busy || !canStop(container.state)}
          loading={pending === 'stopping'}
          onClick={() => onStop(container)}
        >
          <IconPlayerStop size={18} aria-hidden />
        </ActionIcon>
        <ActionIcon
          aria-label={`Remove ${container.name} on ${host}`}
          color="red"
          disabled={busy}
          loading={pending === 'removing'}
          onClick={() => onRemove(container)}
        >
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      </div>
    </div>
  );
});

/**
 * The "All hosts" containers list: every connected host's containers in one virtualised table with a Host
 * column; each action goes to the store (and so the engine) the container belongs to. Built from the reusable
 * pieces every list can use: `useSelectedEngines`, `useEngineStores` and `mergeItems`.
 */
export function AllHostsContainers() {
  const stores = useStores();
  const { engineIds, engines, hostName } = useSelectedEngines();
  const states = useEngineStores(engineIds, stores.containers);
  const { navigate } = useNavigation();
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const viewportRef = useRef<HTMLDivElement>(null);

  const items = useMemo(
    () =>
      mergeItems(states, (state) => state.snapshot?.items).sort(
        (a, b) =>
          hostName(a.engineId).localeCompare(hostName(b.engineId)) ||
          a.name.localeCompare(b.name, undefined, { numeric: true }),
      ),
    [states, hostName],
  );
  const pending = useMemo(() => {
    const merged = new Map<string, PendingAction>();
    for (const state of states) {
      for (const [id, action] of state.pending) merged.set(itemKey({ engineId: state.engineId, id }), action);
    }
    return merged;
  }, [states]);
  const down = engines.filter(
    (engine) => engine.status.state !== 'connected' && engine.status.state !== 'connecting',
  );
  const stale = new Set<EngineId>(down.map((engine) => engine.id));
  const loading =
    states.some((state) => state.snapshot === undefined && state.phase !== 'failed') && items.length === 0;

  const storeOf = useCallback(
    (container: ContainerSummary) => stores.containers(container.engineId),
    [stores],
  );
  const onStart = useCallback(
    (container: ContainerSummary) => void storeOf(container).startContainer(container.id),
    [storeOf],
  );
  const onStop = useCallback(
    (container: ContainerSummary) => void storeOf(container).stopContainer(container.id),
    [storeOf],
  );
  const onOpen = useCallback(
    (container: ContainerSummary) =>
      navigate({
        page: 'containers',
        detail: { kind: 'container', engineId: container.engineId, id: container.id },
      }),
    [navigate],
  );
  const onConfirmRemove = (container: ContainerSummary, options: RemoveOptions) => {
    setRemoving(null);
    void storeOf(container).removeContainer(container.id, options);
  };

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? index : itemKey(item);
    },
  });

  return (
    <div className={classes.page} data-testid="all-hosts-containers">
      <Group justify="space-between" align="baseline" className={classes.heading}>
        <Title order={2}>Containers</Title>
        <Text size="sm" c="dimmed" data-testid="containers-count">
          {items.length === 1 ? '1 container' : `${items.length} containers`} on{' '}
          {engineIds.length === 1 ? '1 host' : `${engineIds.length} hosts`}
        </Text>
      </Group>
      {down.length > 0 && (
        <Alert
          color="red"
          icon={<IconPlugConnectedX size={20} aria-hidden />}
          className={classes.banner}
          title="Some hosts do not answer"
        >
          {down.map((engine) => (
            <Text size="sm" key={engine.id}>
              {hostName(engine.id)}: {engine.status.lastError ?? 'unreachable'}
            </Text>
          ))}
        </Alert>
      )}
      {loading ? (
        <div className={classes.state} role="status">
          <Loader />
          <Text c="dimmed">Loading containers…</Text>
        </div>
      ) : items.length === 0 ? (
        <EmptyState
          className={classes.state}
          icon={<IconBox size={28} aria-hidden />}
          withIndicatorBackground
          title="No containers on any host"
          description="Containers of every connected host appear here, with the host they run on."
        />
      ) : (
        <div
          ref={viewportRef}
          className={classes.viewport}
          role="table"
          aria-label="Containers on all hosts"
          aria-rowcount={items.length + 1}
        >
          <div role="rowgroup" className={classes.header}>
            <div role="row" className={classes.headerRow}>
              {['Host', 'Name', 'Image', 'State', 'Status', 'Actions'].map((label) => (
                <div role="columnheader" key={label}>
                  {label}
                </div>
              ))}
            </div>
          </div>
          <div role="rowgroup" className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((virtualRow) => {
              const container = items[virtualRow.index];
              if (container === undefined) return null;
              return (
                <Row
                  key={virtualRow.key}
                  container={container}
                  host={hostName(container.engineId)}
                  pending={pending.get(itemKey(container))}
                  stale={stale.has(container.engineId)}
                  offset={virtualRow.start - HEADER_HEIGHT}
                  onStart={onStart}
                  onStop={onStop}
                  onRemove={setRemoving}
                  onOpen={onOpen}
                />
              );
            })}
          </div>
        </div>
      )}
      <RemoveContainerModal
        container={removing}
        onCancel={() => setRemoving(null)}
        onConfirm={onConfirmRemove}
      />
    </div>
  );
}
