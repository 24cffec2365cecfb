import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';

import type { VolumeSummary } from '../../../electron/common/bridge';
import { CreateModal } from '../../components/CreateModal/CreateModal';
import { type HostChoice, useHostChoice } from '../../components/HostPicker/HostPicker';
import { KeyValueField } from '../../components/KeyValue/KeyValue';
import { parseKeyValueLines } from '../../components/KeyValue/parse';
import { useStores } from '../../stores/StoresProvider';
import { volumeNameProblem } from './presentation';

interface CreateVolumeModalProps {
  opened: boolean;
  /** The hosts it can create on; a picker under "All hosts". */
  hosts: HostChoice;
  onClose: () => void;
  onCreated: (volume: VolumeSummary) => void;
}

/** Creates a volume: host (under "All hosts"), name (optional), driver, driver options and labels. */
export function CreateVolumeModal({ opened, hosts, onClose, onCreated }: CreateVolumeModalProps) {
  const { resources } = useStores();
  const { engineId, setEngineId } = useHostChoice(hosts, opened);
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [options, setOptions] = useState('');
  const [labels, setLabels] = useState('');

  useEffect(() => {
    if (!opened) return;
    setName('');
    setDriver('local');
    setOptions('');
    setLabels('');
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

  return (
    <CreateModal
      opened={opened}
      onClose={onClose}
      title="Create a volume"
      testId="create-volume"
      failureTitle="Could not create the volume"
      hosts={hosts}
      engineId={engineId}
      onEngineChange={setEngineId}
      invalid={invalid}
      onSubmit={async () => {
        const volume = await resources.volumes(engineId).createVolume({
          name: name.trim(),
          driver: driver.trim(),
          driverOptions: parsedOptions.pairs,
          labels: parsedLabels.pairs,
        });
        onCreated(volume);
      }}
    >
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
      <KeyValueField
        label="Driver options"
        description="One key=value per line, e.g. type=tmpfs"
        value={options}
        onChange={setOptions}
      />
      <KeyValueField label="Labels" value={labels} onChange={setLabels} />
    </CreateModal>
  );
}
