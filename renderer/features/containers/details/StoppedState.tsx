import { Button, Stack, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';

import type { ContainerState } from '../../../../electron/common/bridge';
import layout from '../../../styles/page.module.css';
import { canStart } from '../presentation';

/** What a tab needs of the container to show anything: Terminal a running one, Stats and Processes not a stopped one. */
export function tabNeedsStart(tab: 'terminal' | 'stats' | 'processes', state: ContainerState): boolean {
  if (tab === 'terminal') return state !== 'running';
  return state !== 'running' && state !== 'paused';
}

/**
 * A tab that needs a running container, on a stopped one: says so in words (never a daemon error with the
 * 64-character id) and offers Start right there.
 */
export function StoppedState({
  purpose,
  state,
  starting,
  onStart,
}: {
  /** What starting allows, e.g. `open a terminal`. */
  purpose: string;
  state: ContainerState;
  starting: boolean;
  onStart: () => void;
}) {
  const startable = canStart(state);
  return (
    <div className={layout.state} data-testid="stopped-state">
      <Stack gap="xs" align="center">
        <Text fw={600}>{state === 'restarting' ? 'Restarting' : 'Stopped'}</Text>
        <Text size="sm" c="dimmed">
          {startable ? `Start it to ${purpose}.` : `It is ${state}: it has to be running to ${purpose}.`}
        </Text>
        {startable && (
          <Button
            leftSection={<IconPlayerPlay size={16} aria-hidden />}
            color="green"
            loading={starting}
            onClick={onStart}
          >
            Start
          </Button>
        )}
      </Stack>
    </div>
  );
}
