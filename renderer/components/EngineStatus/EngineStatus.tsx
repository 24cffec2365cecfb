import { Badge, Button, Loader, Text } from '@mantine/core';

import type { EngineId, EngineState } from '../../../electron/common/bridge';
import { useEngineActions, useEngines } from '../../stores/hooks';
import classes from './EngineStatus.module.css';

/** An engine state in words, as the status badge, the host picker and the hosts page say it. */
export const ENGINE_STATE_LABEL: Record<EngineState, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  notAnswering: 'Not answering',
  unreachable: 'Unreachable',
  authFailed: 'Login refused',
  hostKeyChanged: 'Host key changed',
  disconnected: 'Disconnected',
};

const COLOR: Record<EngineState, string> = {
  connected: 'green',
  connecting: 'yellow',
  notAnswering: 'orange',
  unreachable: 'red',
  authFailed: 'red',
  hostKeyChanged: 'red',
  disconnected: 'gray',
};

/** The states that come with a reason to read and a way to retry now. */
export function isTroubled(state: EngineState): boolean {
  return (
    state === 'notAnswering' ||
    state === 'unreachable' ||
    state === 'authFailed' ||
    state === 'hostKeyChanged'
  );
}

interface EngineStatusProps {
  /** The engine to show. */
  engineId: EngineId;
  /** The collapsed sidebar: a coloured dot with the state and address on hover. */
  compact?: boolean;
}

/**
 * The connection state of one Docker daemon in plain words: a badge, the engine's name and address, its
 * versions when connected and the reason when it cannot be reached.
 */
export function EngineStatus({ engineId, compact = false }: EngineStatusProps) {
  const { phase, engines, error } = useEngines();
  const { reconnect } = useEngineActions();
  const engine = engines.find((candidate) => candidate.id === engineId);

  // Until the list answers there is nothing to be unreachable yet; a failed list is a failure to reach.
  const state: EngineState = engine?.status.state ?? (phase === 'failed' ? 'unreachable' : 'connecting');
  const reason =
    engine === undefined
      ? phase === 'failed'
        ? (error?.message ?? 'Berth could not list its engines.')
        : phase === 'ready'
          ? `No engine called “${engineId}” is configured.`
          : undefined
      : (engine.status.lastError ?? 'The daemon did not answer.');

  if (compact) {
    return (
      <section
        className={classes.compact}
        data-testid="engine-status"
        data-state={state}
        aria-label="Docker engine status"
        aria-live="polite"
        title={`${ENGINE_STATE_LABEL[state]} · ${engine?.name ?? engineId}${engine === undefined ? '' : ` · ${engine.address}`}`}
      >
        <Badge circle size="sm" color={COLOR[state]} aria-label={ENGINE_STATE_LABEL[state]}>
          {' '}
        </Badge>
      </section>
    );
  }
  return (
    <section
      className={classes.root}
      data-testid="engine-status"
      data-state={state}
      aria-label="Docker engine status"
      aria-live="polite"
    >
      <div className={classes.heading}>
        <Badge
          color={COLOR[state]}
          leftSection={state === 'connecting' ? <Loader size={10} color={COLOR[state]} /> : undefined}
        >
          {ENGINE_STATE_LABEL[state]}
        </Badge>
        <Text size="sm" fw={600} truncate="end" className={classes.name}>
          {engine?.name ?? engineId}
        </Text>
      </div>
      {engine !== undefined && (
        <Text size="xs" c="dimmed" className={classes.address} title={engine.address}>
          {engine.address}
        </Text>
      )}
      {state === 'connected' && engine?.status.engineVersion !== undefined && (
        <Text size="xs" c="dimmed">
          Docker {engine.status.engineVersion}
          {engine.status.apiVersion === undefined ? '' : ` · API ${engine.status.apiVersion}`}
        </Text>
      )}
      {isTroubled(state) && reason !== undefined && (
        <Text size="xs" className={classes.reason} data-testid="engine-status-reason">
          {reason}
        </Text>
      )}
      {isTroubled(state) && engine !== undefined && (
        <Button variant="light" size="xs" onClick={() => void reconnect(engine.id)}>
          Reconnect now
        </Button>
      )}
    </section>
  );
}
