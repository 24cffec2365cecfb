import { NativeSelect } from '@mantine/core';
import { useEffect, useState } from 'react';

import type { EngineId } from '../../../electron/common/bridge';

export interface HostOption {
  engineId: EngineId;
  name: string;
}

/**
 * Which host a dialog not tied to a row (pull, build, load, prune, log in) acts on. Under "All hosts" the dialog
 * shows a picker (`pick`) over the usable hosts; on one host it acts there and shows none.
 */
export interface HostChoice {
  hosts: readonly HostOption[];
  /** Where the dialog starts: the active host, else the first usable one. */
  initial: EngineId | undefined;
  pick: boolean;
}

/** The chosen host of a dialog, back at `choice.initial` each time it opens. */
export function useHostChoice(
  opened: boolean,
  choice: HostChoice,
): [EngineId | undefined, (engineId: EngineId) => void] {
  const [engineId, setEngineId] = useState(choice.initial);
  useEffect(() => {
    if (opened) setEngineId(choice.initial);
  }, [opened, choice.initial]);
  const known = engineId !== undefined && choice.hosts.some((host) => host.engineId === engineId);
  return [known ? engineId : choice.initial, setEngineId];
}

export interface HostPickerProps {
  choice: HostChoice;
  value: EngineId | undefined;
  onChange: (engineId: EngineId) => void;
  /** Extra options ahead of the hosts, e.g. every host at once. */
  extra?: ReadonlyArray<{ value: string; label: string }>;
  description?: string;
  disabled?: boolean;
}

/** A plain select of hosts (shown only when the dialog's choice asks for one). */
export function HostPicker({ choice, value, onChange, extra = [], description, disabled }: HostPickerProps) {
  if (!choice.pick) return null;
  return (
    <NativeSelect
      label="Host"
      description={description}
      value={value ?? ''}
      disabled={disabled}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[...extra, ...choice.hosts.map((host) => ({ value: host.engineId, label: host.name }))]}
      data-testid="host-picker"
    />
  );
}
