import { Alert, Button, EmptyState, Group, Loader, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

import type { EngineId, EngineInfo } from '../../../electron/common/bridge';
import type { PerEngine } from '../../lib/merge';
import type { TableColumn } from '../VirtualTable/VirtualTable';
import classes from './ResourcePage.module.css';

export { classes as resourcePageClasses };

export interface ResourcePageProps {
  title: string;
  /** `3 volumes on local`; absent while nothing is listed. */
  count: string | undefined;
  countTestId: string;
  toolbar: ReactNode;
  /** Listed hosts that do not answer. */
  down: readonly EngineInfo[];
  hostName: (engineId: EngineId) => string;
  /** Said under the unreachable banner when the rows shown are the last known ones. */
  staleNote?: string;
  /** Extra alerts under the toolbar. */
  banners?: ReactNode;
  children: ReactNode;
}

/** The frame of a resource list page: heading with the count, toolbar, alerts (hosts that do not answer), body. */
export function ResourcePage({
  title,
  count,
  countTestId,
  toolbar,
  down,
  hostName,
  staleNote,
  banners,
  children,
}: ResourcePageProps) {
  const [only] = down;
  return (
    <div className={classes.page}>
      <Group justify="space-between" align="baseline" className={classes.heading}>
        <Title order={2}>{title}</Title>
        {count !== undefined && (
          <Text size="sm" c="dimmed" data-testid={countTestId}>
            {count}
          </Text>
        )}
      </Group>
      <Group gap="sm" className={classes.toolbar}>
        {toolbar}
      </Group>
      {banners}
      {only !== undefined && (
        <Alert
          color="red"
          title={down.length === 1 ? `Can’t reach ${hostName(only.id)}` : 'Some hosts do not answer'}
          className={classes.banner}
          data-testid="engine-unreachable"
        >
          {down.length === 1 ? (
            (only.status.lastError ?? 'The daemon did not answer.')
          ) : (
            <>
              {down.map((engine) => (
                <Text size="sm" key={engine.id}>
                  {hostName(engine.id)}: {engine.status.lastError ?? 'unreachable'}
                </Text>
              ))}
            </>
          )}
          {staleNote !== undefined && ` ${staleNote}`}
        </Alert>
      )}
      {children}
    </div>
  );
}

export interface ResourceBodyProps {
  phase: 'loading' | 'ready' | 'failed';
  /** How many items the hosts have, and how many pass the filters. */
  total: number;
  shown: number;
  table: ReactNode;
  /** Shown when the hosts have no item at all. */
  empty: ReactNode;
  /** Shown when no item passes the filters. */
  noMatch: ReactNode;
  /** e.g. `volumes`: "Could not load the volumes", "Loading volumes…", test ids `volumes-failed`… */
  noun: string;
  icon: ReactNode;
  error: string | undefined;
  onRetry: () => void;
}

/** The list, or why there is none: loading, could not load (with a retry), nothing there, nothing matches. */
export function ResourceBody({
  phase,
  total,
  shown,
  table,
  empty,
  noMatch,
  noun,
  icon,
  error,
  onRetry,
}: ResourceBodyProps) {
  if (phase === 'ready') return total === 0 ? empty : shown === 0 ? noMatch : table;
  if (phase === 'failed') {
    return (
      <EmptyState
        className={classes.state}
        data-testid={`${noun}-failed`}
        icon={icon}
        withIndicatorBackground
        title={`Could not load the ${noun}`}
        description={error}
      >
        <EmptyState.Actions>
          <Button variant="light" onClick={onRetry}>
            Try again
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  return (
    <div className={classes.state} data-testid={`${noun}-loading`} role="status">
      <Loader />
      <Text c="dimmed">Loading {noun}…</Text>
    </div>
  );
}

/** The Host column of a merged list ("All hosts"), sortable by host name. */
export function hostColumn<T extends PerEngine, K extends string>(
  hostName: (engineId: EngineId) => string,
  sortKey: K,
): TableColumn<T, K> {
  return {
    id: 'host',
    label: 'Host',
    width: 'minmax(6rem, 1fr)',
    sortKey,
    title: (item) => hostName(item.engineId),
    render: (item) => hostName(item.engineId),
  };
}
