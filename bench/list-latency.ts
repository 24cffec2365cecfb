import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import Dockerode from 'dockerode';

import { ContainerService } from '../electron/main/docker/container-service';
import { resolveLocalEndpoint } from '../electron/main/docker/endpoint';
import { EngineRegistry } from '../electron/main/docker/engine-registry';
import { FIXTURE_IMAGE, startPrivateDaemon } from '../test/rig/private-daemon';

/** What one run measures; see bench/README.md. */
export interface ListLatencyOptions {
  containers: number;
  iterations: number;
  warmup: number;
}

interface Stats {
  n: number;
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
}

type VariantName = 'raw' | 'coreCold' | 'coreColdIpc' | 'coreWarm';

const variantLabels: Record<VariantName, string> = {
  raw: 'raw Engine API (http.request + JSON.parse)',
  coreCold: 'ContainerService.list, cold snapshot',
  coreColdIpc: '… + IPC envelope (structuredClone)',
  coreWarm: 'ContainerService.list, fresh snapshot',
};

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  return {
    n: sorted.length,
    medianMs: round(
      sorted.length % 2 === 1
        ? (sorted[(sorted.length - 1) / 2] ?? NaN)
        : ((sorted[sorted.length / 2 - 1] ?? NaN) + (sorted[sorted.length / 2] ?? NaN)) / 2,
    ),
    p95Ms: round(at(0.95)),
    meanMs: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
    minMs: round(sorted[0] ?? NaN),
    maxMs: round(sorted.at(-1) ?? NaN),
  };
}

/** `GET /containers/json?all=1` with nothing but Node's http (keep-alive) and JSON.parse: the floor. */
function rawList(socketPath: string, agent: http.Agent): Promise<{ count: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ socketPath, path: '/containers/json?all=1', agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        try {
          const parsed = JSON.parse(body.toString('utf8')) as unknown[];
          resolve({ count: parsed.length, bytes: body.length });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    request.on('error', reject);
  });
}

async function createContainers(client: Dockerode, count: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      await client.createContainer({
        name: `bench-${String(index).padStart(5, '0')}`,
        Image: FIXTURE_IMAGE,
        Cmd: ['true'],
        Labels: { 'berth-bench': 'list-latency' },
        HostConfig: { NetworkMode: 'none' },
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

function printTable(results: Record<VariantName, Stats>, ratio: Record<string, number>): void {
  const rows = (Object.keys(variantLabels) as VariantName[]).map((name) => [
    variantLabels[name],
    results[name].medianMs.toFixed(2),
    results[name].p95Ms.toFixed(2),
    results[name].meanMs.toFixed(2),
    String(results[name].n),
  ]);
  const header = ['path', 'median ms', 'p95 ms', 'mean ms', 'n'];
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
  console.log('');
  for (const [name, value] of Object.entries(ratio)) console.log(`ratio ${name}: ${value.toFixed(3)}`);
}

/** Runs the benchmark; prints a table and writes `bench/results/list-latency-<time>.json`. */
export async function main(options: ListLatencyOptions): Promise<void> {
  const { containers, iterations, warmup } = options;
  console.log(`[bench] starting a private dockerd and creating ${containers} containers (--network none)…`);
  const daemon = await startPrivateDaemon();
  try {
    const setupClient = new Dockerode({ socketPath: daemon.socketPath, host: undefined, timeout: undefined });
    const setupStarted = performance.now();
    await createContainers(setupClient, containers);
    console.log(`[bench] created in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

    const engines = new EngineRegistry([
      resolveLocalEndpoint({ DOCKER_HOST: daemon.host }, process.platform, '/'),
    ]);
    engines.start();
    const info = await engines.ready('local');
    if (info.status.state !== 'connected') throw new Error(`engine not connected: ${info.status.lastError}`);
    const warmService = new ContainerService(engines);
    const rawAgent = new http.Agent({ keepAlive: true });

    let bytes = 0;
    const measure: Record<VariantName, () => Promise<number>> = {
      raw: async () => {
        const result = await rawList(daemon.socketPath, rawAgent);
        bytes = result.bytes;
        return result.count;
      },
      coreCold: async () => {
        // A new service has no snapshot: list() is one fetch, the mapping and the diff.
        const service = new ContainerService(engines);
        try {
          return (await service.list('local')).items.length;
        } finally {
          service.dispose();
        }
      },
      coreColdIpc: async () => {
        const service = new ContainerService(engines);
        try {
          const snapshot = await service.list('local');
          // What ipcMain.handle does with the handler's envelope: the structured clone algorithm.
          const cloned = structuredClone({ ok: true, value: snapshot });
          return cloned.value.items.length;
        } finally {
          service.dispose();
        }
      },
      coreWarm: async () => (await warmService.list('local')).items.length,
    };

    const names = Object.keys(measure) as VariantName[];
    const samples: Record<VariantName, number[]> = { raw: [], coreCold: [], coreColdIpc: [], coreWarm: [] };
    for (let round = 0; round < warmup + iterations; round++) {
      // Interleaved, with the order rotating each round, so drift and caches hit every path alike.
      for (let k = 0; k < names.length; k++) {
        const name = names[(round + k) % names.length];
        const started = performance.now();
        const count = await measure[name]();
        const elapsed = performance.now() - started;
        if (count !== containers) throw new Error(`${name} saw ${count} containers, expected ${containers}`);
        if (round >= warmup) samples[name].push(elapsed);
      }
    }

    warmService.dispose();
    await engines.dispose();
    rawAgent.destroy();

    const results = Object.fromEntries(names.map((name) => [name, stats(samples[name])])) as Record<
      VariantName,
      Stats
    >;
    const ratio = {
      'core cold / raw (median)': results.coreCold.medianMs / results.raw.medianMs,
      'core cold / raw (p95)': results.coreCold.p95Ms / results.raw.p95Ms,
      'core cold + IPC / raw (median)': results.coreColdIpc.medianMs / results.raw.medianMs,
    };
    console.log('');
    console.log(
      `[bench] list latency, ${containers} containers, ${bytes} bytes per list, ${iterations} iterations each`,
    );
    console.log('');
    printTable(results, ratio);

    const here = dirname(fileURLToPath(import.meta.url));
    const outDir = join(here, 'results');
    await mkdir(outDir, { recursive: true });
    const file = join(outDir, `list-latency-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const engine = await setupClient.version();
    await writeFile(
      file,
      `${JSON.stringify(
        {
          benchmark: 'list-latency',
          at: new Date().toISOString(),
          options,
          responseBytes: bytes,
          engine: { version: engine.Version, apiVersion: engine.ApiVersion },
          machine: {
            node: process.version,
            cpus: cpus().length,
            cpuModel: cpus()[0]?.model,
            totalMemBytes: totalmem(),
          },
          results,
          ratio,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\n[bench] results written to ${file}`);
  } finally {
    await daemon.stop();
  }
}
