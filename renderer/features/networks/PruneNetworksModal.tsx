import { Alert, Button, Group, List, Loader, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

import type { IpcError, NetworkPrunePreview, PruneReport } from '../../../electron/common/bridge';
import type { NetworksStore } from '../../stores/networks';

export interface PruneNetworksModalProps {
  opened: boolean;
  store: NetworksStore;
  onClose: () => void;
}

type Step =
  | { kind: 'loading' }
  | { kind: 'preview'; preview: NetworkPrunePreview; pruning: boolean }
  | { kind: 'done'; report: PruneReport }
  | { kind: 'failed'; error: IpcError };

/** Shows which unused networks a prune removes, then prunes them. */
export function PruneNetworksModal({ opened, store, onClose }: PruneNetworksModalProps) {
  const [step, setStep] = useState<Step>({ kind: 'loading' });

  useEffect(() => {
    if (!opened) return;
    let current = true;
    setStep({ kind: 'loading' });
    store.prunePreview().then(
      (preview) => current && setStep({ kind: 'preview', preview, pruning: false }),
      (error: unknown) => current && setStep({ kind: 'failed', error: error as IpcError }),
    );
    return () => {
      current = false;
    };
  }, [opened, store]);

  const prune = async (preview: NetworkPrunePreview) => {
    setStep({ kind: 'preview', preview, pruning: true });
    try {
      setStep({ kind: 'done', report: await store.prune() });
    } catch (error) {
      setStep({ kind: 'failed', error: error as IpcError });
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Prune unused networks" data-testid="prune-networks-modal">
      <Stack gap="md">
        {step.kind === 'loading' && (
          <Group gap="xs" role="status">
            <Loader size="sm" />
            <Text size="sm">Finding unused networks…</Text>
          </Group>
        )}
        {step.kind === 'failed' && (
          <Alert color="red" title="The prune could not run">
            {step.error.message}
          </Alert>
        )}
        {step.kind === 'done' && (
          <Alert color="green" title="Pruned" data-testid="prune-networks-result">
            {step.report.removed.length === 0
              ? 'No network was removed.'
              : `Removed ${step.report.removed.join(', ')}.`}
          </Alert>
        )}
        {step.kind === 'preview' &&
          (step.preview.networks.length === 0 ? (
            <Text size="sm">Every user network has a running container: there is nothing to prune.</Text>
          ) : (
            <Stack gap="xs" data-testid="prune-networks-preview">
              <Text size="sm">No running container is attached to these networks; they will be removed:</Text>
              <List size="sm">
                {step.preview.networks.map((network) => (
                  <List.Item key={network.id}>
                    {network.name} ({network.driver})
                  </List.Item>
                ))}
              </List>
            </Stack>
          ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {step.kind === 'done' ? 'Close' : 'Cancel'}
          </Button>
          {step.kind === 'preview' && step.preview.networks.length > 0 && (
            <Button color="red" loading={step.pruning} onClick={() => void prune(step.preview)}>
              Prune
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
