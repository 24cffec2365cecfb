import { Checkbox, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconChevronUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type CSSProperties,
  type KeyboardEvent,
  memo,
  type MouseEvent,
  type ReactNode,
  useEffect,
  useRef,
} from 'react';

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
  /**
   * What the header checkbox shows, when the rows do not say it: with headings or folded groups, the items are
   * not the selectable set. Absent, it counts the checked items.
   */
  counts?: { selected: number; total: number };
  /** Rows that cannot be checked (e.g. Docker's built-in networks) get a disabled checkbox. Absent: every row can. */
  canSelect?: (item: T) => boolean;
}

/** A heading row among the items (e.g. a Compose project): it spans the columns and folds its group away. */
export interface TableHeading {
  title: ReactNode;
  /** Dimmed text after the title. */
  meta?: ReactNode;
  collapsed: boolean;
  /** The fold button's accessible name. */
  toggleLabel: string;
  onToggle: () => void;
  /** With a selection: the heading's checkbox, for the group's rows. */
  check?: { label: string; selected: number; total: number; onChange: (checked: boolean) => void };
  /** Controls at the row's end (in the last column's track). */
  actions?: ReactNode;
  /** Extra `data-*` attributes of the row. */
  data?: Record<string, string | undefined>;
  testId?: string;
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
  /**
   * Minimum width of the rows, so narrow windows scroll. By default what the columns' minimums need; a larger value
   * here wins, a smaller one is raised to it.
   */
  minWidth?: string;
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
  /** Which items are heading rows; absent, none are. */
  heading?: (item: T) => TableHeading | undefined;
  /**
   * Called after a render that changed which items are in the DOM (by identity), and with none on unmount: for
   * work only the rows on screen need (e.g. sampling their stats).
   */
  onVisibleItemsChange?: (items: readonly T[]) => void;
}

const HEADER_HEIGHT = 36;
const CHECKBOX_TRACK = '2.25rem';

/** The least width a grid track takes, in rem: `6rem` → 6, `minmax(7rem, 1fr)` → 7; anything else → 0. */
function trackMinimumRem(track: string): number {
  const match = /^(?:minmax\(\s*)?(\d+(?:\.\d+)?)rem\b/.exec(track.trim());
  return match === null ? 0 : Number(match[1]);
}

/**
 * The width under which the rows would be cut off: every track at its minimum, the gaps between them and the
 * row's padding on both sides (as the CSS module lays rows out). It is the table's default minimum width.
 */
export function tableMinimumWidth(tracks: readonly string[]): string {
  const rem = tracks.reduce((sum, track) => sum + trackMinimumRem(track), 0);
  return `calc(${rem}rem + ${tracks.length + 1} * var(--mantine-spacing-sm))`;
}

/** Clicks and keys on a row's controls must not also activate the row. */
function stop(event: MouseEvent | KeyboardEvent): void {
  event.stopPropagation();
}

function dataAttributesOf(data: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [`data-${key}`, value]));
}

