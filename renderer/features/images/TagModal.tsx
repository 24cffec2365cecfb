import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';

import { FormActions, useCheckedSubmit } from '../../components/FormActions/FormActions';
import { imageNameProblem, type ImageRow, rowReference, splitRepoTag } from './presentation';

interface TagModalProps {
  /** The row to give another name; `null` keeps the modal closed. */
  row: ImageRow | null;
  onClose: () => void;
  /** Resolves `true` when the image got the name (on the row's own host). */
  onTag: (row: ImageRow, source: string, target: string) => Promise<boolean>;
}

/** Gives an image another name (`docker tag`). */
export function TagModal({ row, onClose, onTag }: TagModalProps) {
  const [target, setTarget] = useState('');
  const problem = target.trim() === '' ? 'Enter a name, like team/app:1.0.' : imageNameProblem(target);
  const { touched, touch, reset, busy, onSubmit } = useCheckedSubmit(problem !== undefined, async () => {
    if (row !== null && (await onTag(row, rowReference(row), target.trim()))) onClose();
  });

  useEffect(() => {
    if (row === null) return;
    reset();
    setTarget(row.image.repoTags.length > 0 ? `${splitRepoTag(row.ref).repository}:` : '');
  }, [row, reset]);

  if (row === null) return null;
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Tag ${row.ref}${row.host !== undefined ? ` on ${row.host}` : ''}`}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm">The image keeps its current names; this adds one.</Text>
          <TextInput
            label="New name"
            placeholder="registry.example.com/team/app:1.0"
            value={target}
            onChange={(event) => setTarget(event.currentTarget.value)}
            onBlur={touch}
            error={touched ? problem : undefined}
            data-autofocus
            autoComplete="off"
            spellCheck={false}
          />
          <FormActions submit="Tag" busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
