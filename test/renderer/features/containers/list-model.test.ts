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
