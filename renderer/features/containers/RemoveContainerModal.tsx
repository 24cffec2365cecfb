import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';

import type { ContainerSummary } from '../../../electron/common/bridge';
import type { RemoveOptions } from '../../stores/containers';
import { removeNeedsForce } from './presentation';

export interface RemoveContainerModalProps {
  /** The container to remove; `null` keeps the modal closed. */
  container: ContainerSummary | null;
  onCancel: () => void;
  onConfirm: (container: ContainerSummary, options: RemoveOptions) => void;
}

/**
 * Asks before removing a container and says what will be lost. A container that is not stopped can only
 * be force-removed, and the modal says that this kills it.
 */
export function RemoveContainerModal({ container, onCancel, onConfirm }: RemoveContainerModalProps) {
  const [removeVolumes, setRemoveVolumes] = useState(false);
  // Keeps the content while the modal animates closed.
  const lastContainer = useRef(container);
  if (container !== null) lastContainer.current = container;
  const shown = container ?? lastContainer.current;

  useEffect(() => {
    if (container !== null) setRemoveVolumes(false);
  }, [container]);

  if (shown === null) return null;
  const force = removeNeedsForce(shown.state);

  return (
    <Modal
      opened={container !== null}
      onClose={onCancel}
      title={`Remove container ${shown.name}?`}
      data-testid="remove-container-modal"
    >
      <Stack gap="md">
        <Text size="sm">
          Removing <strong>{shown.name}</strong> deletes everything written inside it that is not on a volume,
          and its logs. This cannot be undone. Its image and named volumes are kept.
        </Text>
        {force && (
          <Alert color="orange" title={`${shown.name} is ${shown.state}`}>
            It will be killed without a graceful stop, then removed.
          </Alert>
        )}
        <Checkbox
          label="Also remove its anonymous volumes"
          checked={removeVolumes}
          onChange={(event) => setRemoveVolumes(event.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button color="red" data-autofocus onClick={() => onConfirm(shown, { force, removeVolumes })}>
            {force ? 'Force remove' : 'Remove'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
