import { Alert, Progress, Text } from '@mantine/core';
import { memo, useEffect, useRef } from 'react';

import type { OperationEntry } from '../../stores/operations';
import { OperationHeader, OperationItems, OperationOutput } from './OperationParts';
import classes from './OperationProgress.module.css';
import { operationStateColor, percent } from './presentation';

interface OperationProgressProps {
  entry: OperationEntry;
  /** Asks main to stop it (running operations only). */
  onCancel?: (id: string) => void;
  /** Hides it from the list (finished operations only). */
  onDismiss?: (id: string) => void;
  /** Show the per-item rows (layers, steps). @default true */
  showItems?: boolean;
  /** Show the output lines as a terminal (builds). @default true when there are lines */
  showOutput?: boolean;
  /** A taller terminal, for a dialog that is about this one operation. @default false */
  tall?: boolean;
  /** The host it runs on, when the list holds tasks of several hosts. */
  host?: string | undefined;
}

/**
 * One long-running operation: title, state, overall progress, per-item progress (layers of a pull or push, steps
 * of a build), its output as a terminal that follows the end, the error when it failed, and Cancel. Everything
 * Docker said is rendered as text.
 */
export const OperationProgress = memo(function OperationProgress({
  entry,
  onCancel,
  onDismiss,
  showItems = true,
  showOutput,
  tall = false,
  host,
}: OperationProgressProps) {
  const { summary, lines, droppedLines } = entry;
  const running = summary.state === 'running';
  const value = percent(
    running ? summary.progress.fraction : summary.state === 'succeeded' ? 1 : summary.progress.fraction,
  );
  const outputRef = useRef<HTMLPreElement>(null);
  const withOutput = showOutput ?? lines.length > 0;

  // Follow the end of the output, like a terminal, unless the user scrolled up to read.
  useEffect(() => {
    const element = outputRef.current;
    if (element === null) return;
    const nearEnd = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
    if (nearEnd || running) element.scrollTop = element.scrollHeight;
  }, [lines, running]);

  return (
    <section
      className={classes.root}
      aria-label={summary.title}
      data-testid="operation"
      data-operation-id={summary.id}
      data-kind={summary.kind}
      data-state={summary.state}
    >
      <OperationHeader summary={summary} host={host} onCancel={onCancel} onDismiss={onDismiss} />
      {(running || summary.state === 'succeeded') && (
        <Progress
          value={value ?? 100}
          animated={running && value === undefined}
          striped={running && value === undefined}
          color={operationStateColor(summary.state)}
          aria-label={`${summary.title} progress`}
          data-testid="operation-progress"
          data-value={value}
        />
      )}
      {summary.progress.text !== undefined && summary.state !== 'failed' && (
        <div className={classes.text} title={summary.progress.text}>
          {summary.progress.text}
        </div>
      )}
      {summary.state === 'failed' && summary.error !== undefined && (
        <Alert color="red" data-testid="operation-error" data-error-code={summary.error.code}>
          <Text size="sm">{summary.error.message}</Text>
        </Alert>
      )}
      {showItems && summary.progress.items.length > 0 && summary.kind !== 'image.build' && (
        <OperationItems items={summary.progress.items} />
      )}
      {withOutput && (
        <OperationOutput outputRef={outputRef} lines={lines} droppedLines={droppedLines} tall={tall} />
      )}
    </section>
  );
});
