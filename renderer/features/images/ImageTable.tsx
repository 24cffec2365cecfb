import { ActionIcon, Badge, Tooltip } from '@mantine/core';
import { IconCloudUpload, IconPlayerPlay, IconTag, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import { formatBytes } from '../../../electron/common/bridge';
import {
  type TableColumn,
  type TableSelection,
  type TableSort,
  VirtualTable,
} from '../../components/VirtualTable/VirtualTable';
import { itemKey } from '../../lib/merge';
import { formatCreated } from '../containers/presentation';
import classes from './ImageTable.module.css';
import { type ImageRow, type ImageSortKey, rowLabel, shortId } from './presentation';

/** Fixed row height: the virtualiser positions rows without measuring them. */
export const IMAGE_ROW_HEIGHT = 44;

export type ImageSort = TableSort<ImageSortKey>;

/** What a row can ask for; each goes to the row's own engine (`row.image.engineId`). */
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
  /** Images (`itemKey` of engine and id) with an action in flight. */
  pending: ReadonlySet<string>;
  /** Engines whose list may be out of date (unreachable): their rows' actions are disabled. */
  stale: ReadonlySet<EngineId>;
  now: number;
  /** All hosts: rows carry their host's name (`row.host`) in a Host column and in their actions' names. */
  showHost?: boolean;
}

/**
 * The images list (one row per name) on the shared virtualised table: thousands of images cost what a screenful
 * does. With `showHost` it is the merged list of every host.
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
  showHost = false,
  onOpen,
  onRun,
  onPush,
  onTag,
  onRemove,
}: ImageTableProps) {
  const columns = useMemo<TableColumn<ImageRow, ImageSortKey>[]>(() => {
    const host: TableColumn<ImageRow, ImageSortKey> = {
      id: 'host',
      label: 'Host',
      width: 'minmax(5rem, 1fr)',
      sortKey: 'host',
      title: (row) => row.host,
      render: (row) => row.host,
    };
    return [
      ...(showHost ? [host] : []),
      {
        id: 'repository',
        label: 'Repository',
        width: 'minmax(9rem, 3fr)',
        sortKey: 'repository',
        title: (row) => row.repository,
        render: (row) => (
          <span className={row.repository === '<none>' ? classes.none : classes.repository}>
            {row.repository}
          </span>
        ),
      },
      {
        id: 'tag',
        label: 'Tag',
        width: 'minmax(5rem, 1.2fr)',
        sortKey: 'tag',
        title: (row) => row.tag,
        render: (row) => (
          <span className={row.tag === '<none>' ? classes.none : classes.mono}>{row.tag}</span>
        ),
      },
      {
        id: 'id',
        label: 'Image ID',
        width: '7.5rem',
        title: (row) => row.image.id,
        render: (row) => <span className={classes.mono}>{shortId(row.image.id)}</span>,
      },
      {
        id: 'size',
        label: 'Size',
        width: '5.5rem',
        sortKey: 'size',
        render: (row) => <span className={classes.dimmed}>{formatBytes(row.image.size, 'rounded')}</span>,
      },
      {
        id: 'created',
        label: 'Created',
        width: '7rem',
        sortKey: 'created',
        title: (row) => new Date(row.image.created).toLocaleString(),
        render: (row) => <span className={classes.dimmed}>{formatCreated(row.image.created, now)}</span>,
      },
      {
        id: 'containers',
        label: 'Containers',
        width: '6.5rem',
        sortKey: 'containers',
        render: (row) =>
          row.image.containers > 0 ? (
            <Badge color="green" title={`Used by ${row.image.containers} container(s)`}>
              {row.image.containers}
            </Badge>
          ) : row.image.dangling ? (
            <Badge color="gray">dangling</Badge>
          ) : (
            <span className={classes.dimmed}>—</span>
          ),
      },
      {
        id: 'actions',
        label: 'Actions',
        width: '9rem',
        interactive: true,
        render: (row) => {
          const isPending = pending.has(itemKey(row.image));
          const isStale = stale.has(row.image.engineId);
          const busy = isPending || isStale;
          const label = rowLabel(row);
          return (
            <div className={classes.actions}>
              <Tooltip label="Run">
                <ActionIcon
                  aria-label={`Run ${label}`}
                  color="green"
                  disabled={isStale}
                  onClick={() => onRun(row)}
                >
                  <IconPlayerPlay size={18} aria-hidden />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Push">
                <ActionIcon
                  aria-label={`Push ${label}`}
                  disabled={busy || row.image.repoTags.length === 0}
                  onClick={() => onPush(row)}
                >
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
                  loading={isPending}
                  onClick={() => onRemove(row)}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </div>
          );
        },
      },
    ];
  }, [showHost, now, pending, stale, onRun, onPush, onTag, onRemove]);

  const selection = useMemo<TableSelection<ImageRow>>(
    () => ({
      selected,
      onToggle,
      onToggleAll,
      itemLabel: (row) => `Select ${rowLabel(row)}`,
      allLabel: 'Select all shown images',
    }),
    [selected, onToggle, onToggleAll],
  );

  return (
    <VirtualTable
      items={rows}
      columns={columns}
      getKey={(row) => row.key}
      sort={sort}
      onSortChange={onSortChange}
      label={showHost ? 'Images on all hosts' : 'Images'}
      rowHeight={IMAGE_ROW_HEIGHT}
      onRowActivate={onOpen}
      rowData={(row) => ({
        'engine-id': row.image.engineId,
        'image-id': row.image.id,
        ref: row.ref,
        pending: pending.has(itemKey(row.image)) ? 'true' : undefined,
        stale: stale.has(row.image.engineId) ? 'true' : undefined,
      })}
      selection={selection}
      testId="image-table"
      rowTestId="image-row"
    />
  );
}
