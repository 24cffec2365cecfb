import { describe, expect, it } from 'vitest';

import type { ContainerSummary, ContainerUsage } from '../../../../electron/common';
import {
  buildListModel,
  type ListQuery,
  type ListRow,
} from '../../../../renderer/features/containers/list-model';
import { itemKey } from '../../../../renderer/lib/merge';
import { makeContainer } from '../../support/fixtures';

const project = (name: string) => ({ 'com.docker.compose.project': name });

const web = makeContainer({ name: 'web', image: 'nginx:1.27', state: 'running', labels: project('shop') });
const db = makeContainer({ name: 'db', image: 'postgres:16', state: 'exited', labels: project('shop') });
const cache = makeContainer({ name: 'cache', image: 'redis:7', state: 'paused', labels: project('cms') });
const job = makeContainer({ name: 'job', image: 'busybox', state: 'created', labels: { team: 'data' } });
const api = makeContainer({ name: 'api', image: 'ghcr.io/acme/api:2', state: 'restarting' });
const all = [web, db, cache, job, api];

function query(overrides: Partial<ListQuery> = {}): ListQuery {
  return {
    state: 'all',
    search: '',
    sort: { key: 'name', direction: 'asc' },
    groupByProject: false,
    collapsed: new Set(),
    ...overrides,
  };
}

const names = (items: readonly ContainerSummary[]) => items.map((item) => item.name);
const describeRows = (rows: readonly ListRow[]) =>
  rows.map((row) =>
    row.kind === 'project'
      ? `[${row.project}${row.collapsed ? ' +' : ''}]`
      : `${row.project === undefined ? '' : '  '}${row.container.name}`,
  );

