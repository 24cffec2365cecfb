import { describe, expect, it } from 'vitest';

import {
  filterRows,
  imageNameProblem,
  parseBuildArgs,
  parseTags,
  removalRefs,
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
