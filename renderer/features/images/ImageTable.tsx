import { useMemo } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import {
  type TableColumn,
  type TableSelection,
  type TableSort,
  VirtualTable,
} from '../../components/VirtualTable/VirtualTable';
import { itemKey } from '../../lib/merge';
import {
  IMAGE_HOST_COLUMN,
  imageActionsColumn,
  imageDataColumns,
  type ImageRowActions,
} from './image-columns';
import type { ImageRow, ImageSortKey } from './presentation';

/** Fixed row height: the virtualiser positions rows without measuring them. */
const IMAGE_ROW_HEIGHT = 44;

export type ImageSort = TableSort<ImageSortKey>;

interface ImageTableProps extends ImageRowActions {
  /** Rows in display order (already filtered and sorted). */
  rows: readonly ImageRow[];
  sort: ImageSort;
  onSortChange: (sort: ImageSort) => void;
  /** The checked rows (`useRowSelection` keyed by `row.key`). */
  selection: TableSelection<ImageRow>;
  /** Images (`itemKey` of engine and id) with an action in flight. */
  pending: ReadonlySet<string>;
  /** Hosts whose rows are stale (`isHostStale`): their rows' actions are disabled. */
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
  selection,
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
  const columns = useMemo<TableColumn<ImageRow, ImageSortKey>[]>(
    () => [
      ...(showHost ? [IMAGE_HOST_COLUMN] : []),
      ...imageDataColumns(now),
      imageActionsColumn({ pending, stale, onRun, onPush, onTag, onRemove }),
    ],
    [showHost, now, pending, stale, onRun, onPush, onTag, onRemove],
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
