import { ActionIcon, Badge, UnstyledButton } from '@mantine/core';
import {
  IconChevronDown,
  IconChevronUp,
  IconPlayerPlay,
  IconPlayerStop,
  IconTrash,
} from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';

import type { ContainerSummary } from '../../../electron/common/bridge';
import type { PendingAction } from '../../stores/containers';
import classes from './ContainerTable.module.css';
import {
  canStart,
  canStop,
  type ContainerSortKey,
  formatCreated,
  formatPorts,
  shortImageName,
  type SortDirection,
  stateColor,
} from './presentation';

/** Fixed row height: the virtualiser positions rows without measuring them. */
export const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 36;

export interface ContainerSort {
  key: ContainerSortKey;
  direction: SortDirection;
}

export interface ContainerTableProps {
  /** Rows in display order (already sorted). */
  items: readonly ContainerSummary[];
  /** Actions in flight, by container id. */
  pending: ReadonlyMap<string, PendingAction>;
  /** Current sort, shown in the header and announced via `aria-sort`. */
  sort: ContainerSort;
  onSortChange: (sort: ContainerSort) => void;
  /** The list may be out of date (engine unreachable): rows are dimmed and actions disabled. */
  stale: boolean;
  /** Epoch ms used for the "Created" column. */
  now: number;
  onStart: (container: ContainerSummary) => void;
  onStop: (container: ContainerSummary) => void;
  onRemove: (container: ContainerSummary) => void;
}

const COLUMNS: ReadonlyArray<{ label: string; sortKey?: ContainerSortKey }> = [
  { label: 'Name', sortKey: 'name' },
  { label: 'Image', sortKey: 'image' },
  { label: 'State', sortKey: 'state' },
  { label: 'Status', sortKey: 'status' },
  { label: 'Ports' },
  { label: 'Created', sortKey: 'created' },
  { label: 'Actions' },
];

function SortHeader({
  label,
  sortKey,
  sort,
  onSortChange,
}: {
  label: string;
  sortKey: ContainerSortKey | undefined;
  sort: ContainerSort;
  onSortChange: (sort: ContainerSort) => void;
}) {
  if (sortKey === undefined) {
    return (
      <div role="columnheader" className={classes.headerCell}>
        {label}
      </div>
    );
  }
  const active = sort.key === sortKey;
  const nextDirection: SortDirection = active && sort.direction === 'asc' ? 'desc' : 'asc';
  return (
    <div
      role="columnheader"
      className={classes.headerCell}
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton
        className={classes.sortButton}
        data-active={active || undefined}
        onClick={() => onSortChange({ key: sortKey, direction: nextDirection })}
      >
        {label}
        {active &&
          (sort.direction === 'asc' ? (
            <IconChevronUp size={14} aria-hidden />
          ) : (
            <IconChevronDown size={14} aria-hidden />
          ))}
      </UnstyledButton>
    </div>
  );
}

interface ContainerRowProps {
  container: ContainerSummary;
  pending: PendingAction | undefined;
  stale: boolean;
  now: number;
  offset: number;
  rowIndex: number;
  onStart: (container: ContainerSummary) => void;
  onStop: (container: ContainerSummary) => void;
  onRemove: (container: ContainerSummary) => void;
}

/** One container; memoised so an update to one container re-renders one row. */
const ContainerRow = memo(function ContainerRow({
  container,
  pending,
  stale,
  now,
  offset,
  rowIndex,
  onStart,
  onStop,
  onRemove,
}: ContainerRowProps) {
  const busy = pending !== undefined || stale;
  const ports = formatPorts(container.ports);
  const image = shortImageName(container.image);
  return (
    <div
      role="row"
      className={classes.row}
      aria-rowindex={rowIndex}
      data-testid="container-row"
      data-container-id={container.id}
      data-state={container.state}
      data-pending={pending}
      // Positioning, not theming: the virtualiser decides where each row sits.
      style={{ transform: `translateY(${offset}px)` }}
    >
      <div role="cell" className={classes.cell} data-column="name" title={container.name}>
        {container.name}
      </div>
      <div role="cell" className={classes.cell} data-column="image" title={container.image}>
        {image}
      </div>
      <div role="cell" className={classes.cell} data-column="state">
        <Badge color={stateColor(container.state)}>{container.state}</Badge>
      </div>
      <div role="cell" className={classes.cell} data-column="status" title={container.status}>
        {container.status}
      </div>
      <div role="cell" className={classes.cell} data-column="ports" title={ports}>
        {ports === '' ? '—' : ports}
      </div>
      <div
        role="cell"
        className={classes.cell}
        data-column="created"
        title={new Date(container.created).toLocaleString()}
      >
        {formatCreated(container.created, now)}
      </div>
      <div role="cell" className={classes.actions} data-column="actions">
        <ActionIcon
          aria-label={`Start ${container.name}`}
          color="green"
          disabled={busy || !canStart(container.state)}
          loading={pending === 'starting'}
          onClick={() => onStart(container)}
        >
          <IconPlayerPlay size={18} aria-hidden />
        </ActionIcon>
        <ActionIcon
          aria-label={`Stop ${container.name}`}
          color="orange"
          disabled={busy || !canStop(container.state)}
          loading={pending === 'stopping'}
          onClick={() => onStop(container)}
        >
          <IconPlayerStop size={18} aria-hidden />
        </ActionIcon>
        <ActionIcon
          aria-label={`Remove ${container.name}`}
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
 * The containers list as an ARIA table whose rows are virtualised: only the rows in view (plus a small
 * overscan) are in the DOM, so thousands of containers cost what a screenful does.
 */
export function ContainerTable({
  items,
  pending,
  sort,
  onSortChange,
  stale,
  now,
  onStart,
  onStop,
  onRemove,
}: ContainerTableProps) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    getItemKey: (index) => items[index]?.id ?? index,
  });

  return (
    <div
      ref={viewportRef}
      className={classes.viewport}
      role="table"
      aria-label="Containers"
      aria-rowcount={items.length + 1}
      data-stale={stale || undefined}
      data-testid="container-table"
    >
      <div role="rowgroup" className={classes.header}>
        <div role="row" className={classes.headerRow} aria-rowindex={1}>
          {COLUMNS.map((column) => (
            <SortHeader
              key={column.label}
              label={column.label}
              sortKey={column.sortKey}
              sort={sort}
              onSortChange={onSortChange}
            />
          ))}
        </div>
      </div>
      <div
        role="rowgroup"
        className={classes.body}
        // Sizing, not theming: the scrollbar must reflect every row, mounted or not.
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((virtualRow) => {
          const container = items[virtualRow.index];
          if (container === undefined) return null;
          return (
            <ContainerRow
              key={virtualRow.key}
              container={container}
              pending={pending.get(container.id)}
              stale={stale}
              now={now}
              offset={virtualRow.start - HEADER_HEIGHT}
              rowIndex={virtualRow.index + 2}
              onStart={onStart}
              onStop={onStop}
              onRemove={onRemove}
            />
          );
        })}
      </div>
    </div>
  );
}
