import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';

import type { IpcError, VolumeSummary } from '../../../electron/common/bridge';
import type { VolumesStore } from '../../stores/volumes';
import { parseKeyValueLines, volumeNameProblem } from './presentation';

export interface CreateVolumeModalProps {
  opened: boolean;
  store: VolumesStore;
  onClose: () => void;
  onCreated: (volume: VolumeSummary) => void;
}

/** Creates a volume: name (optional), driver, driver options and labels as `key=value` lines. */
export function CreateVolumeModal({ opened, store, onClose, onCreated }: CreateVolumeModalProps) {
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [options, setOptions] = useState('');
  const [labels, setLabels] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<IpcError | null>(null);

  useEffect(() => {
    if (!opened) return;
    setName('');
    setDriver('local');
    setOptions('');
    setLabels('');
    setFailure(null);
  }, [opened]);

  const nameProblem = volumeNameProblem(name.trim());
  const parsedOptions = parseKeyValueLines(options);
  const parsedLabels = parseKeyValueLines(labels);
  const driverProblem = /^[a-zA-Z0-9][a-zA-Z0-9_.:/@-]*$/.test(driver.trim())
    ? undefined
    : 'Name a volume driver.';
  const invalid =
    nameProblem !== undefined ||
    driverProblem !== undefined ||
    parsedOptions.errors.length > 0 ||
    parsedLabels.errors.length > 0;

  const submit = async () => {
    if (invalid) return;
    setBusy(true);
    setFailure(null);
    try {
      const volume = await store.createVolume({
        name: name.trim(),
        driver: driver.trim(),
        driverOptions: parsedOptions.pairs,
        labels: parsedLabels.pairs,
      });
      onCreated(volume);
    } catch (error) {
      setFailure(error as IpcError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Create a volume" data-testid="create-volume-modal">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Name"
            description="Leave empty to let Docker pick a random name."
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={nameProblem}
            data-autofocus
          />
          <TextInput
            label="Driver"
            value={driver}
            onChange={(event) => setDriver(event.currentTarget.value)}
            error={driverProblem}
          />
          <Textarea
            label="Driver options"
            description="One key=value per line, e.g. type=tmpfs"
            rows={3}
            value={options}
            onChange={(event) => setOptions(event.currentTarget.value)}
            error={parsedOptions.errors.join(' ') || undefined}
          />
          <Textarea
            label="Labels"
            description="One key=value per line"
            rows={3}
            value={labels}
            onChange={(event) => setLabels(event.currentTarget.value)}
            error={parsedLabels.errors.join(' ') || undefined}
          />
          {failure !== null && (
            <Alert color="red" title="Could not create the volume" data-testid="create-volume-error">
              {failure.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={invalid}>
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
