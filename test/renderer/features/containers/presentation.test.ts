import { describe, expect, it } from 'vitest';

import type { ContainerState, PortBinding } from '../../../../electron/common';
import {
  canKill,
  canPause,
  canRestart,
  canStart,
  canStop,
  canUnpause,
  composeProject,
  formatCpu,
  formatCreated,
  formatMemory,
  formatPort,
  formatPorts,
  isActive,
  portUrl,
  removeNeedsForce,
  shortImageName,
  sortContainers,
  stateColor,
} from '../../../../renderer/features/containers/presentation';
import { makeContainer } from '../../support/fixtures';

describe('formatPort / formatPorts', () => {
  const cases: Array<{ name: string; ports: PortBinding[]; expected: string }> = [
    { name: 'no ports', ports: [], expected: '' },
    {
      name: 'published on all IPv4 addresses',
      ports: [{ privatePort: 80, protocol: 'tcp', publicPort: 8080, hostIp: '0.0.0.0' }],
      expected: '0.0.0.0:8080→80/tcp',
    },
    {
      name: 'exposed but not published',
      ports: [{ privatePort: 80, protocol: 'tcp' }],
      expected: '80/tcp',
    },
    {
      name: 'IPv6 host addresses in brackets, after IPv4',
      ports: [
        { privatePort: 80, protocol: 'tcp', publicPort: 8080, hostIp: '::' },
        { privatePort: 80, protocol: 'tcp', publicPort: 8080, hostIp: '0.0.0.0' },
      ],
      expected: '0.0.0.0:8080→80/tcp, [::]:8080→80/tcp',
    },
    {
      name: 'published without a host address',
      ports: [{ privatePort: 53, protocol: 'udp', publicPort: 5353 }],
      expected: '5353→53/udp',
    },
    {
      name: 'ordered by container port, then protocol, whatever order the daemon used',
      ports: [
        { privatePort: 443, protocol: 'tcp', publicPort: 8443, hostIp: '127.0.0.1' },
        { privatePort: 53, protocol: 'udp' },
        { privatePort: 53, protocol: 'tcp' },
        { privatePort: 22, protocol: 'sctp' },
      ],
      expected: '22/sctp, 53/tcp, 53/udp, 127.0.0.1:8443→443/tcp',
    },
    {
      name: 'published before unpublished for the same port, duplicates dropped',
      ports: [
        { privatePort: 80, protocol: 'tcp' },
        { privatePort: 80, protocol: 'tcp', publicPort: 81, hostIp: '0.0.0.0' },
        { privatePort: 80, protocol: 'tcp', publicPort: 81, hostIp: '0.0.0.0' },
      ],
      expected: '0.0.0.0:81→80/tcp, 80/tcp',
    },
  ];

  it.each(cases)('$name', ({ ports, expected }) => {
    expect(formatPorts(ports)).toBe(expected);
  });

  it('gives the same text for any order of the same ports', () => {
    const ports: PortBinding[] = [
      { privatePort: 9000, protocol: 'tcp', publicPort: 9000, hostIp: '::' },
      { privatePort: 80, protocol: 'udp' },
      { privatePort: 9000, protocol: 'tcp', publicPort: 9000, hostIp: '0.0.0.0' },
      { privatePort: 80, protocol: 'tcp', publicPort: 8080, hostIp: '0.0.0.0' },
    ];
    const reversed = [...ports].reverse();
    expect(formatPorts(reversed)).toBe(formatPorts(ports));
    expect(formatPorts(ports)).toBe('0.0.0.0:8080→80/tcp, 80/udp, 0.0.0.0:9000→9000/tcp, [::]:9000→9000/tcp');
  });

  it('does not reorder its input', () => {
    const ports: PortBinding[] = [
      { privatePort: 443, protocol: 'tcp' },
      { privatePort: 80, protocol: 'tcp' },
    ];
    formatPorts(ports);
    expect(ports.map((port) => port.privatePort)).toEqual([443, 80]);
    expect(formatPort(ports[0])).toBe('443/tcp');
  });
});

