import { describe, expect, it } from 'vitest';

import {
  breadcrumbs,
  displayVolumeName,
  filterVolumes,
  formatMode,
  formatUsers,
  formatVolumeSize,
  parentPath,
  parseKeyValueLines,
  sortVolumes,
  volumeNameProblem,
} from '../../../../renderer/features/volumes/presentation';
import { makeVolume } from '../../support/resource-fixtures';

const user = (name: string, state: 'running' | 'exited' = 'exited') => ({
  id: name,
  name,
  state,
  destination: '/d',
  readOnly: false,
});

describe('filterVolumes', () => {
  const volumes = [
    makeVolume({ name: 'pgdata', usedBy: [user('db', 'running')], labels: { project: 'shop' } }),
    makeVolume({ name: 'cache', driver: 'tmpfs-plugin' }),
    makeVolume({ name: 'logs', usedBy: [user('web')] }),
  ];
  it.each([
    ['', 'all', ['pgdata', 'cache', 'logs']],
    ['', 'used', ['pgdata', 'logs']],
    ['', 'unused', ['cache']],
    ['PG', 'all', ['pgdata']],
    ['project=shop', 'all', ['pgdata']],
    ['shop', 'unused', []],
    ['web', 'all', ['logs']],
    ['tmpfs', 'all', ['cache']],
    ['db pgdata', 'all', ['pgdata']],
    ['db cache', 'all', []],
    ['/var/lib/docker/volumes/logs', 'all', ['logs']],
  ] as const)('%j with %s → %j', (search, usage, expected) => {
    expect(filterVolumes(volumes, search, usage).map((volume) => volume.name)).toEqual(expected);
  });
});

describe('sortVolumes', () => {
  const volumes = [
    makeVolume({ name: 'b10', created: 3, usedBy: [user('x')] }),
    makeVolume({ name: 'b9', created: 1 }),
    makeVolume({ name: 'a', created: 2, driver: 'zfs', usedBy: [user('x'), user('y')] }),
  ];
  const sizes = { b10: 100, a: 5, b9: null };
  it.each([
    ['name', 'asc', ['a', 'b9', 'b10']],
    ['name', 'desc', ['b10', 'b9', 'a']],
    ['created', 'asc', ['b9', 'a', 'b10']],
    ['users', 'desc', ['a', 'b10', 'b9']],
    ['driver', 'asc', ['b9', 'b10', 'a']],
    ['size', 'asc', ['a', 'b10', 'b9']],
    ['size', 'desc', ['b10', 'a', 'b9']],
  ] as const)('by %s %s', (key, direction, expected) => {
    expect(sortVolumes(volumes, key, direction, sizes).map((volume) => volume.name)).toEqual(expected);
  });
});

describe('under All hosts', () => {
  const hostName = (engineId: string) => ({ local: 'Local', 'context:rig': 'rig' })[engineId] ?? engineId;
  const volumes = [
    makeVolume({ engineId: 'context:rig', name: 'data', created: 1 }),
    makeVolume({ engineId: 'local', name: 'data', created: 2 }),
    makeVolume({ engineId: 'local', name: 'cache', created: 3 }),
  ];
  const shown = (list: readonly { engineId: string; name: string }[]) =>
    list.map((volume) => `${hostName(volume.engineId)}/${volume.name}`);
  it.each([
    ['host', 'asc', ['Local/cache', 'Local/data', 'rig/data']],
    ['host', 'desc', ['rig/data', 'Local/cache', 'Local/data']],
    ['name', 'asc', ['Local/cache', 'Local/data', 'rig/data']],
    ['name', 'desc', ['Local/data', 'rig/data', 'Local/cache']],
  ] as const)('sorts by %s %s, ties by host', (key, direction, expected) => {
    expect(shown(sortVolumes(volumes, key, direction, {}, hostName))).toEqual(expected);
  });
  it('reads sizes per host when given a function', () => {
    const sizes = new Map([
      ['context:rig/data', 10],
      ['local/data', 30],
      ['local/cache', 20],
    ]);
    const sizeOf = (volume: { engineId: string; name: string }) =>
      sizes.get(`${volume.engineId}/${volume.name}`);
    expect(shown(sortVolumes(volumes, 'size', 'asc', sizeOf, hostName))).toEqual([
      'rig/data',
      'Local/cache',
      'Local/data',
    ]);
  });
  it.each([
    ['rig', undefined, []],
    ['rig', hostName, ['rig/data']],
    ['local data', hostName, ['rig/data', 'Local/data', 'Local/cache']],
  ] as const)('%j matches the host only when hosts are shown', (search, names, expected) => {
    expect(shown(filterVolumes(volumes, search, 'all', names))).toEqual(expected);
  });
});

