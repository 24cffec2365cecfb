import { describe, expect, it } from 'vitest';

import type { ContainerSummary, EngineInfo, EngineState } from '../../../electron/common';
import {
  buildTrayMenu,
  menuLabel,
  publishedUrls,
  trayHealth,
  type TrayMenuEntry,
  trayTooltip,
} from '../../../electron/main/platform/tray-menu';
import { containerSummary } from '../../fixtures/container';

const engine = (
  id: string,
  state: EngineState,
  kind: EngineInfo['kind'] = 'unix',
  address = `unix:///tmp/${id}.sock`,
): EngineInfo => ({
  id,
  name: id,
  kind,
  address,
  status: { state, since: 0 },
});

let counter = 0;
const container = (name: string, overrides: Partial<ContainerSummary> = {}): ContainerSummary =>
  containerSummary({ id: `${name}-${(counter += 1)}`.padEnd(64, '0'), name, ...overrides });

const labels = (entries: readonly TrayMenuEntry[]) => entries.map((entry) => entry.label ?? entry.type);
const find = (entries: readonly TrayMenuEntry[], label: string) =>
  entries.find((entry) => entry.label === label);

describe('trayHealth', () => {
  it.each([
    [[], 'disconnected'],
    [[engine('a', 'connected')], 'connected'],
    [[engine('a', 'connected'), engine('b', 'unreachable')], 'degraded'],
    [[engine('a', 'connecting')], 'disconnected'],
    [[engine('a', 'unreachable'), engine('b', 'unreachable')], 'disconnected'],
  ] as const)('%j → %s', (engines, expected) => {
    expect(trayHealth(engines)).toBe(expected);
    expect(trayTooltip(engines)).toMatch(/^Berth — /);
  });
});

