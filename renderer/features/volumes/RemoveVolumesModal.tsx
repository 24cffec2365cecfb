import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';

import type { EngineId, VolumeSummary } from '../../../electron/common/bridge';
import { itemKey } from '../../lib/merge';
import { displayVolumeName, formatUsers } from './presentation';

interface RemoveVolumesModalProps {
  /** The volumes to remove; empty keeps the modal closed. */
  volumes: readonly VolumeSummary[];
  /** Names each volume's host (under "All hosts", where the volumes may be on several hosts). */
  hostName?: ((engineId: EngineId) => string) | undefined;
  onCancel: () => void;
  onConfirm: (volumes: readonly VolumeSummary[]) => void;
}

/**
 * Asks before removing volumes and says that their data goes with them. Volumes in use are named with their
 * containers: Docker refuses those, and Berth never forces it.
 */
export function RemoveVolumesModal({ volumes, hostName, onCancel, onConfirm }: RemoveVolumesModalProps) {
  const inUse = volumes.filter((volume) => volume.usedBy.length > 0);
  const named = (volume: VolumeSummary): string =>
    `${displayVolumeName(volume)}${hostName === undefined ? '' : ` on ${hostName(volume.engineId)}`}`;
  const [first] = volumes;
  const title =
    volumes.length === 1 && first !== undefined
      ? `Remove volume ${named(first)}?`
      : `Remove ${volumes.length} volumes?`;
  return (
    <Modal opened={volumes.length > 0} onClose={onCancel} title={title} data-testid="remove-volumes-modal">
      <Stack gap="md">
        <Text size="sm">
          Removing a volume deletes all the data in it. This cannot be undone; export it first if you may need
          it.
        </Text>
        {volumes.length > 1 && (
          <List size="sm">
            {volumes.map((volume) => (
              <List.Item key={itemKey({ engineId: volume.engineId, id: volume.name })}>
                {named(volume)}
              </List.Item>
            ))}
          </List>
        )}
        {inUse.length > 0 && (
          <Alert color="orange" title="In use" data-testid="remove-volumes-in-use">
            {inUse.map((volume) => (
              <Text size="sm" key={itemKey({ engineId: volume.engineId, id: volume.name })}>
                {named(volume)} is used by {formatUsers(volume.usedBy)}; Docker will refuse to remove it until
                those containers are removed.
              </Text>
            ))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button color="red" data-autofocus onClick={() => onConfirm(volumes)}>
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
