// What every benchmark shares: the measuring loop, summary statistics, the printed table and ratios, the results
// file, and the bench daemon with what the log benchmarks put on it. Each benchmark keeps only what it measures.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import Dockerode from 'dockerode';

import type { EventName, IpcEventMap } from '../electron/common';
import { resolveLocalEndpoint } from '../electron/main/docker/engine/endpoint';
import { EngineRegistry } from '../electron/main/docker/engine/engine-registry';
import type { Publish } from '../electron/main/docker/ports';
import { FIXTURE_IMAGE, type PrivateDaemon, startPrivateDaemon } from '../test/rig/private-daemon';

// ---- measuring ----

/** How many rounds a benchmark runs: `warmup` thrown away, then `iterations` measured. */
export interface Rounds {
  iterations: number;
  warmup: number;
}

/**
 * Runs `warmup + iterations` rounds; each runs every name once, the order rotating by one each round (with two
 * names: alternating), so drift, GC and caches hit every path alike. `afterRound` runs at the end of each round.
 */
export async function rotate<N extends string>(
  names: readonly N[],
  rounds: Rounds,
  run: (name: N, measured: boolean, round: number) => Promise<void> | void,
  afterRound?: (measured: boolean, round: number) => Promise<void> | void,
): Promise<void> {
  for (let round = 0; round < rounds.warmup + rounds.iterations; round++) {
    const measured = round >= rounds.warmup;
    for (let k = 0; k < names.length; k++) {
      await run(names[(round + k) % names.length], measured, round);
    }
    await afterRound?.(measured, round);
  }
}

