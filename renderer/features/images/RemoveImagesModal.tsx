import { Alert, Button, Checkbox, Group, List, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';

import {
  type EngineId,
  ErrorCode,
  type ImageRemoveOutcome,
  type ImageSummary,
} from '../../../electron/common/bridge';
import {
  groupByEngine,
  type ImageRow,
  imagesOf,
  removalRefs,
  type RemoveMode,
  shortId,
} from './presentation';

interface RemoveImagesModalProps {
  /** The rows to remove (of one host or several); empty keeps the modal closed. */
  rows: readonly ImageRow[];
  onClose: () => void;
  /**
   * Removes refs on one engine; resolves each one's outcome, or `undefined` when the request failed (reported).
   * Rows of several hosts make one call per host.
   */
  onRemove: (
    engineId: EngineId,
    refs: string[],
    options: { force: boolean; ids: string[] },
  ) => Promise<ImageRemoveOutcome[] | undefined>;
}

/** A refusal, with the host it came from when the rows span hosts. */
interface Failure {
  engineId: EngineId;
  host: string | undefined;
  outcome: ImageRemoveOutcome;
}

/** The refs to send, per host: one request each. */
function plan(rows: readonly ImageRow[], mode: RemoveMode) {
  return groupByEngine(rows).map(([engineId, group]) => ({
    engineId,
    host: group[0]?.host,
    refs: removalRefs(group, mode),
    ids: imagesOf(group).map((image) => image.id),
  }));
}

/** One host's request and its answer (`undefined`: the request failed as a whole). */
interface Answer {
  group: ReturnType<typeof plan>[number];
  outcomes: ImageRemoveOutcome[] | undefined;
}

/**
 * What a removal left: the refusals, and the rows to send again — those refused, and all of a host whose request
 * failed as a whole (reported by the store). Nothing left: it is done.
 */
function afterRemoval(
  answers: readonly Answer[],
  remaining: readonly ImageRow[],
  mode: RemoveMode,
): { done: boolean; failed: Failure[]; retry: ImageRow[] } {
  const failed: Failure[] = answers.flatMap(({ group, outcomes }) =>
    (outcomes ?? [])
      .filter((outcome) => outcome.error !== undefined)
      .map((outcome) => ({ engineId: group.engineId, host: group.host, outcome })),
  );
  const unanswered = new Set(
    answers.filter(({ outcomes }) => outcomes === undefined).map(({ group }) => group.engineId),
  );
  if (failed.length === 0 && unanswered.size === 0) return { done: true, failed, retry: [] };
  const refused = new Set(failed.map((failure) => `${failure.engineId}\u0000${failure.outcome.ref}`));
  const retry = remaining.filter(
    (row) =>
      unanswered.has(row.image.engineId) ||
      removalRefs([row], mode).some((ref) => refused.has(`${row.image.engineId}\u0000${ref}`)),
  );
  return { done: false, failed, retry };
}

/** The names (or ids) to remove, the first twelve, with their host when the rows span hosts. */
function RefsList({ refs }: { refs: ReadonlyArray<{ ref: string; host: string | undefined; key: string }> }) {
  return (
    <List size="sm" spacing={2} data-testid="remove-refs">
      {refs.slice(0, 12).map(({ ref, host, key }) => (
        <List.Item key={key}>
          <Text span ff="monospace" size="sm">
            {ref.startsWith('sha256:') ? shortId(ref) : ref}
          </Text>
          {host !== undefined && (
            <Text span c="dimmed" size="sm">
              {' '}
              on {host}
            </Text>
          )}
        </List.Item>
      ))}
      {refs.length > 12 && <List.Item>… and {refs.length - 12} more</List.Item>}
    </List>
  );
}

/** Which images a container uses, and what Docker does about them. */
function InUseAlert({ inUse }: { inUse: readonly ImageSummary[] }) {
  return (
    <Alert color="orange" title="In use">
      {inUse.length === 1
        ? `${inUse[0]?.repoTags[0] ?? shortId(inUse[0]?.id ?? '')} is used by ${inUse[0]?.containers} container(s).`
        : `${inUse.length} of these images are used by containers.`}{' '}
      Docker keeps an image a container uses unless the removal is forced, and never removes one a running
      container uses.
    </Alert>
  );
}

/** The daemon's refusals, each with its host when the rows span hosts. */
function FailuresAlert({ failures }: { failures: readonly Failure[] }) {
  return (
    <Alert color="red" title="Not removed" data-testid="remove-failures">
      <Stack gap={4}>
        {failures.map(({ engineId, host, outcome }) => (
          <Text key={`${engineId}\u0000${outcome.ref}`} size="sm">
            {host !== undefined ? `${host}: ` : ''}
            {outcome.error?.message}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/**
 * Asks before removing images and says what happens: removing a name ("untag") keeps the image while it has other
 * names; deleting removes the image with all its names. Force is never implied: it is a separate, unchecked box
 * that appears when a container uses an image or the daemon refused without it. Refusals are listed with the
 * daemon's reason (which container uses it).
 */
export function RemoveImagesModal({ rows, onClose, onRemove }: RemoveImagesModalProps) {
  const [mode, setMode] = useState<RemoveMode>('untag');
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<Failure[]>([]);
  // After a partial failure only what was refused is sent again (the rest is gone already).
  const [remaining, setRemaining] = useState<readonly ImageRow[]>(rows);
  const opened = rows.length > 0;

  useEffect(() => {
    if (!opened) return;
    setForce(false);
    setFailures([]);
    setRemaining(rows);
    setMode(rows.some((row) => row.image.repoTags.length > 1) ? 'untag' : 'delete');
  }, [opened, rows]);

  const images = useMemo(() => imagesOf(rows), [rows]);
  const groups = useMemo(() => plan(rows, mode), [rows, mode]);
  const refs = groups.flatMap((group) =>
    group.refs.map((ref) => ({ ref, host: group.host, key: `${group.engineId}\u0000${ref}` })),
  );
  const multiNamed = rows.some((row) => row.image.repoTags.length > 1);
  const inUse = images.filter((image) => image.containers > 0);
  const refusedForConflict = failures.some((failure) => failure.outcome.error?.code === ErrorCode.Conflict);
  const offerForce = inUse.length > 0 || refusedForConflict;

  const submit = async () => {
    setBusy(true);
    try {
      const answers = await Promise.all(
        plan(remaining, mode).map(async (group) => ({
          group,
          outcomes: await onRemove(group.engineId, group.refs, { force, ids: group.ids }),
        })),
      );
      const { done, failed, retry } = afterRemoval(answers, remaining, mode);
      if (done) {
        onClose();
        return;
      }
      setRemaining(retry);
      setFailures(failed);
    } finally {
      setBusy(false);
    }
  };

  const title = rows.length === 1 ? `Remove ${rows[0]?.ref ?? ''}?` : `Remove ${rows.length} images?`;

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" data-testid="remove-images-modal">
      <Stack gap="md">
        {multiNamed && (
          <SegmentedControl
            fullWidth
            value={mode}
            onChange={(value) => setMode(value === 'delete' ? 'delete' : 'untag')}
            data={[
              { value: 'untag', label: 'Remove only these names (untag)' },
              { value: 'delete', label: 'Delete the images (all names)' },
            ]}
          />
        )}
        <Text size="sm">
          {mode === 'untag'
            ? 'The selected names are removed. An image is deleted with its last name, unless a container uses it.'
            : 'Every name of these images is removed and the images are deleted. Layers other images share are kept.'}
        </Text>
        <RefsList refs={refs} />
        {inUse.length > 0 && <InUseAlert inUse={inUse} />}
        {failures.length > 0 && <FailuresAlert failures={failures} />}
        {offerForce && (
          <Checkbox
            color="red"
            label="Force the removal (also removes names and images that stopped containers use)"
            checked={force}
            onChange={(event) => setForce(event.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {failures.length > 0 ? 'Close' : 'Cancel'}
          </Button>
          <Button color="red" loading={busy} onClick={() => void submit()} data-autofocus>
            {force ? 'Force remove' : mode === 'untag' ? 'Remove' : 'Delete'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