describe('buildTrayMenu', () => {
  const local = engine('local', 'connected');

  it('shows the active host, its running containers with quick actions, and the app items', () => {
    const web = container('web', {
      ports: [{ privatePort: 80, publicPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0' }],
    });
    const menu = buildTrayMenu({
      engines: [local],
      activeEngineId: 'local',
      containers: [web, container('db'), container('old', { state: 'exited' })],
      pinned: [],
    });
    expect(labels(menu)).toEqual([
      'local: connected',
      'separator',
      'Running containers (2)',
      'db',
      'web',
      'separator',
      'Open Berth',
      'Preferences…',
      'Quit Berth',
    ]);
    const webMenu = find(menu, 'web')!.submenu!;
    expect(webMenu.map((item) => [item.label, item.action])).toEqual([
      ['Stop', { kind: 'container', verb: 'stop', engineId: 'local', id: web.id }],
      ['Restart', { kind: 'container', verb: 'restart', engineId: 'local', id: web.id }],
      ['Open logs', { kind: 'openLogs', engineId: 'local', id: web.id }],
      ['Open in browser', { kind: 'openUrl', url: 'http://localhost:8080' }],
    ]);
    expect(find(find(menu, 'db')!.submenu!, 'Open in browser')?.enabled).toBe(false);
  });

  it('caps long lists with More… that opens the app', () => {
    const many = Array.from({ length: 15 }, (_, i) => container(`c${String(i).padStart(2, '0')}`));
    const menu = buildTrayMenu({
      engines: [local],
      activeEngineId: 'local',
      containers: many,
      pinned: [],
      maxRunning: 10,
    });
    expect(menu.filter((entry) => entry.submenu !== undefined)).toHaveLength(10);
    expect(find(menu, 'More…')?.action).toEqual({ kind: 'open' });
  });

  it('offers a host switcher with the active one checked, and lists only the active host’s containers', () => {
    const remote = engine('staging', 'connected', 'tcp', 'tcp://10.0.0.5:2376');
    const menu = buildTrayMenu({
      engines: [local, remote],
      activeEngineId: 'staging',
      containers: [container('api', { engineId: 'staging' }), container('web')],
      pinned: [],
    });
    const switcher = find(menu, 'Switch host')!.submenu!;
    expect(switcher.map((item) => [item.label, item.checked, item.action])).toEqual([
      ['local (connected)', false, { kind: 'switchHost', engineId: 'local' }],
      ['staging (connected)', true, { kind: 'switchHost', engineId: 'staging' }],
    ]);
    expect(labels(menu)).toContain('api');
    expect(labels(menu)).not.toContain('web');
  });

  it('keeps pinned containers with Start while stopped and Stop while running', () => {
    const stopped = container('cache', { state: 'exited' });
    const running = container('queue', { engineId: 'staging' });
    const menu = buildTrayMenu({
      engines: [local, engine('staging', 'connected')],
      activeEngineId: 'local',
      containers: [stopped, running],
      pinned: [
        { engineId: 'local', name: 'cache' },
        { engineId: 'staging', name: 'queue' },
        { engineId: 'local', name: 'gone' },
      ],
    });
    expect(find(menu, 'cache — exited')!.submenu![0]).toEqual({
      label: 'Start',
      action: { kind: 'container', verb: 'start', engineId: 'local', id: stopped.id },
    });
    expect(find(menu, 'queue — running')!.submenu![0]?.label).toBe('Stop');
    expect(labels(menu).some((label) => label?.startsWith('gone'))).toBe(false);
  });

  it('groups Compose projects with Start all / Stop all', () => {
    const project = { 'com.docker.compose.project': 'shop' };
    const menu = buildTrayMenu({
      engines: [local],
      activeEngineId: 'local',
      containers: [
        container('shop-web-1', { labels: project }),
        container('shop-db-1', { labels: project, state: 'exited' }),
      ],
      pinned: [],
    });
    const projects = find(menu, 'Compose projects')!.submenu!;
    expect(projects[0]?.label).toBe('shop (1/2 running)');
    expect(projects[0]?.submenu?.map((item) => item.action)).toEqual([
      { kind: 'project', verb: 'start', engineId: 'local', project: 'shop' },
      { kind: 'project', verb: 'stop', engineId: 'local', project: 'shop' },
    ]);
  });

  it('says so when nothing runs and when no host exists', () => {
    expect(
      labels(buildTrayMenu({ engines: [local], activeEngineId: 'local', containers: [], pinned: [] })),
    ).toContain('No running containers');
    expect(
      buildTrayMenu({ engines: [], activeEngineId: 'local', containers: [], pinned: [] })[0]?.label,
    ).toBe('No Docker host configured');
  });
});

describe('menuLabel', () => {
  it.each([
    ['web', 'web'],
    ['R&D', 'R&&D'],
    ['evil\u0007name\nnext', 'evil name next'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['x'.repeat(80), `${'x'.repeat(47)}…`],
  ])('%j → %j', (raw, expected) => {
    expect(menuLabel(raw)).toBe(expected);
  });
});

describe('publishedUrls', () => {
  it('links published TCP ports to the right host', () => {
    const c = container('web', {
      ports: [
        { privatePort: 80, publicPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0' },
        { privatePort: 80, publicPort: 8080, protocol: 'tcp', hostIp: '::' },
        { privatePort: 53, publicPort: 5353, protocol: 'udp', hostIp: '0.0.0.0' },
        { privatePort: 443, protocol: 'tcp' },
        { privatePort: 9000, publicPort: 9000, protocol: 'tcp', hostIp: '127.0.0.1' },
      ],
    });
    expect(publishedUrls(c, engine('local', 'connected'))).toEqual([
      'http://localhost:8080',
      'http://127.0.0.1:9000',
    ]);
    expect(publishedUrls(c, engine('staging', 'connected', 'ssh', 'ssh://deploy@build-1:2222'))).toEqual([
      'http://build-1:8080',
      'http://127.0.0.1:9000',
    ]);
  });
});
