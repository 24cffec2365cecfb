import {
  type BerthApi,
  type EngineId,
  logBatchLines,
  type LogLine,
  type PackedLogLines,
  packLogLines,
} from '../../../../../electron/common/bridge';
import { logsStream, subscribeEngineStream } from '../../../../hooks/use-engine-stream';
import type { LogRing } from './log-ring';
import { timestampToUnix } from './log-time';
import { TAIL } from './use-log-stream';

/** Windows "load earlier" tries, in seconds before the oldest line, until it finds a page of lines. */
const EARLIER_WINDOWS = [10, 120, 1800, 21_600, 259_200];

interface WindowQuery {
  engineId: EngineId;
  id: string;
  tail: number | 'all';
  since?: string;
  until?: string;
}

/** Reads one window of the log without following and resolves with its lines. */
function readOnce(api: BerthApi, query: WindowQuery): Promise<LogLine[]> {
  return new Promise((resolve, reject) => {
    const lines: LogLine[] = [];
    const dispose = subscribeEngineStream(api, logsStream, () => api.logs.open({ ...query, follow: false }), {
      onData: (batch) => {
        for (const line of logBatchLines(batch)) lines.push(line);
      },
      onEnded: (ended) => {
        dispose();
        if (ended.error) reject(new Error(ended.error.message));
        else resolve(lines);
      },
      onFailed: (error) => {
        dispose();
        reject(error);
      },
    });
  });
}

/** A timestamp as a key that sorts as time does (Unix seconds, padded, with nine fraction digits). */
function timeKey(ts: string | undefined): string | undefined {
  const unix = ts === undefined ? undefined : timestampToUnix(ts);
  return unix?.padStart(22, '0');
}

/**
 * The lines of `read` that come before the ring's oldest line: those stamped earlier, and of those stamped at the
 * same nanosecond the ones the ring does not already hold (it holds the last of that group).
 */
function before(read: LogLine[], ring: LogRing, firstKey: string): LogLine[] {
  let held = 0;
  while (held < ring.length && timeKey(ring.timestampAt(held)) === firstKey) held += 1;
  const earlier: LogLine[] = [];
  const tied: LogLine[] = [];
  for (const line of read) {
    const key = timeKey(line.ts);
    if (key === undefined || key < firstKey) earlier.push(line);
    else if (key === firstKey) tied.push(line);
  }
  return [...earlier, ...tied.slice(0, Math.max(0, tied.length - held))];
}

/**
 * The page of up to `size` lines before the ring's oldest line (which must have a timestamp), not before
 * `since`. First the cheap way: the daemon reads a log's tail from its end, so the last (lines held + size)
 * lines up to that timestamp hold the page unless the container wrote many lines since. Otherwise windows of
 * growing width are read until one holds a page, then everything since `since`.
 */
export async function readEarlierPage(
  api: BerthApi,
  query: { engineId: EngineId; id: string; since?: string; ring: LogRing; size?: number },
): Promise<PackedLogLines | undefined> {
  const { engineId, id, since, ring, size = TAIL } = query;
  const firstTs = ring.timestampAt(0);
  const firstKey = timeKey(firstTs);
  const until = firstTs === undefined ? undefined : timestampToUnix(firstTs);
  if (firstTs === undefined || firstKey === undefined || until === undefined) return undefined;
  const tail = ring.received + ring.prepended + size;
  const read = await readOnce(api, { engineId, id, tail, since, until });
  const found = before(read, ring, firstKey);
  if (found.length > 0) return packLogLines(found.slice(-size));
  const firstUntil = timestampToUnix(firstTs, -1) ?? until;
  let lines: LogLine[] = [];
  for (const window of [...EARLIER_WINDOWS, undefined]) {
    const windowSince =
      window === undefined
        ? since
        : String(Math.max(Number(since ?? 0), Math.floor(Number(firstUntil)) - window));
    lines = await readOnce(api, { engineId, id, tail: 'all', since: windowSince, until: firstUntil });
    if (lines.length >= size) break;
  }
  return packLogLines(lines.slice(-size));
}
