import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';

import type { EngineId, NetworkSummary } from '../../../electron/common/bridge';
import { itemKey } from '../../lib/merge';
import { removalProblem } from './presentation';

interface RemoveNetworksModalProps {
  /** The networks to remove, of any host; empty keeps the modal closed. */
  networks: readonly NetworkSummary[];
  /** Names each network's host (under "All hosts", where the networks may be on several hosts). */
  hostName?: ((engineId: EngineId) => string) | undefined;
  onCancel: () => void;
  /** Called with the networks that can be removed (never the predefined or attached ones). */
  onConfirm: (networks: readonly NetworkSummary[]) => void;
}

/**
 * Asks before removing networks, naming each with its host, and says which cannot be removed now (predefined,
 * containers attached) and why: those are left out rather than sent for Docker to refuse.
 */
export function RemoveNetworksModal({ networks, hostName, onCancel, onConfirm }: RemoveNetworksModalProps) {
  const named = (network: NetworkSummary): string =>
    `${network.name}${hostName === undefined ? '' : ` on ${hostName(network.engineId)}`}`;
  const problems = networks.flatMap((network) => {
    const reason = removalProblem(network);
    return reason === undefined ? [] : [{ network, reason }];
  });
  const removable = networks.filter((network) => removalProblem(network) === undefined);
  const [first] = networks;
  const title =
    networks.length === 1 && first !== undefined
      ? `Remove network ${named(first)}?`
      : `Remove ${networks.length} networks?`;
  return (
    <Modal opened={networks.length > 0} onClose={onCancel} title={title} data-testid="remove-network-modal">
      <Stack gap="md">
        {removable.length > 0 && (
          <Text size="sm">
            Containers configured on {removable.length === 1 ? 'it' : 'them'} but stopped will fail to start
            until they are connected elsewhere.
          </Text>
        )}
        {networks.length > 1 && removable.length > 0 && (
          <List size="sm" data-testid="remove-network-list">
            {removable.map((network) => (
              <List.Item key={itemKey(network)}>{named(network)}</List.Item>
            ))}
          </List>
        )}
        {problems.length > 0 && (
          <Alert
            color="orange"
            title={networks.length === 1 ? 'It cannot be removed now' : 'These cannot be removed now'}
            data-testid="remove-network-refusal"
          >
            {networks.length === 1
              ? problems[0]?.reason
              : problems.map(({ network, reason }) => (
                  <Text size="sm" key={itemKey(network)}>
                    {named(network)}: {reason}
                  </Text>
                ))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            color="red"
            data-autofocus
            disabled={removable.length === 0}
            onClick={() => onConfirm(removable)}
          >
            {networks.length > 1 && removable.length > 0 ? `Remove ${removable.length}` : 'Remove'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
