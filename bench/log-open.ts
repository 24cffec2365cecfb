import http from 'node:http';
import { loadavg } from 'node:os';

import { IpcEvent, logBatchLines, type LogLine } from '../electron/common';
import { LogService } from '../electron/main/docker/containers/details/logs/log-service';
import { launchBerth } from '../test/e2e/harness';
import { backToList, clickToLastLine } from './app-logs';
import {
  connectEngines,
  dockerLines,
  LINE_BODY,
  printHeading,
  printRatios,
  printTimings,
  publishTo,
  rotate,
  type Rounds,
  runContainer,
  summarizeAll,
  withBenchDaemon,
  writeResults,
} from './support';

/** What one run measures; see bench/README.md. */
export interface LogOpenOptions extends Rounds {
  /** Lines the container has written before the log is opened. */
  lines: number;
  /** The tail the view opens with. */
  tail: number;
}

type VariantName = 'raw' | 'cli' | 'oursFirst' | 'oursComplete' | 'app';

const labels: Record<VariantName, string> = {
  raw: 'raw Engine API: GET /logs?tail=N, whole body',
  cli: 'docker logs --timestamps --tail N (process)',
  oursFirst: 'logs:open, first batch delivered',
  oursComplete: 'logs:open, all N lines delivered',
  app: 'the app: click the name → last line shown',
};

/** Counts the stdcopy frames of a non-TTY log body (one frame per daemon log message, i.e. per line). */
function countFrames(body: Buffer): number {
  let frames = 0;
  for (let offset = 0; offset + 8 <= body.length; offset += 8 + body.readUInt32BE(offset + 4)) frames += 1;
  return frames;
}

/** `GET /containers/{id}/logs` with nothing but Node's http on the same socket: the floor. */
function rawLogs(socketPath: string, agent: http.Agent, id: string, tail: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const path = `/containers/${id}/logs?stdout=1&stderr=1&timestamps=1&tail=${tail}`;
    const request = http.get({ socketPath, path, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve(countFrames(Buffer.concat(chunks))));
    });
    request.on('error', reject);
  });
}

/** The last line of a log, as the raw body (frame header and timestamp included). */
function lastLogText(socketPath: string, agent: http.Agent, id: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { socketPath, path: `/containers/${id}/logs?stdout=1&tail=1`, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
      },
    );
    request.on('error', reject);
  });
}

/** Runs the benchmark; prints a table and writes `bench/results/log-open-<time>.json`. */
export async function main(options: LogOpenOptions): Promise<void> {
  const { lines, tail, iterations } = options;
  console.log(
    `[bench] log-open: starting a private dockerd and writing a log of ${lines.toLocaleString()} lines…`,
  );
  await withBenchDaemon(async (daemon, client) => {
    const written = performance.now();
    // The container keeps running after writing, so the app's list shows it whatever its state filter.
    const id = await runContainer(client, 'bench-log-open', [
      'sh',
      '-c',
      `seq 1 ${lines} | sed 's/$/ ${LINE_BODY}/'; echo written > /tmp/done; exec sleep 3600`,
    ]);
    const agentForWait = new http.Agent({ keepAlive: true });
    while (!(await lastLogText(daemon.socketPath, agentForWait, id)).includes(`${lines} ${LINE_BODY}`)) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    agentForWait.destroy();
    const writeSeconds = (performance.now() - written) / 1000;
    console.log(`[bench] written in ${writeSeconds.toFixed(1)} s`);

    const engines = await connectEngines(daemon.host);
    let received: LogLine[] = [];
    let onBatch: (() => void) | undefined;
    const logs = new LogService(engines, {
      publish: publishTo((event) => {
        if (event.name !== IpcEvent.LogsReceived) return;
        received.push(...logBatchLines(event.payload));
        onBatch?.();
      }),
    });
    const agent = new http.Agent({ keepAlive: true });
    const lastLine = `${lines} ${LINE_BODY}`;
    const app = await launchBerth({ env: { DOCKER_HOST: daemon.host } });
    await app.window.locator('[data-testid="engine-status"][data-state="connected"]').waitFor();

    const measureOurs = async (): Promise<{ first: number; complete: number }> => {
      received = [];
      const started = performance.now();
      let first = NaN;
      const complete = new Promise<number>((resolve) => {
        onBatch = () => {
          if (Number.isNaN(first)) first = performance.now() - started;
          if (received.length >= tail) resolve(performance.now() - started);
        };
      });
      // What the Logs tab asks for: the last N lines, then follow.
      const opened = await logs.open({ engineId: 'local', id, tail, follow: true });
      const elapsed = await complete;
      logs.close(opened.streamId);
      onBatch = undefined;
      if (received.length !== tail || received.at(-1)?.text !== lastLine) {
        throw new Error(`logs:open delivered ${received.length} lines ending "${received.at(-1)?.text}"`);
      }
      return { first, complete: elapsed };
    };

    /** Each step times its path; ours gives two times, to the first batch and to the last line. */
    const steps: Record<'raw' | 'cli' | 'ours' | 'app', () => Promise<Partial<Record<VariantName, number>>>> =
      {
        app: async () => {
          const shown = await clickToLastLine(app.window, id, 'bench-log-open', lastLine);
          await backToList(app.window);
          return { app: shown };
        },
        raw: async () => {
          const started = performance.now();
          const frames = await rawLogs(daemon.socketPath, agent, id, tail);
          const raw = performance.now() - started;
          if (frames !== tail) throw new Error(`the raw request read ${frames} lines`);
          return { raw };
        },
        cli: async () => {
          const started = performance.now();
          const result = await dockerLines(daemon.host, ['logs', '--timestamps', '--tail', String(tail), id]);
          const cli = performance.now() - started;
          if (result.lines !== tail) throw new Error(`docker logs printed ${result.lines} lines`);
          return { cli };
        },
        ours: async () => {
          const { first, complete } = await measureOurs();
          return { oursFirst: first, oursComplete: complete };
        },
      };
    const samples: Record<VariantName, number[]> = {
      raw: [],
      cli: [],
      oursFirst: [],
      oursComplete: [],
      app: [],
    };
    await rotate(['raw', 'cli', 'ours', 'app'], options, async (step, measured) => {
      const times = await steps[step]();
      if (!measured) return;
      for (const [name, ms] of Object.entries(times) as Array<[VariantName, number]>) samples[name].push(ms);
    });

    await app.close();
    logs.closeAll();
    agent.destroy();
    await engines.dispose();

    const results = summarizeAll(samples);
    const ratio = {
      'logs:open complete / raw (median)': results.oursComplete.median / results.raw.median,
      'logs:open complete / raw (p95)': results.oursComplete.p95 / results.raw.p95,
      'logs:open first batch / raw (median)': results.oursFirst.median / results.raw.median,
      'logs:open complete / docker logs CLI (median)': results.oursComplete.median / results.cli.median,
      'app click → last line / docker logs --tail CLI (median)': results.app.median / results.cli.median,
      'app click → last line / docker logs --tail CLI (p95)': results.app.p95 / results.cli.p95,
    };
    printHeading(
      `log open, tail ${tail} of ${lines.toLocaleString()} lines × ${LINE_BODY.length + 8} B, ${iterations} iterations each`,
    );
    printTimings(labels, results);
    printRatios(ratio);
    console.log(
      `load average at the end: ${loadavg()
        .map((load) => load.toFixed(2))
        .join(', ')}`,
    );
    await writeResults('log-open', { options, writeSeconds, unit: 'ms', results, ratio }, client);
  });
}
