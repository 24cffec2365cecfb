import { Alert, Button, Group, List, Loader, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

import {
  formatBytes,
  type IpcError,
  type PruneReport,
  type VolumePrunePreview,
} from '../../../electron/common/bridge';
import type { VolumesStore } from '../../stores/volumes';
import { formatVolumeSize } from './presentation';

export interface PruneVolumesModalProps {
  opened: boolean;
  store: VolumesStore;
  onClose: () => void;
}

type Step =
  | { kind: 'loading' }
  | { kind: 'preview'; preview: VolumePrunePreview }
  | { kind: 'pruning'; preview: VolumePrunePreview }
  | { kind: 'done'; report: PruneReport }
  | { kind: 'failed'; error: IpcError };

/** Shows exactly which unused volumes a prune removes (with sizes), then prunes and reports what was freed. */
export function PruneVolumesModal({ opened, store, onClose }: PruneVolumesModalProps) {
  const [step, setStep] = useState<Step>({ kind: 'loading' });

  useEffect(() => {
    if (!opened) return;
    let current = true;
    setStep({ kind: 'loading' });
    store.prunePreview().then(
      (preview) => current && setStep({ kind: 'preview', preview }),
      (error: unknown) => current && setStep({ kind: 'failed', error: error as IpcError }),
    );
    return () => {
      current = false;
    };
  }, [opened, store]);

  const prune = async (preview: VolumePrunePreview) => {
    setStep({ kind: 'pruning', preview });
    try {
      setStep({ kind: 'done', report: await store.prune() });
    } catch (error) {
      setStep({ kind: 'failed', error: error as IpcError });
    }
  };

  let body;
  if (step.kind === 'loading') {
    body = (
      <Group gap="xs" role="status">
        <Loader size="sm" />
        <Text size="sm">Finding unused volumes…</Text>
      </Group>
    );
  } else if (step.kind === 'failed') {
    body = (
      <Alert color="red" title="The prune could not run" data-testid="prune-volumes-error">
        {step.error.message}
      </Alert>
    );
  } else if (step.kind === 'done') {
    body = (
      <Alert color="green" title="Pruned" data-testid="prune-volumes-result">
        {step.report.removed.length === 1 ? '1 volume' : `${step.report.removed.length} volumes`} removed,{' '}
        {formatBytes(step.report.reclaimedBytes)} reclaimed.
      </Alert>
    );
  } else if (step.preview.volumes.length === 0) {
    body = <Text size="sm">No volume is unused: there is nothing to prune.</Text>;
  } else {
    const { preview } = step;
    body = (
      <Stack gap="xs" data-testid="prune-volumes-preview">
        <Text size="sm">
          These {preview.volumes.length === 1 ? 'volume is' : `${preview.volumes.length} volumes are`} used by
          no container and will be removed with all their data ({formatBytes(preview.reclaimableBytes)}):
        </Text>
        <List size="sm" className="prune-list">
          {preview.volumes.map((volume) => (
            <List.Item key={volume.name}>
              {volume.name} — {formatVolumeSize(volume.size)}
            </List.Item>
          ))}
        </List>
      </Stack>
    );
  }

  const canPrune = step.kind === 'preview' && step.preview.volumes.length > 0;
  return (
    <Modal opened={opened} onClose={onClose} title="Prune unused volumes" data-testid="prune-volumes-modal">
      <Stack gap="md">
        {body}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {step.kind === 'done' ? 'Close' : 'Cancel'}
          </Button>
          {(step.kind === 'preview' || step.kind === 'pruning') && (
            <Button
              color="red"
              disabled={!canPrune && step.kind !== 'pruning'}
              loading={step.kind === 'pruning'}
              onClick={() => {
                if (step.kind === 'preview') void prune(step.preview);
              }}
            >
              Prune
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
