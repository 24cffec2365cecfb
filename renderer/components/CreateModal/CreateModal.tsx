import { Group, Modal, type ModalProps, Stack, Text } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import { FormActions, FormFailure, useSubmitShowingFailure } from '../FormActions/FormActions';
import { type HostChoice, HostPicker } from '../HostPicker/HostPicker';

interface CreateModalProps {
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
  const { busy, failure, clearFailure, onSubmit: submit } = useSubmitShowingFailure(invalid, onSubmit);
  useEffect(() => {
    if (opened) clearFailure();
  }, [opened, clearFailure]);

  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} data-testid={`${testId}-modal`}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <HostPicker choice={hosts} value={engineId} onChange={onEngineChange} disabled={busy} />
          {children}
          <FormFailure failure={failure} title={failureTitle} testId={`${testId}-error`} />
          <Group justify={note === undefined ? 'flex-end' : 'space-between'}>
            {note !== undefined && (
              <Text size="xs" c="dimmed">
                {note}
              </Text>
            )}
            <FormActions submit="Create" busy={busy} onCancel={onClose} disabled={invalid} />
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