describe('formatting', () => {
  it.each([
    [[], ''],
    [[user('web', 'running')], 'web (running)'],
    [[user('web', 'running'), user('job')], 'web (running), job'],
  ])('users %j → %j', (users, expected) => {
    expect(formatUsers(users)).toBe(expected);
  });

  it.each([
    [undefined, '—'],
    [null, 'n/a'],
    [0, '0B'],
    [1985472, '1.985MB'],
    [999, '999B'],
    [1000, '1kB'],
  ])('size %j → %s', (size, expected) => {
    expect(formatVolumeSize(size)).toBe(expected);
  });

  it.each([
    [{ name: 'a'.repeat(64), anonymous: true }, 'aaaaaaaaaaaa'],
    [{ name: 'pgdata', anonymous: false }, 'pgdata'],
    [{ name: 'custom-anon', anonymous: true }, 'custom-anon'],
  ])('name %j → %s', (volume, expected) => {
    expect(displayVolumeName(volume)).toBe(expected);
  });

  it.each([
    [{ kind: 'directory', mode: 0o755 }, 'drwxr-xr-x'],
    [{ kind: 'file', mode: 0o644 }, '-rw-r--r--'],
    [{ kind: 'file', mode: 0o750 }, '-rwxr-x---'],
    [{ kind: 'symlink', mode: 0o777 }, 'lrwxrwxrwx'],
    [{ kind: 'other', mode: 0o600 }, '?rw-------'],
  ] as const)('mode %j → %s', (entry, expected) => {
    expect(formatMode(entry)).toBe(expected);
  });
});

describe('parseKeyValueLines', () => {
  it.each([
    ['', {}, []],
    ['a=b', { a: 'b' }, []],
    ['  a = b  \n\nc=d=e\nempty=', { a: 'b', c: 'd=e', empty: '' }, []],
    ['novalue', {}, ['Line 1: write it as key=value.']],
    ['=x', {}, ['Line 1: write it as key=value.']],
    ['a=1\na=2', { a: '1' }, ['Line 2: a is given twice.']],
  ])('%j', (text, pairs, errors) => {
    expect(parseKeyValueLines(text)).toEqual({ pairs, errors });
  });
});

describe('volume names and paths', () => {
  it.each([
    ['', undefined],
    ['db', undefined],
    ['my_vol.1-x', undefined],
    ['a', 'Use at least two characters: letters, digits, _ . or -, starting with a letter or digit.'],
    ['-x', 'Use at least two characters: letters, digits, _ . or -, starting with a letter or digit.'],
    ['a/b', 'Use at least two characters: letters, digits, _ . or -, starting with a letter or digit.'],
  ])('name %j', (name, expected) => {
    expect(volumeNameProblem(name)).toBe(expected);
  });

  it.each([
    ['', [{ label: 'vol', path: '' }]],
    [
      'a/b',
      [
        { label: 'vol', path: '' },
        { label: 'a', path: 'a' },
        { label: 'b', path: 'a/b' },
      ],
    ],
  ])('crumbs of %j', (path, expected) => {
    expect(breadcrumbs('vol', path)).toEqual(expected);
  });

  it.each([
    ['', ''],
    ['a', ''],
    ['a/b/c', 'a/b'],
  ])('parent of %j is %j', (path, expected) => {
    expect(parentPath(path)).toBe(expected);
  });
});
