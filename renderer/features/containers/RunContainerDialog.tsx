import { Button, Group, Modal, Stack } from '@mantine/core';

import type { EngineId, IpcError, OperationSummary, RunSpec } from '../../../electron/common/bridge';
import { FormActions, FormFailure } from '../../components/FormActions/FormActions';
import { type HostChoice, HostPicker } from '../../components/HostPicker/HostPicker';
import { OperationProgress } from '../../components/OperationProgress/OperationProgress';
import type { OperationEntry } from '../../stores/operations';
import { MountsFieldset, PortsFieldset } from './run/PortsAndMounts';
import { ImageAndCommandFields, RunCommand, RuntimeFields } from './run/RunFormFields';
import { useRunForm } from './run/use-run-form';

interface RunContainerDialogProps {
  opened: boolean;
  /** The host it runs on, unless `hosts` offers a choice. */
  engineId: EngineId;
  /** All hosts: the hosts to choose from (connected ones) and the one offered first, shown as a picker. */
  hosts?: HostChoice;
  /** Prefills the image (the images page's "Run"). */
  initialImage?: string;
  onClose: () => void;
  /** Asks main to run it; resolves with the operation or with why it was refused. */
  onRun: (spec: RunSpec) => Promise<{ operation: OperationSummary } | { error: IpcError }>;
  /** The operation's live state, from the task list (by id). */
  operationOf: (id: string) => OperationEntry | undefined;
  onCancelOperation: (id: string) => void;
  /** The container is running on `engineId`: the page opens its logs. */
  onStarted: (containerId: string, engineId: EngineId) => void;
}

/** The run's pull and create/start steps, with a way back to the form once it failed. */
function RunProgress({
  entry,
  onCancelOperation,
  onBack,
  onClose,
}: {
  entry: OperationEntry;
  onCancelOperation: (id: string) => void;
  onBack: () => void;
  onClose: () => void;
}) {
  const state = entry.summary.state;
  const running = state === 'running';
  return (
    <Stack gap="md" data-testid="run-progress">
      <OperationProgress entry={entry} onCancel={onCancelOperation} />
      <Group justify="flex-end">
        {state !== 'running' && state !== 'succeeded' && (
          <Button variant="default" onClick={onBack}>
            Back to the form
          </Button>
        )}
        <Button variant={running ? 'default' : 'filled'} onClick={onClose}>
          {running ? 'Hide (keeps running)' : 'Close'}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * `docker run` as a dialog: image, name, command, environment, ports, mounts, network, restart policy, `--rm`
 * and `-it`, each checked as it is typed with the same rules main applies, and the equivalent command line to
 * copy. Running shows the pull (per layer and overall) and the create/start steps; on success the page opens
 * the container's logs, on failure the form comes back with the field to change highlighted.
 */
export function RunContainerDialog({
  opened,
  engineId: initialEngineId,
  hosts,
  initialImage,
  onClose,
  onRun,
  operationOf,
  onCancelOperation,
  onStarted,
}: RunContainerDialogProps) {
  const state = useRunForm({ opened, initialEngineId, hosts, initialImage, onRun, operationOf, onStarted });
  const { entry, showProgress } = state;
  const title = showProgress ? (entry?.summary.title ?? 'Run a container') : 'Run a container';

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="xl" data-testid="run-dialog">
      {showProgress && entry !== undefined ? (
        <RunProgress
          entry={entry}
          onCancelOperation={onCancelOperation}
          onBack={() => state.setShowProgress(false)}
          onClose={onClose}
        />
      ) : (
        <form onSubmit={(event) => void state.submit(event)} noValidate>
          <Stack gap="sm">
            <FormFailure failure={state.failure} title="The container was not started" testId="run-error" />
            {hosts !== undefined && (
              <HostPicker choice={hosts} value={state.engineId} onChange={state.pickHost} />
            )}
            <ImageAndCommandFields {...state} />
            <PortsFieldset {...state} />
            <MountsFieldset {...state} />
            <RuntimeFields {...state} />
            <RunCommand command={state.command} copied={state.copied} onCopy={state.copy} />
            <FormActions submit="Run" busy={state.sending} onCancel={onClose} submitTestId="run-submit" />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
