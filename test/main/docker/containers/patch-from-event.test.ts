import { describe, expect, it } from 'vitest';

import type { ContainerSummary } from '../../../../electron/common';
import { patchContainerFromEvent } from '../../../../electron/main/docker/containers/mappers';
import type { DockerEvent } from '../../../../electron/main/docker/engine/events';

const row: ContainerSummary = {
  engineId: 'local',
  id: 'c1',
  name: 'web',
  image: 'nginx',
  imageId: 'sha256:1',
  command: 'nginx',
  state: 'running',
  status: 'Up 3 hours (healthy)',
  created: 0,
  ports: [],
  labels: {},
};

function event(action: string, attributes: Record<string, string> = {}): DockerEvent {
  return {
    type: 'container',
    action,
    actorId: 'c1',
    attributes,
    scope: 'local',
    timeNano: 1n,
  };
}

describe('patchContainerFromEvent (rows of a hidden window)', () => {
  it('die: exited with the exit code the event carries', () => {
    expect(patchContainerFromEvent(row, event('die', { exitCode: '137' }))).toMatchObject({
      state: 'exited',
      status: 'Exited (137) Less than a second ago',
    });
  });

  it('start, pause, unpause', () => {
    const stopped = { ...row, state: 'exited' as const, status: 'Exited (0) 1 hour ago' };
    expect(patchContainerFromEvent(stopped, event('start'))).toMatchObject({ state: 'running' });
    const paused = patchContainerFromEvent(row, event('pause'));
    expect(paused).toMatchObject({ state: 'paused', status: 'Up 3 hours (Paused)' });
    expect(patchContainerFromEvent(paused!, event('unpause'))).toMatchObject({
      state: 'running',
      status: 'Up 3 hours',
    });
  });

  it('health_status replaces the health in the status text', () => {
    expect(patchContainerFromEvent(row, event('health_status: unhealthy'))?.status).toBe(
      'Up 3 hours (unhealthy)',
    );
  });

  it('rename takes the new name; events that say too little patch nothing', () => {
    expect(patchContainerFromEvent(row, event('rename', { name: '/api' }))?.name).toBe('api');
    expect(patchContainerFromEvent(row, event('exec_start: sh'))).toBeUndefined();
    expect(patchContainerFromEvent(row, event('attach'))).toBeUndefined();
  });
});
