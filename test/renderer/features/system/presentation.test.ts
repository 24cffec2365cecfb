import { describe, expect, it } from 'vitest';

import { formatBytes } from '../../../../electron/common';
import {
  actionVerb,
  diskUsageRows,
  eventFacets,
  eventObject,
  filterEvents,
  formatAttributes,
  formatEventTime,
  formatReclaimable,
  formatSwarm,
  prunePreviewSummary,
} from '../../../../renderer/features/system/presentation';
import { makeDiskUsage, makeEvent, makeSystemInfo } from '../../support/resource-fixtures';

describe('disk usage like docker system df', () => {
  it.each([
    [{ count: 1, active: 1, size: 1985472, reclaimable: 0 }, '0B (0%)'],
    [{ count: 2, active: 1, size: 70_000_000, reclaimable: 20_000_000 }, '20MB (28%)'],
    [{ count: 5, active: 0, size: 0, reclaimable: 0 }, '0B'],
    [{ count: 2, active: 0, size: 26, reclaimable: 26 }, '26B (100%)'],
  ])('reclaimable %j → %s', (total, expected) => {
    expect(formatReclaimable(total)).toBe(expected);
  });

  it('gives the four lines in the CLI order', () => {
    expect(diskUsageRows(makeDiskUsage())).toEqual([
      { type: 'Images', total: 2, active: 1, size: '70MB', reclaimable: '20MB (28%)' },
      { type: 'Containers', total: 2, active: 1, size: '4kB', reclaimable: '3kB (75%)' },
      { type: 'Local Volumes', total: 2, active: 1, size: '5.5MB', reclaimable: '1.5MB (27%)' },
      { type: 'Build Cache', total: 0, active: 0, size: '0B', reclaimable: '0B' },
    ]);
  });
});

describe('host facts', () => {
  it.each([
    [512, '512B'],
    [25_276_059_648, '23.54GiB'],
    [16 * 1024 ** 3, '16.00GiB'],
    [1536, '1.50KiB'],
  ])('memory %i → %s', (bytes, expected) => {
    expect(formatBytes(bytes, 'cli-memory')).toBe(expected);
  });

  it.each([
    [{ state: 'inactive', controlAvailable: false }, 'Not part of a swarm'],
    [{ state: 'active', controlAvailable: true }, 'Active (manager)'],
    [{ state: 'active', controlAvailable: false }, 'Active (worker)'],
    [{ state: 'error', controlAvailable: false, error: 'no quorum' }, 'error: no quorum'],
  ])('swarm %j → %s', (swarm, expected) => {
    expect(formatSwarm(makeSystemInfo({ swarm }))).toBe(expected);
  });
});

describe('prune preview summary', () => {
  const base = {
    containers: [{ id: 'c', name: 'old', state: 'exited' as const, size: 1 }],
    networks: [],
    images: [{ id: 'i', tags: [], size: 2 }],
    volumes: [{ name: 'v', size: 3 }],
    buildCache: [],
    reclaimableBytes: 6,
  };
  it('names each kind as the options make it', () => {
    expect(
      prunePreviewSummary({
        ...base,
        options: { engineId: 'local', volumes: true, allImages: false },
        anonymousVolumesOnly: true,
        untagged: [],
      }),
    ).toEqual([
      { label: 'stopped containers', count: 1 },
      { label: 'unused networks', count: 0 },
      { label: 'dangling images', count: 1 },
      { label: 'unused anonymous volumes', count: 1 },
      { label: 'build cache entries', count: 0 },
    ]);
    expect(
      prunePreviewSummary({
        ...base,
        options: { engineId: 'local', volumes: false, allImages: true },
        anonymousVolumesOnly: false,
        untagged: [],
      }).map((entry) => entry.label),
    ).toEqual(['stopped containers', 'unused networks', 'unused images', 'build cache entries']);
  });
});

describe('events', () => {
  const events = [
    makeEvent(1, {
      type: 'volume',
      action: 'create',
      actorId: 'pgdata',
      actorName: undefined,
      attributes: { driver: 'local' },
    }),
    makeEvent(2, { action: 'exec_start: sh -c ls', actorName: 'web' }),
    makeEvent(3, {
      action: 'health_status: healthy',
      actorName: 'db',
      attributes: { name: 'db', image: 'postgres:16' },
    }),
    makeEvent(4, {
      type: 'network',
      action: 'connect',
      actorId: 'a'.repeat(64),
      actorName: 'apps',
      attributes: { container: 'c1', name: 'apps' },
    }),
  ];
  const none = { types: [], action: '', object: '', search: '' };

  it.each([
    [none, [4, 3, 2, 1]],
    [{ ...none, types: ['container'] }, [3, 2]],
    [{ ...none, types: ['volume', 'network'] }, [4, 1]],
    [{ ...none, action: 'exec_start' }, [2]],
    [{ ...none, action: 'health_status' }, [3]],
    [{ ...none, object: 'pg' }, [1]],
    [{ ...none, object: 'aaaa' }, [4]],
    [{ ...none, search: 'postgres' }, [3]],
    [{ ...none, search: 'container=c1' }, [4]],
    [{ ...none, search: 'healthy db' }, [3]],
    [{ ...none, types: ['container'], search: 'nothing' }, []],
  ])('filter %j → %j (newest first)', (filter, expected) => {
    expect(filterEvents(events, filter).map((event) => event.seq)).toEqual(expected);
  });

  it('lists the facets to filter on', () => {
    expect(eventFacets(events)).toEqual({
      types: ['container', 'network', 'volume'],
      actions: ['connect', 'create', 'exec_start', 'health_status'],
    });
  });

  it.each([
    ['health_status: healthy', 'health_status'],
    ['exec_start: sh -c ls', 'exec_start'],
    ['start', 'start'],
  ])('verb of %j is %j', (action, verb) => {
    expect(actionVerb(action)).toBe(verb);
  });

  it('names objects and attributes for reading', () => {
    expect(eventObject(makeEvent(5, { actorName: 'web' }))).toBe('web');
    expect(eventObject(makeEvent(6, { actorName: undefined, actorId: 'b'.repeat(64) }))).toBe('bbbbbbbbbbbb');
    expect(eventObject(makeEvent(7, { actorName: undefined, actorId: 'pgdata' }))).toBe('pgdata');
    expect(
      formatAttributes(makeEvent(8, { attributes: { name: 'web', image: 'nginx', exitCode: '0' } })),
    ).toBe('exitCode=0, image=nginx');
  });

  it('shows local time with milliseconds', () => {
    const time = new Date(2025, 0, 2, 3, 4, 5, 67).getTime();
    expect(formatEventTime(time)).toBe('03:04:05.067');
  });
});
