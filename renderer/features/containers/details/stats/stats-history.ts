import type { StatsSample } from '../../../../../electron/common/bridge';

/** Samples kept: five minutes at the daemon's one per second. */
export const STATS_HISTORY = 300;

export interface StatsPoint {
  time: number;
  cpuPercent: number;
  memoryUsage: number;
  memoryLimit: number;
  /** Bytes per second since the previous sample. */
  networkRxRate: number;
  networkTxRate: number;
  blockReadRate: number;
  blockWriteRate: number;
}

/** Appends a sample, turning cumulative counters into rates, and keeps the last {@link STATS_HISTORY}. */
export function addSample(
  history: readonly StatsPoint[],
  previous: StatsSample | undefined,
  sample: StatsSample,
): StatsPoint[] {
  const seconds = previous ? Math.max(0.001, (sample.time - previous.time) / 1000) : 1;
  const rate = (now: number, before: number | undefined) =>
    previous === undefined || before === undefined ? 0 : Math.max(0, (now - before) / seconds);
  const point: StatsPoint = {
    time: sample.time,
    cpuPercent: sample.cpuPercent,
    memoryUsage: sample.memoryUsage,
    memoryLimit: sample.memoryLimit,
    networkRxRate: rate(sample.networkRx, previous?.networkRx),
    networkTxRate: rate(sample.networkTx, previous?.networkTx),
    blockReadRate: rate(sample.blockRead, previous?.blockRead),
    blockWriteRate: rate(sample.blockWrite, previous?.blockWrite),
  };
  const next = [...history, point];
  return next.length > STATS_HISTORY ? next.slice(next.length - STATS_HISTORY) : next;
}
