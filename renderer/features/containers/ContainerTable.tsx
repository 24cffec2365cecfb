import { ActionIcon, Badge, Menu, UnstyledButton } from '@mantine/core';
import { IconDots, IconPlayerPlay, IconPlayerStop, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useMemo, useRef, useState } from 'react';

import {
  type ContainerSummary,
  type ContainerUsage,
  type EngineId,
  formatBytes,
  type PortBinding,
} from '../../../electron/common/bridge';
import {
  type TableColumn,
  type TableHeading,
  type TableSelection,
  VirtualTable,
} from '../../components/VirtualTable/VirtualTable';
import { itemKey } from '../../lib/merge';
import type { BulkAction, ContainerRef, PendingAction } from './containers-store';
import classes from './ContainerTable.module.css';
import type { ContainerRow, ContainerSort, ListRow, ProjectRow } from './list-model';
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
  stateColor,
} from './presentation';

export type { ContainerSort } from './list-model';

/** Fixed row height: the virtualiser positions rows without measuring them. */
export const ROW_HEIGHT = 44;

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

/** The buttons every row shows, in order: what they do, how they look, when they are allowed. */
const ROW_BUTTONS = [
  {
    action: 'start',
    verb: 'Start',
    color: 'green',
    Icon: IconPlayerPlay,
    pending: 'starting',
    allowed: canStart,
  },
  {
    action: 'stop',
    verb: 'Stop',
    color: 'orange',
    Icon: IconPlayerStop,
    pending: 'stopping',
    allowed: canStop,
  },
  {
    action: 'remove',
    verb: 'Remove',
    color: 'red',
    Icon: IconTrash,
    pending: 'removing',
    allowed: () => true,
  },
] as const satisfies readonly {
  action: RowAction;
  verb: string;
  color: string;
  Icon: typeof IconTrash;
  pending: PendingAction;
  allowed: (state: ContainerSummary['state']) => boolean;
}[];

/** A row's start/stop/remove buttons and its "more actions" menu. */
function RowActions({
  container,
  label,
  pending,
  stale,
  onAction,
}: {
  container: ContainerSummary;
  label: string;
  pending: PendingAction | undefined;
  stale: boolean;
  onAction: (action: RowAction, container: ContainerSummary) => void;
}) {
  const busy = pending !== undefined || stale;
  const { state, name } = container;
  const act = (action: RowAction) => () => onAction(action, container);
  return (
    <div className={classes.actions}>
      {ROW_BUTTONS.map((button) => (
        <ActionIcon
          key={button.action}
          aria-label={`${button.verb} ${label}`}
          color={button.color}
          disabled={busy || !button.allowed(state)}
          loading={pending === button.pending}
          onClick={act(button.action)}
        >
          <button.Icon size={18} aria-hidden />
        </ActionIcon>
      ))}
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
  );
}

/** The row of a container: headings have no cells of their own. */
function cell(render: (row: ContainerRow) => ReactNode): (row: ListRow) => ReactNode {
  return (row) => (row.kind === 'container' ? render(row) : null);
}

// In All hosts the same name can be on two hosts: the labels say which.
function labelOf(hostName: HostNameOf | undefined, name: string, engineId: EngineId): string {
  const host = hostName?.(engineId);
  return host === undefined ? name : `${name} on ${host}`;
}

/** A row is out of date when the whole list is, or its own host does not answer. */
function isStale(
  stale: boolean,
  staleEngines: ReadonlySet<EngineId> | undefined,
  engineId: EngineId,
): boolean {
  return stale || (staleEngines?.has(engineId) ?? false);
}

