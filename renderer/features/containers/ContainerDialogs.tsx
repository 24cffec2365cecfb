import { useCallback, useMemo } from 'react';

import type { EngineId, RunSpec } from '../../../electron/common/bridge';
import { useNavigation, useOperationActions, useOperations } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import { ConfirmActionModal } from './ConfirmActionModal';
import { RemoveContainerModal } from './RemoveContainerModal';
import { RenameContainerModal } from './RenameContainerModal';
import { RunContainerDialog } from './RunContainerDialog';
import { StopContainerModal } from './StopContainerModal';
import type { ContainerActions } from './use-container-actions';
import type { ContainersList } from './use-containers-list';

/** The Run dialog: on the requested host, or under "All hosts" on a picked one of those that answer. */
function RunDialog({ list, actions, engineId }: DialogsProps) {
  const stores = useStores();
  const { navigate } = useNavigation();
  const { operations } = useOperations();
  const { cancel } = useOperationActions();
  const { run, setRun } = actions.dialogs;
  const { hostOf, runnable } = list;
  const runOn = run?.engineId ?? engineId;
  const hosts = useMemo(
    () =>
      hostOf === undefined
        ? undefined
        : { engineIds: runnable.map((engine) => engine.id), hostName: hostOf, initial: runOn },
    [hostOf, runnable, runOn],
  );
  const operationOf = useCallback(
    (id: string) => operations.find((entry) => entry.summary.id === id),
    [operations],
  );
  const onRun = useCallback((spec: RunSpec) => stores.containers(spec.engineId).runContainer(spec), [stores]);
  const onStarted = useCallback(
    (containerId: string, startedOn: EngineId) => {
      setRun(null);
      navigate({
        page: 'containers',
        detail: { kind: 'container', engineId: startedOn, id: containerId, tab: 'logs' },
      });
    },
    [navigate, setRun],
  );
  return (
    <RunContainerDialog
      opened={run !== null}
      engineId={runOn}
      {...(hosts === undefined ? {} : { hosts })}
      {...(run?.image === undefined ? {} : { initialImage: run.image })}
      onClose={() => setRun(null)}
      onRun={onRun}
      operationOf={operationOf}
      onCancelOperation={(id) => void cancel(id)}
      onStarted={onStarted}
    />
  );
}

interface DialogsProps {
  list: ContainersList;
  actions: ContainerActions;
  /** The page's one host (the Run dialog's, unless a request names another). */
  engineId: EngineId;
}

/** Remove, rename, stop with a timeout, confirmations (kill, remove several) and Run. */
export function ContainerDialogs(props: DialogsProps) {
  const stores = useStores();
  const { list, actions } = props;
  const { hostOf } = list;
  const { removing, setRemoving, renaming, setRenaming, stopping, setStopping, confirm, setConfirm } =
    actions.dialogs;
  const hostOfItem = (item: { engineId: EngineId } | null) =>
    item === null || hostOf === undefined ? {} : { host: hostOf(item.engineId) };
  return (
    <>
      <RemoveContainerModal
        container={removing}
        {...hostOfItem(removing)}
        onCancel={() => setRemoving(null)}
        onConfirm={actions.onConfirmRemove}
      />
      <RenameContainerModal
        container={renaming}
        {...hostOfItem(renaming)}
        onCancel={() => setRenaming(null)}
        onRename={async (container, name) => {
          const renamed = await stores.containers(container.engineId).renameContainer(container.id, name);
          if (renamed) setRenaming(null);
          return renamed;
        }}
      />
      <StopContainerModal
        container={stopping}
        {...hostOfItem(stopping)}
        onCancel={() => setStopping(null)}
        onStop={(container, timeoutSeconds) => {
          setStopping(null);
          void stores.containers(container.engineId).stopContainer(container.id, { timeoutSeconds });
        }}
      />
      <ConfirmActionModal
        request={confirm?.request ?? null}
        onCancel={() => setConfirm(null)}
        onConfirm={(options) => {
          confirm?.confirm(options);
          setConfirm(null);
        }}
      />
      <RunDialog {...props} />
    </>
  );
}
