import { useCallback, useEffect, useState } from 'react';

import type { ContainerSummary, EngineId } from '../../../electron/common/bridge';
import { itemKey } from '../../lib/merge';
import { useNavigation } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import { killRequest, plural, removeAllRequest } from './confirm-requests';
import type { ConfirmRequest } from './ConfirmActionModal';
import { type BulkAction, bulkOnEngines, type RemoveOptions } from './containers-store';
import type { ProjectRow } from './list-model';
import { canPause, canUnpause } from './presentation';
import type { RowAction } from './RowActions';
import type { ContainersList } from './use-containers-list';

/** A confirmation waiting for the user, and what confirming does. */
interface PendingConfirm {
  request: ConfirmRequest;
  confirm: (options: { removeVolumes: boolean }) => void;
}

/** The Run dialog when open: the image and host to start with (from the images page, or the Run button). */
interface RunRequest {
  image?: string;
  engineId?: EngineId;
}

/** The containers the page's dialogs are about, and the dialog's setters. */
export interface ContainerDialogsState {
  removing: ContainerSummary | null;
  setRemoving: (container: ContainerSummary | null) => void;
  renaming: ContainerSummary | null;
  setRenaming: (container: ContainerSummary | null) => void;
  stopping: ContainerSummary | null;
  setStopping: (container: ContainerSummary | null) => void;
  confirm: PendingConfirm | null;
  setConfirm: (confirm: PendingConfirm | null) => void;
  run: RunRequest | null;
  setRun: (run: RunRequest | null) => void;
}

export interface ContainerActions {
  dialogs: ContainerDialogsState;
  /** A row's button or menu item. */
  onAction: (action: RowAction, container: ContainerSummary) => void;
  /** The bulk bar's buttons on the selection, or a project's menu on its containers. */
  runBulk: (action: BulkAction, targets: readonly ContainerSummary[]) => void;
  onProjectAction: (action: BulkAction, row: ProjectRow) => void;
  /** The one-container removal dialog said yes. */
  onConfirmRemove: (container: ContainerSummary, options: RemoveOptions) => void;
}

function useDialogsState(): ContainerDialogsState {
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const [renaming, setRenaming] = useState<ContainerSummary | null>(null);
  const [stopping, setStopping] = useState<ContainerSummary | null>(null);
  const [confirm, setConfirm] = useState<PendingConfirm | null>(null);
  const [run, setRun] = useState<RunRequest | null>(null);
  // The images page's "Run" arrives as a route with the engine and image to prefill: consumed once, and the
  // dialog runs on that engine.
  const { route, navigate } = useNavigation();
  const runImage = route.runImage;
  useEffect(() => {
    if (runImage === undefined) return;
    setRun({ image: runImage.reference, engineId: runImage.engineId });
    navigate({ page: 'containers' });
  }, [runImage, navigate]);
  return {
    removing,
    setRemoving,
    renaming,
    setRenaming,
    stopping,
    setStopping,
    confirm,
    setConfirm,
    run,
    setRun,
  };
}

/** What a row's action does: through the container's own host's store (so the row shows it pending), or a dialog. */
function useRowAction(
  { hostOf }: ContainersList,
  dialogs: ContainerDialogsState,
): ContainerActions['onAction'] {
  const stores = useStores();
  const { navigate } = useNavigation();
  const { setStopping, setConfirm, setRenaming, setRemoving } = dialogs;
  return useCallback(
    (action: RowAction, container: ContainerSummary) => {
      const { id, engineId } = container;
      const store = stores.containers(engineId);
      const openDetails = (tab?: string) =>
        navigate({
          page: 'containers',
          detail: { kind: 'container', engineId, id, ...(tab === undefined ? {} : { tab }) },
        });
      const direct: Partial<Record<RowAction, (id: string) => Promise<boolean>>> = {
        start: store.startContainer,
        stop: store.stopContainer,
        restart: store.restartContainer,
        pause: store.pauseContainer,
        unpause: store.unpauseContainer,
      };
      const call = direct[action];
      if (call !== undefined) void call(id);
      else if (action === 'stopWithTimeout') setStopping(container);
      else if (action === 'kill')
        setConfirm({ request: killRequest(hostOf, container), confirm: () => void store.killContainer(id) });
      else if (action === 'rename') setRenaming(container);
      else if (action === 'remove') setRemoving(container);
      else if (action === 'details') openDetails();
      else if (action === 'logs') openDetails('logs');
    },
    [stores, navigate, hostOf, setStopping, setConfirm, setRenaming, setRemoving],
  );
}

/** Every action the containers page offers, each sent to the container's own host. */
export function useContainerActions(list: ContainersList): ContainerActions {
  const stores = useStores();
  const { hostOf, lists, selection } = list;
  const { stale } = lists;
  const { setChecked } = selection;
  const dialogs = useDialogsState();
  const { setConfirm, setRemoving } = dialogs;
  const onAction = useRowAction(list, dialogs);

  /** One action on containers of one or several hosts, each sent to its own host, failures reported once. */
  const bulk = useCallback(
    (action: BulkAction, targets: readonly ContainerSummary[], options?: RemoveOptions) =>
      bulkOnEngines(stores.containers, action, targets, options, hostOf),
    [stores, hostOf],
  );
  const confirmRemoveAll = useCallback(
    (targets: readonly ContainerSummary[], title: string) =>
      setConfirm({
        request: removeAllRequest(hostOf, targets, title),
        confirm: ({ removeVolumes }) =>
          void bulk('remove', targets, { force: true, removeVolumes }).then((removed) =>
            setChecked(removed.map(itemKey), false),
          ),
      }),
    [bulk, setChecked, hostOf, setConfirm],
  );
  const runBulk = useCallback(
    (action: BulkAction, targets: readonly ContainerSummary[]) => {
      // A host that does not answer cannot act; the rest of the selection can.
      const reachable = targets.filter((item) => !stale.has(item.engineId));
      if (action === 'remove') {
        confirmRemoveAll(reachable, `Remove ${plural(reachable.length, 'container')}?`);
        return;
      }
      const applicable = reachable.filter((item) =>
        action === 'pause' ? canPause(item.state) : action === 'unpause' ? canUnpause(item.state) : true,
      );
      void bulk(action, applicable);
    },
    [bulk, confirmRemoveAll, stale],
  );
  const onProjectAction = useCallback(
    (action: BulkAction, row: ProjectRow) => {
      if (action !== 'remove') return runBulk(action, row.allContainers);
      const label = row.host === undefined ? row.project : `${row.project} on ${row.host}`;
      confirmRemoveAll(row.allContainers, `Remove every container of ${label}?`);
    },
    [confirmRemoveAll, runBulk],
  );
  const onConfirmRemove = useCallback(
    (container: ContainerSummary, options: RemoveOptions) => {
      setRemoving(null);
      void stores
        .containers(container.engineId)
        .removeContainer(container.id, options)
        .then((removed) => {
          if (removed) setChecked([itemKey(container)], false);
        });
    },
    [stores, setChecked, setRemoving],
  );
  return { dialogs, onAction, runBulk, onProjectAction, onConfirmRemove };
}