/** The columns, with what their cells show. */
function containerColumns({
  usage,
  pending,
  stale,
  staleEngines,
  now,
  engineAddressOf,
  hostName,
  onAction,
  onOpenUrl,
}: Pick<
  ContainerTableProps,
  | 'usage'
  | 'pending'
  | 'stale'
  | 'staleEngines'
  | 'now'
  | 'engineAddressOf'
  | 'hostName'
  | 'onAction'
  | 'onOpenUrl'
>): TableColumn<ListRow, ContainerSortKey>[] {
  const staleOf = (engineId: EngineId): boolean => isStale(stale, staleEngines, engineId);
  return [
    ...(hostName === undefined
      ? []
      : [
          {
            id: 'host',
            label: 'Host',
            width: 'minmax(5rem, 1fr)',
            sortKey: 'host' as const,
            render: cell((row) => hostName(row.container.engineId)),
            title: (row: ListRow) =>
              row.kind === 'container' ? hostName(row.container.engineId) : undefined,
          },
        ]),
    {
      id: 'name',
      label: 'Name',
      width: 'minmax(8rem, 2fr)',
      sortKey: 'name',
      interactive: true,
      render: cell((row) => (
        <UnstyledButton
          className={classes.nameButton}
          data-indented={row.project !== undefined || undefined}
          title={row.container.name}
          onClick={() => onAction('details', row.container)}
        >
          {row.container.name}
        </UnstyledButton>
      )),
    },
    {
      id: 'image',
      label: 'Image',
      width: 'minmax(6rem, 1.6fr)',
      sortKey: 'image',
      render: cell((row) => <span className={classes.mono}>{shortImageName(row.container.image)}</span>),
      title: (row) => (row.kind === 'container' ? row.container.image : undefined),
    },
    {
      id: 'state',
      label: 'State',
      width: '5.5rem',
      sortKey: 'state',
      render: cell((row) => <Badge color={stateColor(row.container.state)}>{row.container.state}</Badge>),
    },
    {
      id: 'status',
      label: 'Status',
      width: 'minmax(5.5rem, 1.3fr)',
      sortKey: 'status',
      render: cell((row) => <span className={classes.dimmed}>{row.container.status}</span>),
      title: (row) => (row.kind === 'container' ? row.container.status : undefined),
    },
    {
      id: 'cpu',
      label: 'CPU',
      width: '4rem',
      sortKey: 'cpu',
      render: cell((row) => (
        <span className={classes.numeric} data-testid="cpu">
          {row.container.state === 'running' ? formatCpu(usage.get(row.key)?.cpuPercent) : '—'}
        </span>
      )),
    },
    {
      id: 'memory',
      label: 'Memory',
      width: '4.75rem',
      sortKey: 'memory',
      render: cell((row) => (
        <span className={classes.numeric} data-testid="memory">
          {row.container.state === 'running' ? formatMemory(usage.get(row.key)) : '—'}
        </span>
      )),
      title: (row) => {
        if (row.kind !== 'container' || row.container.state !== 'running') return undefined;
        const sample = usage.get(row.key);
        return sample?.memoryLimitBytes === undefined
          ? undefined
          : `${formatMemory(sample)} of ${formatBytes(sample.memoryLimitBytes)}`;
      },
    },
    {
      id: 'ports',
      label: 'Ports',
      width: 'minmax(5rem, 1.5fr)',
      sortKey: 'ports',
      interactive: true,
      render: cell((row) => (
        <span className={classes.mono}>
          <Ports
            ports={row.container.ports}
            engineAddress={engineAddressOf?.(row.container.engineId)}
            onOpenUrl={onOpenUrl}
          />
        </span>
      )),
    },
    {
      id: 'created',
      label: 'Created',
      width: '6rem',
      sortKey: 'created',
      render: cell((row) => (
        <span className={classes.dimmed}>{formatCreated(row.container.created, now)}</span>
      )),
      title: (row) =>
        row.kind === 'container' ? new Date(row.container.created).toLocaleString() : undefined,
    },
    {
      id: 'actions',
      label: 'Actions',
      width: '7.75rem',
      interactive: true,
      render: cell((row) => (
        <RowActions
          container={row.container}
          label={labelOf(hostName, row.container.name, row.container.engineId)}
          pending={pending.get(row.key)}
          stale={staleOf(row.container.engineId)}
          onAction={onAction}
        />
      )),
    },
  ];
}

