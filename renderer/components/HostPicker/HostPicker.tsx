import { NativeSelect } from '@mantine/core';
import { useEffect, useState } from 'react';

import type { EngineId } from '../../../electron/common/bridge';

/** The hosts an action that belongs to no row (create, prune) may go to, and the one it goes to unless changed. */
export interface HostChoice {
  engineIds: readonly EngineId[];
  hostName: (engineId: EngineId) => string;
  initial: EngineId;
}

/**
 * The host a dialog acts on: `choice.initial` each time the dialog opens, then whatever the user picks. Shown
 * as a picker only when there is a choice ("All hosts").
 */
export function useHostChoice(
  choice: HostChoice,
  opened: boolean,
): { engineId: EngineId; setEngineId: (engineId: EngineId) => void } {
  const [engineId, setEngineId] = useState(choice.initial);
  useEffect(() => {
    if (opened) setEngineId(choice.initial);
  }, [opened, choice.initial]);
  return { engineId, setEngineId };
}

export interface HostPickerProps {
  choice: HostChoice;
  value: EngineId;
  onChange: (engineId: EngineId) => void;
  disabled?: boolean;
  /** Options ahead of the hosts, e.g. every host at once (the value is then the option's). */
  extra?: ReadonlyArray<{ value: string; label: string }>;
  description?: string;
}

/** Picks the host of an action; renders nothing when there is only one host to act on. */
export function HostPicker({ choice, value, onChange, disabled, extra = [], description }: HostPickerProps) {
  if (choice.engineIds.length < 2) return null;
  return (
    <NativeSelect
      label="On host"
      description={description}
      data-testid="host-picker"
      data={[
        ...extra,
        ...choice.engineIds.map((engineId) => ({ value: engineId, label: choice.hostName(engineId) })),
      ]}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}
