import { ActionIcon, Badge, Checkbox, Menu, UnstyledButton } from '@mantine/core';
import {
  IconChevronDown,
  IconChevronRight,
  IconChevronUp,
  IconDots,
  IconPlayerPlay,
  IconPlayerStop,
  IconTrash,
} from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, type ReactNode, useEffect, useRef, useState } from 'react';

import {
  type ContainerSummary,
  type ContainerUsage,
  type EngineId,
  formatBytes,
  type PortBinding,
} from '../../../electron/common/bridge';
import { itemKey } from '../../lib/merge';
import type { BulkAction, ContainerRef, PendingAction } from '../../stores/containers';
import classes from './ContainerTable.module.css';
import type { ContainerSort, ListRow, ProjectRow } from './list-model';
import { PinToTrayMenuItem } from './PinToTray';
import {
  canKill,
  canPause,
  canRestart,
  canStart,
  canStop,
  canUnpause,
  type ContainerSortKey,
  formatCpu,
  formatCreated,
  formatMemory,
  formatPort,
  type HostNameOf,
  portUrl,
  shortImageName,
  type SortDirection,
  stateColor,
} from './presentation';

export type { ContainerSort } from './list-model';

/** Fixed row height: the virtualiser positions rows without measuring them. */
export const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 36;

/** What a row's buttons and menu ask the page to do with one container. */
export type RowAction =
  | 'start'
  | 'stop'
  | 'stopWithTimeout'
  | 'restart'
  | 'pause'
  | 'unpause'
  | 'kill'
  | 'rename'
  | 'remove'
  | 'details'
  | 'logs';

export interface ContainerTableProps {
  /** Rows in display order (sorted, filtered, grouped). */
  rows: readonly ListRow[];
  /** How many containers match the query, and how many of those are selected (the header checkbox). */
  matchedCount: number;
  selectedMatchedCount: number;
  /** Actions in flight, by `itemKey` (engine and id). */
  pending: ReadonlyMap<string, PendingAction>;
  /** Selected containers, by `itemKey`. */
  selected: ReadonlySet<string>;
  /** Latest CPU/memory samples, by `itemKey`. */
  usage: ReadonlyMap<string, ContainerUsage>;
  /** Current sort, shown in the header and announced via `aria-sort`. */
  sort: ContainerSort;
  onSortChange: (sort: ContainerSort) => void;
  /** The list may be out of date (engine unreachable): rows are dimmed and actions disabled. */
  stale: boolean;
  /** All hosts: the hosts that do not answer, whose rows are out of date like a stale list's. */
  staleEngines?: ReadonlySet<EngineId>;
  /** Epoch ms used for the "Created" column. */
  now: number;
  /** Each engine's address, so port links point at the right host. */
  engineAddressOf?: (engineId: EngineId) => string | undefined;
  /** All hosts: names the host of each row, shown in a Host column and in the row's button labels. */
  hostName?: HostNameOf;
  onAction: (action: RowAction, container: ContainerSummary) => void;
  /** Selects or deselects containers, by `itemKey`. */
  onSelect: (keys: readonly string[], selected: boolean) => void;
  onSelectAll: (selected: boolean) => void;
  /** Folds or unfolds a project, by its row's `group`. */
  onToggleProject: (group: string) => void;
  onProjectAction: (action: BulkAction, row: ProjectRow) => void;
  onOpenUrl: (url: string) => void;
  /** The running containers whose rows are rendered now (re-sent when it changes). */
  onVisibleRunningChange?: (containers: readonly ContainerRef[]) => void;
}