describe('buildListModel', () => {
  it('filters by state: running is what docker ps lists (running, paused, restarting)', () => {
    expect(names(buildListModel(all, query({ state: 'running' })).matched)).toEqual(['api', 'cache', 'web']);
    expect(names(buildListModel(all, query({ state: 'stopped' })).matched)).toEqual(['db', 'job']);
    expect(names(buildListModel(all, query()).matched)).toEqual(['api', 'cache', 'db', 'job', 'web']);
  });

  it.each([
    ['WEB', ['web']],
    ['postgres', ['db']],
    [web.id.slice(0, 10), ['web']],
    ['team=data', ['job']],
    ['compose.project=shop', ['db', 'web']],
    ['acme api', ['api']],
    ['acme web', []],
    ['  ', ['api', 'cache', 'db', 'job', 'web']],
  ])('searches %j in name, image, id and labels (all words must match)', (search, expected) => {
    expect(names(buildListModel(all, query({ search })).matched)).toEqual(expected);
  });

  it('combines the state filter and the search', () => {
    expect(names(buildListModel(all, query({ state: 'stopped', search: 'shop' })).matched)).toEqual(['db']);
  });

  it('sorts by any column, both ways, with name as the tie-break', () => {
    const byState = buildListModel(all, query({ sort: { key: 'state', direction: 'asc' } })).matched;
    expect(names(byState)).toEqual(['web', 'api', 'cache', 'job', 'db']);
    const byImage = buildListModel(all, query({ sort: { key: 'image', direction: 'desc' } })).matched;
    expect(names(byImage)).toEqual(['cache', 'db', 'web', 'api', 'job']);
  });

  it('sorts by CPU and memory with unsampled rows last in both directions', () => {
    const usage = new Map<string, ContainerUsage>([
      [itemKey(web), { id: web.id, cpuPercent: 50, memoryBytes: 100, sampledAt: 1 }],
      [itemKey(api), { id: api.id, cpuPercent: 5, memoryBytes: 300, sampledAt: 1 }],
      [itemKey(cache), { id: cache.id, memoryBytes: 200, sampledAt: 1 }],
    ]);
    const sorted = (key: 'cpu' | 'memory', direction: 'asc' | 'desc') =>
      names(buildListModel(all, query({ sort: { key, direction } }), usage).matched);
    expect(sorted('cpu', 'desc')).toEqual(['web', 'api', 'cache', 'db', 'job']);
    expect(sorted('cpu', 'asc')).toEqual(['api', 'web', 'cache', 'db', 'job']);
    expect(sorted('memory', 'desc')).toEqual(['api', 'cache', 'web', 'db', 'job']);
  });

  it('sorts by the first published port', () => {
    const a = makeContainer({ name: 'a', ports: [{ privatePort: 80, protocol: 'tcp', publicPort: 9000 }] });
    const b = makeContainer({ name: 'b', ports: [{ privatePort: 80, protocol: 'tcp', publicPort: 8000 }] });
    const c = makeContainer({ name: 'c', ports: [{ privatePort: 22, protocol: 'tcp' }] });
    const d = makeContainer({ name: 'd' });
    expect(
      names(buildListModel([a, b, c, d], query({ sort: { key: 'ports', direction: 'asc' } })).matched),
    ).toEqual(['b', 'a', 'c', 'd']);
  });

  it('groups by Compose project: projects first by name, their containers under them, then the rest', () => {
    const model = buildListModel(all, query({ groupByProject: true }));
    expect(describeRows(model.rows)).toEqual(['[cms]', '  cache', '[shop]', '  db', '  web', 'api', 'job']);
    expect(names(model.matched)).toEqual(['cache', 'db', 'web', 'api', 'job']);
    const shop = model.rows.find((row) => row.kind === 'project' && row.project === 'shop');
    expect(shop).toMatchObject({ active: 1, key: 'project:shop' });
  });

  it('folds a collapsed project but keeps its heading and its containers selectable as matched', () => {
    const model = buildListModel(all, query({ groupByProject: true, collapsed: new Set(['shop']) }));
    expect(describeRows(model.rows)).toEqual(['[cms]', '  cache', '[shop +]', 'api', 'job']);
    expect(names(model.matched)).toContain('db');
  });

  it('shows a project when some of its containers match, and acts on all of them', () => {
    const model = buildListModel(all, query({ groupByProject: true, state: 'running' }));
    expect(describeRows(model.rows)).toEqual(['[cms]', '  cache', '[shop]', '  web', 'api']);
    const shop = model.rows.find((row) => row.kind === 'project' && row.project === 'shop');
    if (shop?.kind !== 'project') throw new Error('no shop row');
    expect(names(shop.containers)).toEqual(['web']);
    expect(names(shop.allContainers)).toEqual(['db', 'web']);
  });

  it('filters and sorts 5,000 containers without mutating the input', () => {
    const many = Array.from({ length: 5000 }, (_, index) =>
      makeContainer({
        name: `svc-${index}`,
        state: index % 3 === 0 ? 'running' : 'exited',
        labels: index % 10 === 0 ? project(`p${index % 7}`) : {},
      }),
    );
    const copy = [...many];
    const model = buildListModel(many, query({ state: 'running', search: 'svc-1', groupByProject: true }));
    expect(many).toEqual(copy);
    expect(model.matched.every((item) => item.state === 'running' && item.name.includes('svc-1'))).toBe(true);
    expect(model.matched.length).toBe(
      many.filter((item) => item.state === 'running' && item.name.includes('svc-1')).length,
    );
  });
});

