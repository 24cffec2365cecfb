import { Alert, Button, Checkbox, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconEye, IconWashDry } from '@tabler/icons-react';
import { useState } from 'react';

import {
  formatBytes,
  type IpcError,
  type SystemPrunePreview,
  type SystemPruneResult,
} from '../../../electron/common/bridge';
import { prunePreviewSummary } from './presentation';
import type { SystemStore } from './system-store';

function Section({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <Title order={5}>
        {title} ({items.length})
      </Title>
      <List size="sm">
        {items.map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
    </div>
  );
}

type Step =
  | { kind: 'idle' }
  | { kind: 'previewing' }
  | { kind: 'preview'; preview: SystemPrunePreview }
  | { kind: 'pruning'; preview: SystemPrunePreview }
  | { kind: 'done'; result: SystemPruneResult }
  | { kind: 'failed'; error: IpcError };

/** What a prune would remove, kind by kind, with the sizes. */
function PreviewSections({ shown }: { shown: SystemPrunePreview }) {
  return (
    <>
      <Section
        title="Stopped containers"
        items={shown.containers.map(
          (container) => `${container.name} (${container.state}, ${formatBytes(container.size)})`,
        )}
      />
      <Section title="Unused networks" items={shown.networks.map((network) => network.name)} />
      <Section
        title={shown.options.allImages ? 'Unused images' : 'Dangling images'}
        items={shown.images.map(
          (image) =>
            `${image.tags.join(', ') || image.id.replace('sha256:', '').slice(0, 12)} (${formatBytes(image.size)})`,
        )}
      />
      <Section title="Tags removed from images that stay" items={shown.untagged} />
      {shown.options.volumes && (
        <Section
          title={shown.anonymousVolumesOnly ? 'Unused anonymous volumes' : 'Unused volumes'}
          items={shown.volumes.map(
            (volume) => `${volume.name}${volume.size !== null ? ` (${formatBytes(volume.size)})` : ''}`,
          )}
        />
      )}
      <Section
        title="Build cache"
        items={shown.buildCache.map(
          (entry) => `${entry.description || entry.id.slice(0, 12)} (${formatBytes(entry.size)})`,
        )}
      />
      {shown.options.volumes && shown.anonymousVolumesOnly && (
        <Text size="xs" c="dimmed">
          This engine prunes only anonymous volumes; named ones stay. Prune them from the Volumes page.
        </Text>
      )}
    </>
  );
}

/** What the prune removed and freed, and what it could not remove. */
function PruneReport({ result }: { result: SystemPruneResult }) {
  return (
    <Alert
      color={result.failures.length > 0 || (result.differences?.length ?? 0) > 0 ? 'orange' : 'green'}
      title={`Reclaimed ${formatBytes(result.reclaimedBytes)}`}
      data-testid="cleanup-result"
    >
      <Text size="sm">
        Removed {result.containers.length} containers, {result.networks.length} networks,{' '}
        {result.volumes.length} volumes, {result.images.length} image entries and {result.buildCache.length}{' '}
        build cache entries.
      </Text>
      {result.failures.map((failure) => (
        <Text size="sm" c="red" key={failure}>
          {failure}
        </Text>
      ))}
      {result.differences !== undefined && result.differences.length > 0 && (
        <div data-testid="cleanup-differences">
          <Text size="sm" fw={600} mt="xs">
            Something changed since the preview:
          </Text>
          {result.differences.map((difference) => (
            <Text size="sm" c="orange" key={difference}>
              {difference}
            </Text>
          ))}
        </div>
      )}
      {result.differences !== undefined && result.differences.length === 0 && (
        <Text size="xs" c="dimmed" data-testid="cleanup-matched">
          Exactly what the preview listed was removed.
        </Text>
      )}
    </Alert>
  );
}

/**
 * `docker system prune` in two steps: first exactly what it would remove with the chosen options (stopped
 * containers, unused networks, dangling or all unused images, volumes, build cache), then the prune itself
 * and what it freed.
 */
export function CleanupView({ store }: { store: SystemStore }) {
  const [volumes, setVolumes] = useState(false);
  const [allImages, setAllImages] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  const preview = async () => {
    setStep({ kind: 'previewing' });
    try {
      setStep({ kind: 'preview', preview: await store.prunePreview({ volumes, allImages }) });
    } catch (error) {
      setStep({ kind: 'failed', error: error as IpcError });
    }
  };

  const prune = async (shown: SystemPrunePreview) => {
    setStep({ kind: 'pruning', preview: shown });
    try {
      setStep({ kind: 'done', result: await store.prune(shown.options) });
    } catch (error) {
      setStep({ kind: 'failed', error: error as IpcError });
    }
  };

  const shown = step.kind === 'preview' || step.kind === 'pruning' ? step.preview : undefined;
  const nothing = shown !== undefined && prunePreviewSummary(shown).every((entry) => entry.count === 0);

  return (
    <Stack gap="md" data-testid="cleanup">
      <Group gap="lg">
        <Checkbox
          label="Also remove unused volumes (their data is lost)"
          checked={volumes}
          onChange={(event) => {
            setVolumes(event.currentTarget.checked);
            setStep({ kind: 'idle' });
          }}
        />
        <Checkbox
          label="Remove all unused images, not just dangling ones"
          checked={allImages}
          onChange={(event) => {
            setAllImages(event.currentTarget.checked);
            setStep({ kind: 'idle' });
          }}
        />
        <Button
          variant="light"
          leftSection={<IconEye size={16} aria-hidden />}
          loading={step.kind === 'previewing'}
          onClick={() => void preview()}
        >
          Show what would be removed
        </Button>
      </Group>

      {step.kind === 'failed' && (
        <Alert color="red" title="Could not clean up">
          {step.error.message}
        </Alert>
      )}

      {shown !== undefined && (
        <Stack gap="sm" data-testid="cleanup-preview">
          <Text size="sm" fw={600}>
            {nothing
              ? 'Nothing to remove.'
              : `${prunePreviewSummary(shown)
                  .filter((entry) => entry.count > 0)
                  .map((entry) => `${entry.count} ${entry.label}`)
                  .join(', ')} — about ${formatBytes(shown.reclaimableBytes)}.`}
          </Text>
          <PreviewSections shown={shown} />
          {!nothing && (
            <Group>
              <Button
                color="red"
                leftSection={<IconWashDry size={16} aria-hidden />}
                loading={step.kind === 'pruning'}
                onClick={() => void prune(shown)}
              >
                Remove these
              </Button>
            </Group>
          )}
        </Stack>
      )}

      {step.kind === 'done' && <PruneReport result={step.result} />}
    </Stack>
  );
}
