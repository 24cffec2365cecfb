import { Alert, Button, Group, Modal, type ModalProps, Stack, Text } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';

import type { EngineId, IpcError } from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { type HostChoice, HostPicker } from '../HostPicker/HostPicker';

export interface CreateModalProps {
  opened: boolean;
  onClose: () => void;
  /** `Create a volume`. */
  title: string;
  /** `create-volume`: the modal is `<testId>-modal`, the failure `<testId>-error`. */
  testId: string;
  /** `Could not create the volume`. */
  failureTitle: string;
  /** The hosts it can create on (a picker when there are several) and the one picked. */
  hosts: HostChoice;
  engineId: EngineId;
  onEngineChange: (engineId: EngineId) => void;
  /** Nothing is sent while the form has a problem. */
  invalid: boolean;
  /** Creates; a thrown error is shown in the dialog, which stays open. */
  onSubmit: () => Promise<void>;
  /** A hint left of the buttons. */
  note?: ReactNode;
  size?: ModalProps['size'];
  children: ReactNode;
}

/** A "create" dialog: on which host (under "All hosts"), the form's fields, why it failed, Cancel and Create. */
export function CreateModal({
  opened,
  onClose,
  title,
  testId,
  failureTitle,
  hosts,
  engineId,
  onEngineChange,
  invalid,
  onSubmit,
  note,
  size,
  children,
}: CreateModalProps) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<IpcError | null>(null);
  useEffect(() => {
    if (opened) setFailure(null);
  }, [opened]);

  const submit = async () => {
    if (invalid) return;
    setBusy(true);
    setFailure(null);
    try {
      await onSubmit();
    } catch (error) {
      setFailure(toIpcError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} data-testid={`${testId}-modal`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <HostPicker choice={hosts} value={engineId} onChange={onEngineChange} disabled={busy} />
          {children}
          {failure !== null && (
            <Alert color="red" title={failureTitle} data-testid={`${testId}-error`}>
              {failure.message}
            </Alert>
          )}
          <Group justify={note === undefined ? 'flex-end' : 'space-between'}>
            {note !== undefined && (
              <Text size="xs" c="dimmed">
                {note}
              </Text>
            )}
            <Group>
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} disabled={invalid}>
                Create
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
