import { Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';

import type { ContainerSummary } from '../../../electron/common/bridge';

interface StopContainerModalProps {
  /** All hosts: the container's host, named in the title (the same name can be on two hosts). */
  host?: string;
  /** `null` keeps the modal closed. */
  container: ContainerSummary | null;
  onCancel: () => void;
  onStop: (container: ContainerSummary, timeoutSeconds: number) => void;
}

const DEFAULT_TIMEOUT = 10;

/** Stop with a chosen grace period: SIGTERM (or the image's stop signal), then SIGKILL when time is up. */
export function StopContainerModal({ container, host, onCancel, onStop }: StopContainerModalProps) {
  const [seconds, setSeconds] = useState<number | string>(DEFAULT_TIMEOUT);
  const last = useRef(container);
  if (container !== null) last.current = container;
  const shown = container ?? last.current;

  useEffect(() => {
    if (container !== null) setSeconds(DEFAULT_TIMEOUT);
  }, [container]);

  if (shown === null) return null;
  const value = typeof seconds === 'number' ? seconds : Number.NaN;
  const valid = Number.isInteger(value) && value >= 0 && value <= 3600;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onStop(shown, value);
  };

  return (
    <Modal
      opened={container !== null}
      onClose={onCancel}
      title={`Stop ${shown.name}${host === undefined ? '' : ` on ${host}`}`}
    >
      <form onSubmit={submit}>
        <Stack gap="md">
          <Text size="sm">
            {shown.name} is asked to stop, and killed if it has not stopped when the time is up.
          </Text>
          <NumberInput
            label="Seconds to wait before killing it"
            min={0}
            max={3600}
            allowDecimal={false}
            value={seconds}
            error={valid ? undefined : 'A whole number of seconds from 0 to 3600.'}
            onChange={setSeconds}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" color="orange" disabled={!valid}>
              Stop
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
