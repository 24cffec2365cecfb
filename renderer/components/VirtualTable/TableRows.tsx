import { Checkbox, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconChevronUp } from '@tabler/icons-react';
import { type KeyboardEvent, memo, type MouseEvent, type ReactNode } from 'react';

import type { TableColumn, TableHeading, TableSelection, TableSort } from './table-types';
import classes from './VirtualTable.module.css';

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

export function SortHeader<K extends string>({
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
export const Row = memo(RowView, (before, after) => {
  for (const key of Object.keys(after) as (keyof RowProps<unknown, string>)[]) {
    if (key === 'data' ? !sameData(before.data, after.data) : before[key] !== after[key]) return false;
  }
  return true;
}) as typeof RowView;

export function HeadingRow({
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
