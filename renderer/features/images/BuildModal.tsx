import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconFolderOpen } from '@tabler/icons-react';
import { useEffect, useState } from 'react';

import type { EngineId, IpcError, OperationSummary } from '../../../electron/common/bridge';
import { FormActions, useCheckedSubmit } from '../../components/FormActions/FormActions';
import { type HostChoice, HostPicker, useHostChoice } from '../../components/HostPicker/HostPicker';
import { OperationProgress } from '../../components/OperationProgress/OperationProgress';
import { toIpcError } from '../../lib/api';
import { useOperationActions, useOperations } from '../../stores/hooks';
import type { ImagesStore } from './images-store';
import { imageNameProblem, parseBuildArgs, parseTags } from './presentation';

export interface BuildModalProps {
  opened: boolean;
  onClose: () => void;
  /** The host to build on (a picker under "All hosts"). */
  host: HostChoice;
  chooseFolder: ImagesStore['chooseBuildContext'];
  build: (engineId: EngineId, request: Parameters<ImagesStore['build']>[0]) => Promise<OperationSummary>;
}

/**
 * Builds an image from a local folder: the folder (chosen through the system dialog), the Dockerfile, tags, build
 * args, target stage, no-cache and pull. Once started, the dialog follows the build's output like a terminal and
 * can cancel it; a failure shows the failing step.
 */
export function BuildModal({ opened, onClose, host, chooseFolder, build }: BuildModalProps) {
  const { engineId, setEngineId } = useHostChoice(host, opened);
  const [folder, setFolder] = useState<string | undefined>();
  const [dockerfile, setDockerfile] = useState('Dockerfile');
  const [tags, setTags] = useState('');
  const [buildArgs, setBuildArgs] = useState('');
  const [target, setTarget] = useState('');
  const [noCache, setNoCache] = useState(false);
  const [pull, setPull] = useState(false);
  const [error, setError] = useState<IpcError | undefined>();
  const [started, setStarted] = useState<OperationSummary | undefined>();
  const { operations } = useOperations();
  const { cancel } = useOperationActions();

  const tagList = parseTags(tags);
  const tagProblem = tagList.map((tag) => imageNameProblem(tag)).find((problem) => problem !== undefined);
  const args = parseBuildArgs(buildArgs);
  const targetProblem =
    target.trim() !== '' && !/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(target.trim())
      ? 'Not a stage name.'
      : undefined;
  const folderProblem = folder === undefined ? 'Choose the folder to build.' : undefined;
  const invalid = [tagProblem, args.problem, targetProblem, folderProblem].some((p) => p !== undefined);
  const entry =
    started === undefined ? undefined : operations.find((candidate) => candidate.summary.id === started.id);

  const pick = async () => {
    const chosen = await chooseFolder();
    if (chosen !== undefined) setFolder(chosen);
  };

  const { touched, reset, busy, onSubmit } = useCheckedSubmit(invalid, async () => {
    if (folder === undefined) return;
    setError(undefined);
    try {
      const operation = await build(engineId, {
        context: folder,
        ...(dockerfile.trim() !== '' ? { dockerfile: dockerfile.trim() } : {}),
        tags: tagList,
        buildArgs: args.args,
        ...(target.trim() !== '' ? { target: target.trim() } : {}),
        noCache,
        pull,
      });
      setStarted(operation);
    } catch (failure) {
      setError(toIpcError(failure));
    }
  });

  useEffect(() => {
    if (opened) {
      setStarted(undefined);
      setError(undefined);
      reset();
    }
  }, [opened, reset]);

  return (
    <Modal opened={opened} onClose={onClose} title="Build an image" size="xl" data-testid="build-modal">
      {started !== undefined ? (
        <Stack gap="md">
          {entry !== undefined ? (
            <OperationProgress entry={entry} onCancel={(id) => void cancel(id)} showOutput tall />
          ) : (
            <Text size="sm">Starting…</Text>
          )}
          <Group justify="flex-end">
            {entry?.summary.state !== 'running' && (
              <Button variant="default" onClick={() => setStarted(undefined)}>
                Build again
              </Button>
            )}
            <Button onClick={onClose}>
              {entry?.summary.state === 'running' ? 'Hide (keeps building)' : 'Close'}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <HostPicker
              choice={host}
              value={engineId}
              onChange={setEngineId}
              description="The daemon that builds, and keeps the result"
            />
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label="Folder"
                readOnly
                flex={1}
                value={folder ?? ''}
                placeholder="No folder chosen"
                error={touched ? folderProblem : undefined}
              />
              <Button
                variant="default"
                leftSection={<IconFolderOpen size={16} aria-hidden />}
                onClick={() => void pick()}
              >
                Choose…
              </Button>
            </Group>
            <SimpleGrid cols={2}>
              <TextInput
                label="Dockerfile"
                description="Path inside the folder"
                value={dockerfile}
                onChange={(event) => setDockerfile(event.currentTarget.value)}
                spellCheck={false}
              />
              <TextInput
                label="Target stage"
                description="Optional, for multi-stage Dockerfiles"
                value={target}
                onChange={(event) => setTarget(event.currentTarget.value)}
                error={targetProblem}
                spellCheck={false}
              />
            </SimpleGrid>
            <TextInput
              label="Tags"
              description="Names for the result, separated by commas or spaces"
              placeholder="team/app:1.0, team/app:latest"
              value={tags}
              onChange={(event) => setTags(event.currentTarget.value)}
              error={touched ? tagProblem : undefined}
              spellCheck={false}
            />
            <Textarea
              label="Build arguments"
              description="One NAME=value per line"
              rows={3}
              value={buildArgs}
              onChange={(event) => setBuildArgs(event.currentTarget.value)}
              error={args.problem}
              spellCheck={false}
            />
            <Group>
              <Checkbox
                label="No cache"
                checked={noCache}
                onChange={(event) => setNoCache(event.currentTarget.checked)}
              />
              <Checkbox
                label="Pull newer base images"
                checked={pull}
                onChange={(event) => setPull(event.currentTarget.checked)}
              />
            </Group>
            {error !== undefined && (
              <Alert color="red" title="The build did not start" data-testid="build-error">
                {error.message}
              </Alert>
            )}
            <FormActions submit="Build" busy={busy} onCancel={onClose} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
