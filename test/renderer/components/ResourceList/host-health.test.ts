import { describe, expect, it } from 'vitest';

import { type EngineState, engineStates } from '../../../../electron/common';
import {
  downHosts,
  isHostDown,
  isHostStale,
  staleHosts,
} from '../../../../renderer/components/ResourceList/host-health';
import { makeEngine } from '../../support/fixtures';

/** Every host state, whether it is down, and whether its rows are stale with and without a last list. */
const TABLE: Record<EngineState, { down: boolean; staleWithList: boolean }> = {
  connecting: { down: false, staleWithList: false },
  connected: { down: false, staleWithList: false },
  notAnswering: { down: true, staleWithList: true },
  unreachable: { down: true, staleWithList: true },
  authFailed: { down: true, staleWithList: true },
  hostKeyChanged: { down: true, staleWithList: true },
  disconnected: { down: true, staleWithList: true },
};

describe('the stale-host rule', () => {
  it('covers every host state', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...engineStates].sort());
  });

  it.each(engineStates.map((state) => [state, TABLE[state]] as const))(
    '%s: down and stale as the table says',
    (state, expected) => {
      expect(isHostDown(state)).toBe(expected.down);
      expect(isHostStale(state, true)).toBe(expected.staleWithList);
      // Without a last list there are no rows to dim.
      expect(isHostStale(state, false)).toBe(false);
    },
  );

  it('picks the listed hosts that are down, and of those the ones with a list', () => {
    const engines = engineStates.map((state) => makeEngine({ id: state, status: { state, since: 0 } }));
    const listed = ['connected', 'unreachable', 'authFailed', 'disconnected'];
    expect(downHosts(engines, listed).map((engine) => engine.id)).toEqual([
      'unreachable',
      'authFailed',
      'disconnected',
    ]);
    expect([...staleHosts(engines, listed, (id) => id !== 'disconnected')]).toEqual([
      'unreachable',
      'authFailed',
    ]);
  });
});
