import type { ReactNode } from 'react';

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
  /**
   * How readily the column hides when the table is too narrow for every column's minimum: the highest number
   * goes first. Absent, the column is pinned (names, actions) and never hides.
   */
  priority?: number;
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
