import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';

import type { NetworkSummary } from '../../../electron/common/bridge';
import { removalProblem } from './presentation';

export interface RemoveNetworkModalProps {
  /** The network to remove; `null` keeps the modal closed. */
  network: NetworkSummary | null;
  /** The network's host, named under "All hosts". */
  host?: string | undefined;
  onCancel: () => void;
  onConfirm: (network: NetworkSummary) => void;
}

/** Asks before removing a network, or says why it cannot be removed now (predefined, containers attached). */
export function RemoveNetworkModal({ network, host, onCancel, onConfirm }: RemoveNetworkModalProps) {
  const reason = network === null ? undefined : removalProblem(network);
  const on = host === undefined ? '' : ` on ${host}`;
  return (
    <Modal
      opened={network !== null}
      onClose={onCancel}
      title={network === null ? '' : `Remove network ${network.name}${on}?`}
      data-testid="remove-network-modal"
    >
      {network !== null && (
        <Stack gap="md">
          {reason !== undefined ? (
            <Alert color="orange" title="It cannot be removed now" data-testid="remove-network-refusal">
              {reason}
            </Alert>
          ) : (
            <Text size="sm">
              Containers configured on it but stopped will fail to start until they are connected elsewhere.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button color="red" disabled={reason !== undefined} onClick={() => onConfirm(network)}>
              Remove
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
