import { describe, expect, it } from 'vitest';

import {
  conditionOf,
  containerStateLabel,
  exitCodeOf,
  healthOf,
  statusDetail,
} from '../../../electron/common/containers/condition';

describe('container condition', () => {
  it.each([
    ['Up 3 minutes (unhealthy)', 'unhealthy'],
    ['Up 3 minutes (healthy)', 'healthy'],
    ['Up 2 seconds (health: starting)', 'starting'],
    ['Up 3 minutes', undefined],
  ])('reads the health of %s', (status, health) => {
    expect(healthOf(status)).toBe(health);
  });

  it('reads exit codes and strips what the badges say from the status', () => {
    expect(exitCodeOf('Exited (137) 2 minutes ago')).toBe(137);
    expect(exitCodeOf('Restarting (3) 1 second ago')).toBe(3);
    expect(exitCodeOf('Up 1 second')).toBeUndefined();
    expect(statusDetail('Exited (137) 2 minutes ago')).toBe('2 minutes ago');
    expect(statusDetail('Up 3 minutes (unhealthy)')).toBe('Up 3 minutes');
  });

  it('labels the state badge with the exit code and the restart count, and says what is failing', () => {
    const exited = conditionOf({ state: 'exited', status: 'Exited (137) 2 minutes ago' });
    expect(containerStateLabel(exited)).toBe('Exited (137)');
    expect(exited.failing).toBe(true);
    const clean = conditionOf({ state: 'exited', status: 'Exited (0) 2 minutes ago' });
    expect(clean.failing).toBe(false);
    const looping = conditionOf({
      state: 'restarting',
      status: 'Restarting (3) 1 second ago',
      restartCount: 12,
    });
    expect(containerStateLabel(looping)).toBe('Restarting ×12');
    expect(looping).toMatchObject({ exitCode: 3, failing: true });
    const unhealthy = conditionOf({ state: 'running', status: 'Up 3 minutes (unhealthy)' });
    expect(unhealthy).toMatchObject({ health: 'unhealthy', failing: true });
    expect(containerStateLabel(unhealthy)).toBe('Running');
    expect(conditionOf({ state: 'running', status: 'Up 3 minutes (healthy)' }).failing).toBe(false);
  });
});
