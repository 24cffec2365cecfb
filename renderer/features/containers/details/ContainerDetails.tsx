import { ActionIcon, Group, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';

import type { EngineId } from '../../../../electron/common/bridge';
import { useContainers, useNavigation } from '../../../stores/hooks';
import classes from './ContainerDetails.module.css';

export interface ContainerDetailsProps {
  engineId: EngineId;
  /** The container's id (or name). */
  id: string;
  /** The tab to show; the first one when absent. */
  tab?: string;
}

/** One container's details: logs, terminal, stats, inspect, files and processes. */
export function ContainerDetails({ engineId, id }: ContainerDetailsProps) {
  const { navigate } = useNavigation();
  const containers = useContainers(engineId);
  const summary = containers.snapshot?.items.find((item) => item.id === id || item.name === id);

  return (
    <div className={classes.page} data-testid="container-details">
      <Group gap="xs" className={classes.heading} wrap="nowrap">
        <ActionIcon aria-label="Back to containers" onClick={() => navigate({ page: 'containers' })}>
          <IconArrowLeft size={18} aria-hidden />
        </ActionIcon>
        <Title order={2} className={classes.title}>
          {summary?.name ?? id.slice(0, 12)}
        </Title>
        {summary !== undefined && (
          <Text size="sm" c="dimmed" truncate>
            {summary.image} · {summary.status}
          </Text>
        )}
      </Group>
    </div>
  );
}