const HOST_COLUMN: { label: string; sortKey?: ContainerSortKey } = { label: 'Host', sortKey: 'host' };
const COLUMNS: ReadonlyArray<{ label: string; sortKey?: ContainerSortKey }> = [
  { label: 'Name', sortKey: 'name' },
  { label: 'Image', sortKey: 'image' },
  { label: 'State', sortKey: 'state' },
  { label: 'Status', sortKey: 'status' },
  { label: 'CPU', sortKey: 'cpu' },
  { label: 'Memory', sortKey: 'memory' },
  { label: 'Ports', sortKey: 'ports' },
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

/** Published ports as links (TCP with a host port), the rest as text. */
function Ports({
  ports,
  engineAddress,
  onOpenUrl,
}: {
  ports: readonly PortBinding[];
  engineAddress: string | undefined;
  onOpenUrl: (url: string) => void;
}) {
  if (ports.length === 0) return <>—</>;
  return (
    <>
      {ports.map((port, index) => {
        const text = formatPort(port);
        const url = portUrl(port, engineAddress);
        const separator = index < ports.length - 1 ? ', ' : '';
        if (url === undefined) {
          return (
            <span key={text}>
              {text}
              {separator}
            </span>
          );
        }
        return (
          <span key={text}>
            <UnstyledButton
              className={classes.portLink}
              title={`Open ${url} in the browser`}
              aria-label={`Open ${url}`}
              data-testid="port-link"
              onClick={() => onOpenUrl(url)}
            >
              {text}
            </UnstyledButton>
            {separator}
          </span>
        );
      })}
    </>
  );
}

/**
 * A row's "more actions" menu, mounted on first use: a Mantine Menu carries a floating-UI popover, and a
 * screenful of rows each mounting one would cost more than the rest of the row.
 */
function LazyMenu({
  label,
  disabled,
  loading,
  children,
}: {
  label: string;
  disabled: boolean;
  loading: boolean;
  children: ReactNode;
}) {
  const [used, setUsed] = useState(false);
  const button = (
    <ActionIcon aria-label={label} disabled={disabled} loading={loading} onClick={() => setUsed(true)}>
      <IconDots size={18} aria-hidden />
    </ActionIcon>
  );
  if (!used) return button;
  return (
    <Menu position="bottom-end" withinPortal defaultOpened>
      <Menu.Target>{button}</Menu.Target>
      {children}
    </Menu>
  );
}

interface ContainerRowProps {
  container: ContainerSummary;
  /** All hosts: the row's host, shown in its own column and in the labels of its buttons. */
  host: string | undefined;
  usage: ContainerUsage | undefined;
  pending: PendingAction | undefined;
  selected: boolean;
  indented: boolean;
  stale: boolean;
  now: number;
  offset: number;
  rowIndex: number;
  engineAddress: string | undefined;
  onAction: (action: RowAction, container: ContainerSummary) => void;
  onSelect: (keys: readonly string[], selected: boolean) => void;
  onOpenUrl: (url: string) => void;
}

/** One container; memoised so an update to one container (or its sample) re-renders one row. */
const ContainerRow = memo(function ContainerRow({
  container,
  host,
  usage,
  pending,
  selected,
  indented,
  stale,
  now,
  offset,
  rowIndex,
  engineAddress,
  onAction,
  onSelect,
  onOpenUrl,
}: ContainerRowProps) {
  const busy = pending !== undefined || stale;
  const image = shortImageName(container.image);
  const { state, name } = container;
  const live = state === 'running';
  const act = (action: RowAction) => () => onAction(action, container);
  // In All hosts the same name can be on two hosts: the labels say which.
  const label = host === undefined ? name : `${name} on ${host}`;
  return (
    <div
      role="row"
      className={classes.row}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-testid="container-row"
      data-engine-id={container.engineId}
      data-container-id={container.id}
      data-state={state}
      data-pending={pending}
      data-selected={selected || undefined}
      // Positioning, not theming: the virtualiser decides where each row sits.
      style={{ transform: `translateY(${offset}px)` }}
    >
      <div role="cell" className={classes.selectCell}>
        <Checkbox
          size="xs"
          aria-label={`Select ${label}`}
          checked={selected}
          onChange={(event) => onSelect([itemKey(container)], event.currentTarget.checked)}
        />
      </div>
      {host !== undefined && (
        <div role="cell" className={classes.cell} data-column="host" title={host}>
          {host}
        </div>
      )}
      <div role="cell" className={classes.cell} data-column="name" data-indented={indented || undefined}>
        <UnstyledButton className={classes.nameButton} title={name} onClick={act('details')}>
          {name}
        </UnstyledButton>
      </div>
      <div role="cell" className={classes.cell} data-column="image" title={container.image}>
        {image}
      </div>
      <div role="cell" className={classes.cell} data-column="state">
        <Badge color={stateColor(state)}>{state}</Badge>
      </div>
      <div role="cell" className={classes.cell} data-column="status" title={container.status}>
        {container.status}
      </div>
      <div role="cell" className={classes.cell} data-column="cpu" data-testid="cpu">
        {live ? formatCpu(usage?.cpuPercent) : '—'}
      </div>
      <div
        role="cell"
        className={classes.cell}
        data-column="memory"
        data-testid="memory"
        title={
          live && usage?.memoryLimitBytes !== undefined
            ? `${formatMemory(usage)} of ${formatBytes(usage.memoryLimitBytes)}`
            : undefined
        }
      >
        {live ? formatMemory(usage) : '—'}
      </div>
      <div role="cell" className={classes.cell} data-column="ports">
        <Ports ports={container.ports} engineAddress={engineAddress} onOpenUrl={onOpenUrl} />
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
          aria-label={`Start ${label}`}
          color="green"
          disabled={busy || !canStart(state)}
          loading={pending === 'starting'}
          onClick={act('start')}
        >
          <IconPlayerPlay size={18} aria-hidden />
        </ActionIcon>
        <ActionIcon
          aria-label={`Stop ${label}`}
          color="orange"
          disabled={busy || !canStop(state)}
          loading={pending === 'stopping'}
          onClick={act('stop')}
        >
          <IconPlayerStop size={18} aria-hidden />
        </ActionIcon>
        <ActionIcon
          aria-label={`Remove ${label}`}
          color="red"
          disabled={busy}
          loading={pending === 'removing'}
          onClick={act('remove')}
        >
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
        <LazyMenu label={`More actions for ${label}`} disabled={stale} loading={busy && !stale}>
          <Menu.Dropdown>
            <Menu.Item onClick={act('logs')}>Logs</Menu.Item>
            <Menu.Item onClick={act('details')}>Details</Menu.Item>
            <Menu.Divider />
            <Menu.Item disabled={busy || !canStart(state)} onClick={act('start')}>
              Start
            </Menu.Item>
            <Menu.Item disabled={busy || !canStop(state)} onClick={act('stop')}>
              Stop
            </Menu.Item>
            <Menu.Item disabled={busy || !canStop(state)} onClick={act('stopWithTimeout')}>
              Stop with timeout…
            </Menu.Item>
            <Menu.Item disabled={busy || !canRestart(state)} onClick={act('restart')}>
              Restart
            </Menu.Item>
            {canUnpause(state) ? (
              <Menu.Item disabled={busy} onClick={act('unpause')}>
                Unpause
              </Menu.Item>
            ) : (
              <Menu.Item disabled={busy || !canPause(state)} onClick={act('pause')}>
                Pause
              </Menu.Item>
            )}
            <Menu.Item color="red" disabled={busy || !canKill(state)} onClick={act('kill')}>
              Kill…
            </Menu.Item>
            <Menu.Item disabled={busy} onClick={act('rename')}>
              Rename…
            </Menu.Item>
            <PinToTrayMenuItem engineId={container.engineId} name={name} />
            <Menu.Divider />
            <Menu.Item color="red" disabled={busy} onClick={act('remove')}>
              Remove…
            </Menu.Item>
          </Menu.Dropdown>
        </LazyMenu>
      </div>
    </div>
  );
});

interface ProjectRowViewProps {
  row: ProjectRow;
  selectedCount: number;
  stale: boolean;
  offset: number;
  rowIndex: number;
  onToggle: (group: string) => void;
  onSelect: (keys: readonly string[], selected: boolean) => void;
  onAction: (action: BulkAction, row: ProjectRow) => void;
}

/** A Compose project's heading: fold/unfold, select all its containers, and act on all of them. */
const ProjectRowView = memo(function ProjectRowView({
  row,
  selectedCount,
  stale,
  offset,
  rowIndex,
  onToggle,
  onSelect,
  onAction,
}: ProjectRowViewProps) {
  const { project, host, containers, allContainers, active, collapsed } = row;
  const keys = containers.map(itemKey);
  const total = allContainers.length;
  // In All hosts a project on two hosts is two groups: the labels say which.
  const label = host === undefined ? project : `${project} on ${host}`;
  return (
    <div
      role="row"
      className={classes.projectRow}
      aria-rowindex={rowIndex}
      aria-expanded={!collapsed}
      data-testid="project-row"
      data-project={project}
      data-engine-id={row.engineId}
      style={{ transform: `translateY(${offset}px)` }}
    >
      <div role="cell" className={classes.selectCell}>
        <Checkbox
          size="xs"
          aria-label={`Select the containers of ${label}`}
          checked={selectedCount > 0 && selectedCount === keys.length}
          indeterminate={selectedCount > 0 && selectedCount < keys.length}
          onChange={(event) => onSelect(keys, event.currentTarget.checked)}
        />
      </div>
      <div role="cell" className={classes.projectTitle}>
        <UnstyledButton
          className={classes.projectToggle}
          aria-label={`${collapsed ? 'Show' : 'Hide'} the containers of ${label}`}
          onClick={() => onToggle(row.group)}
        >
          {collapsed ? <IconChevronRight size={16} aria-hidden /> : <IconChevronDown size={16} aria-hidden />}
          <span className={classes.projectName}>{project}</span>
        </UnstyledButton>
        <span className={classes.projectMeta}>
          Compose{host === undefined ? '' : ` on ${host}`} · {active} of {total} running
          {containers.length < total ? ` · ${containers.length} shown` : ''}
        </span>
      </div>
      <div role="cell" className={classes.actions}>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon aria-label={`Actions for project ${label}`} disabled={stale}>
              <IconDots size={18} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>All {total} containers</Menu.Label>
            <Menu.Item onClick={() => onAction('start', row)}>Start all</Menu.Item>
            <Menu.Item onClick={() => onAction('stop', row)}>Stop all</Menu.Item>
            <Menu.Item onClick={() => onAction('restart', row)}>Restart all</Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red" onClick={() => onAction('remove', row)}>
              Remove all…
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </div>
    </div>
  );
});

/**
 * The containers list as an ARIA table whose rows are virtualised: only the rows in view (plus a small
 * overscan) are in the DOM, so thousands of containers cost what a screenful does. Compose projects are
 * heading rows in the same virtual list.
 */
export function ContainerTable({
  rows,
  matchedCount,
  selectedMatchedCount,
  pending,
  selected,
  usage,
  sort,
  onSortChange,
  stale,
  staleEngines,
  now,
  engineAddressOf,
  hostName,
  onAction,
  onSelect,
  onSelectAll,
  onToggleProject,
  onProjectAction,
  onOpenUrl,
  onVisibleRunningChange,
}: ContainerTableProps) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    getItemKey: (index) => rows[index]?.key ?? index,
  });
  const virtualRows = virtualizer.getVirtualItems();

  // Main samples CPU and memory only for what is on screen: tell it which running containers that is.
  const visibleRunning = virtualRows
    .map((virtualRow) => rows[virtualRow.index])
    .flatMap((row) =>
      row?.kind === 'container' && row.container.state === 'running'
        ? [{ engineId: row.container.engineId, id: row.container.id }]
        : [],
    );
  const visibleKey = visibleRunning.map(itemKey).join('\n');
  const latestVisible = useRef(visibleRunning);
  latestVisible.current = visibleRunning;
  const reportVisible = useRef(onVisibleRunningChange);
  reportVisible.current = onVisibleRunningChange;
  useEffect(() => {
    reportVisible.current?.(latestVisible.current);
  }, [visibleKey]);
  // Nothing of this table is on screen once it is gone.
  useEffect(() => () => reportVisible.current?.([]), []);

  return (
    <div
      ref={viewportRef}
      className={classes.viewport}
      role="table"
      aria-label={hostName === undefined ? 'Containers' : 'Containers on all hosts'}
      aria-rowcount={rows.length + 1}
      aria-multiselectable
      data-stale={stale || undefined}
      data-hosts={hostName === undefined ? undefined : true}
      data-testid="container-table"
    >
      <div role="rowgroup" className={classes.header}>
        <div role="row" className={classes.headerRow} aria-rowindex={1}>
          <div role="columnheader" className={classes.selectCell}>
            <Checkbox
              size="xs"
              aria-label="Select all shown containers"
              checked={matchedCount > 0 && selectedMatchedCount >= matchedCount}
              indeterminate={selectedMatchedCount > 0 && selectedMatchedCount < matchedCount}
              onChange={(event) => onSelectAll(event.currentTarget.checked)}
            />
          </div>
          {(hostName === undefined ? COLUMNS : [HOST_COLUMN, ...COLUMNS]).map((column) => (
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
        {virtualRows.map((virtualRow) => {
          const row = rows[virtualRow.index];
          if (row === undefined) return null;
          const offset = virtualRow.start - HEADER_HEIGHT;
          const rowIndex = virtualRow.index + 2;
          if (row.kind === 'project') {
            let count = 0;
            for (const container of row.containers) if (selected.has(itemKey(container))) count += 1;
            return (
              <ProjectRowView
                key={virtualRow.key}
                row={row}
                selectedCount={count}
                stale={stale || (staleEngines?.has(row.engineId) ?? false)}
                offset={offset}
                rowIndex={rowIndex}
                onToggle={onToggleProject}
                onSelect={onSelect}
                onAction={onProjectAction}
              />
            );
          }
          const { container } = row;
          return (
            <ContainerRow
              key={virtualRow.key}
              container={container}
              host={hostName?.(container.engineId)}
              usage={usage.get(row.key)}
              pending={pending.get(row.key)}
              selected={selected.has(row.key)}
              indented={row.project !== undefined}
              stale={stale || (staleEngines?.has(container.engineId) ?? false)}
              now={now}
              offset={offset}
              rowIndex={rowIndex}
              engineAddress={engineAddressOf?.(container.engineId)}
              onAction={onAction}
              onSelect={onSelect}
              onOpenUrl={onOpenUrl}
            />
          );
        })}
      </div>
    </div>
  );
}
