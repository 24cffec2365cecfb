import { Alert, Button, EmptyState, Group, Loader, Text, Title } from '@mantine/core';
import { IconBox, IconPlugConnectedX } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';

import type { ContainerSummary, EngineId } from '../../../electron/common/bridge';
import { useNow } from '../../hooks/use-now';
import type { RemoveOptions } from '../../stores/containers';
import {
  useContainerActions,
  useContainers,
  useEngine,
  useEngineActions,
  useNavigation,
} from '../../stores/hooks';
import classes from './ContainersPage.module.css';
import { type ContainerSort, ContainerTable } from './ContainerTable';
import { ContainerDetails } from './details/ContainerDetails';
import { sortContainers } from './presentation';
import { RemoveContainerModal } from './RemoveContainerModal';

export interface ContainersPageProps {
  /** The engine whose containers are listed. @default 'local' */
  engineId?: EngineId;
}

/** Every container of one engine, live, with start, stop and remove. */
export function ContainersPage({ engineId = 'local' }: ContainersPageProps) {
  const engine = useEngine(engineId);
  const containers = useContainers(engineId);
  const { startContainer, stopContainer, removeContainer, refresh } = useContainerActions(engineId);
  const { reconnect } = useEngineActions();
  const now = useNow(30_000);
  const [sort, setSort] = useState<ContainerSort>({ key: 'name', direction: 'asc' });
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const { route } = useNavigation();

  const snapshot = containers.snapshot;
  const items = useMemo(
    () => (snapshot === undefined ? [] : sortContainers(snapshot.items, sort.key, sort.direction)),
    [snapshot, sort],
  );

  const onStart = useCallback(
    (container: ContainerSummary) => void startContainer(container.id),
    [startContainer],
  );
  const onStop = useCallback(
    (container: ContainerSummary) => void stopContainer(container.id),
    [stopContainer],
  );
  const onRemove = useCallback((container: ContainerSummary) => setRemoving(container), []);
  const onConfirmRemove = useCallback(
    (container: ContainerSummary, options: RemoveOptions) => {
      setRemoving(null);
      void removeContainer(container.id, options);
    },
    [removeContainer],
  );

  const engineName = engine?.name ?? engineId;
  const unreachable = engine?.status.state === 'unreachable';
  const stale = unreachable && snapshot !== undefined;

  let body;
  if (snapshot !== undefined && items.length > 0) {
    body = (
      <ContainerTable
        items={items}
        pending={containers.pending}
        sort={sort}
        onSortChange={setSort}
        stale={stale}
        now={now}
        onStart={onStart}
        onStop={onStop}
        onRemove={onRemove}
      />
    );
  } else if (snapshot !== undefined) {
    body = (
      <EmptyState
        className={classes.state}
        data-testid="containers-empty"
        icon={<IconBox size={28} aria-hidden />}
        withIndicatorBackground
        title="No containers on this engine yet"
        description={`Containers created on ${engineName} (with docker run, compose or any other tool) appear here as soon as they exist.`}
      />
    );
  } else if (containers.phase === 'failed' && !unreachable) {
    body = (
      <EmptyState
        className={classes.state}
        data-testid="containers-failed"
        icon={<IconPlugConnectedX size={28} aria-hidden />}
        withIndicatorBackground
        title="Could not load the containers"
        description={containers.error?.message}
      >
        <EmptyState.Actions>
          <Button variant="light" onClick={() => void refresh()}>
            Try again
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  } else if (unreachable) {
    body = (
      <EmptyState
        className={classes.state}
        data-testid="containers-unavailable"
        icon={<IconPlugConnectedX size={28} aria-hidden />}
        withIndicatorBackground
        title="No list yet"
        description={`Berth has not been able to list the containers of ${engineName}. The list appears when the engine answers.`}
      />
    );
  } else {
    body = (
      <div className={classes.state} data-testid="containers-loading" role="status">
        <Loader />
        <Text c="dimmed">Loading containers…</Text>
      </div>
    );
  }

  const detail = route.detail;
  if (detail?.kind === 'container') {
    return (
      <ContainerDetails
        key={`${detail.engineId}/${detail.id}`}
        engineId={detail.engineId}
        id={detail.id}
        tab={detail.tab}
      />
    );
  }

  return (
    <div className={classes.page}>
      <Group justify="space-between" align="baseline" className={classes.heading}>
        <Title order={2}>Containers</Title>
        {snapshot !== undefined && (
          <Text size="sm" c="dimmed" data-testid="containers-count">
            {snapshot.items.length === 1 ? '1 container' : `${snapshot.items.length} containers`} on{' '}
            {engineName}
          </Text>
        )}
      </Group>

      {unreachable && engine !== undefined && (
        <Alert
          color="red"
          icon={<IconPlugConnectedX size={20} aria-hidden />}
          title={`Can’t reach ${engine.name}`}
          data-testid="engine-unreachable"
          className={classes.banner}
        >
          <Text size="sm" data-testid="engine-unreachable-reason">
            {engine.status.lastError ?? 'The daemon did not answer.'}
          </Text>
          {stale && (
            <Text size="sm" fw={600} data-testid="containers-stale">
              Showing the last known list. It may be out of date, and actions are disabled until the engine
              answers.
            </Text>
          )}
          <Button mt="xs" size="xs" variant="light" color="red" onClick={() => void reconnect(engine.id)}>
            Reconnect now
          </Button>
        </Alert>
      )}

      {!unreachable && snapshot !== undefined && containers.error !== undefined && (
        <Alert color="yellow" title="Could not refresh the list" className={classes.banner}>
          <Text size="sm">{containers.error.message}</Text>
          <Button mt="xs" size="xs" variant="light" color="yellow" onClick={() => void refresh()}>
            Try again
          </Button>
        </Alert>
      )}

      {body}

      <RemoveContainerModal
        container={removing}
        onCancel={() => setRemoving(null)}
        onConfirm={onConfirmRemove}
      />
    </div>
  );
}
