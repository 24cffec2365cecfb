import { describe, expect, it } from 'vitest';

import {
  defaultHost,
  filterRows,
  groupByEngine,
  imageNameProblem,
  parseBuildArgs,
  parseTags,
  removalRefs,
  rowLabel,
  rowReference,
  shortId,
  sortRows,
  splitRepoTag,
  toImageRows,
} from '../../../../renderer/features/images/presentation';
import { makeImage } from './fake-images';

describe('image rows', () => {
  it('makes one row per name and one <none> row for an image without a name', () => {
    const named = makeImage({
      id: `sha256:${'a'.repeat(64)}`,
      repoTags: ['app:1', 'registry:5000/team/app:2'],
    });
    const dangling = makeImage({
      id: `sha256:${'b'.repeat(64)}`,
      repoTags: [],
      repoDigests: ['app@sha256:' + 'c'.repeat(64)],
    });
    const rows = toImageRows([named, dangling]);
    expect(rows.map((row) => [row.repository, row.tag, row.ref])).toEqual([
      ['app', '1', 'app:1'],
      ['registry:5000/team/app', '2', 'registry:5000/team/app:2'],
      ['app', '<none>', 'bbbbbbbbbbbb'],
    ]);
    expect(new Set(rows.map((row) => row.key)).size).toBe(3);
  });

  it('splits repository and tag at the last colon after the last slash', () => {
    expect(splitRepoTag('registry:5000/app')).toEqual({ repository: 'registry:5000/app', tag: 'latest' });
    expect(splitRepoTag('registry:5000/app:1.2')).toEqual({ repository: 'registry:5000/app', tag: '1.2' });
    expect(shortId(`sha256:${'f'.repeat(64)}`)).toBe('ffffffffffff');
  });

  it('filters by use and by every word of the search, in repository, tag and id', () => {
    const used = makeImage({ repoTags: ['web:1'], containers: 2 });
    const unused = makeImage({ repoTags: ['db:5'], containers: 0 });
    const dangling = makeImage({ repoTags: [], containers: 0 });
    const rows = toImageRows([used, unused, dangling]);
    const refs = (filtered: ReturnType<typeof filterRows>) => filtered.map((row) => row.image.id);
    expect(refs(filterRows(rows, 'inUse', ''))).toEqual([used.id]);
    expect(refs(filterRows(rows, 'unused', ''))).toEqual([unused.id, dangling.id]);
    expect(refs(filterRows(rows, 'dangling', ''))).toEqual([dangling.id]);
    expect(refs(filterRows(rows, 'all', 'WEB 1'))).toEqual([used.id]);
    expect(refs(filterRows(rows, 'all', used.id.slice(7, 15)))).toEqual([used.id]);
    expect(refs(filterRows(rows, 'all', 'nothing'))).toEqual([]);
  });

  it('sorts by a column, ties by name, in both directions', () => {
    const rows = toImageRows([
      makeImage({ repoTags: ['b:1'], size: 10 }),
      makeImage({ repoTags: ['a:1'], size: 10 }),
      makeImage({ repoTags: ['c:1'], size: 30 }),
    ]);
    expect(sortRows(rows, 'size', 'desc').map((row) => row.ref)).toEqual(['c:1', 'a:1', 'b:1']);
    expect(sortRows(rows, 'size', 'asc').map((row) => row.ref)).toEqual(['a:1', 'b:1', 'c:1']);
    expect(sortRows(rows, 'repository', 'desc').map((row) => row.ref)).toEqual(['c:1', 'b:1', 'a:1']);
  });

  it('removal refs: untag the chosen names, or delete by every name (ids only for unnamed images)', () => {
    const multi = makeImage({ repoTags: ['a:1', 'a:2'] });
    const unnamed = makeImage({ repoTags: [] });
    const rows = toImageRows([multi, unnamed]);
    const first = rows.filter((row) => row.ref === 'a:1' || row.image === unnamed);
    expect(removalRefs(first, 'untag')).toEqual(['a:1', unnamed.id]);
    expect(removalRefs(first, 'delete')).toEqual(['a:1', 'a:2', unnamed.id]);
  });
});

