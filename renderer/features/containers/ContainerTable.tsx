import { useEffect, useMemo, useRef } from 'react';

import type { ContainerSummary, ContainerUsage, EngineId } from '../../../electron/common/bridge';
import type { RowSelection } from '../../components/ResourceList/use-row-selection';
import {
  type TableHeading,
  type TableSelection,
  VirtualTable,
} from '../../components/VirtualTable/VirtualTable';
import { itemKey } from '../../lib/merge';
import { containerColumns, labelOf } from './container-columns';
import type { BulkAction, ContainerRef, PendingAction } from './containers-store';
import type { ContainerSort, ListRow, ProjectRow } from './list-model';
import type { HostNameOf } from './presentation';
import { projectHeading } from './project-heading';
import type { RowAction } from './RowActions';

/** Fixed row height: the virtualiser positions rows without measuring them. */
const ROW_HEIGHT = 44;

interface ContainerTableProps {
  /** Rows in display order (sorted, filtered, grouped). */
  rows: readonly ListRow[];
  /** The checked containers (`useRowSelection` over the containers the query matches). */
  selection: Pick<RowSelection<ContainerSummary>, 'table' | 'setChecked'>;
  /** Actions in flight, by `itemKey` (engine and id). */
  pending: ReadonlyMap<string, PendingAction>;
  /** Latest CPU/memory samples, by `itemKey`. */
  usage: ReadonlyMap<string, ContainerUsage>;
  /** Current sort, shown in the header and announced via `aria-sort`. */
  sort: ContainerSort;
  onSortChange: (sort: ContainerSort) => void;
  /** Every listed host is stale: the whole table is dimmed. */
  stale: boolean;
  /** The hosts whose rows are stale (`isHostStale`): dimmed and without actions. */
  staleEngines: ReadonlySet<EngineId>;
  /** Epoch ms used for the "Created" column. */
  now: number;
  /** Each engine's address, so port links point at the right host. */
  engineAddressOf?: (engineId: EngineId) => string | undefined;
  /** All hosts: names the host of each row, shown in a Host column and in the row's button labels. */
  hostName?: HostNameOf | undefined;
  onAction: (action: RowAction, container: ContainerSummary) => void;
  /** Folds or unfolds a project, by its row's `group`. */
  onToggleProject: (group: string) => void;
  onProjectAction: (action: BulkAction, row: ProjectRow) => void;
  onOpenUrl: (url: string) => void;
  /** The running containers whose rows are rendered now (re-sent when it changes). */
  onVisibleRunningChange?: (containers: readonly ContainerRef[]) => void;
}

/** The shared selection over containers, as the table's over rows (Compose headings are rows too). */
function useRowsSelection(
  { table, setChecked }: ContainerTableProps['selection'],
  hostName: HostNameOf | undefined,
): TableSelection<ListRow> {
  const { selected, onToggleAll, counts, allLabel } = table;
  return useMemo<TableSelection<ListRow>>(
    () => ({
      selected,
      onToggle: (row) => setChecked([row.key], !selected.has(row.key)),
      onToggleAll,
      itemLabel: (row) =>
        `Select ${row.kind === 'container' ? labelOf(hostName, row.container.name, row.container.engineId) : row.project}`,
      allLabel,
      // Headings are rows too, and folded projects hide theirs: the selection counts what the query matches.
      ...(counts === undefined ? {} : { counts }),
    }),
    [selected, setChecked, onToggleAll, counts, allLabel, hostName],
  );
}

/** Main samples CPU and memory only for what is on screen: tells it which running containers that is. */
function useVisibleRunning(
  onChange: ContainerTableProps['onVisibleRunningChange'],
): (visible: readonly ListRow[]) => void {
  const report = useRef(onChange);
  report.current = onChange;
  const lastReported = useRef<string | undefined>(undefined);
  return useMemo(
    () => (visible: readonly ListRow[]) => {
      const running: ContainerRef[] = visible.flatMap((row) =>
        row.kind === 'container' && row.container.state === 'running'
          ? [{ engineId: row.container.engineId, id: row.container.id }]
          : [],
      );
      const key = running.map(itemKey).join('\n');
      if (key === lastReported.current) return;
      lastReported.current = key;
      report.current?.(running);
    },
    [],
  );
}

/** Whether this window has shown container rows yet (the mark below is set once). */
let firstRowsMarked = false;

/** Stable across renders, so the table keeps its row measurements while the rows are the same. */
const rowKey = (row: ListRow): string => row.key;

/**
 * The containers list on the shared VirtualTable (virtualised, so thousands of containers cost what a screenful
 * does). Compose projects are heading rows in the same virtual list.
 */
export function ContainerTable({
  rows,
  selection,
  pending,
  usage,
  sort,
  onSortChange,
  stale,
  staleEngines,
  now,
  engineAddressOf,
  hostName,
  onAction,
  onToggleProject,
  onProjectAction,
  onOpenUrl,
  onVisibleRunningChange,
}: ContainerTableProps) {
  useEffect(() => {
    if (firstRowsMarked || rows.length === 0) return;
    firstRowsMarked = true;
    // The window's first rows, on its own clock: what the startup benchmark measures from the page's load.
    performance.mark('berth:first-rows');
  }, [rows.length]);
  // Memoised so a render that changes none of these leaves the rendered rows alone.
  const columns = useMemo(
    () =>
      containerColumns({
        usage,
        pending,
        staleOf: (engineId) => stale || staleEngines.has(engineId),
        now,
        engineAddressOf,
        hostName,
        onAction,
        onOpenUrl,
      }),
    [usage, pending, stale, staleEngines, now, engineAddressOf, hostName, onAction, onOpenUrl],
  );
  const tableSelection = useRowsSelection(selection, hostName);
  const { selected } = tableSelection;
  const { setChecked } = selection;
  const heading = (row: ListRow): TableHeading | undefined =>
    row.kind === 'project'
      ? projectHeading(
          row,
          selected,
          stale || staleEngines.has(row.engineId),
          setChecked,
          onToggleProject,
          onProjectAction,
        )
      : undefined;
  const onVisibleItemsChange = useVisibleRunning(onVisibleRunningChange);

  return (
    <VirtualTable
      items={rows}
      columns={columns}
      getKey={rowKey}
      sort={sort}
      onSortChange={onSortChange}
      label={hostName === undefined ? 'Containers' : 'Containers on all hosts'}
      rowHeight={ROW_HEIGHT}
      stale={stale}
      rowData={(row) =>
        row.kind === 'container'
          ? {
              'engine-id': row.container.engineId,
              'container-id': row.container.id,
              state: row.container.state,
              pending: pending.get(row.key),
              stale: staleEngines.has(row.container.engineId) ? 'true' : undefined,
            }
          : {}
      }
      selection={tableSelection}
      testId="container-table"
      rowTestId="container-row"
      heading={heading}
      onVisibleItemsChange={onVisibleItemsChange}
    />
  );
}
