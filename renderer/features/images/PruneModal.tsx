import { Alert, Button, Group, List, Loader, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';

import type {
  EngineId,
  ImagePruneMode,
  ImagePrunePreview,
  ImagePruneResult,
  IpcError,
} from '../../../electron/common/bridge';
import { formatBytes } from '../../../electron/common/bridge';
import { type HostChoice, HostPicker } from '../../components/HostPicker/HostPicker';
import { toIpcError } from '../../lib/api';
import { shortId } from './presentation';

interface PruneModalProps {
  opened: boolean;
  onClose: () => void;
  /** The host to prune (under "All hosts" a picker, which also offers every host at once). */
  host: HostChoice;
  preview: (engineId: EngineId, mode: ImagePruneMode) => Promise<ImagePrunePreview>;
  prune: (engineId: EngineId, mode: ImagePruneMode) => Promise<ImagePruneResult | undefined>;
}

/** A host the modal previews and prunes. */
interface HostOption {
  engineId: EngineId;
  name: string;
}

/** The picker's value for "every host". */
const EVERY_HOST = '\u0000every';

/** One host's preview: still loading, failed, or what would go. */
interface HostPreview {
  preview?: ImagePrunePreview;
  error?: IpcError;
}

/** The body of one host's preview (the whole preview on one host). */
function PreviewOf({ mode, state }: { mode: ImagePruneMode; state: HostPreview | undefined }) {
  if (state?.error !== undefined) {
    return (
      <Alert color="red" title="Could not compute the preview">
        {state.error.message}
      </Alert>
    );
  }
  const candidates = state?.preview;
  if (candidates === undefined) {
    return (
      <Group gap="xs">
        <Loader size="sm" />
        <Text size="sm">Looking for images to prune…</Text>
      </Group>
    );
  }
  if (candidates.images.length === 0) {
    return (
      <Text size="sm" data-testid="prune-nothing">
        Nothing to prune: {mode === 'dangling' ? 'no unnamed image is left unused' : 'every image is used'}.
      </Text>
    );
  }
  return (
    <>
      <Text size="sm" data-testid="prune-preview">
        {candidates.images.length} image(s) no container uses, up to{' '}
        <strong>{formatBytes(candidates.reclaimableBytes, 'rounded')}</strong> (layers shared with kept images
        stay).
      </Text>
      <List size="sm" spacing={2}>
        {candidates.images.slice(0, 15).map((image) => (
          <List.Item key={image.id}>
            <Text span ff="monospace" size="sm">
              {image.repoTags[0] ?? shortId(image.id)}
            </Text>{' '}
            <Text span c="dimmed" size="sm">
              {formatBytes(image.size, 'rounded')}
            </Text>
          </List.Item>
        ))}
        {candidates.images.length > 15 && <List.Item>… and {candidates.images.length - 15} more</List.Item>}
      </List>
    </>
  );
}

/** What one host's prune removed and freed. */
function resultText(result: ImagePruneResult): string {
  const layers = result.deleted.filter((id) => id.startsWith('sha256:')).length;
  const names = result.untagged.length > 0 ? ` and ${result.untagged.length} name(s)` : '';
  return `Removed ${layers} image layer(s)${names}; reclaimed ${formatBytes(result.reclaimedBytes, 'rounded')}.`;
}

/**
 * Each target host's preview, asked again on each opening and for each mode or choice of hosts; `onReload` says
 * a new round started (a report shown before is gone).
 */
function usePreviews(
  opened: boolean,
  mode: ImagePruneMode,
  targets: readonly HostOption[],
  preview: PruneModalProps['preview'],
  onReload: () => void,
): ReadonlyMap<EngineId, HostPreview> {
  const [previews, setPreviews] = useState<ReadonlyMap<EngineId, HostPreview>>(new Map());
  useEffect(() => {
    if (!opened) return;
    onReload();
    setPreviews(new Map());
    let current = true;
    for (const target of targets) {
      const settle = (state: HostPreview) => {
        if (current) setPreviews((before) => new Map(before).set(target.engineId, state));
      };
      preview(target.engineId, mode).then(
        (answer) => settle({ preview: answer }),
        (failure: unknown) => settle({ error: toIpcError(failure) }),
      );
    }
    return () => {
      current = false;
    };
    // Not on `onReload`, the dialog's and new on each render: a new round is only for these.
  }, [opened, mode, targets, preview]);
  return previews;
}

/** The preview of each target host, or once pruned, what each removed. */
function PruneBody({
  mode,
  targets,
  previews,
  results,
}: {
  mode: ImagePruneMode;
  targets: readonly HostOption[];
  previews: ReadonlyMap<EngineId, HostPreview>;
  results: ReadonlyMap<EngineId, ImagePruneResult | undefined> | undefined;
}) {
  const several = targets.length > 1;
  if (results !== undefined) {
    return several ? (
      <SeveralResults targets={targets} results={results} />
    ) : (
      <Alert color="green" title="Pruned" data-testid="prune-result">
        {[...results.values()].map((result) => (result === undefined ? '' : resultText(result)))}
      </Alert>
    );
  }
  if (several) {
    return targets.map((target) => (
      <Stack gap={4} key={target.engineId} data-testid="prune-host" data-engine-id={target.engineId}>
        <Text size="sm" fw={600}>
          {target.name}
        </Text>
        <PreviewOf mode={mode} state={previews.get(target.engineId)} />
      </Stack>
    ));
  }
  if (targets[0] !== undefined) return <PreviewOf mode={mode} state={previews.get(targets[0].engineId)} />;
  return <Text size="sm">No host to prune.</Text>;
}

/** What each host's prune removed (nothing, failed, or what it freed), and the space reclaimed in all. */
function SeveralResults({
  targets,
  results,
}: {
  targets: readonly HostOption[];
  results: ReadonlyMap<EngineId, ImagePruneResult | undefined>;
}) {
  const reclaimed = [...results.values()].reduce((sum, result) => sum + (result?.reclaimedBytes ?? 0), 0);
  return (
    <Alert color="green" title="Pruned" data-testid="prune-result">
      <Stack gap={4}>
        {targets.map((target) => {
          const done = results.has(target.engineId);
          const result = results.get(target.engineId);
          return (
            <Text
              size="sm"
              key={target.engineId}
              data-testid="prune-host-result"
              data-engine-id={target.engineId}
            >
              <strong>{target.name}</strong>:{' '}
              {!done ? 'nothing to prune.' : result === undefined ? 'the prune failed.' : resultText(result)}
            </Text>
          );
        })}
        <Text size="sm" fw={600}>
          Reclaimed {formatBytes(reclaimed, 'rounded')} in all.
        </Text>
      </Stack>
    </Alert>
  );
}

/**
 * Shows what a prune would remove (and up to how much space) before it runs, then what it freed. Under "All
 * hosts" it prunes the chosen host or every host, previewing and reporting each host on its own.
 */
export function PruneModal({ opened, onClose, host, preview, prune }: PruneModalProps) {
  const [mode, setMode] = useState<ImagePruneMode>('dangling');
  const [scope, setScope] = useState<string>(host.initial);
  const [results, setResults] = useState<ReadonlyMap<EngineId, ImagePruneResult | undefined> | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (opened) setScope(host.initial);
  }, [opened, host.initial]);

  const targets = useMemo<HostOption[]>(() => {
    const ids = scope === EVERY_HOST ? host.engineIds : host.engineIds.filter((id) => id === scope);
    return ids.map((engineId) => ({ engineId, name: host.hostName(engineId) }));
  }, [scope, host]);

  const previews = usePreviews(opened, mode, targets, preview, () => setResults(undefined));

  const withCandidates = targets.filter(
    (target) => (previews.get(target.engineId)?.preview?.images.length ?? 0) > 0,
  );
  const several = targets.length > 1;

  const run = async () => {
    setBusy(true);
    try {
      const answers = await Promise.all(
        withCandidates.map(async (target) => [target.engineId, await prune(target.engineId, mode)] as const),
      );
      // One host alone reports as before: a refused prune (reported by the store) leaves the preview up.
      if (!several && answers[0]?.[1] === undefined) return;
      setResults(new Map(answers));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Prune images" size="lg" data-testid="prune-modal">
      <Stack gap="md">
        <HostPicker
          choice={host}
          value={scope}
          onChange={setScope}
          extra={[{ value: EVERY_HOST, label: 'Every host' }]}
          disabled={results !== undefined}
        />
        <SegmentedControl
          fullWidth
          value={mode}
          disabled={results !== undefined}
          onChange={(value) => setMode(value === 'unused' ? 'unused' : 'dangling')}
          data={[
            { value: 'dangling', label: 'Dangling (no name)' },
            { value: 'unused', label: 'Every unused image' },
          ]}
        />
        <PruneBody mode={mode} targets={targets} previews={previews} results={results} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {results !== undefined ? 'Close' : 'Cancel'}
          </Button>
          {results === undefined && (
            <Button
              color="red"
              loading={busy}
              disabled={withCandidates.length === 0}
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
