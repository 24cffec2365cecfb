import { ActionIcon, Badge, Progress, Tooltip } from '@mantine/core';
import { IconPlayerStop, IconX } from '@tabler/icons-react';
import { type RefObject } from 'react';

import type { OperationSummary } from '../../../electron/common/bridge';
import classes from './OperationProgress.module.css';
import { itemAmount, lineKind, operationStateColor, operationStateLabel } from './presentation';

/** Title, host, state, and Cancel (running) or Dismiss (finished). */
export function OperationHeader({
  summary,
  host,
  onCancel,
  onDismiss,
}: {
  summary: OperationSummary;
  host: string | undefined;
  onCancel: ((id: string) => void) | undefined;
  onDismiss: ((id: string) => void) | undefined;
}) {
  const running = summary.state === 'running';
  return (
    <div className={classes.header}>
      <span className={classes.title} title={summary.title}>
        {summary.title}
      </span>
      {host !== undefined && (
        <Badge variant="light" color="gray" data-testid="operation-host">
          {host}
        </Badge>
      )}
      <Badge color={operationStateColor(summary.state)} data-testid="operation-state">
        {operationStateLabel(summary.state)}
      </Badge>
      {running && onCancel !== undefined && (
        <Tooltip label="Cancel">
          <ActionIcon color="red" aria-label={`Cancel ${summary.title}`} onClick={() => onCancel(summary.id)}>
            <IconPlayerStop size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
      {!running && onDismiss !== undefined && (
        <Tooltip label="Dismiss">
          <ActionIcon aria-label={`Dismiss ${summary.title}`} onClick={() => onDismiss(summary.id)}>
            <IconX size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
    </div>
  );
}

/** The per-item rows: layers of a pull or push, each with its status and progress. */
export function OperationItems({ items }: { items: OperationSummary['progress']['items'] }) {
  return (
    <div className={classes.items} role="list" aria-label="Layers">
      {items.map((item) => (
        <div
          key={item.id}
          role="listitem"
          style={{ display: 'contents' }}
          data-testid="operation-item"
          data-done={item.done || undefined}
        >
          <span>{item.id.slice(0, 12)}</span>
          <span className={classes.itemStatus} title={item.status}>
            {item.status} {itemAmount(item)}
          </span>
          <Progress
            size="sm"
            value={
              item.done
                ? 100
                : item.total !== undefined && item.current !== undefined
                  ? (item.current / item.total) * 100
                  : 0
            }
            aria-label={`${item.id.slice(0, 12)} progress`}
          />
        </div>
      ))}
    </div>
  );
}

/** The output lines as a terminal, build steps and errors marked. */
export function OperationOutput({
  outputRef,
  lines,
  droppedLines,
  tall,
}: {
  outputRef: RefObject<HTMLPreElement | null>;
  lines: readonly string[];
  droppedLines: number;
  tall: boolean;
}) {
  return (
    <pre
      ref={outputRef}
      className={classes.output}
      data-tall={tall || undefined}
      data-testid="operation-output"
      aria-label="Output"
      tabIndex={0}
    >
      {droppedLines > 0 && <div>… {droppedLines} earlier lines not shown</div>}
      {lines.map((line, index) => {
        const kind = lineKind(line);
        return (
          <div
            key={index}
            className={kind === 'step' ? classes.stepLine : kind === 'error' ? classes.errorLine : undefined}
          >
            {line === '' ? ' ' : line}
          </div>
        );
      })}
    </pre>
  );
}
