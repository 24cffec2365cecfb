import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';

import {
  HELPER_OWNER_HOST_LABEL,
  HELPER_OWNER_PID_LABEL,
  helperLabels,
  isLeftoverHelper,
  type JanitorSelf,
  processAlive,
} from '../../../../electron/main/docker/containers/helper-janitor';
import { HELPER_LABEL } from '../../../../electron/main/docker/containers/mappers';

const NOW = 1_800_000_000_000;
const HOUR = 60 * 60 * 1000;
const self: JanitorSelf = {
  host: 'laptop',
  pid: 100,
  alive: (pid) => pid === 100 || pid === 200,
  now: NOW,
  maxAgeMs: 24 * HOUR,
};

function helper(labels: Record<string, string>, ageMs = 60_000, state = 'created'): Dockerode.ContainerInfo {
  return {
    Id: 'h',
    Labels: labels,
    State: state,
    Created: Math.floor((NOW - ageMs) / 1000),
  } as Dockerode.ContainerInfo;
}

describe('isLeftoverHelper', () => {
  const cases: Array<[string, Dockerode.ContainerInfo, boolean]> = [
    [
      'a helper of a dead Berth on this machine',
      helper(helperLabels('volume', { host: 'laptop', pid: 300 })),
      true,
    ],
    ['our own helper, in use', helper(helperLabels('volume', { host: 'laptop', pid: 100 })), false],
    [
      'our own helper, in use for days',
      helper(helperLabels('volume', { host: 'laptop', pid: 100 }), 72 * HOUR),
      false,
    ],
    [
      'a live second Berth on this machine',
      helper(helperLabels('volume', { host: 'laptop', pid: 200 })),
      false,
    ],
    [
      'a live pid, but older than the limit (pid reused)',
      helper(helperLabels('volume', { host: 'laptop', pid: 200 }), 25 * HOUR),
      true,
    ],
    ['another machine, young', helper(helperLabels('volume', { host: 'desktop', pid: 300 })), false],
    [
      'another machine, older than the limit',
      helper(helperLabels('volume', { host: 'desktop', pid: 300 }), 25 * HOUR),
      true,
    ],
    ['no owner labels (older Berth), young', helper({ [HELPER_LABEL]: 'volume' }), false],
    ['no owner labels (older Berth), old', helper({ [HELPER_LABEL]: 'volume' }, 25 * HOUR), true],
    [
      'a nonsense pid, young',
      helper({
        [HELPER_LABEL]: 'volume',
        [HELPER_OWNER_HOST_LABEL]: 'laptop',
        [HELPER_OWNER_PID_LABEL]: 'x',
      }),
      false,
    ],
    [
      'a running helper-labelled container',
      helper(helperLabels('volume', { host: 'laptop', pid: 300 }), 60_000, 'running'),
      false,
    ],
    [
      'not a helper at all',
      helper({ [HELPER_OWNER_HOST_LABEL]: 'laptop', [HELPER_OWNER_PID_LABEL]: '300' }),
      false,
    ],
  ];
  it.each(cases)('%s → %s', (_name, container, expected) => {
    expect(isLeftoverHelper(container, self)).toBe(expected);
  });
});

describe('helper ownership', () => {
  it('labels a helper with this machine and process by default', () => {
    const labels = helperLabels('volume');
    expect(labels[HELPER_LABEL]).toBe('volume');
    expect(labels[HELPER_OWNER_PID_LABEL]).toBe(String(process.pid));
    expect(labels[HELPER_OWNER_HOST_LABEL]).not.toBe('');
  });

  it('tells a live process from a gone one', () => {
    expect(processAlive(process.pid)).toBe(true);
    // Above Linux's largest pid_max (2^22): no process can have it.
    expect(processAlive(4_194_305)).toBe(false);
  });
});
