import { ActionIcon, Badge, Checkbox, Tooltip, UnstyledButton } from '@mantine/core';
import {
  IconChevronDown,
  IconChevronUp,
  IconCloudUpload,
  IconPlayerPlay,
  IconTag,
  IconTrash,
} from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, memo, type MouseEvent, useRef } from 'react';

import { formatBytes } from '../../components/OperationProgress/presentation';
import { formatCreated } from '../containers/presentation';
import classes from './ImageTable.module.css';
import { type ImageRow, type ImageSortKey, shortId, type SortDirection } from './presentation';

/** Fixed row height: the virtualiser positions rows without measuring them. */
export const IMAGE_ROW_HEIGHT = 44;
const HEADER_HEIGHT = 36;

export interface ImageSort {
  key: ImageSortKey;
  direction: SortDirection;
}

/** What a row can ask for. */
export interface ImageRowActions {
  onOpen: (row: ImageRow) => void;
  onRun: (row: ImageRow) => void;
  onPush: (row: ImageRow) => void;
  onTag: (row: ImageRow) => void;
  onRemove: (row: ImageRow) => void;
}

export interface ImageTableProps extends ImageRowActions {
  /** Rows in display order (already filtered and sorted). */
  rows: readonly ImageRow[];
  sort: ImageSort;
  onSortChange: (sort: ImageSort) => void;
  /** Row keys that are selected. */
  selected: ReadonlySet<string>;
  onToggle: (row: ImageRow) => void;
  /** Selects every shown row, or none when all are. */
  onToggleAll: () => void;
  /** Image ids with an action in flight. */
  pending: ReadonlySet<string>;
  /** The list may be out of date (engine unreachable): actions are disabled. */
  stale: boolean;
  now: number;
}

const COLUMNS: ReadonlyArray<{ label: string; sortKey?: ImageSortKey }> = [
  { label: 'Repository', sortKey: 'repository' },
  { label: 'Tag', sortKey: 'tag' },
  { label: 'Image ID' },
  { label: 'Size', sortKey: 'size' },
  { label: 'Created', sortKey: 'created' },
  { label: 'Containers', sortKey: 'containers' },
  { label: 'Actions' },
];

