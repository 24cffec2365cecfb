import { describe, expect, it } from 'vitest';

import {
  cpuPercentBetween,
  toUsageReading,
  type UsageReading,
} from '../../../../electron/main/docker/mappers';

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