describe('form input', () => {
  it('checks image names with Docker’s grammar', () => {
    expect(imageNameProblem('registry:5000/team/app:1.0')).toBeUndefined();
    expect(imageNameProblem('App:1')).toMatch(/lower-case/);
    expect(imageNameProblem(`a@sha256:${'1'.repeat(64)}`)).toMatch(/digest/);
    expect(imageNameProblem(`a@sha256:${'1'.repeat(64)}`, { allowDigest: true })).toBeUndefined();
  });

  it('reads build args and tags', () => {
    expect(parseBuildArgs('A=1\n\n# note\nB=x=y\nC=')).toEqual({ args: { A: '1', B: 'x=y', C: '' } });
    expect(parseBuildArgs('A=1\nnot an arg').problem).toBe('Line 2 is not NAME=value.');
    expect(parseTags(' a:1, b:2\nc ')).toEqual(['a:1', 'b:2', 'c']);
  });
});

describe('image rows of several hosts ("All hosts")', () => {
  const id = `sha256:${'d'.repeat(64)}`;
  const local = makeImage({ id, repoTags: ['web:1'], size: 3 });
  const remote = makeImage({ engineId: 'context:rig', id, repoTags: ['web:1'], size: 1 });
  const remoteDangling = makeImage({ engineId: 'context:rig', repoTags: [], size: 2 });
  const names: Record<string, string> = { local: 'Local', 'context:rig': 'rig' };
  const hostName = (engineId: string) => names[engineId] ?? engineId;
  const rows = toImageRows([local, remote, remoteDangling], hostName);

  it('keys rows per engine (the same image id and name on two hosts are two rows) and names the host', () => {
    expect(rows.map((row) => [row.host, row.ref])).toEqual([
      ['Local', 'web:1'],
      ['rig', 'web:1'],
      ['rig', shortId(remoteDangling.id)],
    ]);
    expect(new Set(rows.map((row) => row.key)).size).toBe(3);
    // One host: no host on the rows, so nothing else (search, labels) changes.
    expect(toImageRows([local]).map((row) => row.host)).toEqual([undefined]);
  });

  it.each([
    ['rig', [remote.id, remoteDangling.id]],
    ['loc web', [local.id]],
    ['web', [local.id, remote.id]],
    ['nowhere', []],
  ])('search %j matches the host name too', (search, expected) => {
    expect(filterRows(rows, 'all', search).map((row) => row.image.id)).toEqual(expected);
  });

  it.each([
    ['asc', ['Local', 'rig', 'rig']],
    ['desc', ['rig', 'rig', 'Local']],
  ] as const)('sorts by host (%s), ties by repository, tag, then engine', (direction, hosts) => {
    const sorted = sortRows(rows, 'host', direction);
    expect(sorted.map((row) => row.host)).toEqual(hosts);
    // Ties stay in one order whatever the direction: <none> before web.
    expect(sorted.filter((row) => row.host === 'rig').map((row) => row.repository)).toEqual([
      '<none>',
      'web',
    ]);
  });

  it.each([
    [rows[0], 'web:1 on Local', 'web:1'],
    [rows[2], `image ${shortId(remoteDangling.id)} on rig`, remoteDangling.id],
    [toImageRows([local])[0], 'web:1', 'web:1'],
  ])('labels and references a row', (row, label, reference) => {
    expect(rowLabel(row)).toBe(label);
    expect(rowReference(row)).toBe(reference);
  });

  it('groups rows per engine in first-seen order, for one request per host', () => {
    const groups = groupByEngine([rows[1], rows[0], rows[2]]);
    expect(groups.map(([engineId, group]) => [engineId, group.map((row) => row.ref)])).toEqual([
      ['context:rig', ['web:1', shortId(remoteDangling.id)]],
      ['local', ['web:1']],
    ]);
  });

  it.each([
    [['local', 'context:rig'], 'context:rig', 'context:rig'],
    [['local', 'context:rig'], 'gone', 'local'],
    [['local'], undefined, 'local'],
    [[], 'local', undefined],
  ])('dialogs start on the active host when usable (%j, active %j)', (usable, active, expected) => {
    expect(defaultHost(usable, active)).toBe(expected);
  });
});
