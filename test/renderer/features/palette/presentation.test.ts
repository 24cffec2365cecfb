import { describe, expect, it } from 'vitest';

import {
  buildPaletteEntries,
  flattenGroups,
  matchScore,
  moveHighlight,
  type PaletteEntry,
  paletteKinds,
  rankPalette,
} from '../../../../renderer/features/palette/presentation';
import { makeContainer } from '../../support/fixtures';
import { makeNetwork, makeVolume } from '../../support/resource-fixtures';
import { makeImage } from '../images/fake-images';

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
    const titles = buildPaletteEntries(hosts, { containers: [running, exited] }, ['volumes']).map(
      (item) => item.title,
    );
    expect(titles).toEqual([
      'web on staging',
      'Restart web on staging',
      'Stop web on staging',
      'Kill web on staging',
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
    const entries = buildPaletteEntries([hosts[0]], { containers: [web] }, []);
    const restart = entries.find((item) => item.title === 'Restart web');
    expect(restart?.command).toEqual({
      kind: 'containerVerb',
      verb: 'restart',
      engineId: 'local',
      id: web.id,
    });
  });
});

describe('buildPaletteEntries: images, volumes, networks', () => {
  const one = [{ engineId: 'local', name: 'local', connected: true }];
  const two = [...one, { engineId: 'staging', name: 'staging', connected: true }];
  const id = `sha256:${'c0ffee'.repeat(10)}abcd`;
  /** The two entries one name of image `id` gives: open the image, and run that name (`shown` is how titles say it). */
  const opensAndRuns = (shown: string, engineId: string, reference: string) => [
    ['image', `Open image ${shown}`, { page: 'images', detail: { kind: 'image', engineId, id } }],
    ['action', `Run ${shown}`, { page: 'containers', runImage: { engineId, reference } }],
  ];

  it.each([
    // case, hosts, sources, expected [kind, title, route]
    [
      'a tagged image: open its details and run it',
      one,
      { images: [makeImage({ id, repoTags: ['web:1.2'] })] },
      opensAndRuns('web:1.2', 'local', 'web:1.2'),
    ],
    [
      'an image with two names: both, each run by its own name',
      one,
      { images: [makeImage({ id, repoTags: ['web:1.2', 'web:latest'] })] },
      [...opensAndRuns('web:1.2', 'local', 'web:1.2'), ...opensAndRuns('web:latest', 'local', 'web:latest')],
    ],
    [
      'an untagged image: named and run by its short id',
      one,
      { images: [makeImage({ id, repoTags: [] })] },
      opensAndRuns('c0ffeec0ffee', 'local', 'c0ffeec0ffee'),
    ],
    [
      'an image on one of several hosts names the host',
      two,
      { images: [makeImage({ engineId: 'staging', id, repoTags: ['web:1.2'] })] },
      opensAndRuns('web:1.2 on staging', 'staging', 'web:1.2'),
    ],
    [
      'a volume opens its details by name',
      two,
      { volumes: [makeVolume({ engineId: 'staging', name: 'pgdata' })] },
      [
        [
          'volume',
          'Open volume pgdata on staging',
          { page: 'volumes', detail: { kind: 'volume', engineId: 'staging', id: 'pgdata' } },
        ],
      ],
    ],
    [
      "a network, Docker's own included, opens its details by id",
      one,
      {
        networks: [
          makeNetwork({ id: 'n1', name: 'backend' }),
          makeNetwork({ id: 'n2', name: 'bridge', predefined: true }),
        ],
      },
      [
        [
          'network',
          'Open network backend',
          { page: 'networks', detail: { kind: 'network', engineId: 'local', id: 'n1' } },
        ],
        [
          'network',
          'Open network bridge',
          { page: 'networks', detail: { kind: 'network', engineId: 'local', id: 'n2' } },
        ],
      ],
    ],
  ] as const)('%s', (_case, hosts, sources, expected) => {
    const entries = buildPaletteEntries(hosts, sources, []).filter((item) => item.kind !== 'host');
    expect(
      entries.map((item) => [
        item.kind,
        item.title,
        item.command.kind === 'navigate' ? item.command.route : item.command,
      ]),
    ).toEqual(expected);
  });

  it('finds an untagged image by the repository it was pulled from, and any object by its host', () => {
    const entries = buildPaletteEntries(
      two,
      {
        images: [
          makeImage({
            engineId: 'staging',
            id,
            repoTags: [],
            repoDigests: ['registry.example/app@sha256:1'],
          }),
        ],
        volumes: [makeVolume({ engineId: 'local', name: 'cache' })],
      },
      [],
    );
    const titles = (query: string) => flattenGroups(rankPalette(entries, query)).map((item) => item.title);
    expect(titles('registry.example/app')).toEqual([
      'Open image c0ffeec0ffee on staging',
      'Run c0ffeec0ffee on staging',
    ]);
    expect(titles('cache local')).toEqual(['Open volume cache on local']);
  });
});