function SortHeader({
  label,
  sortKey,
  sort,
  onSortChange,
}: {
  label: string;
  sortKey: ImageSortKey | undefined;
  sort: ImageSort;
  onSortChange: (sort: ImageSort) => void;
}) {
  if (sortKey === undefined) {
    return (
      <div role="columnheader" className={classes.headerCell}>
        {label}
      </div>
    );
  }
  const active = sort.key === sortKey;
  const next: SortDirection = active && sort.direction === 'asc' ? 'desc' : 'asc';
  return (
    <div
      role="columnheader"
      className={classes.headerCell}
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton
        className={classes.sortButton}
        data-active={active || undefined}
        onClick={() => onSortChange({ key: sortKey, direction: next })}
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

interface ImageRowViewProps extends ImageRowActions {
  row: ImageRow;
  selected: boolean;
  pending: boolean;
  stale: boolean;
  now: number;
  offset: number;
  rowIndex: number;
  onToggle: (row: ImageRow) => void;
}

/** Clicks on the row's controls must not also open the details. */
function stop(event: MouseEvent | KeyboardEvent): void {
  event.stopPropagation();
}

const ImageRowView = memo(function ImageRowView({
  row,
  selected,
  pending,
  stale,
  now,
  offset,
  rowIndex,
  onToggle,
  onOpen,
  onRun,
  onPush,
  onTag,
  onRemove,
}: ImageRowViewProps) {
  const busy = pending || stale;
  const named = row.image.repoTags.length > 0;
  const label = named ? row.ref : `image ${row.ref}`;
  return (
    <div
      role="row"
      className={classes.row}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-testid="image-row"
      data-image-id={row.image.id}
      data-ref={row.ref}
      data-selected={selected || undefined}
      data-pending={pending || undefined}
      tabIndex={0}
      onClick={() => onOpen(row)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target === event.currentTarget) onOpen(row);
      }}
      // Positioning, not theming: the virtualiser decides where each row sits.
      style={{ transform: `translateY(${offset}px)` }}
    >
      <div role="cell" onClick={stop}>
        <Checkbox
          size="xs"
          aria-label={`Select ${label}`}
          checked={selected}
          onChange={() => onToggle(row)}
        />
      </div>
      <div role="cell" className={classes.cell} data-column="repository" title={row.repository}>
        <span className={row.repository === '<none>' ? classes.none : undefined}>{row.repository}</span>
      </div>
      <div role="cell" className={classes.cell} data-column="tag" title={row.tag}>
        <span className={row.tag === '<none>' ? classes.none : undefined}>{row.tag}</span>
      </div>
      <div role="cell" className={classes.cell} data-column="id" title={row.image.id}>
        {shortId(row.image.id)}
      </div>
      <div role="cell" className={classes.cell} data-column="size">
        {formatBytes(row.image.size)}
      </div>
      <div
        role="cell"
        className={classes.cell}
        data-column="created"
        title={new Date(row.image.created).toLocaleString()}
      >
        {formatCreated(row.image.created, now)}
      </div>
      <div role="cell" className={classes.cell} data-column="containers">
        {row.image.containers > 0 ? (
          <Badge color="green" title={`Used by ${row.image.containers} container(s)`}>
            {row.image.containers}
          </Badge>
        ) : row.image.dangling ? (
          <Badge color="gray">dangling</Badge>
        ) : (
          '—'
        )}
      </div>
      <div role="cell" className={classes.actions} data-column="actions" onClick={stop} onKeyDown={stop}>
        <Tooltip label="Run">
          <ActionIcon aria-label={`Run ${label}`} color="green" disabled={stale} onClick={() => onRun(row)}>
            <IconPlayerPlay size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Push">
          <ActionIcon aria-label={`Push ${label}`} disabled={busy || !named} onClick={() => onPush(row)}>
            <IconCloudUpload size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Tag">
          <ActionIcon aria-label={`Tag ${label}`} disabled={busy} onClick={() => onTag(row)}>
            <IconTag size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Remove">
          <ActionIcon
            aria-label={`Remove ${label}`}
            color="red"
            disabled={busy}
            loading={pending}
            onClick={() => onRemove(row)}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </div>
    </div>
  );
});

/**
 * The images list as an ARIA table with virtualised rows (one per name): thousands of images cost what a
 * screenful does.
 */
export function ImageTable({
  rows,
  sort,
  onSortChange,
  selected,
  onToggle,
  onToggleAll,
  pending,
  stale,
  now,
  ...actions
}: ImageTableProps) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => IMAGE_ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    getItemKey: (index) => rows[index]?.key ?? index,
  });
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.key));
  const someSelected = !allSelected && rows.some((row) => selected.has(row.key));

  return (
    <div
      ref={viewportRef}
      className={classes.viewport}
      role="table"
      aria-label="Images"
      aria-rowcount={rows.length + 1}
      data-testid="image-table"
    >
      <div role="rowgroup" className={classes.header}>
        <div role="row" className={classes.headerRow} aria-rowindex={1}>
          <div role="columnheader" className={classes.headerCell}>
            <Checkbox
              size="xs"
              aria-label="Select all shown images"
              checked={allSelected}
              indeterminate={someSelected}
              onChange={onToggleAll}
            />
          </div>
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
          const row = rows[virtualRow.index];
          if (row === undefined) return null;
          return (
            <ImageRowView
              key={virtualRow.key}
              row={row}
              selected={selected.has(row.key)}
              pending={pending.has(row.image.id)}
              stale={stale}
              now={now}
              offset={virtualRow.start - HEADER_HEIGHT}
              rowIndex={virtualRow.index + 2}
              onToggle={onToggle}
              {...actions}
            />
          );
        })}
      </div>
    </div>
  );
}
