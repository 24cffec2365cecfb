import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

import type { EngineId, IpcError, OperationSummary } from '../../../electron/common/bridge';
import { FormActions, FormFailure, useCheckedSubmit } from '../../components/FormActions/FormActions';
import { type HostChoice, HostPicker, useHostChoice } from '../../components/HostPicker/HostPicker';
import { OperationProgress } from '../../components/OperationProgress/OperationProgress';
import { toIpcError } from '../../lib/api';
import { useOperationActions, useOperations } from '../../stores/hooks';
import type { OperationEntry } from '../../stores/operations';
import { BuildFields, useBuildForm } from './BuildForm';
import type { ImagesStore } from './images-store';

interface BuildModalProps {
  opened: boolean;
  onClose: () => void;
  /** The host to build on (a picker under "All hosts"). */
  host: HostChoice;
  chooseFolder: ImagesStore['chooseBuildContext'];
  build: (engineId: EngineId, request: Parameters<ImagesStore['build']>[0]) => Promise<OperationSummary>;
}

/** The started build's output, like a terminal, with Cancel; once it ended, a way back to the form. */
function BuildProgress({
  entry,
  onAgain,
  onClose,
}: {
  entry: OperationEntry | undefined;
  onAgain: () => void;
  onClose: () => void;
}) {
  const { cancel } = useOperationActions();
  const running = entry?.summary.state === 'running';
  return (
    <Stack gap="md">
      {entry !== undefined ? (
        <OperationProgress entry={entry} onCancel={(id) => void cancel(id)} showOutput tall />
      ) : (
        <Text size="sm">Starting…</Text>
      )}
      <Group justify="flex-end">
        {!running && (
          <Button variant="default" onClick={onAgain}>
            Build again
          </Button>
        )}
        <Button onClick={onClose}>{running ? 'Hide (keeps building)' : 'Close'}</Button>
      </Group>
    </Stack>
  );
}

/**
 * Builds an image from a local folder: the folder (chosen through the system dialog), the Dockerfile, tags, build
 * args, target stage, no-cache and pull. Once started, the dialog follows the build's output like a terminal and
 * can cancel it; a failure shows the failing step.
 */
export function BuildModal({ opened, onClose, host, chooseFolder, build }: BuildModalProps) {
  const { engineId, setEngineId } = useHostChoice(host, opened);
  const form = useBuildForm();
  const [error, setError] = useState<IpcError | undefined>();
  const [started, setStarted] = useState<OperationSummary | undefined>();
  const { operations } = useOperations();
  const entry =
    started === undefined ? undefined : operations.find((candidate) => candidate.summary.id === started.id);

  const pick = async () => {
    const chosen = await chooseFolder();
    if (chosen !== undefined) form.set({ folder: chosen });
  };

  const { touched, reset, busy, onSubmit } = useCheckedSubmit(form.invalid, async () => {
    const request = form.request();
    if (request === undefined) return;
    setError(undefined);
    try {
      setStarted(await build(engineId, request));
    } catch (failure) {
      setError(toIpcError(failure));
    }
  });

  useEffect(() => {
    if (opened) {
      setStarted(undefined);
      setError(undefined);
      reset();
    }
  }, [opened, reset]);

  return (
    <Modal opened={opened} onClose={onClose} title="Build an image" size="xl" data-testid="build-modal">
      {started !== undefined ? (
        <BuildProgress entry={entry} onAgain={() => setStarted(undefined)} onClose={onClose} />
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <HostPicker
              choice={host}
              value={engineId}
              onChange={setEngineId}
              description="The daemon that builds, and keeps the result"
            />
            <BuildFields form={form} touched={touched} onChooseFolder={() => void pick()} />
            <FormFailure failure={error} title="The build did not start" testId="build-error" />
            <FormActions submit="Build" busy={busy} onCancel={onClose} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
