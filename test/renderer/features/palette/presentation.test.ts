import { describe, expect, it } from 'vitest';

import {
  buildPaletteEntries,
  flattenGroups,
  matchScore,
  moveHighlight,
  type PaletteEntry,
  rankPalette,
} from '../../../../renderer/features/palette/presentation';
import { makeContainer } from '../../support/fixtures';

const entry = (title: string, kind: PaletteEntry['kind'] = 'action', keywords?: string): PaletteEntry => ({
  key: title,
  kind,
  title,
  keywords,
  command: { kind: 'goTo', view: 'containers' },
});

describe('matchScore', () => {
  it.each([
    // query, text, matches
    ['web', 'Restart web on staging', true],
    ['WEB', 'restart web', true],
    ['rst web', 'Restart web', true], // subsequence per word
    ['web stag', 'Restart web on staging', true], // words in any order
    ['stag web', 'Restart web on staging', true],
    ['xyz', 'Restart web', false],
    ['web db', 'Restart web', false], // every word must match
    ['', 'anything', true],
  ])('%j in %j matches: %s', (query, text, matches) => {
    expect(matchScore(query, text) !== undefined).toBe(matches);
  });

  it.each([
    // query, better, worse
    ['web', 'web', 'Restart web'], // at the start
    ['web', 'Restart web', 'Restart cobweb'], // at a word start
    ['web', 'Restart cobweb', 'Restart w-e-b'], // substring over subsequence
    ['db', 'Stop db', 'Stop db on staging'], // shorter text among equals
  ])('%j ranks %j above %j', (query, better, worse) => {
    expect(matchScore(query, better)!).toBeGreaterThan(matchScore(query, worse)!);
  });
});

describe('buildPaletteEntries', () => {
  const hosts = [
    { engineId: 'local', name: 'local', connected: true },
    { engineId: 'staging', name: 'staging', connected: false },
  ];

  it('offers the verbs a container state allows, naming the host when there are several', () => {
    const running = makeContainer({ engineId: 'staging', name: 'web', state: 'running' });
    const exited = makeContainer({ engineId: 'local', name: 'db', state: 'exited' });
    const titles = buildPaletteEntries(hosts, [running, exited], ['volumes']).map((item) => item.title);
    expect(titles).toEqual([
      'web on staging',
      'Restart web on staging',
      'Stop web on staging',
      'Open logs of web on staging',
      'Inspect web on staging',
      'db on local',
      'Start db on local',
      'Open logs of db on local',
      'Inspect db on local',
      'Switch to local',
      'Switch to staging (not connected)',
      'Go to Volumes',
    ]);
  });

  it('leaves the host out with a single host and carries the container reference', () => {
    const web = makeContainer({ engineId: 'local', name: 'web', state: 'running' });
    const entries = buildPaletteEntries([hosts[0]], [web], []);
    const restart = entries.find((item) => item.title === 'Restart web');
    expect(restart?.command).toEqual({
      kind: 'containerVerb',
      verb: 'restart',
      engineId: 'local',
      id: web.id,
    });
  });
});

describe('rankPalette', () => {
  it('groups by kind in a fixed order, best match first, and drops empty groups', () => {
    const entries = [
      entry('Go to Volumes', 'page'),
      entry('Restart cobweb', 'action'),
      entry('Restart web', 'action'),
      entry('web', 'container'),
      entry('db', 'container'),
    ];
    const groups = rankPalette(entries, 'web');
    expect(groups.map((group) => [group.label, group.entries.map((item) => item.title)])).toEqual([
      ['Actions', ['Restart web', 'Restart cobweb']],
      ['Containers', ['web']],
    ]);
  });

  it('matches keywords below title matches', () => {
    const groups = rankPalette(
      [entry('db', 'container', 'postgres'), entry('postgres-admin', 'container')],
      'postgres',
    );
    expect(groups[0]?.entries.map((item) => item.title)).toEqual(['postgres-admin', 'db']);
  });

  it('keeps at most `limit` per group', () => {
    const entries = Array.from({ length: 5 }, (_, index) => entry(`Stop web-${index}`));
    expect(rankPalette(entries, 'web', 3)[0]?.entries).toHaveLength(3);
    expect(flattenGroups(rankPalette(entries, 'web', 3))).toHaveLength(3);
  });
});

describe('moveHighlight', () => {
  it.each([
    [0, 1, 3, 1],
    [2, 1, 3, 0],
    [0, -1, 3, 2],
    [-1, 1, 3, 0],
    [-1, -1, 3, 2],
    [0, 1, 0, -1],
  ] as const)('from %i by %i among %i → %i', (current, delta, count, expected) => {
    expect(moveHighlight(current, delta, count)).toBe(expected);
  });
});

describe('keyword matching', () => {
  it('finds keywords as substrings only', () => {
    const entries = [entry('Stop web', 'action', 'registry.example/team/frontend:1 staging')];
    expect(rankPalette(entries, 'frontend')).toHaveLength(1);
    expect(rankPalette(entries, 'rst')).toHaveLength(0);
  });
});
