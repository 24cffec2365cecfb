import { open, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

import { IpcEvent } from '../electron/common';
import { LogService } from '../electron/main/docker/containers/details/logs/log-service';
import {
  connectEngines,
  dockerLines,
  LINE_BODY,
  printHeading,
  printRatios,
  printTable,
  publishTo,
  rotate,
  runContainer,
  summarize,
  type Summary,
  withBenchDaemon,
  writeResults,
} from './support';

/** What one run measures; see bench/README.md. */
export interface LogFollowOptions {
  /** Length of one measuring window, per reader and round. */
  seconds: number;
  /** Rounds; each follows once with Berth and once with the docker CLI, the order alternating. */
  rounds: number;
}

type Reader = 'ours' | 'cli';

interface Window {
  reader: Reader;
  /** Lines the reader got per second over the window. */
  linesPerSecond: number;
  /** Lines per second the producer got into the daemon's log file over the same window. */
  producedPerSecond: number;
  /** Berth only: messages a second, and the largest one (characters of line text). */
  batchesPerSecond?: number;
  maxBatchChars?: number;
}

/** A 100-byte line (with its newline), the size design Part 3 §0 measured the daemon with. */
const PRODUCER_LINE = `${LINE_BODY} follow`.padEnd(99, '.');

/** Bytes of one entry of the json-file log (every entry of `yes` is the same but for its time). */
async function jsonEntryBytes(logPath: string): Promise<number> {
  const file = await open(logPath, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4096), 0, 4096, 0);
    const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
    if (newline === -1) throw new Error(`no complete entry in ${logPath}`);
    return newline + 1;
  } finally {
    await file.close();
  }
}

/**
 * Runs the benchmark: a producer writing ~100-byte lines as fast as it can, followed for `seconds` through
 * Berth's pipeline (LogService, IPC clone) and through `docker logs -f`, in turns. Prints a table and writes
 * `bench/results/log-follow-<time>.json`.
 */
