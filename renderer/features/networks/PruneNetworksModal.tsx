import { List, Text } from '@mantine/core';

import type { NetworkPrunePreview, PruneReport } from '../../../electron/common/bridge';
import type { HostChoice } from '../../components/HostPicker/HostPicker';
import { PruneModal } from '../../components/PruneModal/PruneModal';
import { useStores } from '../../stores/StoresProvider';

interface PruneNetworksModalProps {
  opened: boolean;
  /** The hosts it can prune; a picker under "All hosts". */
  hosts: HostChoice;
  onClose: () => void;
}

/** Shows which unused networks a prune removes, then prunes them. */
export function PruneNetworksModal({ opened, hosts, onClose }: PruneNetworksModalProps) {
  const { resources } = useStores();
  return (
    <PruneModal<NetworkPrunePreview, PruneReport>
      opened={opened}
      onClose={onClose}
      title="Prune unused networks"
      testId="prune-networks"
      hosts={hosts}
      preview={(engineId) => resources.networks(engineId).prunePreview()}
      prune={(engineId) => resources.networks(engineId).prune()}
      loadingText="Finding unused networks…"
      isEmpty={(preview) => preview.networks.length === 0}
      emptyText="Every user network has a running container: there is nothing to prune."
      renderPreview={(preview) => (
        <>
          <Text size="sm">No running container is attached to these networks; they will be removed:</Text>
          <List size="sm">
            {preview.networks.map((network) => (
              <List.Item key={network.id}>
                {network.name} ({network.driver})
              </List.Item>
            ))}
          </List>
        </>
      )}
      renderReport={(report) =>
        report.removed.length === 0 ? 'No network was removed.' : `Removed ${report.removed.join(', ')}.`
      }
    />
  );
}