describe('buildListModel over several hosts (All hosts)', () => {
  const hosts: Record<string, string> = { local: 'Local', 'context:rig': 'rig' };
  const hostName = (engineId: string) => hosts[engineId] ?? engineId;
  const remote = (overrides: Parameters<typeof makeContainer>[0]) =>
    makeContainer({ engineId: 'context:rig', ...overrides });
  // The same id on two hosts (one daemon reached twice), and the same project on both.
  const twin = makeContainer({ name: 'twin', state: 'running' });
  const remoteTwin = remote({ id: twin.id, name: 'twin', state: 'exited' });
  const localShop = makeContainer({ name: 'shop-web', state: 'running', labels: project('shop') });
  const remoteShop = remote({ name: 'shop-db', state: 'exited', labels: project('shop') });
  const remoteJob = remote({ name: 'nightly', state: 'running', image: 'busybox' });
  const merged = [twin, localShop, remoteTwin, remoteShop, remoteJob];
  const hostsOf = (items: readonly ContainerSummary[]) => items.map((item) => hostName(item.engineId));

  it.each([
    { search: 'rig', expected: ['nightly', 'shop-db', 'twin'] },
    { search: 'local twin', expected: ['twin'] },
    { search: 'RIG nightly', expected: ['nightly'] },
    { search: 'shop', expected: ['shop-db', 'shop-web'] },
  ])('search "$search" matches the host name too', ({ search, expected }) => {
    expect(names(buildListModel(merged, query({ search }), undefined, hostName).matched)).toEqual(expected);
  });

  it('does not match host names on one host (no Host column there)', () => {
    expect(buildListModel(merged, query({ search: 'rig' })).matched).toEqual([]);
  });

  it('filters by state across hosts', () => {
    const running = buildListModel(merged, query({ state: 'running' }), undefined, hostName).matched;
    expect(running.map((item) => `${item.name}@${hostName(item.engineId)}`)).toEqual([
      'nightly@rig',
      'shop-web@Local',
      'twin@Local',
    ]);
  });

  it('sorts by host both ways, by name within a host', () => {
    const asc = buildListModel(
      merged,
      query({ sort: { key: 'host', direction: 'asc' } }),
      undefined,
      hostName,
    );
    expect(hostsOf(asc.matched)).toEqual(['Local', 'Local', 'rig', 'rig', 'rig']);
    expect(names(asc.matched)).toEqual(['shop-web', 'twin', 'nightly', 'shop-db', 'twin']);
    const desc = buildListModel(
      merged,
      query({ sort: { key: 'host', direction: 'desc' } }),
      undefined,
      hostName,
    );
    expect(names(desc.matched)).toEqual(['nightly', 'shop-db', 'twin', 'shop-web', 'twin']);
  });

  it('keys rows by host and id, so the same id on two hosts is two rows', () => {
    const rows = buildListModel(merged, query(), undefined, hostName).rows;
    const keys = rows.map((row) => row.key);
    expect(new Set(keys).size).toBe(merged.length);
    expect(keys).toContain(itemKey(twin));
    expect(keys).toContain(itemKey(remoteTwin));
  });

  it('groups a Compose project per host: the same project on two hosts is two groups, labelled with the host', () => {
    const model = buildListModel(merged, query({ groupByProject: true }), undefined, hostName);
    const projects = model.rows.flatMap((row) => (row.kind === 'project' ? [row] : []));
    expect(projects.map((row) => [row.project, row.host, names(row.allContainers)])).toEqual([
      ['shop', 'Local', ['shop-web']],
      ['shop', 'rig', ['shop-db']],
    ]);
    expect(new Set(projects.map((row) => row.group)).size).toBe(2);
    // Folding one host's project leaves the other host's open.
    const [localGroup] = projects;
    const folded = buildListModel(
      merged,
      query({ groupByProject: true, collapsed: new Set([localGroup?.group ?? '']) }),
      undefined,
      hostName,
    );
    expect(describeRows(folded.rows).slice(0, 3)).toEqual(['[shop +]', '[shop]', '  shop-db']);
  });

  it('sorts CPU by the sample of the row’s own host', () => {
    const usage = new Map<string, ContainerUsage>([
      [itemKey(twin), { id: twin.id, cpuPercent: 1, sampledAt: 1 }],
      [itemKey(remoteTwin), { id: twin.id, cpuPercent: 90, sampledAt: 1 }],
    ]);
    const sorted = buildListModel(
      merged,
      query({ sort: { key: 'cpu', direction: 'desc' } }),
      usage,
      hostName,
    );
    expect(sorted.matched.slice(0, 2).map((item) => hostName(item.engineId))).toEqual(['rig', 'Local']);
  });
});
