import { Badge, Stack, Text } from '@mantine/core';

import { stateColor, stateLabel } from '../../features/hosts/presentation';
import { useSelectedEngines } from '../../features/hosts/use-hosts';
import { useEngines } from '../../stores/hooks';
import { EngineStatus } from '../EngineStatus/EngineStatus';

/**
 * The status block of the sidebar: the selected host in full (address, versions, the reason it is down), or, for
 * "All hosts", one line per host.
 */
export function HostsStatus({ compact = false }: { compact?: boolean }) {
  const { selection, all, hostName } = useSelectedEngines();
  const { engines } = useEngines();
  if (!all) return <EngineStatus engineId={selection} compact={compact} />;
  if (compact) {
    return (
      <Stack gap={4} align="center" aria-label="Docker hosts status" data-testid="hosts-status">
        {engines.map((engine) => (
          <Badge
            key={engine.id}
            circle
            size="sm"
            color={stateColor[engine.status.state]}
            title={`${hostName(engine.id)}: ${stateLabel[engine.status.state]}`}
            aria-label={`${hostName(engine.id)}: ${stateLabel[engine.status.state]}`}
          >
            {' '}
          </Badge>
        ))}
      </Stack>
    );
  }
  return (
    <Stack gap={4} aria-label="Docker hosts status" data-testid="hosts-status">
      {engines.map((engine) => (
        <Text key={engine.id} size="xs" truncate="end" title={engine.status.lastError ?? engine.address}>
          <Badge size="xs" color={stateColor[engine.status.state]} mr={6}>
            {stateLabel[engine.status.state]}
          </Badge>
          {hostName(engine.id)}
        </Text>
      ))}
    </Stack>
  );
}
