import { List, Text } from '@mantine/core';

import { formatBytes, type PruneReport, type VolumePrunePreview } from '../../../electron/common/bridge';
import type { HostChoice } from '../../components/HostPicker/HostPicker';
import { PruneModal } from '../../components/PruneModal/PruneModal';
import { plural } from '../../components/ResourceList/presentation';
import { useStores } from '../../stores/StoresProvider';
import { formatVolumeSize } from './presentation';

interface PruneVolumesModalProps {
  opened: boolean;
  /** The hosts it can prune; a picker under "All hosts". */
  hosts: HostChoice;
  onClose: () => void;
}

/** Shows exactly which unused volumes a prune removes (with sizes), then prunes and reports what was freed. */
export function PruneVolumesModal({ opened, hosts, onClose }: PruneVolumesModalProps) {
  const { resources } = useStores();
  return (
    <PruneModal<VolumePrunePreview, PruneReport>
      opened={opened}
      onClose={onClose}
      title="Prune unused volumes"
      testId="prune-volumes"
      hosts={hosts}
      preview={(engineId) => resources.volumes(engineId).prunePreview()}
      prune={(engineId) => resources.volumes(engineId).prune()}
      loadingText="Finding unused volumes…"
      isEmpty={(preview) => preview.volumes.length === 0}
      emptyText="No volume is unused: there is nothing to prune."
      renderPreview={(preview) => (
        <>
          <Text size="sm">
            These {preview.volumes.length === 1 ? 'volume is' : `${preview.volumes.length} volumes are`} used
            by no container and will be removed with all their data ({formatBytes(preview.reclaimableBytes)}):
          </Text>
          <List size="sm" className="prune-list">
            {preview.volumes.map((volume) => (
              <List.Item key={volume.name}>
                {volume.name} — {formatVolumeSize(volume.size)}
              </List.Item>
            ))}
          </List>
        </>
      )}
      renderReport={(report) =>
        `${plural(report.removed.length, 'volume')} removed, ${formatBytes(report.reclaimedBytes)} reclaimed.`
      }
    />
  );
}
