import { describe, expect, it } from 'vitest';

import type { StatsSample } from '../../../../../electron/common';
import {
  addSample,
  inWindow,
  limitLabel,
  niceMax,
  peak,
  type StatsPoint,
} from '../../../../../renderer/features/containers/details/stats/stats-history';

function sample(seconds: number, memory: number, counters = 0): StatsSample {
  return {
    time: seconds * 1000,
    cpuPercent: seconds % 7,
    onlineCpus: 2,
    memoryUsage: memory,
    memoryLimit: 0,
    networkRx: counters,
    networkTx: counters,
    blockRead: counters,
    blockWrite: counters,
    pids: 1,
  };
}

function feed(from: number, to: number, memory: (second: number) => number): StatsPoint[] {
  let points: StatsPoint[] = [];
  let previous: StatsSample | undefined;
  for (let second = from; second <= to; second += 1) {
    const next = sample(second, memory(second), second * 1000);
    points = addSample(points, previous, next);
    previous = next;
  }
  return points;
}

describe('stats history', () => {
  it('appends samples in order and turns counters into per-second rates', () => {
    const points = feed(0, 3, () => 100);
    expect(points.map((point) => point.time)).toEqual([0, 1000, 2000, 3000]);
    expect(points.map((point) => point.networkRxRate)).toEqual([0, 1000, 1000, 1000]);
  });

  it('starts rates over after a gap instead of spreading a burst over it', () => {
    const before = sample(0, 1, 0);
    const after = sample(60, 1, 60_000);
    const points = addSample(addSample([], undefined, before), before, after);
    expect(points.at(-1)?.networkRxRate).toBe(0);
  });

  it('keeps the longest window (15 min) and drops what is older', () => {
    const points = feed(0, 1000, () => 1);
    expect(points[0]?.time).toBeGreaterThanOrEqual((1000 - 905) * 1000);
    expect(points.at(-1)?.time).toBe(1_000_000);
  });

  it('picks the points of the chosen window, ending at the newest sample', () => {
    const points = feed(0, 400, () => 1);
    const minute = inWindow(points, 60, 400_000);
    expect(minute[0]?.time).toBe(340_000);
    expect(minute).toHaveLength(61);
    expect(inWindow(points, 300, 400_000)).toHaveLength(301);
    expect(inWindow([], 60, 0)).toEqual([]);
  });

  it('reports the peak within the window, not an older one', () => {
    const points = feed(0, 200, (second) => (second === 10 ? 9000 : second === 190 ? 500 : 100));
    expect(peak(points, 'memoryUsage')).toBe(9000);
    expect(peak(inWindow(points, 60, 200_000), 'memoryUsage')).toBe(500);
    expect(peak([], 'cpuPercent')).toBe(0);
  });

  it('says "no limit" rather than "limit 0 B"', () => {
    expect(limitLabel(0)).toBe('no limit');
    expect(limitLabel(512 * 1024 ** 2)).toBe('limit 512 MiB');
  });

  it('rounds the y-axis top to steps so jittering memory does not move the scale', () => {
    const tops = new Set([41, 43, 39, 44, 40].map((mib) => niceMax(mib * 1024 ** 2, true)));
    expect([...tops]).toEqual([64 * 1024 ** 2]);
    expect(niceMax(0, true)).toBe(1024);
    expect(niceMax(37, false)).toBe(50);
    expect(niceMax(120, false)).toBe(200);
  });
});