/** Times each path of `measure` with `rotate`; the measured durations in ms, per path. */
export async function timeRotating<N extends string>(
  measure: Record<N, () => Promise<unknown>>,
  rounds: Rounds,
): Promise<Record<N, number[]>> {
  const names = Object.keys(measure) as N[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<N, number[]>;
  await rotate(names, rounds, async (name, measured) => {
    const started = performance.now();
    await measure[name]();
    if (measured) samples[name].push(performance.now() - started);
  });
  return samples;
}

// ---- statistics ----

/** Order statistics of a sample, in the unit of the sample. */
export interface Summary {
  n: number;
  median: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

/** Median, p95 (nearest rank), mean, min and max, rounded to 3 decimals. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(middle)] ?? NaN)
      : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
  return {
    n: sorted.length,
    median: round(median),
    p95: round(at(0.95)),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
    min: round(sorted[0] ?? NaN),
    max: round(sorted.at(-1) ?? NaN),
  };
}

/** A summary of durations with its keys named in ms (`medianMs`, …), as the list and palette results have them. */
export type SummaryMs = { n: number } & { [K in Exclude<keyof Summary, 'n'> as `${K}Ms`]: number };

/** A summary of durations with the keys of `SummaryMs`. */
export function inMs({ n, median, p95, mean, min, max }: Summary): SummaryMs {
  return { n, medianMs: median, p95Ms: p95, meanMs: mean, minMs: min, maxMs: max };
}

/** Summarizes every sample of a record, keeping its keys. */
export function summarizeAll<K extends string>(samples: Record<K, readonly number[]>): Record<K, Summary> {
  return Object.fromEntries(
    Object.entries<readonly number[]>(samples).map(([name, values]) => [name, summarize(values)]),
  ) as Record<K, Summary>;
}

// ---- printing and results ----

/** Prints the heading of a benchmark's results, `[bench] <text>`, between blank lines. */
export function printHeading(text: string): void {
  console.log(`\n[bench] ${text}\n`);
}

/** Prints rows as an aligned table (first column left-aligned, the others right-aligned). */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** Prints durations (ms), one path a row in the order of `labels`: median, p95, mean, min, max and n. */
export function printTimings<N extends string>(labels: Record<N, string>, results: Record<N, Summary>): void {
  printTable(
    ['path', 'median ms', 'p95 ms', 'mean ms', 'min ms', 'max ms', 'n'],
    (Object.keys(labels) as N[]).map((name) => [
      labels[name],
      ...(['median', 'p95', 'mean', 'min', 'max'] as const).map((key) => results[name][key].toFixed(2)),
      String(results[name].n),
    ]),
  );
}

/** Prints a blank line, then the ratios, one a line, as `ratio <name>: <value>`. */
export function printRatios(ratio: Record<string, number>): void {
  console.log('');
  for (const [name, value] of Object.entries(ratio)) console.log(`ratio ${name}: ${value.toFixed(3)}`);
}

/**
 * Writes `bench/results/<benchmark>-<time>.json` with the machine (and, given a client, the engine) next to the
 * data.
 */
export async function writeResults(
  benchmark: string,
  data: Record<string, unknown>,
  engineClient?: Dockerode,
): Promise<string> {
  const outDir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  await mkdir(outDir, { recursive: true });
  const at = new Date().toISOString();
  const file = join(outDir, `${benchmark}-${at.replace(/[:.]/g, '-')}.json`);
  const engine = await engineClient?.version();
  const body = {
    benchmark,
    at,
    ...(engine ? { engine: { version: engine.Version, apiVersion: engine.ApiVersion } } : {}),
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      totalMemBytes: totalmem(),
    },
    ...data,
  };
  await writeFile(file, `${JSON.stringify(body, null, 2)}\n`);
  console.log(`\n[bench] results written to ${file}`);
  return file;
}

// ---- the bench daemon ----

/** Label on every container the benchmarks create. */
export const BENCH_LABEL = 'berth-bench';

/** Runs `body` against a private dockerd of its own (and a client on it); the daemon goes afterwards. */
export async function withBenchDaemon<T>(
  body: (daemon: PrivateDaemon, client: Dockerode) => Promise<T>,
): Promise<T> {
  const daemon = await startPrivateDaemon();
  try {
    return await body(daemon, new Dockerode({ socketPath: daemon.socketPath }));
  } finally {
    await daemon.stop();
  }
}

/** A connected registry with the one engine `local` on the bench daemon. */
export async function connectEngines(host: string): Promise<EngineRegistry> {
  const engines = new EngineRegistry([resolveLocalEndpoint({ DOCKER_HOST: host }, process.platform, '/')]);
  engines.start();
  const info = await engines.ready('local');
  if (info.status.state !== 'connected') throw new Error(`engine not connected: ${info.status.lastError}`);
  return engines;
}

/** Creates and starts a `--network none` busybox container running `cmd`; resolves to its id. */
export async function runContainer(
  client: Dockerode,
  name: string,
  cmd: string[],
  options: { tty?: boolean } = {},
): Promise<string> {
  const container = await client.createContainer({
    name,
    Image: FIXTURE_IMAGE,
    Cmd: cmd,
    Tty: options.tty === true,
    Labels: { [BENCH_LABEL]: name },
    HostConfig: { NetworkMode: 'none' },
  });
  await container.start();
  return container.id;
}

// ---- the log benchmarks ----

/**
 * The body of one ~100-character log line (plus the number or nothing in front), the size design Part 3 §0
 * measured the daemon with.
 */
export const LINE_BODY = 'berth-bench '.padEnd(92, 'abcdefghijklmnopqrstuvwxyz0123456789');

/** Published events as the renderer would see them. */
export type Published = { [E in EventName]: { name: E; payload: IpcEventMap[E] } }[EventName];

/**
 * A `Publish` that does what crossing to the renderer costs in main (`webContents.send` serialises the payload
 * with the structured clone algorithm) and hands the clone to `receive`.
 */
export function publishTo(receive: (event: Published) => void): Publish {
  return (name, payload) => receive({ name, payload: structuredClone(payload) } as Published);
}

/** Runs the docker CLI against the bench daemon; resolves with its exit code and the number of lines it printed. */
export function dockerLines(
  host: string,
  args: string[],
  options: { onLine?: (count: number) => void; signal?: AbortSignal } = {},
): Promise<{ code: number | null; lines: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['-H', host, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      let at = chunk.indexOf(0x0a);
      let found = 0;
      while (at !== -1) {
        found += 1;
        at = chunk.indexOf(0x0a, at + 1);
      }
      if (found > 0) {
        lines += found;
        options.onLine?.(lines);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const abort = (): void => {
      child.kill('SIGTERM');
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', reject);
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', abort);
      if (code !== 0 && !options.signal?.aborted) {
        reject(new Error(`docker ${args.join(' ')} exited with ${code}: ${stderr.trim()}`));
        return;
      }
      resolve({ code, lines });
    });
  });
}

// ---- the event benchmarks ----

/**
 * Creates containers (not started, `--network none`, eight requests at a time) until `count` of the benchmark's
 * label `group` exist; the names are `<group>-00042`.
 */
export async function seedContainers(client: Dockerode, group: string, count: number): Promise<void> {
  const existing = await client.listContainers({
    all: true,
    filters: { label: [`${BENCH_LABEL}=${group}`] },
  });
  let next = existing.length;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      await client.createContainer({
        name: `${group}-${String(index).padStart(5, '0')}`,
        Image: FIXTURE_IMAGE,
        Cmd: ['true'],
        Labels: { [BENCH_LABEL]: group },
        HostConfig: { NetworkMode: 'none' },
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** The load average over 1, 5 and 15 minutes, as `uptime` prints it (the figures depend on it). */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
}