describe('container state helpers', () => {
  const table: Array<[ContainerState, string, boolean, boolean]> = [
    // state, color, can start, can stop
    ['running', 'green', false, true],
    ['restarting', 'orange', false, true],
    ['paused', 'yellow', false, true],
    ['created', 'blue', true, false],
    ['removing', 'grape', false, false],
    ['exited', 'gray', true, false],
    ['dead', 'red', false, false],
  ];

  it.each(table)('%s: color %s, start %s, stop %s', (state, color, start, stop) => {
    expect(stateColor(state)).toBe(color);
    expect(canStart(state)).toBe(start);
    expect(canStop(state)).toBe(stop);
    expect(removeNeedsForce(state)).toBe(stop);
  });
});

describe('shortImageName', () => {
  const hex = '0123456789abcdef'.repeat(4);
  it.each([
    ['a sha256 image id', `sha256:${hex}`, '0123456789ab'],
    ['a bare 64-hex id', hex, '0123456789ab'],
    ['a tagged name', 'nginx:1.27-alpine', 'nginx:1.27-alpine'],
    ['a registry with a port and a tag', 'localhost:5000/team/app:v2', 'localhost:5000/team/app:v2'],
    ['a digest reference', `redis@sha256:${hex}`, 'redis@sha256:0123456789ab'],
    ['a name that only looks like hex', 'abc123', 'abc123'],
    ['a sha256 prefix that is not an id', 'sha256:short', 'sha256:short'],
  ])('%s', (_name, image, expected) => {
    expect(shortImageName(image)).toBe(expected);
  });
});

describe('formatCreated', () => {
  const now = Date.UTC(2025, 5, 15, 12, 0, 0);
  const second = 1000;
  const minute = 60 * second;
  const hour = 60 * minute;
  const day = 24 * hour;
  it.each([
    ['in the future (clock skew)', now + 5 * second, 'just now'],
    ['under a second', now - 500, 'just now'],
    ['one second', now - second, '1 second ago'],
    ['59 seconds', now - 59 * second, '59 seconds ago'],
    ['one minute', now - minute, '1 minute ago'],
    ['5 minutes 59 seconds', now - 5 * minute - 59 * second, '5 minutes ago'],
    ['one hour', now - hour, '1 hour ago'],
    ['23 hours', now - 23 * hour, '23 hours ago'],
    ['one day', now - day, '1 day ago'],
    ['13 days', now - 13 * day, '13 days ago'],
    ['two weeks', now - 14 * day, '2 weeks ago'],
    ['59 days', now - 59 * day, '8 weeks ago'],
    ['60 days', now - 60 * day, '2 months ago'],
    ['364 days', now - 364 * day, '12 months ago'],
    ['one year', now - 365 * day, '1 year ago'],
    ['three years', now - 3 * 365 * day - day, '3 years ago'],
  ])('%s', (_name, created, expected) => {
    expect(formatCreated(created, now)).toBe(expected);
  });
});

describe('sortContainers', () => {
  const web = makeContainer({
    name: 'web',
    image: 'nginx:1',
    state: 'running',
    status: 'Up 2 hours',
    created: 300,
  });
  const db = makeContainer({
    name: 'db',
    image: 'postgres:16',
    state: 'exited',
    status: 'Exited (0)',
    created: 100,
  });
  const job = makeContainer({
    name: 'job10',
    image: 'busybox',
    state: 'paused',
    status: 'Paused',
    created: 200,
  });
  const job2 = makeContainer({
    name: 'job2',
    image: 'busybox',
    state: 'running',
    status: 'Up 1 second',
    created: 200,
  });
  const items = [web, db, job, job2];
  const names = (key: Parameters<typeof sortContainers>[1], direction: 'asc' | 'desc') =>
    sortContainers(items, key, direction).map((item) => item.name);

  it.each([
    ['name', 'asc', ['db', 'job2', 'job10', 'web']],
    ['name', 'desc', ['web', 'job10', 'job2', 'db']],
    ['image', 'asc', ['job2', 'job10', 'web', 'db']],
    ['state', 'asc', ['job2', 'web', 'job10', 'db']],
    ['state', 'desc', ['db', 'job10', 'job2', 'web']],
    ['status', 'asc', ['db', 'job10', 'job2', 'web']],
    ['created', 'asc', ['db', 'job2', 'job10', 'web']],
    ['created', 'desc', ['web', 'job2', 'job10', 'db']],
  ] as const)('by %s %s', (key, direction, expected) => {
    expect(names(key, direction)).toEqual(expected);
  });

  it('returns a copy and leaves the input alone', () => {
    const sorted = sortContainers(items, 'name', 'asc');
    expect(sorted).not.toBe(items);
    expect(items.map((item) => item.name)).toEqual(['web', 'db', 'job10', 'job2']);
  });

  it('breaks ties by id when names are equal', () => {
    const a = makeContainer({ id: 'a'.repeat(64), name: 'same', created: 1 });
    const b = makeContainer({ id: 'b'.repeat(64), name: 'same', created: 1 });
    expect(sortContainers([b, a], 'created', 'desc').map((item) => item.id)).toEqual([a.id, b.id]);
    expect(sortContainers([a, b], 'created', 'asc').map((item) => item.id)).toEqual([a.id, b.id]);
  });
});

