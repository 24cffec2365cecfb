import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import { FormActions, useCheckedSubmit } from '../../components/FormActions/FormActions';
import { type HostChoice, HostPicker, useHostChoice } from '../../components/HostPicker/HostPicker';
import { imageNameProblem } from './presentation';

interface PullModalProps {
  opened: boolean;
  onClose: () => void;
  /** The host to pull on (a picker under "All hosts"). */
  host: HostChoice;
  /** Starts the pull; resolves once it started (or was refused, which the store reports). */
  onPull: (engineId: EngineId, ref: string) => Promise<unknown>;
}

/** Asks for an image reference and starts pulling it; progress shows in the task list. */
export function PullModal({ opened, onClose, host, onPull }: PullModalProps) {
  const { engineId, setEngineId } = useHostChoice(host, opened);
  const [ref, setRef] = useState('');
  const problem =
    ref.trim() === '' ? 'Enter an image, like busybox:1.36.' : imageNameProblem(ref, { allowDigest: true });
  const { touched, touch, reset, busy, onSubmit } = useCheckedSubmit(problem !== undefined, async () => {
    await onPull(engineId, ref.trim());
    onClose();
  });

  useEffect(() => {
    if (opened) {
      setRef('');
      reset();
    }
  }, [opened, reset]);

  return (
    <Modal opened={opened} onClose={onClose} title="Pull an image">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <HostPicker choice={host} value={engineId} onChange={setEngineId} />
          <TextInput
            label="Image"
            placeholder="registry.example.com/team/app:1.0"
            description="A name with an optional tag (latest when none) or digest. Registry logins are used as the docker CLI uses them."
            value={ref}
            onChange={(event) => setRef(event.currentTarget.value)}
            onBlur={touch}
            error={touched ? problem : undefined}
            data-autofocus
            autoComplete="off"
            spellCheck={false}
          />
          <Text size="xs" c="dimmed">
            The pull runs in the background; you can start several and cancel them from the task list.
          </Text>
          <FormActions submit="Pull" busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
