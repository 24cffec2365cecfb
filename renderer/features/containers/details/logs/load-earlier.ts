import type { BerthApi, EngineId, LogLine } from '../../../../../electron/common/bridge';
import { logsStream, subscribeEngineStream } from '../../../../hooks/use-engine-stream';
import { timestampToUnix } from './log-time';
import { TAIL } from './use-log-stream';

/** Windows "load earlier" tries, in seconds before the oldest line, until it finds a page of lines. */
const EARLIER_WINDOWS = [10, 120, 1800, 21_600, 259_200];

interface WindowQuery {
  engineId: EngineId;
  id: string;
  tail: 'all';
  since?: string;
  until?: string;
}

/** Reads one window of the log without following and resolves with its lines. */
function readOnce(api: BerthApi, query: WindowQuery): Promise<LogLine[]> {
  return new Promise((resolve, reject) => {
    const lines: LogLine[] = [];
    const dispose = subscribeEngineStream(api, logsStream, () => api.logs.open({ ...query, follow: false }), {
      onData: (batch) => lines.push(...batch.lines),
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

/**
 * The page of up to 1,000 lines before `first` (the oldest line shown, which must have a timestamp), not before
 * `since`: windows of growing width are read until one holds a page, then everything since `since`.
 */
export async function readEarlierPage(
  api: BerthApi,
  query: { engineId: EngineId; id: string; since?: string; first: LogLine | undefined },
): Promise<LogLine[] | undefined> {
  const { engineId, id, since, first } = query;
  const firstUntil = first?.ts === undefined ? undefined : timestampToUnix(first.ts, -1);
  if (firstUntil === undefined) return undefined;
  let lines: LogLine[] = [];
  for (const window of [...EARLIER_WINDOWS, undefined]) {
    const windowSince =
      window === undefined
        ? since
        : String(Math.max(Number(since ?? 0), Math.floor(Number(firstUntil)) - window));
    lines = await readOnce(api, { engineId, id, tail: 'all', since: windowSince, until: firstUntil });
    if (lines.length >= TAIL) break;
  }
  return lines.slice(-TAIL);
}
