import { Checkbox } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, type RefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { fitColumns, trackMinimumRem } from './fit-columns';
import type { TableColumn, TableSelection, TableSort, VirtualTableProps } from './table-types';
import { HeadingRow, Row, SortHeader } from './TableRows';
import classes from './VirtualTable.module.css';

export type { SortDirection, TableColumn, TableHeading, TableSelection, TableSort } from './table-types';

const HEADER_HEIGHT = 36;
const CHECKBOX_TRACK = '2.25rem';

/**
 * The width under which the rows would be cut off: every track at its minimum, the gaps between them and the
 * row's padding on both sides (as the CSS module lays rows out). It is the table's default minimum width.
 */
export function tableMinimumWidth(tracks: readonly string[]): string {
  const rem = tracks.reduce((sum, track) => sum + trackMinimumRem(track), 0);
  return `calc(${rem}rem + ${tracks.length + 1} * var(--mantine-spacing-sm))`;
}

/** Reports the items on screen after each render whose rows differ, and none once the table is gone. */
function useVisibleItems<T>(
  items: readonly T[],
  virtualRows: readonly { index: number }[],
  onVisibleItemsChange: ((visible: readonly T[]) => void) | undefined,
): void {
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
}

/** The viewport's inner width (px) and the grid's gap (px), kept current by a ResizeObserver; none in jsdom. */
function useViewportWidth(ref: RefObject<HTMLDivElement | null>): {
  width?: number;
  remPx: number;
  gapPx: number;
} {
  const [measure, setMeasure] = useState<{ width?: number; remPx: number; gapPx: number }>({
    remPx: 16,
    gapPx: 12,
  });
  useEffect(() => {
    const element = ref.current;
    if (element === null || typeof ResizeObserver === 'undefined') return;
    const update = () => {
      const remPx = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const row = element.querySelector('[role="row"]');
      const gapPx = row === null ? remPx * 0.75 : Number.parseFloat(getComputedStyle(row).columnGap) || 0;
      const width = element.clientWidth;
      setMeasure((last) =>
        last.width === width && last.remPx === remPx && last.gapPx === gapPx ? last : { width, remPx, gapPx },
      );
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return measure;
}

/** Layout variables, not theming: the page decides the columns. */
function tableLayout<T, K extends string>(
  columns: readonly TableColumn<T, K>[],
  withCheckbox: boolean,
  minWidth: string | undefined,
  rowHeight: number,
): CSSProperties {
  const checkboxTrack = withCheckbox ? [CHECKBOX_TRACK] : [];
  const tracks = [...checkboxTrack, ...columns.map((column) => column.width)];
  return {
    '--table-columns': tracks.join(' '),
    // A heading spans every column but the checkbox and the last (where its actions sit).
    '--table-heading-columns': [...checkboxTrack, '1fr', columns.at(-1)?.width ?? ''].join(' '),
    '--table-min-width':
      minWidth === undefined ? tableMinimumWidth(tracks) : `max(${minWidth}, ${tableMinimumWidth(tracks)})`,
    '--table-row-height': `${rowHeight}px`,
    '--table-header-height': `${HEADER_HEIGHT}px`,
  } as CSSProperties;
}

/** The header: the select-all checkbox (with a selection) and each column's sortable heading. */
function HeaderRow<T, K extends string>({
  columns,
  sort,
  onSortChange,
  selection,
  counts,
}: {
  columns: readonly TableColumn<T, K>[];
  sort: TableSort<K>;
  onSortChange: (sort: TableSort<K>) => void;
  selection: TableSelection<T> | undefined;
  counts: { selected: number; total: number };
}) {
  return (
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
  );
}

/** Clicks and keys on a row's controls must not also activate the row. */
export function VirtualTable<T, K extends string>({
  items,
  columns: allColumns,
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
  // Stable while the items are: a new one makes the virtualizer re-measure every row (5,000 at a time).
  const getItemKey = useCallback(
    (index: number) => {
      const item = items[index];
      return item === undefined ? index : getKey(item);
    },
    [items, getKey],
  );
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    getItemKey,
  });
  const virtualRows = virtualizer.getVirtualItems();

  useVisibleItems(items, virtualRows, onVisibleItemsChange);

  // Narrow windows hide the least important columns instead of scrolling sideways (names and actions stay).
  const { width, remPx, gapPx } = useViewportWidth(viewportRef);
  const withCheckbox = selection !== undefined;
  // The same array while nothing changes, so memoised rows skip rendering.
  const columns = useMemo(
    () => fitColumns(allColumns, width, { remPx, gapPx, extraTracks: withCheckbox ? [CHECKBOX_TRACK] : [] }),
    [allColumns, width, remPx, gapPx, withCheckbox],
  );
  const layout = tableLayout(columns, selection !== undefined, minWidth, rowHeight);
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
        <HeaderRow
          columns={columns}
          sort={sort}
          onSortChange={onSortChange}
          selection={selection}
          counts={counts}
        />
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
