import { Checkbox, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, type KeyboardEvent, memo, type MouseEvent, type ReactNode, useRef } from 'react';

import classes from './VirtualTable.module.css';

export type SortDirection = 'asc' | 'desc';

export interface TableSort<K extends string> {
  key: K;
  direction: SortDirection;
}

/** One column: its header, its grid track and how a row renders in it. */
export interface TableColumn<T, K extends string> {
  id: string;
  label: ReactNode;
  /** A CSS grid track, e.g. `minmax(10rem, 2fr)` or `6rem`. */
  width: string;
  /** Sorting by this column; absent when it cannot be sorted. */
  sortKey?: K;
  render: (item: T) => ReactNode;
  /** The cell's tooltip text. */
  title?: (item: T) => string | undefined;
  /** The cell holds controls (buttons, menus): clicks and keys in it do not activate the row. */
  interactive?: boolean;
}

/** Multi-select: a checkbox column in front of the others, with a select-all checkbox in its header. */
export interface TableSelection<T> {
  /** Keys (as `getKey` makes them) of the checked rows. */
  selected: ReadonlySet<string>;
  onToggle: (item: T) => void;
  /** Checks every shown row, or none when all are checked. */
  onToggleAll: () => void;
  /** The accessible name of a row's checkbox, e.g. `Select web:1`. */
  itemLabel: (item: T) => string;
  /** The accessible name of the header checkbox. */
  allLabel: string;
}

export interface VirtualTableProps<T, K extends string> {
  /** Rows in display order (already filtered and sorted). */
  items: readonly T[];
  columns: readonly TableColumn<T, K>[];
  getKey: (item: T) => string;
  sort: TableSort<K>;
  onSortChange: (sort: TableSort<K>) => void;
  /** The table's accessible name. */
  label: string;
  /** Minimum width of the rows (the sum of the column minimums), so narrow windows scroll. */
  minWidth: string;
  /** @default 44 */
  rowHeight?: number;
  /** Rows are dimmed (the list may be out of date). @default false */
  stale?: boolean;
  /** Called when a row is clicked or activated with Enter. */
  onRowActivate?: (item: T) => void;
  /** Extra `data-*` attributes of a row (for styling and tests); `pending` or `stale` dims the row. */
  rowData?: (item: T) => Record<string, string | undefined>;
  selectedKey?: string;
  /** Checkboxes to select several rows; absent, rows cannot be checked. */
  selection?: TableSelection<T>;
  testId?: string;
  rowTestId?: string;
}

const HEADER_HEIGHT = 36;
const CHECKBOX_TRACK = '2.25rem';

/** Clicks and keys on a row's controls must not also activate the row. */
function stop(event: MouseEvent | KeyboardEvent): void {
  event.stopPropagation();
}

