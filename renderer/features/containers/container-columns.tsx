import { UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';

import {
  type ContainerSummary,
  type ContainerUsage,
  type EngineId,
  formatBytes,
  formatDateTime,
  type PortBinding,
  statusDetail,
} from '../../../electron/common/bridge';
import { MiddleEllipsis } from '../../components/MiddleEllipsis/MiddleEllipsis';
import type { TableColumn } from '../../components/VirtualTable/VirtualTable';
import type { PendingAction } from './containers-store';
import classes from './ContainerTable.module.css';
import type { ContainerRow, ListRow } from './list-model';
import {
  type ContainerSortKey,
  formatCpu,
  formatCreated,
  formatMemory,
  formatPort,
  type HostNameOf,
  portUrl,
  shortImageName,
} from './presentation';
import { type RowAction, RowActions } from './RowActions';
import { StateBadges } from './StateBadges';

/** What the columns' cells need: samples, pending actions, stale hosts, the hosts' names and addresses. */
interface ColumnContext {
  /** Latest CPU/memory samples, by `itemKey`. */
  usage: ReadonlyMap<string, ContainerUsage>;
  /** Actions in flight, by `itemKey` (engine and id). */
  pending: ReadonlyMap<string, PendingAction>;
  /** Whether a host's rows are stale (`isHostStale`): dimmed, without actions. */
  staleOf: (engineId: EngineId) => boolean;
  /** Epoch ms used for the "Created" column. */
  now: number;
  /** Each engine's address, so port links point at the right host. */
  engineAddressOf?: ((engineId: EngineId) => string | undefined) | undefined;
  /** All hosts: names the host of each row, shown in a Host column and in the row's button labels. */
  hostName?: HostNameOf | undefined;
  onAction: (action: RowAction, container: ContainerSummary) => void;
  onOpenUrl: (url: string) => void;
}

type Column = TableColumn<ListRow, ContainerSortKey>;

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

/** The row of a container: headings have no cells of their own. */
function cell(render: (row: ContainerRow) => ReactNode): (row: ListRow) => ReactNode {
  return (row) => (row.kind === 'container' ? render(row) : null);
}

/** In All hosts the same name can be on two hosts: the labels say which. */
export function labelOf(hostName: HostNameOf | undefined, name: string, engineId: EngineId): string {
  const host = hostName?.(engineId);
  return host === undefined ? name : `${name} on ${host}`;
}

/** All hosts: the Host column first. */
function hostColumns(hostName: HostNameOf | undefined): Column[] {
  if (hostName === undefined) return [];
  return [
    {
      id: 'host',
      label: 'Host',
      width: 'minmax(6rem, 1fr)',
      priority: 2,
      sortKey: 'host',
      render: cell((row) => hostName(row.container.engineId)),
      title: (row) => (row.kind === 'container' ? hostName(row.container.engineId) : undefined),
    },
  ];
}

/** Name (opens the details), image, state and status. */
function identityColumns({ onAction }: ColumnContext): Column[] {
  return [
    {
      id: 'name',
      label: 'Name',
      width: 'minmax(8.5rem, 2fr)',
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
      width: 'minmax(9rem, 2.4fr)',
      priority: 3,
      sortKey: 'image',
      // The tag at the end says most: the middle gives way, the whole reference is on hover.
      render: cell((row) => (
        <MiddleEllipsis className={classes.mono} text={shortImageName(row.container.image)} />
      )),
      title: (row) => (row.kind === 'container' ? row.container.image : undefined),
    },
    {
      id: 'state',
      label: 'State',
      // Wide enough for `Restarting ×12` or `Running` + `Unhealthy`: the badges are never cut.
      width: '9.5rem',
      sortKey: 'state',
      render: cell((row) => <StateBadges container={row.container} />),
    },
    {
      id: 'status',
      label: 'Status',
      width: 'minmax(8rem, 1fr)',
      priority: 4,
      sortKey: 'status',
      render: cell((row) => <span className={classes.status}>{statusDetail(row.container.status)}</span>),
      title: (row) => (row.kind === 'container' ? row.container.status : undefined),
    },
  ];
}

/** CPU and memory of the running rows on screen. */
function usageColumns({ usage }: ColumnContext): Column[] {
  return [
    {
      id: 'cpu',
      label: 'CPU',
      width: '4rem',
      priority: 6,
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
      width: '5rem',
      priority: 7,
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
  ];
}

/** Ports (links to the host), creation time, and the row's actions. */
function tailColumns({
  pending,
  staleOf,
  now,
  engineAddressOf,
  hostName,
  onAction,
  onOpenUrl,
}: ColumnContext): Column[] {
  return [
    {
      id: 'ports',
      label: 'Ports',
      width: 'minmax(7rem, 1.3fr)',
      priority: 5,
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
      priority: 8,
      sortKey: 'created',
      render: cell((row) => (
        <span className={classes.dimmed}>{formatCreated(row.container.created, now)}</span>
      )),
      title: (row) => (row.kind === 'container' ? formatDateTime(row.container.created) : undefined),
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

/** The columns, with what their cells show. */
export function containerColumns(context: ColumnContext): Column[] {
  return [
    ...hostColumns(context.hostName),
    ...identityColumns(context),
    ...usageColumns(context),
    ...tailColumns(context),
  ];
}
