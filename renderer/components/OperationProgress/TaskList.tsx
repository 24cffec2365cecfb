import { Button, Group, Text } from '@mantine/core';
import { useMemo } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import { useOperationActions, useOperations } from '../../stores/hooks';
import { OperationProgress } from './OperationProgress';
import classes from './OperationProgress.module.css';

interface TaskListProps {
  /** Only operations of these kinds (e.g. `image.pull`); all when absent. */
  kinds?: readonly string[];
  /** Shown when there is nothing to list. @default 'No tasks yet.' */
  emptyText?: string;
  /** At most this many, newest first. @default 20 */
  limit?: number;
  /** A task's host name; shown on each task when `showHost` or when the tasks listed belong to several hosts. */
  hostName?: (engineId: EngineId) => string;
  /** Name the host on every task (e.g. under "All hosts"). @default false */
  showHost?: boolean;
}

/**
 * The task list: running and finished long-running operations with their outcome, each cancellable while it runs
 * and dismissible once it ended.
 */
export function TaskList({
  kinds,
  emptyText = 'No tasks yet.',
  limit = 20,
  hostName,
  showHost = false,
}: TaskListProps) {
  const { operations } = useOperations();
  const { cancel, dismiss, clearFinished } = useOperationActions();
  const shown = useMemo(
    () =>
      operations.filter((entry) => kinds === undefined || kinds.includes(entry.summary.kind)).slice(0, limit),
    [operations, kinds, limit],
  );
  const anyFinished = shown.some((entry) => entry.summary.state !== 'running');
  const withHost = showHost || new Set(shown.map((entry) => entry.summary.engineId)).size > 1;

  return (
    <div className={classes.list} data-testid="task-list">
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      ) : (
        shown.map((entry) => (
          <OperationProgress
            key={entry.summary.id}
            entry={entry}
            host={withHost ? hostName?.(entry.summary.engineId) : undefined}
            onCancel={(id) => void cancel(id)}
            onDismiss={dismiss}
            showOutput={entry.summary.kind === 'image.build' ? true : false}
          />
        ))
      )}
      {anyFinished && (
        <Group justify="flex-end">
          <Button size="xs" variant="subtle" onClick={() => clearFinished(kinds)}>
            Clear finished
          </Button>
        </Group>
      )}
    </div>
  );
}