export async function main(options: LogFollowOptions): Promise<void> {
  const { seconds, rounds } = options;
  console.log('[bench] log-follow: starting a private dockerd and a producer (`yes`, 100-byte lines)…');
  await withBenchDaemon(async (daemon, client) => {
    const id = await runContainer(client, 'bench-log-follow', ['yes', PRODUCER_LINE]);
    const { LogPath: logPath } = await client.getContainer(id).inspect();
    const logSize = async (): Promise<number> => (await stat(logPath)).size;
    // The producer is writing once its log has a complete entry.
    let entryBytes = 0;
    for (let tries = 0; entryBytes === 0; tries++) {
      entryBytes = await jsonEntryBytes(logPath).catch(() => 0);
      if (entryBytes === 0 && tries > 200) throw new Error('the producer wrote nothing');
      if (entryBytes === 0) await sleep(25);
    }

    const engines = await connectEngines(daemon.host);
    let onLines: ((count: number, chars: number) => void) | undefined;
    const logs = new LogService(engines, {
      publish: publishTo((event) => {
        if (event.name !== IpcEvent.LogsReceived) return;
        onLines?.(event.payload.ends.length, event.payload.text.length);
      }),
    });

    /** Counts what a reader delivers over `seconds`, from its first line on. */
    const measure = async (
      reader: Reader,
      start: (onCount: (lines: number, chars?: number) => void) => Promise<() => Promise<void>>,
    ): Promise<Window> => {
      let lines = 0;
      let batches = 0;
      let maxBatchChars = 0;
      let first: { at: number; size: number } | undefined;
      let firstSeen: () => void = () => undefined;
      const started = new Promise<void>((resolve) => {
        firstSeen = resolve;
      });
      const stop = await start((count, chars) => {
        if (first === undefined) {
          // The window opens with the first delivery; the producer's log size is read at the same moment.
          first = { at: performance.now(), size: -1 };
          void logSize().then((size) => {
            if (first) first.size = size;
            firstSeen();
          });
        }
        lines += count;
        batches += 1;
        if (chars !== undefined) maxBatchChars = Math.max(maxBatchChars, chars);
      });
      await started;
      await sleep(seconds * 1000);
      const counted = lines;
      const countedBatches = batches;
      const end = { at: performance.now(), size: await logSize() };
      await stop();
      const opened = first ?? end;
      const elapsed = (end.at - opened.at) / 1000;
      return {
        reader,
        linesPerSecond: counted / elapsed,
        producedPerSecond: (end.size - opened.size) / entryBytes / elapsed,
        ...(reader === 'ours' ? { batchesPerSecond: countedBatches / elapsed, maxBatchChars } : {}),
      };
    };

    const follow: Record<Reader, () => Promise<Window>> = {
      ours: () =>
        measure('ours', async (onCount) => {
          onLines = (count, chars) => onCount(count, chars);
          const opened = await logs.open({ engineId: 'local', id, tail: 0, follow: true });
          return () => {
            onLines = undefined;
            logs.close(opened.streamId);
            return Promise.resolve();
          };
        }),
      cli: () =>
        measure('cli', (onCount) => {
          const controller = new AbortController();
          let seen = 0;
          const done = dockerLines(daemon.host, ['logs', '-f', '--timestamps', '--tail', '0', id], {
            signal: controller.signal,
            onLine: (total) => {
              onCount(total - seen);
              seen = total;
            },
          });
          return Promise.resolve(async () => {
            controller.abort();
            await done;
          });
        }),
    };

    const windows: Window[] = [];
    // No warm-up: every window is measured, the readers alternating which goes first.
    await rotate(['ours', 'cli'], { warmup: 0, iterations: rounds }, async (reader, _measured, round) => {
      const window = await follow[reader]();
      windows.push(window);
      console.log(
        `[bench] round ${round + 1} ${reader}: ${Math.round(window.linesPerSecond).toLocaleString()} lines/s (producer ${Math.round(window.producedPerSecond).toLocaleString()} lines/s)`,
      );
    });

    logs.closeAll();
    await engines.dispose();
    await client.getContainer(id).remove({ force: true });

    const of = (reader: Reader) => windows.filter((window) => window.reader === reader);
    const results = {
      ours: summarize(of('ours').map((window) => window.linesPerSecond)),
      cli: summarize(of('cli').map((window) => window.linesPerSecond)),
      producerDuringOurs: summarize(of('ours').map((window) => window.producedPerSecond)),
      producerDuringCli: summarize(of('cli').map((window) => window.producedPerSecond)),
      oursBatchesPerSecond: summarize(of('ours').map((window) => window.batchesPerSecond ?? NaN)),
      oursMaxBatchChars: Math.max(...of('ours').map((window) => window.maxBatchChars ?? 0)),
    };
    const ratio = {
      'ours / docker logs -f (median lines/s)': results.ours.median / results.cli.median,
      'ours / producer (median)': results.ours.median / results.producerDuringOurs.median,
      'docker logs -f / producer (median)': results.cli.median / results.producerDuringCli.median,
    };
    printHeading(
      `follow throughput, ${PRODUCER_LINE.length + 1}-byte lines, ${rounds} × ${seconds} s per reader`,
    );
    const row = (label: string, summary: Summary): string[] => [
      label,
      Math.round(summary.median).toLocaleString(),
      Math.round(summary.min).toLocaleString(),
      Math.round(summary.max).toLocaleString(),
      String(summary.n),
    ];
    printTable(
      ['reader', 'median lines/s', 'min', 'max', 'n'],
      [
        row('Berth: LogService → batches (IPC clone)', results.ours),
        row('docker logs -f --timestamps --tail 0 (process)', results.cli),
        row('producer, while Berth followed', results.producerDuringOurs),
        row('producer, while the CLI followed', results.producerDuringCli),
      ],
    );
    console.log(
      `\nBerth's batches: ${results.oursBatchesPerSecond.median.toFixed(1)} per second (median), largest ${results.oursMaxBatchChars.toLocaleString()} characters`,
    );
    printRatios(ratio);
    await writeResults('log-follow', { options, unit: 'lines/s', windows, results, ratio }, client);
  });
}