describe('rankPalette over thousands of objects', () => {
  const hosts = [
    { engineId: 'local', name: 'local', connected: true },
    { engineId: 'staging', name: 'staging', connected: true },
  ];
  const containers = Array.from({ length: 5000 }, (_, index) =>
    makeContainer({ engineId: index % 2 ? 'staging' : 'local', name: `svc-${index}`, state: 'running' }),
  );
  const images = Array.from({ length: 3000 }, (_, index) =>
    makeImage({ engineId: index % 2 ? 'staging' : 'local', repoTags: [`team/app-${index}:1.0`] }),
  );
  const entries = buildPaletteEntries(hosts, { containers, images }, []);

  it('keeps each group to the limit and the best match first', () => {
    const groups = rankPalette(entries, 'app-2999');
    expect(groups.map((group) => [group.kind, group.entries.map((item) => item.title)])).toEqual([
      ['image', ['Open image team/app-2999:1.0 on staging']],
      ['action', ['Run team/app-2999:1.0 on staging']],
    ]);
    for (const group of rankPalette(entries, 'svc')) expect(group.entries.length).toBeLessThanOrEqual(8);
    // The container itself (a prefix match) before any action on it; shortest among equals.
    expect(rankPalette(entries, 'svc')[0]?.entries[0]?.title).toBe('svc-0 on local');
  });

  it('ranks as a full sort would', () => {
    // The one-pass top-k against the obvious implementation: score, stable sort, slice per kind.
    for (const query of ['svc 12', 'app-1', 'restart', 'stag 99', 'zz']) {
      const scored = entries
        .map((item, order) => {
          const title = matchScore(query, item.title);
          const keywords =
            title === undefined && item.keywords !== undefined
              ? matchScore(query, `${item.title} ${item.keywords}`, { substringsOnly: true })
              : undefined;
          const score = title ?? (keywords === undefined ? undefined : keywords - 50);
          return { item, order, score: score === undefined || item.kind !== 'page' ? score : score + 25 };
        })
        .filter((row): row is { item: PaletteEntry; order: number; score: number } => row.score !== undefined)
        .sort((a, b) => b.score - a.score || a.order - b.order);
      // Groups by their best whole score, ties in kind order, destructive last.
      const groupOf = (kind: string) => scored.filter((row) => row.item.kind === kind).slice(0, 8);
      const rank = (kind: string) =>
        kind === 'destructive' ? -Infinity : Math.ceil(groupOf(kind)[0]?.score ?? 0);
      const expected = paletteKinds
        .filter((kind) => groupOf(kind).length > 0)
        .sort((a, b) => rank(b) - rank(a) || paletteKinds.indexOf(a) - paletteKinds.indexOf(b))
        .map((kind) => groupOf(kind).map((row) => row.item.key));
      expect(rankPalette(entries, query).map((group) => group.entries.map((item) => item.key))).toEqual(
        expected,
      );
    }
  });
});

describe('rankPalette', () => {
  it('orders groups by their best match, best match first within each, and drops empty groups', () => {
    const entries = [
      entry('Go to Volumes', 'page'),
      entry('Restart cobweb', 'action'),
      entry('Restart web', 'action'),
      entry('web', 'container'),
      entry('db', 'container'),
    ];
    const groups = rankPalette(entries, 'web');
    expect(groups.map((group) => [group.label, group.entries.map((item) => item.title)])).toEqual([
      ['Containers', ['web']],
      ['Actions', ['Restart web', 'Restart cobweb']],
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
