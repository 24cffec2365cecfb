import { Alert, Button, Text } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';

import type { EngineInfo } from '../../../electron/common/bridge';
import { useEngineActions } from '../../stores/hooks';
import layout from '../../styles/page.module.css';

/**
 * The one listed host is down (`isHostDown`): why, whether its last list is shown (`<plural>-stale`), and
 * Reconnect.
 */
export function HostDownAlert({
  engine,
  stale,
  plural,
}: {
  engine: EngineInfo;
  stale: boolean;
  plural: string;
}) {
  const { reconnect } = useEngineActions();
  return (
    <Alert
      color="red"
      icon={<IconPlugConnectedX size={20} aria-hidden />}
      title={`Can’t reach ${engine.name}`}
      data-testid="engine-unreachable"
      className={layout.banner}
    >
      <Text size="sm" data-testid="engine-unreachable-reason">
        {engine.status.lastError ?? 'The daemon did not answer.'}
      </Text>
      {stale && (
        <Text size="sm" fw={600} data-testid={`${plural}-stale`}>
          Showing the last known list. It may be out of date, and actions are disabled until the engine
          answers.
        </Text>
      )}
      <Button mt="xs" size="xs" variant="light" color="red" onClick={() => void reconnect(engine.id)}>
        Reconnect now
      </Button>
    </Alert>
  );
}

/** A host answered but could not list again: its last list stays, with why and Try again. */
export function RefreshFailedAlert({
  title,
  message,
  onRetry,
}: {
  title: string;
  message: string | undefined;
  onRetry: () => void;
}) {
  return (
    <Alert color="yellow" title={title} className={layout.banner}>
      <Text size="sm">{message}</Text>
      <Button mt="xs" size="xs" variant="light" color="yellow" onClick={onRetry}>
        Try again
      </Button>
    </Alert>
  );
}
