import { Button, Checkbox, Group, List, Modal, Stack, Text } from '@mantine/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';

/** A destructive action waiting for the user's yes: what it does, what is lost, and the button that does it. */
export interface ConfirmRequest {
  title: string;
  /** What will happen and what will be lost, in plain words. */
  body: ReactNode;
  /** The names it applies to, listed (the first ten) so nobody confirms the wrong ones. */
  names?: readonly string[];
  confirmLabel: string;
  /** Offer "Also remove their anonymous volumes". */
  offerVolumes?: boolean;
}

export interface ConfirmActionModalProps {
  /** `null` keeps the modal closed. */
  request: ConfirmRequest | null;
  onCancel: () => void;
  onConfirm: (options: { removeVolumes: boolean }) => void;
}

const LISTED = 10;

/** Asks before a destructive action (kill, removing several containers) and says what will be lost. */
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
    <Modal opened={request !== null} onClose={onCancel} title={shown.title} data-testid="confirm-modal">
      <Stack gap="md">
        <Text size="sm" component="div">
          {shown.body}
        </Text>
        {names.length > 0 && (
          <List size="sm" data-testid="confirm-names">
            {names.slice(0, LISTED).map((name) => (
              <List.Item key={name}>{name}</List.Item>
            ))}
            {names.length > LISTED && <List.Item>… and {names.length - LISTED} more</List.Item>}
          </List>
        )}
        {shown.offerVolumes === true && (
          <Checkbox
            label="Also remove their anonymous volumes"
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
