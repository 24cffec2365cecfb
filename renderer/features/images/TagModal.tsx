import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';

import { imageNameProblem, type ImageRow, rowReference, splitRepoTag } from './presentation';

export interface TagModalProps {
  /** The row to give another name; `null` keeps the modal closed. */
  row: ImageRow | null;
  onClose: () => void;
  /** Resolves `true` when the image got the name (on the row's own host). */
  onTag: (row: ImageRow, source: string, target: string) => Promise<boolean>;
}

/** Gives an image another name (`docker tag`). */
export function TagModal({ row, onClose, onTag }: TagModalProps) {
  const [target, setTarget] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (row === null) return;
    setTouched(false);
    setTarget(row.image.repoTags.length > 0 ? `${splitRepoTag(row.ref).repository}:` : '');
  }, [row]);

  if (row === null) return null;
  const source = rowReference(row);
  const problem = target.trim() === '' ? 'Enter a name, like team/app:1.0.' : imageNameProblem(target);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem !== undefined) return;
    setBusy(true);
    try {
      if (await onTag(row, source, target.trim())) onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={`Tag ${row.ref}${row.host !== undefined ? ` on ${row.host}` : ''}`}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <Text size="sm">The image keeps its current names; this adds one.</Text>
          <TextInput
            label="New name"
            placeholder="registry.example.com/team/app:1.0"
            value={target}
            onChange={(event) => setTarget(event.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={touched ? problem : undefined}
            data-autofocus
            autoComplete="off"
            spellCheck={false}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Tag
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
