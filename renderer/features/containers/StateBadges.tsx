import { Badge, Group, type MantineColor, type MantineSize } from '@mantine/core';

import {
  conditionOf,
  type ContainerHealth,
  containerHealthLabel,
  containerStateLabel,
  type ContainerSummary,
} from '../../../electron/common/bridge';
import { stateColor } from './presentation';
import classes from './StateBadges.module.css';

const HEALTH_COLORS: Record<ContainerHealth, MantineColor> = {
  healthy: 'teal',
  unhealthy: 'red',
  starting: 'yellow',
};

/**
 * A container's state badge (`Exited (137)`, `Restarting ×12`: red when it failed) and, beside it, its health
 * badge. Never cut: the column that holds them is wide enough, and the badges do not shrink.
 */
export function StateBadges({
  container,
  size = 'sm',
}: {
  container: Pick<ContainerSummary, 'state' | 'status' | 'restartCount'>;
  size?: MantineSize;
}) {
  const condition = conditionOf(container);
  const failedExit = condition.state === 'exited' && condition.failing;
  return (
    <Group gap={4} wrap="nowrap" className={classes.badges} data-testid="state-badges">
      <Badge
        size={size}
        className={classes.badge}
        color={failedExit ? 'red' : stateColor(condition.state)}
        variant={failedExit ? 'outline' : 'light'}
        data-testid="state-badge"
        data-state={condition.state}
      >
        {containerStateLabel(condition)}
      </Badge>
      {condition.health !== undefined && (
        <Badge
          size={size}
          className={classes.badge}
          color={HEALTH_COLORS[condition.health]}
          variant={condition.health === 'unhealthy' ? 'filled' : 'light'}
          data-testid="health-badge"
          data-health={condition.health}
        >
          {containerHealthLabel(condition.health)}
        </Badge>
      )}
    </Group>
  );
}
