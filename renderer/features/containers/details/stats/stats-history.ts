import { formatBytes, type StatsSample } from '../../../../../electron/common/bridge';

/** The windows a user can pick, in seconds; the first is the default. */
export const STATS_WINDOWS = [60, 300, 900] as const;
export type StatsWindow = (typeof STATS_WINDOWS)[number];

/** History kept: the longest window, plus a little so its left edge is never empty. */
const KEEP_MS = (STATS_WINDOWS[STATS_WINDOWS.length - 1] + 5) * 1000;

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

export type StatsKey = Exclude<keyof StatsPoint, 'time'>;

/**
 * A container's samples while its details are open: the Stats tab's stream appends, leaving the tab keeps them
 * (ContainerDetails owns one of these), `previous` turns the next sample's counters into rates.
 */
export interface StatsHistory {
  /** Whose samples these are (`engine/id`). */
  container: string;
  points: StatsPoint[];
  previous: StatsSample | undefined;
}

export function emptyHistory(container = ''): StatsHistory {
  return { container, points: [], previous: undefined };
}

/**
 * Appends a sample, turning cumulative counters into rates, and drops points older than the longest window.
 * A gap (the tab was left, the stream restarted) starts the rates over rather than spreading them over the gap.
 */
export function addSample(
  history: readonly StatsPoint[],
  previous: StatsSample | undefined,
  sample: StatsSample,
): StatsPoint[] {
  const before = previous !== undefined && sample.time - previous.time < 5000 ? previous : undefined;
  const seconds = before ? Math.max(0.001, (sample.time - before.time) / 1000) : 1;
  const rate = (now: number, then: number | undefined) =>
    then === undefined ? 0 : Math.max(0, (now - then) / seconds);
  const point: StatsPoint = {
    time: sample.time,
    cpuPercent: sample.cpuPercent,
    memoryUsage: sample.memoryUsage,
    memoryLimit: sample.memoryLimit,
    networkRxRate: rate(sample.networkRx, before?.networkRx),
    networkTxRate: rate(sample.networkTx, before?.networkTx),
    blockReadRate: rate(sample.blockRead, before?.blockRead),
    blockWriteRate: rate(sample.blockWrite, before?.blockWrite),
  };
  const oldest = sample.time - KEEP_MS;
  const first = history.findIndex((item) => item.time >= oldest);
  const kept = first === -1 ? [] : first === 0 ? history : history.slice(first);
  return [...kept, point];
}

/** The points inside the last `seconds` before `now`. */
export function inWindow(points: readonly StatsPoint[], seconds: number, now: number): readonly StatsPoint[] {
  const from = now - seconds * 1000;
  const first = points.findIndex((item) => item.time >= from);
  return first <= 0 ? (first === 0 ? points : []) : points.slice(first);
}

/** The highest value of one field among `points` (0 when there are none). */
export function peak(points: readonly StatsPoint[], key: StatsKey): number {
  let top = 0;
  for (const point of points) top = Math.max(top, point[key]);
  return top;
}

/** A memory limit as people read it: the daemon reports 0 when there is none (or the container is stopped). */
export function limitLabel(limit: number): string {
  return limit > 0 ? `limit ${formatBytes(limit, 'binary')}` : 'no limit';
}

/**
 * A y-axis top that does not move with every sample: the next 1, 2 or 5 step (for bytes: the next power of two
 * in IEC units) above `value`, so the scale changes only when the peak crosses a step.
 */
export function niceMax(value: number, bytes: boolean): number {
  if (!(value > 0)) return bytes ? 1024 : 1;
  if (bytes) return 2 ** Math.ceil(Math.log2(value * 1.05));
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value * 1.05) ?? 10;
  return step * magnitude;
}
