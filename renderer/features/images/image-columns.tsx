import { ActionIcon, Badge, Tooltip } from '@mantine/core';
import { IconCloudUpload, IconPlayerPlay, IconTag, IconTrash } from '@tabler/icons-react';

import { EMPTY_VALUE, type EngineId, formatBytes } from '../../../electron/common/bridge';
import { MiddleEllipsis } from '../../components/MiddleEllipsis/MiddleEllipsis';
import type { TableColumn } from '../../components/VirtualTable/VirtualTable';
import { itemKey } from '../../lib/merge';
import { formatCreated } from '../containers/presentation';
import classes from './ImageTable.module.css';
import { type ImageRow, type ImageSortKey, rowLabel, shortId } from './presentation';

type Column = TableColumn<ImageRow, ImageSortKey>;

/** What a row can ask for; each goes to the row's own engine (`row.image.engineId`). */
export interface ImageRowActions {
  onOpen: (row: ImageRow) => void;
  onRun: (row: ImageRow) => void;
  onPush: (row: ImageRow) => void;
  onTag: (row: ImageRow) => void;
  onRemove: (row: ImageRow) => void;
}

/** All hosts: the Host column first (rows carry their host's name). */
export const IMAGE_HOST_COLUMN: Column = {
  id: 'host',
  label: 'Host',
  width: 'minmax(5rem, 1fr)',
  priority: 2,
  sortKey: 'host',
  title: (row) => row.host,
  render: (row) => row.host,
};

/** Repository, tag, id, size, age and the containers using it. */
export function imageDataColumns(now: number): Column[] {
  return [
    {
      id: 'repository',
      label: 'Repository',
      width: 'minmax(9rem, 3fr)',
      sortKey: 'repository',
      title: (row) => row.repository,
      // A registry path is cut in the middle: its last part (the name) stays readable.
      render: (row) =>
        row.repository === '<none>' ? (
          <span className={classes.none}>{row.repository}</span>
        ) : (
          <MiddleEllipsis className={classes.repository} text={row.repository} />
        ),
    },
    {
      id: 'tag',
      label: 'Tag',
      width: 'minmax(5rem, 1.2fr)',
      priority: 2,
      sortKey: 'tag',
      title: (row) => row.tag,
      render: (row) => <span className={row.tag === '<none>' ? classes.none : classes.mono}>{row.tag}</span>,
    },
    {
      id: 'id',
      label: 'Image ID',
      width: '7.5rem',
      priority: 5,
      title: (row) => row.image.id,
      render: (row) => <span className={classes.mono}>{shortId(row.image.id)}</span>,
    },
    {
      id: 'size',
      label: 'Size',
      width: '5.5rem',
      priority: 4,
      sortKey: 'size',
      render: (row) => <span className={classes.dimmed}>{formatBytes(row.image.size, 'rounded')}</span>,
    },
    {
      id: 'created',
      label: 'Created',
      width: '7rem',
      priority: 6,
      sortKey: 'created',
      title: (row) => new Date(row.image.created).toLocaleString(),
      render: (row) => <span className={classes.dimmed}>{formatCreated(row.image.created, now)}</span>,
    },
    {
      id: 'containers',
      label: 'Containers',
      width: '6.5rem',
      priority: 3,
      sortKey: 'containers',
      render: (row) =>
        row.image.containers > 0 ? (
          <Badge color="green" title={`Used by ${row.image.containers} container(s)`}>
            {row.image.containers}
          </Badge>
        ) : row.image.dangling ? (
          <Badge color="gray">dangling</Badge>
        ) : (
          <span className={classes.dimmed}>{EMPTY_VALUE}</span>
        ),
    },
  ];
}

/** Run, push, tag and remove; they wait while the row's host is stale or an action on the image is under way. */
export function imageActionsColumn({
  pending,
  stale,
  onRun,
  onPush,
  onTag,
  onRemove,
}: Omit<ImageRowActions, 'onOpen'> & {
  pending: ReadonlySet<string>;
  stale: ReadonlySet<EngineId>;
}): Column {
  return {
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
  };
}
