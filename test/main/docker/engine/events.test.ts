import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { toDockerEvent, toSinceParam } from '../../../../electron/main/docker/engine/events';

/** `/events` recorded from Engine 20.10.24 during run → stop → rm, and a network create/rm. */
const recordedLines = readFileSync(
  join(__dirname, '../../../fixtures/docker/events.engine-20.10.ndjson'),
  'utf8',
)
  .split('\n')
  .filter(Boolean);

function parse(line: string): ReturnType<typeof toDockerEvent> {
  return toDockerEvent(JSON.parse(line), line);
}

describe('toDockerEvent', () => {
  it('normalises every recorded event', () => {
    const events = recordedLines.map(parse);
    expect(events.map((event) => `${event?.type} ${event?.action}`)).toEqual([
      'container create',
      'network connect',
      'container start',
      'container kill',
      'container kill',
      'container die',
      'network disconnect',
      'container stop',
      'container destroy',
      'network create',
      'network destroy',
    ]);
    const create = events[0];
    expect(create).toEqual({
      type: 'container',
      action: 'create',
      actorId: '3bbc9f107f26330570416c3bd257c4ceb2d35154c54b3a39190299a49770975f',
      attributes: { image: 'berth-test/busybox', name: 'ev' },
      scope: 'local',
      timeNano: 1795980693699423756n,
    });
  });

  it('reads the API ≥ 1.52 shape, which has no status/id/from', () => {
    const line =
      '{"Type":"container","Action":"health_status: healthy","Actor":{"ID":"c1","Attributes":{"name":"web"}},' +
      '"scope":"local","time":1795980693,"timeNano":1795980693000000001}';
    expect(toDockerEvent(JSON.parse(line), line)).toMatchObject({
      type: 'container',
      action: 'health_status: healthy',
      actorId: 'c1',
      timeNano: 1795980693000000001n,
    });
  });

  it('falls back to the pre-1.22 status/id shape', () => {
    const line = '{"status":"die","id":"abc","from":"busybox","time":1400000000}';
    expect(toDockerEvent(JSON.parse(line), line)).toEqual({
      type: 'container',
      action: 'die',
      actorId: 'abc',
      attributes: {},
      timeNano: 1400000000n * 1_000_000_000n,
    });
  });

  it('ignores values that are not events', () => {
    for (const value of [null, 42, 'text', [], {}, { Type: 'container' }]) {
      expect(toDockerEvent(value, JSON.stringify(value))).toBeUndefined();
    }
  });

  it('drops attribute values that are not strings', () => {
    const value = {
      Type: 'image',
      Action: 'pull',
      Actor: { ID: 'i', Attributes: { ok: 'yes', bad: 3 } },
      timeNano: 5,
    };
    expect(toDockerEvent(value, JSON.stringify(value))?.attributes).toEqual({ ok: 'yes' });
  });
});

describe('toSinceParam', () => {
  it.each([
    [1795980693699423756n, '1795980693.699423756'],
    [1795980693000000001n, '1795980693.000000001'],
    [5n, '0.000000005'],
  ])('%s → %s', (timeNano, expected) => {
    expect(toSinceParam(timeNano)).toBe(expected);
  });
});
