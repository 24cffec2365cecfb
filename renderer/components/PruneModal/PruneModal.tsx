import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';

import type { EngineId, IpcError } from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { type HostChoice, HostPicker, useHostChoice } from '../HostPicker/HostPicker';

type Step<P, R> =
  | { kind: 'loading' }
  | { kind: 'preview'; preview: P; pruning: boolean }
  | { kind: 'done'; report: R }
  | { kind: 'failed'; error: IpcError };

interface PruneModalProps<P, R> {
  opened: boolean;
  onClose: () => void;
  /** `Prune unused volumes`. */
  title: string;
  /** Test ids are `<testId>-modal`, `-preview`, `-result` and `-error`. */
  testId: string;
  /** The hosts it can prune; a picker when there are several. */
  hosts: HostChoice;
  /** What a prune of that host would remove (throws `IpcError`). */
  preview: (engineId: EngineId) => Promise<P>;
  /** Prunes that host (throws `IpcError`). */
  prune: (engineId: EngineId) => Promise<R>;
  /** `Finding unused volumes…` */
  loadingText: string;
  /** Nothing to prune in this preview? */
  isEmpty: (preview: P) => boolean;
  emptyText: string;
  renderPreview: (preview: P) => ReactNode;
  renderReport: (report: R) => ReactNode;
}

/**
 * A prune in two steps, on one host: exactly what it would remove, then what it removed. Under "All hosts" the
 * host is picked in the dialog, and the preview and the report name it.
 */
export function PruneModal<P, R>({
  opened,
  onClose,
  title,
  testId,
  hosts,
  preview,
  prune,
  loadingText,
  isEmpty,
  emptyText,
  renderPreview,
  renderReport,
}: PruneModalProps<P, R>) {
  const { engineId, setEngineId } = useHostChoice(hosts, opened);
  const [step, setStep] = useState<Step<P, R>>({ kind: 'loading' });

  useEffect(() => {
    if (!opened) return;
    let current = true;
    setStep({ kind: 'loading' });
    preview(engineId).then(
      (value) => current && setStep({ kind: 'preview', preview: value, pruning: false }),
      (error: unknown) => current && setStep({ kind: 'failed', error: toIpcError(error) }),
    );
    return () => {
      current = false;
    };
    // Asked again on each opening and for each host picked, not when the page re-renders `preview`.
  }, [opened, engineId]);

  const run = async (value: P) => {
    setStep({ kind: 'preview', preview: value, pruning: true });
    try {
      setStep({ kind: 'done', report: await prune(engineId) });
    } catch (error) {
      setStep({ kind: 'failed', error: toIpcError(error) });
    }
  };

  const where = hosts.engineIds.length > 1 ? ` on ${hosts.hostName(engineId)}` : '';
  let body;
  if (step.kind === 'loading') {
    body = (
      <Group gap="xs" role="status">
        <Loader size="sm" />
        <Text size="sm">{loadingText}</Text>
      </Group>
    );
  } else if (step.kind === 'failed') {
    body = (
      <Alert color="red" title={`The prune could not run${where}`} data-testid={`${testId}-error`}>
        {step.error.message}
      </Alert>
    );
  } else if (step.kind === 'done') {
    body = (
      <Alert color="green" title={`Pruned${where}`} data-testid={`${testId}-result`}>
        {renderReport(step.report)}
      </Alert>
    );
  } else if (isEmpty(step.preview)) {
    body = <Text size="sm">{emptyText}</Text>;
  } else {
    body = (
      <Stack gap="xs" data-testid={`${testId}-preview`} data-engine-id={engineId}>
        {renderPreview(step.preview)}
      </Stack>
    );
  }

  const busy = step.kind === 'preview' && step.pruning;
  return (
    <Modal opened={opened} onClose={onClose} title={title} data-testid={`${testId}-modal`}>
      <Stack gap="md">
        <HostPicker choice={hosts} value={engineId} onChange={setEngineId} disabled={busy} />
        {body}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {step.kind === 'done' ? 'Close' : 'Cancel'}
          </Button>
          {step.kind === 'preview' && !isEmpty(step.preview) && (
            <Button color="red" loading={busy} onClick={() => void run(step.preview)}>
              Prune
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