/**
 * The containers list on the shared VirtualTable (virtualised, so thousands of containers cost what a screenful
 * does). Compose projects are heading rows in the same virtual list.
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
  const staleOf = (engineId: EngineId): boolean => isStale(stale, staleEngines, engineId);

  // Memoised so a render that changes none of these leaves the rendered rows alone.
  const columns = useMemo(
    () =>
      containerColumns({
        usage,
        pending,
        stale,
        staleEngines,
        now,
        engineAddressOf,
        hostName,
        onAction,
        onOpenUrl,
      }),
    [usage, pending, stale, staleEngines, now, engineAddressOf, hostName, onAction, onOpenUrl],
  );
  const allSelected = matchedCount > 0 && selectedMatchedCount >= matchedCount;
  const selection = useMemo<TableSelection<ListRow>>(
    () => ({
      selected,
      onToggle: (row) => onSelect([row.key], !selected.has(row.key)),
      onToggleAll: () => onSelectAll(!allSelected),
      itemLabel: (row) =>
        `Select ${row.kind === 'container' ? labelOf(hostName, row.container.name, row.container.engineId) : row.project}`,
      allLabel: 'Select all shown containers',
      // Headings are rows too, and folded projects hide theirs: the page counts what the query matches.
      counts: { selected: selectedMatchedCount, total: matchedCount },
    }),
    [selected, onSelect, onSelectAll, allSelected, hostName, selectedMatchedCount, matchedCount],
  );

  const heading = (row: ListRow): TableHeading | undefined =>
    row.kind === 'project'
      ? projectHeading(row, selected, staleOf(row.engineId), onSelect, onToggleProject, onProjectAction)
      : undefined;

  // Main samples CPU and memory only for what is on screen: tell it which running containers that is, when that
  // changes.
  const reportVisible = useRef(onVisibleRunningChange);
  reportVisible.current = onVisibleRunningChange;
  const lastReported = useRef<string | undefined>(undefined);
  const onVisibleItemsChange = useMemo(
    () => (visible: readonly ListRow[]) => {
      const running: ContainerRef[] = visible.flatMap((row) =>
        row.kind === 'container' && row.container.state === 'running'
          ? [{ engineId: row.container.engineId, id: row.container.id }]
          : [],
      );
      const key = running.map(itemKey).join('\n');
      if (key === lastReported.current) return;
      lastReported.current = key;
      reportVisible.current?.(running);
    },
    [],
  );

  return (
    <VirtualTable
      items={rows}
      columns={columns}
      getKey={(row) => row.key}
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
              stale: staleEngines?.has(row.container.engineId) === true ? 'true' : undefined,
            }
          : {}
      }
      selection={selection}
      testId="container-table"
      rowTestId="container-row"
      heading={heading}
      onVisibleItemsChange={onVisibleItemsChange}
    />
  );
}

/** A Compose project's heading: fold/unfold, select all its containers, and act on all of them. */
function projectHeading(
  row: ProjectRow,
  selected: ReadonlySet<string>,
  stale: boolean,
  onSelect: (keys: readonly string[], selected: boolean) => void,
  onToggle: (group: string) => void,
  onAction: (action: BulkAction, row: ProjectRow) => void,
): TableHeading {
  const { project, host, containers, allContainers, active, collapsed } = row;
  const keys = containers.map(itemKey);
  const total = allContainers.length;
  // In All hosts a project on two hosts is two groups: the labels say which.
  const label = host === undefined ? project : `${project} on ${host}`;
  return {
    title: project,
    meta: `Compose${host === undefined ? '' : ` on ${host}`} · ${active} of ${total} running${
      containers.length < total ? ` · ${containers.length} shown` : ''
    }`,
    collapsed,
    toggleLabel: `${collapsed ? 'Show' : 'Hide'} the containers of ${label}`,
    onToggle: () => onToggle(row.group),
    check: {
      label: `Select the containers of ${label}`,
      selected: keys.filter((key) => selected.has(key)).length,
      total: keys.length,
      onChange: (checked) => onSelect(keys, checked),
    },
    actions: (
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
    ),
    data: { project, 'engine-id': row.engineId },
    testId: 'project-row',
  };
}