describe('list additions', () => {
  const tcp = (publicPort: number | undefined, hostIp?: string, privatePort = 80) => ({
    privatePort,
    protocol: 'tcp' as const,
    ...(publicPort === undefined ? {} : { publicPort }),
    ...(hostIp === undefined ? {} : { hostIp }),
  });

  it.each([
    [
      'every interface, local engine',
      tcp(8080, '0.0.0.0'),
      'unix:///var/run/docker.sock',
      'http://localhost:8080/',
    ],
    ['IPv6 wildcard', tcp(8080, '::'), undefined, 'http://localhost:8080/'],
    ['a specific address', tcp(8080, '127.0.0.2'), undefined, 'http://127.0.0.2:8080/'],
    ['a specific IPv6 address', tcp(8080, '::1'), undefined, 'http://[::1]:8080/'],
    ['a remote tcp engine', tcp(8080, '0.0.0.0'), 'tcp://10.0.0.5:2376', 'http://10.0.0.5:8080/'],
    [
      'a remote ssh engine',
      tcp(3000, '0.0.0.0'),
      'ssh://me@build.example.com',
      'http://build.example.com:3000/',
    ],
    ['a loopback tcp engine', tcp(3000, '0.0.0.0'), 'tcp://127.0.0.1:2375', 'http://localhost:3000/'],
    ['TLS port', tcp(8443, '0.0.0.0', 443), undefined, 'https://localhost:8443/'],
  ])('portUrl: %s', (_name, port, address, url) => {
    expect(portUrl(port, address)).toBe(url);
  });

  it('has no URL for unpublished or non-TCP ports', () => {
    expect(portUrl(tcp(undefined))).toBeUndefined();
    expect(portUrl({ privatePort: 53, protocol: 'udp', publicPort: 53, hostIp: '0.0.0.0' })).toBeUndefined();
  });

  it('formats CPU as docker stats does, and memory in the CLI units', () => {
    expect(formatCpu(undefined)).toBe('—');
    expect(formatCpu(0)).toBe('0.00%');
    expect(formatCpu(203.456)).toBe('203.46%');
    expect(formatMemory(undefined)).toBe('—');
    expect(formatMemory({ id: 'x', sampledAt: 1 })).toBe('—');
    expect(formatMemory({ id: 'x', sampledAt: 1, memoryBytes: 12_500_000 })).toBe('12.5MB');
  });

  it.each<[ContainerState, boolean, boolean, boolean, boolean, boolean]>([
    ['running', true, false, true, true, true],
    ['paused', false, true, true, true, true],
    ['restarting', false, false, true, true, true],
    ['exited', false, false, false, true, false],
    ['created', false, false, false, true, false],
    ['dead', false, false, false, false, false],
  ])(
    '%s: pause %s, unpause %s, kill %s, restart %s, active %s',
    (state, pause, unpause, kill, restart, active) => {
      expect([
        canPause(state),
        canUnpause(state),
        canKill(state),
        canRestart(state),
        isActive(state),
      ]).toEqual([pause, unpause, kill, restart, active]);
    },
  );

  it('reads the Compose project label', () => {
    expect(composeProject(makeContainer({ labels: { 'com.docker.compose.project': 'shop' } }))).toBe('shop');
    expect(composeProject(makeContainer({ labels: { 'com.docker.compose.project': '' } }))).toBeUndefined();
    expect(composeProject(makeContainer())).toBeUndefined();
  });
});
