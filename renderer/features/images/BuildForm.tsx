import { Button, Checkbox, Group, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { IconFolderOpen } from '@tabler/icons-react';
import { useState } from 'react';

import type { ImagesStore } from './images-store';
import { imageNameProblem, parseBuildArgs, parseTags } from './presentation';

/** The build form's values, as typed. */
interface BuildFormValues {
  folder: string | undefined;
  dockerfile: string;
  tags: string;
  buildArgs: string;
  target: string;
  noCache: boolean;
  pull: boolean;
}

const EMPTY_BUILD_FORM: BuildFormValues = {
  folder: undefined,
  dockerfile: 'Dockerfile',
  tags: '',
  buildArgs: '',
  target: '',
  noCache: false,
  pull: false,
};

interface BuildFormState {
  values: BuildFormValues;
  set: (patch: Partial<BuildFormValues>) => void;
  problems: {
    folder: string | undefined;
    tags: string | undefined;
    buildArgs: string | undefined;
    target: string | undefined;
  };
  invalid: boolean;
  /** The request to send, once a folder was chosen. */
  request: () => Parameters<ImagesStore['build']>[0] | undefined;
}

/** The build form: its values, each field's problem, and the request they make. */
export function useBuildForm(): BuildFormState {
  const [values, setValues] = useState<BuildFormValues>(EMPTY_BUILD_FORM);
  const { folder, dockerfile, tags, buildArgs, target, noCache, pull } = values;
  const tagList = parseTags(tags);
  const args = parseBuildArgs(buildArgs);
  const problems = {
    folder: folder === undefined ? 'Choose the folder to build.' : undefined,
    tags: tagList.map((tag) => imageNameProblem(tag)).find((problem) => problem !== undefined),
    buildArgs: args.problem,
    target:
      target.trim() !== '' && !/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(target.trim())
        ? 'Not a stage name.'
        : undefined,
  };
  return {
    values,
    set: (patch) => setValues((current) => ({ ...current, ...patch })),
    problems,
    invalid: Object.values(problems).some((problem) => problem !== undefined),
    request: () =>
      folder === undefined
        ? undefined
        : {
            context: folder,
            ...(dockerfile.trim() !== '' ? { dockerfile: dockerfile.trim() } : {}),
            tags: tagList,
            buildArgs: args.args,
            ...(target.trim() !== '' ? { target: target.trim() } : {}),
            noCache,
            pull,
          },
  };
}

/** The folder (chosen through the system dialog), Dockerfile, target stage, tags, build args, no-cache and pull. */
export function BuildFields({
  form: { values, set, problems },
  touched,
  onChooseFolder,
}: {
  form: BuildFormState;
  /** Submitted once: the problems that wait for a submit show. */
  touched: boolean;
  onChooseFolder: () => void;
}) {
  return (
    <>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label="Folder"
          readOnly
          flex={1}
          value={values.folder ?? ''}
          placeholder="No folder chosen"
          error={touched ? problems.folder : undefined}
        />
        <Button
          variant="default"
          leftSection={<IconFolderOpen size={16} aria-hidden />}
          onClick={onChooseFolder}
        >
          Choose…
        </Button>
      </Group>
      <SimpleGrid cols={2}>
        <TextInput
          label="Dockerfile"
          description="Path inside the folder"
          value={values.dockerfile}
          onChange={(event) => set({ dockerfile: event.currentTarget.value })}
          spellCheck={false}
        />
        <TextInput
          label="Target stage"
          description="Optional, for multi-stage Dockerfiles"
          value={values.target}
          onChange={(event) => set({ target: event.currentTarget.value })}
          error={problems.target}
          spellCheck={false}
        />
      </SimpleGrid>
      <TextInput
        label="Tags"
        description="Names for the result, separated by commas or spaces"
        placeholder="team/app:1.0, team/app:latest"
        value={values.tags}
        onChange={(event) => set({ tags: event.currentTarget.value })}
        error={touched ? problems.tags : undefined}
        spellCheck={false}
      />
      <Textarea
        label="Build arguments"
        description="One NAME=value per line"
        rows={3}
        value={values.buildArgs}
        onChange={(event) => set({ buildArgs: event.currentTarget.value })}
        error={problems.buildArgs}
        spellCheck={false}
      />
      <Group>
        <Checkbox
          label="No cache"
          checked={values.noCache}
          onChange={(event) => set({ noCache: event.currentTarget.checked })}
        />
        <Checkbox
          label="Pull newer base images"
          checked={values.pull}
          onChange={(event) => set({ pull: event.currentTarget.checked })}
        />
      </Group>
    </>
  );
}
