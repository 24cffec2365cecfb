import { Button, Checkbox, Group, List, Modal, Stack, Text } from '@mantine/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';

/** A destructive action waiting for the user's yes: what it does, what is lost, and the button that does it. */
export interface ConfirmRequest {
  title: string;
  /** What will happen and what will be lost, in plain words. */
  body: ReactNode;
  /** A warning shown under the body (e.g. that a running container is killed first). */
  warning?: ReactNode;
  /** The names it applies to, listed (the first ten) so nobody confirms the wrong ones. */
  names?: readonly string[];
  confirmLabel: string;
  /** Offer "Also remove their anonymous volumes" (`its` for one container). */
  offerVolumes?: boolean | 'its';
  /** The modal's test id. @default 'confirm-modal' */
  testId?: string;
}

interface ConfirmActionModalProps {
  /** `null` keeps the modal closed. */
  request: ConfirmRequest | null;
  onCancel: () => void;
  onConfirm: (options: { removeVolumes: boolean }) => void;
}

const LISTED = 10;

/** Asks before a destructive action (kill, removing containers) and says what will be lost. */
export function ConfirmActionModal({ request, onCancel, onConfirm }: ConfirmActionModalProps) {
  const [removeVolumes, setRemoveVolumes] = useState(false);
  // Keeps the content while the modal animates closed.
  const last = useRef(request);
  if (request !== null) last.current = request;
  const shown = request ?? last.current;

  useEffect(() => {
    if (request !== null) setRemoveVolumes(false);
  }, [request]);

  if (shown === null) return null;
  const names = shown.names ?? [];
  return (
    <Modal
      opened={request !== null}
      onClose={onCancel}
      title={shown.title}
      data-testid={shown.testId ?? 'confirm-modal'}
    >
      <Stack gap="md">
        <Text size="sm" component="div">
          {shown.body}
        </Text>
        {shown.warning}
        {names.length > 0 && (
          <List size="sm" data-testid="confirm-names">
            {names.slice(0, LISTED).map((name) => (
              <List.Item key={name}>{name}</List.Item>
            ))}
            {names.length > LISTED && <List.Item>… and {names.length - LISTED} more</List.Item>}
          </List>
        )}
        {shown.offerVolumes !== undefined && shown.offerVolumes !== false && (
          <Checkbox
            label={`Also remove ${shown.offerVolumes === 'its' ? 'its' : 'their'} anonymous volumes`}
            checked={removeVolumes}
            onChange={(event) => setRemoveVolumes(event.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button color="red" data-autofocus onClick={() => onConfirm({ removeVolumes })}>
            {shown.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
