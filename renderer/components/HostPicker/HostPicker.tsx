import { NativeSelect } from '@mantine/core';
import { useEffect, useState } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import { useEngines } from '../../stores/hooks';
import { ENGINE_STATE_LABEL } from '../EngineStatus/EngineStatus';

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

interface HostPickerProps {
  choice: HostChoice;
  value: EngineId;
  onChange: (engineId: EngineId) => void;
  disabled?: boolean;
  /** Options ahead of the hosts, e.g. every host at once (the value is then the option's). */
  extra?: ReadonlyArray<{ value: string; label: string }>;
  description?: string;
}

/**
 * Picks the host of an action; renders nothing when there is only one host to act on. A host that is not
 * connected right now is listed but cannot be picked (the action would only fail there).
 */
export function HostPicker({ choice, value, onChange, disabled, extra = [], description }: HostPickerProps) {
  const { engines } = useEngines();
  if (choice.engineIds.length < 2) return null;
  const stateOf = (engineId: EngineId) => engines.find((engine) => engine.id === engineId)?.status.state;
  return (
    <NativeSelect
      label="On host"
      description={description}
      data-testid="host-picker"
      data={[
        ...extra,
        ...choice.engineIds.map((engineId) => {
          const state = stateOf(engineId);
          const reachable = state === undefined || state === 'connected';
          return {
            value: engineId,
            label: reachable
              ? choice.hostName(engineId)
              : `${choice.hostName(engineId)} (${ENGINE_STATE_LABEL[state].toLowerCase()})`,
            disabled: !reachable && engineId !== value,
          };
        }),
      ]}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}
