import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';

import {
  type EventName,
  IpcEvent,
  type IpcEventMap,
  logBatchLines,
  type LogLine,
} from '../../../electron/common';
import { LogService } from '../../../electron/main/docker/containers/details/logs/log-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import type { Publish } from '../../../electron/main/docker/ports';
import { docker, rigDockerHost, skipUnlessRig, waitFor } from '../../rig';
import { containerArgs, endpointFor, fastBackoff, removeGroup, uniqueName } from '../helpers';

const GROUP = 'log-pipeline';

type Published = { [E in EventName]: { name: E; payload: IpcEventMap[E] } }[EventName];

/** Numbered lines, odd ones on stderr, each with a multi-byte tail: `<n> ✓ é` (n from 1 to `count`). */
const numbered = (count: number): string[] => [
  'sh',
  '-c',
  `i=1; while [ $i -le ${count} ]; do if [ $((i % 2)) -eq 1 ]; then echo "$i ✓ é" >&2; else echo "$i ✓ é"; fi; i=$((i+1)); done`,
];

/** The numbers of the lines, checked to be whole. */
function numbersOf(lines: readonly LogLine[]): number[] {
  return lines.map((line) => {
    const match = /^(\d+) ✓ é$/.exec(line.text);
    if (!match) throw new Error(`a line came out mangled: ${JSON.stringify(line.text)}`);
    return Number(match[1]);
  });
}

skipUnlessRig('the log pipeline against a real daemon (main → packed batches → lines)', () => {
  let engines: EngineRegistry;
  let events: Published[];
  let logs: LogService;
  const publish: Publish = (name, payload) => events.push({ name, payload } as Published);

  beforeEach(async () => {
    events = [];
    engines = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
    engines.start();
    await engines.ready('local');
    // Small batches, so lines cross many batch boundaries.
    logs = new LogService(engines, { publish, maxBatchChars: 20_000 });
  });
  afterEach(async () => {
    logs.closeAll();
    await engines.dispose();
  });
  afterAll(() => removeGroup(GROUP));

  /** Reads a log as the view does (acknowledging every batch, IPC's structured clone in between). */
  async function readInto(
    request: Parameters<LogService['open']>[0],
    lines: LogLine[],
    done: () => boolean,
  ): Promise<string> {
    const { streamId } = await logs.open({ ...request, acknowledge: true });
    let taken = 0;
    await waitFor(
      () => {
        for (const event of events.slice(taken)) {
          taken += 1;
          if (event.name === IpcEvent.LogsReceived && event.payload.streamId === streamId) {
            for (const line of logBatchLines(structuredClone(event.payload))) lines.push(line);
            logs.ack(streamId);
          }
        }
        return done();
      },
      { description: 'the lines read', timeoutMs: 60_000, intervalMs: 5 },
    );
    return streamId;
  }

  it('loses, duplicates and mangles nothing of a log read whole, stdout and stderr, and reads its tail right', async () => {
    const count = 20_000;
    const id = await docker('create', ...containerArgs(uniqueName('numbered'), GROUP, numbered(count)));
    await docker('start', '-a', id);

    const lines: LogLine[] = [];
    await readInto({ engineId: 'local', id, tail: 'all', follow: false }, lines, () => logs.openCount === 0);
    expect(lines).toHaveLength(count);
    // Each stream keeps its own order; together they hold every number exactly once.
    const out = lines.filter((line) => line.stream === 'stdout');
    const err = lines.filter((line) => line.stream === 'stderr');
    expect(numbersOf(out)).toEqual(Array.from({ length: count / 2 }, (_, i) => 2 * (i + 1)));
    expect(numbersOf(err)).toEqual(Array.from({ length: count / 2 }, (_, i) => 2 * i + 1));
    expect(lines.every((line) => /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(line.ts ?? ''))).toBe(true);

    const tail: LogLine[] = [];
    await readInto({ engineId: 'local', id, tail: 250, follow: false }, tail, () => logs.openCount === 0);
    // The tail is the last 250 lines in the daemon's order (stdout and stderr interleave as they were logged).
    expect(tail).toEqual(lines.slice(-250));
  });

  it('follows a TTY container from the first line while it writes, in order, nothing lost or repeated', async () => {
    const count = 5000;
    const id = await docker(
      'create',
      '-t',
      ...containerArgs(uniqueName('numbered-tty'), GROUP, [
        'sh',
        '-c',
        `sleep 0.5; i=1; while [ $i -le ${count} ]; do echo "$i ✓ é"; i=$((i+1)); done; sleep 3600`,
      ]),
    );
    await docker('start', id);
    const lines: LogLine[] = [];
    const streamId = await readInto(
      { engineId: 'local', id, tail: 'all', follow: true },
      lines,
      () => lines.length >= count,
    );
    expect(numbersOf(lines)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(lines.every((line) => line.stream === 'stdout')).toBe(true);
    logs.close(streamId);
    expect(logs.openCount).toBe(0);
  });
});
