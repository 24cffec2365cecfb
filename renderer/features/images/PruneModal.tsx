import { Alert, Button, Group, List, Loader, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

import type {
  ImagePruneMode,
  ImagePrunePreview,
  ImagePruneResult,
  IpcError,
} from '../../../electron/common/bridge';
import { formatBytes } from '../../components/OperationProgress/presentation';
import { toIpcError } from '../../lib/api';
import { shortId } from './presentation';

export interface PruneModalProps {
  opened: boolean;
  onClose: () => void;
  preview: (mode: ImagePruneMode) => Promise<ImagePrunePreview>;
  prune: (mode: ImagePruneMode) => Promise<ImagePruneResult | undefined>;
}

/** Shows what a prune would remove (and up to how much space) before it runs, then what it freed. */
export function PruneModal({ opened, onClose, preview, prune }: PruneModalProps) {
  const [mode, setMode] = useState<ImagePruneMode>('dangling');
  const [candidates, setCandidates] = useState<ImagePrunePreview | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const [result, setResult] = useState<ImagePruneResult | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setResult(undefined);
    setCandidates(undefined);
    setError(undefined);
    let current = true;
    preview(mode).then(
      (answer) => {
        if (current) setCandidates(answer);
      },
      (failure: unknown) => {
        if (current) setError(toIpcError(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [opened, mode, preview]);

  const run = async () => {
    setBusy(true);
    try {
      const answer = await prune(mode);
      if (answer !== undefined) setResult(answer);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Prune images" size="lg" data-testid="prune-modal">
      <Stack gap="md">
        <SegmentedControl
          fullWidth
          value={mode}
          disabled={result !== undefined}
          onChange={(value) => setMode(value === 'unused' ? 'unused' : 'dangling')}
          data={[
            { value: 'dangling', label: 'Dangling (no name)' },
            { value: 'unused', label: 'Every unused image' },
          ]}
        />
        {result !== undefined ? (
          <Alert color="green" title="Pruned" data-testid="prune-result">
            Removed {result.deleted.filter((id) => id.startsWith('sha256:')).length} image layer(s)
            {result.untagged.length > 0 ? ` and ${result.untagged.length} name(s)` : ''}; reclaimed{' '}
            <strong>{formatBytes(result.reclaimedBytes)}</strong>.
          </Alert>
        ) : error !== undefined ? (
          <Alert color="red" title="Could not compute the preview">
            {error.message}
          </Alert>
        ) : candidates === undefined ? (
          <Group gap="xs">
            <Loader />
            <Text size="sm">Looking for images to prune…</Text>
          </Group>
        ) : candidates.images.length === 0 ? (
          <Text size="sm" data-testid="prune-nothing">
            Nothing to prune:{' '}
            {mode === 'dangling' ? 'no unnamed image is left unused' : 'every image is used'}.
          </Text>
        ) : (
          <>
            <Text size="sm" data-testid="prune-preview">
              {candidates.images.length} image(s) no container uses, up to{' '}
              <strong>{formatBytes(candidates.reclaimableBytes)}</strong> (layers shared with kept images
              stay).
            </Text>
            <List size="sm" spacing={2}>
              {candidates.images.slice(0, 15).map((image) => (
                <List.Item key={image.id}>
                  <Text span ff="monospace" size="sm">
                    {image.repoTags[0] ?? shortId(image.id)}
                  </Text>{' '}
                  <Text span c="dimmed" size="sm">
                    {formatBytes(image.size)}
                  </Text>
                </List.Item>
              ))}
              {candidates.images.length > 15 && (
                <List.Item>… and {candidates.images.length - 15} more</List.Item>
              )}
            </List>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {result !== undefined ? 'Close' : 'Cancel'}
          </Button>
          {result === undefined && (
            <Button
              color="red"
              loading={busy}
              disabled={candidates === undefined || candidates.images.length === 0}
              onClick={() => void run()}
            >
              Prune
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