function SortHeader<K extends string>({
  label,
  sortKey,
  sort,
  onSortChange,
}: {
  label: ReactNode;
  sortKey: K | undefined;
  sort: TableSort<K>;
  onSortChange: (sort: TableSort<K>) => void;
}) {
  if (sortKey === undefined) {
    return (
      <div role="columnheader" className={classes.headerCell}>
        {label}
      </div>
    );
  }
  const active = sort.key === sortKey;
  return (
    <div
      role="columnheader"
      className={classes.headerCell}
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton
        className={classes.sortButton}
        data-active={active || undefined}
        onClick={() =>
          onSortChange({ key: sortKey, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' })
        }
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

interface RowProps<T, K extends string> {
  item: T;
  columns: readonly TableColumn<T, K>[];
  offset: number;
  rowIndex: number;
  selected: boolean;
  /** Absent without a selection column. */
  checked: boolean | undefined;
  selection: TableSelection<T> | undefined;
  data: Record<string, string | undefined>;
  testId: string | undefined;
  onActivate: ((item: T) => void) | undefined;
}

function RowView<T, K extends string>({
  item,
  columns,
  offset,
  rowIndex,
  selected,
  checked,
  selection,
  data,
  testId,
  onActivate,
}: RowProps<T, K>) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && event.target === event.currentTarget) onActivate?.(item);
  };
  const dataAttributes = Object.fromEntries(
    Object.entries(data).map(([key, value]) => [`data-${key}`, value]),
  );
  return (
    <div
      role="row"
      className={classes.row}
      aria-rowindex={rowIndex}
      aria-selected={checked ?? (onActivate !== undefined ? selected : undefined)}
      data-testid={testId}
      data-selected={selected || checked || undefined}
      data-clickable={onActivate !== undefined || undefined}
      tabIndex={onActivate !== undefined ? 0 : undefined}
      onClick={onActivate !== undefined ? () => onActivate(item) : undefined}
      onKeyDown={onActivate !== undefined ? onKeyDown : undefined}
      // Positioning, not theming: the virtualiser decides where each row sits.
      style={{ transform: `translateY(${offset}px)` }}
      {...dataAttributes}
    >
      {selection !== undefined && (
        <div role="cell" data-column="select" onClick={stop} onKeyDown={stop}>
          <Checkbox
            size="xs"
            aria-label={selection.itemLabel(item)}
            checked={checked === true}
            onChange={() => selection.onToggle(item)}
          />
        </div>
      )}
      {columns.map((column) => (
        <div
          role="cell"
          key={column.id}
          className={classes.cell}
          data-column={column.id}
          title={column.title?.(item)}
          onClick={column.interactive === true ? stop : undefined}
          onKeyDown={column.interactive === true ? stop : undefined}
        >
          {column.render(item)}
        </div>
      ))}
    </div>
  );
}

const Row = memo(RowView) as typeof RowView;

/**
 * A list as an ARIA table whose rows are virtualised: only the rows in view (plus a small overscan) are in the
 * DOM, so thousands of rows cost what a screenful does. Columns, sorting and row activation are the page's.
 */
export function VirtualTable<T, K extends string>({
  items,
  columns,
  getKey,
  sort,
  onSortChange,
  label,
  minWidth,
  rowHeight = 44,
  stale = false,
  onRowActivate,
  rowData,
  selectedKey,
  selection,
  testId,
  rowTestId,
}: VirtualTableProps<T, K>) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? index : getKey(item);
    },
  });
  // Layout variables, not theming: the page decides the columns.
  const layout = {
    '--table-columns': [
      ...(selection !== undefined ? [CHECKBOX_TRACK] : []),
      ...columns.map((column) => column.width),
    ].join(' '),
    '--table-min-width': minWidth,
    '--table-row-height': `${rowHeight}px`,
    '--table-header-height': `${HEADER_HEIGHT}px`,
  } as CSSProperties;
  const checkedCount =
    selection === undefined ? 0 : items.filter((item) => selection.selected.has(getKey(item))).length;

  return (
    <div
      ref={viewportRef}
      className={classes.viewport}
      role="table"
      aria-label={label}
      aria-rowcount={items.length + 1}
      data-stale={stale || undefined}
      data-testid={testId}
      style={layout}
    >
      <div role="rowgroup" className={classes.header}>
        <div role="row" className={classes.headerRow} aria-rowindex={1}>
          {selection !== undefined && (
            <div role="columnheader" className={classes.headerCell}>
              <Checkbox
                size="xs"
                aria-label={selection.allLabel}
                checked={items.length > 0 && checkedCount === items.length}
                indeterminate={checkedCount > 0 && checkedCount < items.length}
                onChange={selection.onToggleAll}
              />
            </div>
          )}
          {columns.map((column) => (
            <SortHeader
              key={column.id}
              label={column.label}
              sortKey={column.sortKey}
              sort={sort}
              onSortChange={onSortChange}
            />
          ))}
        </div>
      </div>
      <div role="rowgroup" className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((virtualRow) => {
          const item = items[virtualRow.index];
          if (item === undefined) return null;
          const key = getKey(item);
          return (
            <Row
              key={key}
              item={item}
              columns={columns}
              offset={virtualRow.start - HEADER_HEIGHT}
              rowIndex={virtualRow.index + 2}
              selected={selectedKey === key}
              checked={selection?.selected.has(key)}
              selection={selection}
              data={rowData?.(item) ?? {}}
              testId={rowTestId}
              onActivate={onRowActivate}
            />
          );
        })}
      </div>
    </div>
  );
}