function sameData(a: Record<string, string | undefined>, b: Record<string, string | undefined>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
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
  const dataAttributes = dataAttributesOf(data);
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
            // A row checked before it became unselectable can still be unchecked.
            disabled={checked !== true && selection.canSelect?.(item) === false}
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

// `rowData` makes a new object per render: compare it by its entries so unchanged rows skip rendering.
const Row = memo(RowView, (before, after) => {
  for (const key of Object.keys(after) as (keyof RowProps<unknown, string>)[]) {
    if (key === 'data' ? !sameData(before.data, after.data) : before[key] !== after[key]) return false;
  }
  return true;
}) as typeof RowView;

function HeadingRow({
  heading,
  offset,
  rowIndex,
  withCheckbox,
}: {
  heading: TableHeading;
  offset: number;
  rowIndex: number;
  withCheckbox: boolean;
}) {
  const { check } = heading;
  return (
    <div
      role="row"
      className={classes.headingRow}
      aria-rowindex={rowIndex}
      aria-expanded={!heading.collapsed}
      data-testid={heading.testId}
      style={{ transform: `translateY(${offset}px)` }}
      {...dataAttributesOf(heading.data ?? {})}
    >
      {withCheckbox && (
        <div role="cell" data-column="select">
          {check !== undefined && (
            <Checkbox
              size="xs"
              aria-label={check.label}
              checked={check.selected > 0 && check.selected === check.total}
              indeterminate={check.selected > 0 && check.selected < check.total}
              onChange={(event) => check.onChange(event.currentTarget.checked)}
            />
          )}
        </div>
      )}
      <div role="cell" className={classes.headingTitle}>
        <UnstyledButton
          className={classes.headingToggle}
          aria-label={heading.toggleLabel}
          onClick={heading.onToggle}
        >
          {heading.collapsed ? (
            <IconChevronRight size={16} aria-hidden />
          ) : (
            <IconChevronDown size={16} aria-hidden />
          )}
          <span className={classes.headingName}>{heading.title}</span>
        </UnstyledButton>
        {heading.meta !== undefined && <span className={classes.headingMeta}>{heading.meta}</span>}
      </div>
      {heading.actions !== undefined && (
        <div role="cell" className={classes.headingActions}>
          {heading.actions}
        </div>
      )}
    </div>
  );
}

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
  heading,
  onVisibleItemsChange,
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
  const virtualRows = virtualizer.getVirtualItems();

  // Reported after each render whose rows differ; the page's callback is read from a ref so it need not be stable.
  const reportVisible = useRef(onVisibleItemsChange);
  reportVisible.current = onVisibleItemsChange;
  const lastVisible = useRef<readonly T[] | undefined>(undefined);
  const visibleItems: T[] = [];
  if (onVisibleItemsChange !== undefined) {
    for (const virtualRow of virtualRows) {
      const item = items[virtualRow.index];
      if (item !== undefined) visibleItems.push(item);
    }
  }
  useEffect(() => {
    const last = lastVisible.current;
    if (reportVisible.current === undefined) return;
    if (last?.length === visibleItems.length && last.every((item, index) => item === visibleItems[index]))
      return;
    lastVisible.current = visibleItems;
    reportVisible.current(visibleItems);
  });
  // Nothing of this table is on screen once it is gone.
  useEffect(
    () => () => {
      lastVisible.current = undefined;
      reportVisible.current?.([]);
    },
    [],
  );

  const checkboxTrack = selection !== undefined ? [CHECKBOX_TRACK] : [];
  const tracks = [...checkboxTrack, ...columns.map((column) => column.width)];
  // Layout variables, not theming: the page decides the columns.
  const layout = {
    '--table-columns': tracks.join(' '),
    // A heading spans every column but the checkbox and the last (where its actions sit).
    '--table-heading-columns': [...checkboxTrack, '1fr', columns.at(-1)?.width ?? ''].join(' '),
    '--table-min-width':
      minWidth === undefined ? tableMinimumWidth(tracks) : `max(${minWidth}, ${tableMinimumWidth(tracks)})`,
    '--table-row-height': `${rowHeight}px`,
    '--table-header-height': `${HEADER_HEIGHT}px`,
  } as CSSProperties;
  const counts =
    selection === undefined
      ? { selected: 0, total: 0 }
      : (selection.counts ?? {
          selected: items.filter((item) => selection.selected.has(getKey(item))).length,
          total: items.length,
        });

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
                checked={counts.total > 0 && counts.selected >= counts.total}
                indeterminate={counts.selected > 0 && counts.selected < counts.total}
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
        {virtualRows.map((virtualRow) => {
          const item = items[virtualRow.index];
          if (item === undefined) return null;
          const key = getKey(item);
          const itemHeading = heading?.(item);
          if (itemHeading !== undefined) {
            return (
              <HeadingRow
                key={key}
                heading={itemHeading}
                offset={virtualRow.start - HEADER_HEIGHT}
                rowIndex={virtualRow.index + 2}
                withCheckbox={selection !== undefined}
              />
            );
          }
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
