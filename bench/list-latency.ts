import http from 'node:http';

import type Dockerode from 'dockerode';

import { ContainerService } from '../electron/main/docker/containers/container-service';
import { FIXTURE_IMAGE } from '../test/rig/private-daemon';
import {
  BENCH_LABEL,
  connectEngines,
  inMs,
  printHeading,
  printRatios,
  printTimings,
  type Rounds,
  summarizeAll,
  timeRotating,
  withBenchDaemon,
  writeResults,
} from './support';

/** What one run measures; see bench/README.md. */
export interface ListLatencyOptions extends Rounds {
  containers: number;
}

type VariantName = 'raw' | 'coreCold' | 'coreColdIpc' | 'coreWarm';

const variantLabels: Record<VariantName, string> = {
  raw: 'raw Engine API (http.request + JSON.parse)',
  coreCold: 'ContainerService.list, cold snapshot',
  coreColdIpc: '… + IPC envelope (structuredClone)',
  coreWarm: 'ContainerService.list, fresh snapshot',
};

/** `GET /containers/json?all=1` with nothing but Node's http (keep-alive) and JSON.parse: the floor. */
export function rawList(socketPath: string, agent: http.Agent): Promise<{ count: number; bytes: number }> {
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

export async function createContainers(client: Dockerode, count: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      await client.createContainer({
        name: `bench-${String(index).padStart(5, '0')}`,
        Image: FIXTURE_IMAGE,
        Cmd: ['true'],
        Labels: { [BENCH_LABEL]: 'list-latency' },
        HostConfig: { NetworkMode: 'none' },
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Runs the benchmark; prints a table and writes `bench/results/list-latency-<time>.json`. */
export async function main(options: ListLatencyOptions): Promise<void> {
  const { containers, iterations } = options;
  console.log(`[bench] starting a private dockerd and creating ${containers} containers (--network none)…`);
  await withBenchDaemon(async (daemon, client) => {
    const setupStarted = performance.now();
    await createContainers(client, containers);
    console.log(`[bench] created in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

    const engines = await connectEngines(daemon.host);
    const warmService = new ContainerService(engines);
    const rawAgent = new http.Agent({ keepAlive: true });

    const expect = (name: VariantName, count: number): void => {
      if (count !== containers) throw new Error(`${name} saw ${count} containers, expected ${containers}`);
    };
    let bytes = 0;
    const measure: Record<VariantName, () => Promise<void>> = {
      raw: async () => {
        const result = await rawList(daemon.socketPath, rawAgent);
        bytes = result.bytes;
        expect('raw', result.count);
      },
      coreCold: async () => {
        // A new service has no snapshot: list() is one fetch, the mapping and the diff.
        const service = new ContainerService(engines);
        try {
          expect('coreCold', (await service.list('local')).items.length);
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
          expect('coreColdIpc', cloned.value.items.length);
        } finally {
          service.dispose();
        }
      },
      coreWarm: async () => expect('coreWarm', (await warmService.list('local')).items.length),
    };
    const samples = await timeRotating(measure, options);

    warmService.dispose();
    await engines.dispose();
    rawAgent.destroy();

    const summaries = summarizeAll(samples);
    const ratio = {
      'core cold / raw (median)': summaries.coreCold.median / summaries.raw.median,
      'core cold / raw (p95)': summaries.coreCold.p95 / summaries.raw.p95,
      'core cold + IPC / raw (median)': summaries.coreColdIpc.median / summaries.raw.median,
    };
    printHeading(
      `list latency, ${containers} containers, ${bytes} bytes per list, ${iterations} iterations each`,
    );
    printTimings(variantLabels, summaries);
    printRatios(ratio);
    const results = Object.fromEntries(
      Object.entries(summaries).map(([name, summary]) => [name, inMs(summary)]),
    );
    await writeResults('list-latency', { options, responseBytes: bytes, results, ratio }, client);
  });
}
