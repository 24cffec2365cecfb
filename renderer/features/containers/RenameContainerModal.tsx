import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';

import { type ContainerSummary, isValidContainerName } from '../../../electron/common/bridge';

interface RenameContainerModalProps {
  /** All hosts: the container's host, named in the title (the same name can be on two hosts). */
  host?: string;
  /** `null` keeps the modal closed. */
  container: ContainerSummary | null;
  onCancel: () => void;
  /** Resolves `true` when renamed; the modal stays open otherwise (the failure is reported). */
  onRename: (container: ContainerSummary, name: string) => Promise<boolean>;
}

/** Renames a container; the name is checked as Docker checks it before anything is sent. */
export function RenameContainerModal({ container, host, onCancel, onRename }: RenameContainerModalProps) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const last = useRef(container);
  if (container !== null) last.current = container;
  const shown = container ?? last.current;

  useEffect(() => {
    if (container !== null) setName(container.name);
  }, [container]);

  if (shown === null) return null;
  const trimmed = name.trim();
  const error =
    trimmed === '' || isValidContainerName(trimmed)
      ? undefined
      : 'Start with a letter or digit, then letters, digits and _ . - (at least 2 characters).';
  const unchanged = trimmed === shown.name;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (error !== undefined || trimmed === '' || unchanged || busy) return;
    setBusy(true);
    void onRename(shown, trimmed).finally(() => setBusy(false));
  };

  return (
    <Modal
      opened={container !== null}
      onClose={onCancel}
      title={`Rename ${shown.name}${host === undefined ? '' : ` on ${host}`}`}
    >
      <form onSubmit={submit}>
        <Stack gap="md">
          <TextInput
            label="New name"
            value={name}
            error={error}
            data-autofocus
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={busy}
              disabled={error !== undefined || trimmed === '' || unchanged}
            >
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
