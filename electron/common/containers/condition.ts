import type { ContainerState, ContainerSummary } from './types';

/** A container's health check result, as the daemon's status text ends: `(healthy)`, `(unhealthy)`, `(health: starting)`. */
export type ContainerHealth = 'healthy' | 'unhealthy' | 'starting';

/** What the list shows of a container beyond its state: health, exit code, restarts. */
export interface ContainerCondition {
  state: ContainerState;
  /** Absent without a health check (or when the container is not running). */
  health?: ContainerHealth;
  /** The last exit code, for an exited or restarting container. */
  exitCode?: number;
  /** How often the daemon restarted it (its restart policy); known for restarting containers. */
  restartCount?: number;
  /** Unhealthy, crash-looping, or exited with a code other than 0: what the "Failing" filter shows. */
  failing: boolean;
}

const HEALTH = /\((healthy|unhealthy|health: starting)\)\s*$/;
const EXIT_CODE = /^(?:Exited|Restarting) \((-?\d+)\)/;

/** The health check's result from the daemon's status text (`Up 3 minutes (unhealthy)`). */
export function healthOf(status: string): ContainerHealth | undefined {
  const match = HEALTH.exec(status);
  if (match === null) return undefined;
  return match[1] === 'health: starting' ? 'starting' : (match[1] as ContainerHealth);
}

/** The exit code from `Exited (137) 2 minutes ago` or `Restarting (3) 1 second ago`. */
export function exitCodeOf(status: string): number | undefined {
  const match = EXIT_CODE.exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * The status text without what the state badge already says: `Exited (137) 2 minutes ago` → `2 minutes ago`,
 * `Up 3 minutes (unhealthy)` → `Up 3 minutes`.
 */
export function statusDetail(status: string): string {
  return status.replace(EXIT_CODE, '').replace(HEALTH, '').trim();
}

/** Health, exit code and restarts of a listed container, and whether it is failing. */
export function conditionOf(
  container: Pick<ContainerSummary, 'state' | 'status' | 'restartCount'>,
): ContainerCondition {
  const health = healthOf(container.status);
  const exitCode =
    container.state === 'exited' || container.state === 'restarting'
      ? exitCodeOf(container.status)
      : undefined;
  const failing =
    health === 'unhealthy' ||
    container.state === 'restarting' ||
    container.state === 'dead' ||
    (container.state === 'exited' && exitCode !== undefined && exitCode !== 0);
  return {
    state: container.state,
    ...(health === undefined ? {} : { health }),
    ...(exitCode === undefined ? {} : { exitCode }),
    ...(container.restartCount === undefined ? {} : { restartCount: container.restartCount }),
    failing,
  };
}

/** The state badge's text: `Exited (137)`, `Restarting ×12`, `Running`, never cut. */
export function containerStateLabel(condition: ContainerCondition): string {
  const name = condition.state.charAt(0).toUpperCase() + condition.state.slice(1);
  if (condition.state === 'exited' && condition.exitCode !== undefined)
    return `${name} (${condition.exitCode})`;
  if (condition.state === 'restarting' && condition.restartCount !== undefined && condition.restartCount > 0)
    return `${name} ×${condition.restartCount}`;
  return name;
}

/** The health badge's text. */
export function containerHealthLabel(health: ContainerHealth): string {
  return health === 'starting' ? 'Health starting' : health === 'healthy' ? 'Healthy' : 'Unhealthy';
}
