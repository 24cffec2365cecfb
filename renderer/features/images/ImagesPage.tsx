import { useCallback, useEffect, useState } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import type { HostScope } from '../../components/ResourceList/host-scope';
import { useNow } from '../../hooks/use-now';
import { useNavigation } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import layout from '../../styles/page.module.css';
import { ImageDialogs, type ImageDialogsState, type ImagesModal } from './ImageDialogs';
import { ImagesBanners } from './ImagesBanners';
import { ImagesBody } from './ImagesBody';
import { ImagesHeading, ImagesToolbar, ImageTasks } from './ImagesToolbar';
import { ImageTable } from './ImageTable';
import { type ImageRow, rowReference } from './presentation';
import { type ImagesList, useImagesList } from './use-images-list';

interface ImagesPageProps {
  /** The engine whose images are listed when no `scope` is given. @default 'local' */
  engineId?: EngineId;
  /** The hosts listed (the host switcher's); one merged table with a Host column under "All hosts". */
  scope?: HostScope;
}

function useImageDialogs(): ImageDialogsState {
  const [modal, setModal] = useState<ImagesModal | undefined>();
  const [removing, setRemoving] = useState<readonly ImageRow[]>([]);
  const [tagging, setTagging] = useState<ImageRow | null>(null);
  // The palette's "Pull image…" / "Prune images…" arrive as a route: consumed once.
  const { route, navigate } = useNavigation();
  const requested = route.imagesDialog;
  useEffect(() => {
    if (requested === undefined) return;
    setModal(requested);
    navigate({ page: 'images' });
  }, [requested, navigate]);
  return { modal, setModal, removing, setRemoving, tagging, setTagging };
}

/** The table, its rows' actions each going to the row's own host. */
function ImagesTable({ list, dialogs, now }: { list: ImagesList; dialogs: ImageDialogsState; now: number }) {
  const stores = useStores();
  const { navigate } = useNavigation();
  const { setTagging, setRemoving } = dialogs;
  const onOpen = useCallback(
    (row: ImageRow) =>
      navigate({ page: 'images', detail: { kind: 'image', engineId: row.image.engineId, id: row.image.id } }),
    [navigate],
  );
  const onRun = useCallback(
    (row: ImageRow) =>
      navigate({
        page: 'containers',
        runImage: { engineId: row.image.engineId, reference: rowReference(row) },
      }),
    [navigate],
  );
  const onPush = useCallback(
    (row: ImageRow) => void stores.images(row.image.engineId).push(row.ref),
    [stores],
  );
  const onTag = useCallback((row: ImageRow) => setTagging(row), [setTagging]);
  const onRemove = useCallback((row: ImageRow) => setRemoving([row]), [setRemoving]);
  return (
    <ImageTable
      rows={list.rows}
      sort={list.sort}
      onSortChange={list.setSort}
      selection={list.selection.table}
      pending={list.pending}
      stale={list.lists.stale}
      now={now}
      showHost={list.scope.all}
      onOpen={onOpen}
      onRun={onRun}
      onPush={onPush}
      onTag={onTag}
      onRemove={onRemove}
    />
  );
}

/**
 * Every image of the listed hosts (one, or every host at once under "All hosts", with a Host column), live, on the
 * shared list framework: search, filter (in use, unused, dangling), sort, select; pull, push, tag, remove, prune,
 * build, save and load; the details of one image; and the task list of image operations. Every row's action goes
 * to the row's own host; dialogs not tied to a row ask for the host under "All hosts".
 */
export function ImagesPage({ engineId = 'local', scope }: ImagesPageProps) {
  const list = useImagesList(engineId, scope);
  const dialogs = useImageDialogs();
  const now = useNow(30_000);
  return (
    <div className={layout.page}>
      <ImagesHeading list={list} dialogs={dialogs} />
      <ImagesBanners list={list} />
      <ImagesToolbar list={list} dialogs={dialogs} />
      <ImagesBody list={list} table={<ImagesTable list={list} dialogs={dialogs} now={now} />} />
      <ImageTasks list={list} />
      <ImageDialogs list={list} dialogs={dialogs} now={now} />
    </div>
  );
}
