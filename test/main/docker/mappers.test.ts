import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';

import {
  sameContainerSummary,
  toContainerName,
  toContainerState,
  toContainerSummary,
  toPortBindings,
} from '../../../electron/main/docker/mappers';
import { recordedByName } from './recorded';

describe('toContainerSummary (recorded daemon output)', () => {
  it('maps the published-ports container field by field', () => {
    const web = recordedByName('web');
    expect(toContainerSummary('local', web)).toEqual({
      engineId: 'local',
      id: web.Id,
      name: 'web',
      image: 'berth-test/busybox',
      imageId: web.ImageID,
      command: 'sleep 3600',
      state: 'running',
      status: web.Status,
      created: 1795980682000,
      ports: [
        { privatePort: 80, protocol: 'tcp', publicPort: 8080, hostIp: '0.0.0.0' },
        { privatePort: 90, protocol: 'udp', publicPort: 9090, hostIp: '127.0.0.1' },
        { privatePort: 443, protocol: 'tcp', publicPort: 8443, hostIp: '0.0.0.0' },
        { privatePort: 5000, protocol: 'tcp' },
      ],
      labels: { 'com.example.role': 'web' },
    });
  });

  it.each([
    ['paused', 'paused'],
    ['exited', 'exited'],
    ['created-only', 'created'],
    ['idle', 'running'],
  ] as const)('%s → state %s, no ports, labels {}', (name, state) => {
    const summary = toContainerSummary('engine-2', recordedByName(name));
    expect(summary).toMatchObject({ engineId: 'engine-2', name, state, ports: [], labels: {} });
  });

  it('gives the same ports whatever order the daemon lists them in', () => {
    const web = recordedByName('web');
    const expected = toContainerSummary('local', web).ports;
    const reversed = { ...web, Ports: [...web.Ports].reverse() };
    const rotated = { ...web, Ports: [...web.Ports.slice(2), ...web.Ports.slice(0, 2)] };
    expect(toContainerSummary('local', reversed).ports).toEqual(expected);
    expect(toContainerSummary('local', rotated).ports).toEqual(expected);
  });

  it('tolerates null Labels and Ports (seen from older daemons and Podman)', () => {
    const info = {
      ...recordedByName('idle'),
      Labels: null,
      Ports: null,
    } as unknown as Dockerode.ContainerInfo;
    expect(toContainerSummary('local', info)).toMatchObject({ labels: {}, ports: [] });
  });

  it('does not share the daemon object', () => {
    const web = recordedByName('web');
    const summary = toContainerSummary('local', web);
    summary.labels.extra = 'x';
    expect(web.Labels).not.toHaveProperty('extra');
  });
});

describe('toContainerState', () => {
  it.each([
    ['created', 'created'],
    ['running', 'running'],
    ['paused', 'paused'],
    ['restarting', 'restarting'],
    ['removing', 'removing'],
    ['exited', 'exited'],
    ['dead', 'dead'],
    ['Running', 'running'],
    ['configured', 'created'],
    ['stopped', 'exited'],
    ['something-new', 'exited'],
    [undefined, 'exited'],
  ])('%s → %s', (input, expected) => {
    expect(toContainerState(input)).toBe(expected);
  });
});

describe('toContainerName', () => {
  it.each([
    [['/web'], 'web'],
    [['/web/db', '/db'], 'db'],
    [['/db', '/web/db'], 'db'],
    [['no-slash'], 'no-slash'],
    [[], ''],
    [null, ''],
  ])('%j → %s', (names, expected) => {
    expect(toContainerName(names)).toBe(expected);
  });
});

describe('toPortBindings', () => {
  it('collapses the 0.0.0.0/:: pair of one binding and exact duplicates', () => {
    expect(
      toPortBindings([
        { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8081, Type: 'tcp' },
        { IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8081, Type: 'tcp' },
      ]),
    ).toEqual([
      { privatePort: 80, protocol: 'tcp', publicPort: 8080, hostIp: '0.0.0.0' },
      { privatePort: 80, protocol: 'tcp', publicPort: 8081, hostIp: '127.0.0.1' },
    ]);
  });

  it('keeps an IPv6-only binding and distinguishes protocols', () => {
    expect(
      toPortBindings([
        { IP: '::', PrivatePort: 53, PublicPort: 5353, Type: 'udp' },
        { PrivatePort: 53, Type: 'tcp' },
        { PrivatePort: 53, Type: 'sctp' },
      ]),
    ).toEqual([
      { privatePort: 53, protocol: 'sctp' },
      { privatePort: 53, protocol: 'tcp' },
      { privatePort: 53, protocol: 'udp', publicPort: 5353, hostIp: '::' },
    ]);
  });

  it('orders unpublished before published for the same private port', () => {
    expect(
      toPortBindings([
        { IP: '0.0.0.0', PrivatePort: 8080, PublicPort: 80, Type: 'tcp' },
        { PrivatePort: 8080, Type: 'tcp' },
      ]).map((port) => port.publicPort),
    ).toEqual([undefined, 80]);
  });
});

describe('sameContainerSummary', () => {
  const base = toContainerSummary('local', recordedByName('web'));

  it('is true for an identical copy', () => {
    expect(sameContainerSummary(base, structuredClone(base))).toBe(true);
  });

  it.each([
    ['state', { state: 'exited' as const }],
    ['status', { status: 'Up 19 seconds' }],
    ['name', { name: 'renamed' }],
    ['labels', { labels: { 'com.example.role': 'db' } }],
    ['label count', { labels: {} }],
    ['ports', { ports: base.ports.slice(1) }],
    [
      'port host',
      { ports: base.ports.map((port, i) => (i === 0 ? { ...port, hostIp: '127.0.0.1' } : port)) },
    ],
  ])('notices a different %s', (_what, patch) => {
    expect(sameContainerSummary(base, { ...base, ...patch })).toBe(false);
  });
});
