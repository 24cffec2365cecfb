import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';

import {
  cpuPercentBetween,
  sameContainerSummary,
  toContainerName,
  toContainerState,
  toContainerSummary,
  toPortBindings,
  toUsageReading,
  type UsageReading,
} from '../../../../electron/main/docker/containers/mappers';
import { recordedByName } from '../recorded';

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

/** A `stats?stream=false&one-shot=true` body as dockerd 20.10 sends it on cgroup v2 (trimmed). */
function stats(
  overrides: { read?: string; total?: number; system?: number; cpus?: number; memory?: object } = {},
) {
  return {
    read: overrides.read ?? '2026-11-29T20:00:00.000000000Z',
    preread: '0001-01-01T00:00:00Z',
    cpu_stats: {
      cpu_usage: {
        total_usage: overrides.total ?? 5_000_000_000,
        usage_in_kernelmode: 0,
        usage_in_usermode: 0,
      },
      system_cpu_usage: overrides.system ?? 100_000_000_000,
      online_cpus: overrides.cpus ?? 2,
      throttling_data: {},
    },
    precpu_stats: { cpu_usage: { total_usage: 0 }, throttling_data: {} },
    memory_stats: overrides.memory ?? {
      usage: 50 * 1024 * 1024,
      stats: { inactive_file: 10 * 1024 * 1024, active_file: 1 },
      limit: 2 * 1024 * 1024 * 1024,
    },
  };
}

describe('toUsageReading', () => {
  it('reads CPU times, memory without the inactive page cache (cgroup v2), and the limit', () => {
    expect(toUsageReading(stats())).toEqual({
      cpuTotal: 5_000_000_000,
      systemCpu: 100_000_000_000,
      onlineCpus: 2,
      memoryBytes: 40 * 1024 * 1024,
      memoryLimitBytes: 2 * 1024 * 1024 * 1024,
      readAt: Date.parse('2026-11-29T20:00:00Z'),
    });
  });

  it('subtracts total_inactive_file on cgroup v1, and nothing when the cache exceeds usage', () => {
    expect(
      toUsageReading(
        stats({ memory: { usage: 300, stats: { total_inactive_file: 100, cache: 200 }, limit: 1000 } }),
      )?.memoryBytes,
    ).toBe(200);
    expect(
      toUsageReading(stats({ memory: { usage: 100, stats: { inactive_file: 500 } } }))?.memoryBytes,
    ).toBe(100);
  });

  it('counts per-CPU entries when online_cpus is missing (old engines)', () => {
    const raw = stats({ cpus: 0 });
    Object.assign(raw.cpu_stats.cpu_usage, { percpu_usage: [1, 2, 3, 4] });
    expect(toUsageReading(raw)?.onlineCpus).toBe(4);
  });

  it.each([
    ['a stopped container (Go zero time, zero CPU)', { ...stats(), read: '0001-01-01T00:00:00Z' }],
    ['no CPU numbers', { read: '2026-11-29T20:00:00Z', cpu_stats: {}, memory_stats: {} }],
    ['garbage', 'nope'],
    ['null', null],
  ])('reads %s as nothing', (_name, raw) => {
    expect(toUsageReading(raw)).toBeUndefined();
  });
});

describe('cpuPercentBetween', () => {
  const reading = (
    cpuTotal: number,
    systemCpu: number | undefined,
    readAt: number,
    onlineCpus = 2,
  ): UsageReading => ({
    cpuTotal,
    onlineCpus,
    readAt,
    ...(systemCpu === undefined ? {} : { systemCpu }),
  });

  it('is the CLI formula: container delta / host delta × CPUs × 100', () => {
    // The host spent 10 s of CPU time (2 CPUs × 5 s), the container 2.5 s: half a CPU busy → 50 %.
    expect(cpuPercentBetween(reading(1e9, 100e9, 0), reading(3.5e9, 110e9, 5000))).toBeCloseTo(50);
    // Both CPUs busy → 200 %.
    expect(cpuPercentBetween(reading(0, 0 + 1, 0), reading(10e9, 10e9 + 1, 5000))).toBeCloseTo(200);
  });

  it('falls back to the wall clock when the engine reports no host CPU time', () => {
    expect(cpuPercentBetween(reading(0, undefined, 0), reading(1e9, undefined, 2000))).toBeCloseTo(50);
  });

  it('is undefined when the readings cannot be compared (restart reset the counter, same read time)', () => {
    expect(cpuPercentBetween(reading(5e9, 100e9, 0), reading(1e9, 110e9, 5000))).toBeUndefined();
    expect(cpuPercentBetween(reading(1e9, 100e9, 5000), reading(2e9, 110e9, 5000))).toBeUndefined();
    expect(cpuPercentBetween(reading(1e9, 100e9, 0), reading(2e9, 100e9, 5000))).toBeUndefined();
  });
});
