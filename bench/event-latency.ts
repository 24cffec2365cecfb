import http from 'node:http';

import type Dockerode from 'dockerode';
import type { Page } from 'playwright-core';

import { launchBerth } from '../test/e2e/harness';
import { FIXTURE_IMAGE } from '../test/rig/private-daemon';
import {
  loadAverage,
  printHeading,
  printRatios,
  printTable,
  seedContainers,
  summarize,
  type Summary,
  withBenchDaemon,
  writeResults,
} from './support';

/** What one run measures; see bench/README.md. */
export interface EventLatencyOptions {
  /** The smaller and the larger number of containers on the daemon. */
  sizes: number[];
  iterations: number;
  warmup: number;
}

/** What the observer touches in the page (the node tsconfig has no DOM types). */
interface ObserverGlobals {
  performance: { timeOrigin: number; now(): number };
  document: {
    body: unknown;
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { attributes: boolean; childList: boolean; subtree: boolean }): void;
  };
  berthBench?: Array<{ state: string; at: number }>;
}

const GROUP = 'bench-latency';
const TARGET = 'bench-latency-target';

/** The time of one state change of the target: its event, the bare client's answer, the row in the window. */
interface Sample {
  action: 'start' | 'die';
  eventAt: number;
  bareDoneAt?: number;
}

/**
 * The floor: a bare `/events` client that, on each event of the target, asks for that one container
 * (`/containers/json?all=1&filters={"id":[…]}`) with Node's http, as the least any live list must do.
 */
function bareClient(socketPath: string, targetId: string, onDone: (sample: Sample) => void): () => void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const filters = encodeURIComponent(JSON.stringify({ type: ['container'], container: [targetId] }));
  const small = `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ id: [targetId] }))}`;
  let buffer = '';
  const request = http.get({ socketPath, path: `/events?filters=${filters}` }, (response) => {
    response.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const event = JSON.parse(line) as { Action: string; timeNano: number };
        if (event.Action !== 'start' && event.Action !== 'die') continue;
        const sample: Sample = { action: event.Action, eventAt: event.timeNano / 1e6 };
        http
          .get({ socketPath, path: small, agent }, (answer) => {
            answer.resume();
            answer.on('end', () =>
              onDone({ ...sample, bareDoneAt: performance.timeOrigin + performance.now() }),
            );
          })
          .on('error', () => undefined);
      }
    });
  });
  request.on('error', () => undefined);
  return () => {
    request.destroy();
    agent.destroy();
  };
}

/** Records, in the page, when the target's row shows a new state (epoch ms, the page's clock). */
async function observeRow(page: Page, id: string): Promise<void> {
  await page.evaluate((targetId) => {
    const page = globalThis as unknown as ObserverGlobals;
    page.berthBench = [];
    let last: string | null | undefined;
    // The row may be updated in place or drawn anew: look at it after every mutation.
    new page.MutationObserver(() => {
      const state = page.document
        .querySelector(`[data-container-id="${targetId}"]`)
        ?.getAttribute('data-state');
      if (state === last) return;
      last = state;
      page.berthBench?.push({ state: state ?? '', at: page.performance.timeOrigin + page.performance.now() });
    }).observe(page.document.body, { attributes: true, childList: true, subtree: true });
  }, id);
}

interface RoundsAt {
  containers: number;
  app: Summary;
  bare: Summary;
}

/** Starts and kills the target `warmup + iterations` times; the latencies of the measured ones. */
async function measure(
  page: Page,
  client: Dockerode,
  socketPath: string,
  id: string,
  options: EventLatencyOptions,
) {
  const bareDone: Sample[] = [];
  const stop = bareClient(socketPath, id, (sample) => bareDone.push(sample));
  const app: number[] = [];
  const bare: number[] = [];
  const row = page.locator(`[data-testid="container-row"][data-container-id="${id}"]`);
  try {
    for (let round = 0; round < options.warmup + options.iterations; round++) {
      for (const [action, state] of [
        ['start', 'running'],
        ['die', 'exited'],
      ] as const) {
        const seen = await page.evaluate(
          () => (globalThis as unknown as ObserverGlobals).berthBench?.length ?? 0,
        );
        const before = bareDone.length;
        if (action === 'start') await client.getContainer(id).start();
        else await client.getContainer(id).kill();
        await page
          .locator(`[data-testid="container-row"][data-container-id="${id}"][data-state="${state}"]`)
          .waitFor();
        while (!bareDone.slice(before).some((sample) => sample.action === action)) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const sample = bareDone.slice(before).find((entry) => entry.action === action);
        const shown = await page.evaluate(
          ([from, wanted]) =>
            (globalThis as unknown as ObserverGlobals).berthBench
              ?.slice(from)
              .find((entry) => entry.state === wanted)?.at,
          [seen, state] as const,
        );
        if (round >= options.warmup && sample !== undefined && shown !== undefined) {
          app.push(shown - sample.eventAt);
          bare.push((sample.bareDoneAt ?? NaN) - sample.eventAt);
        }
      }
    }
    await row.waitFor();
  } finally {
    stop();
  }
  return { app: summarize(app), bare: summarize(bare) };
}

/**
 * Runs the benchmark: the real app (the built bundles under the e2e harness) against a private daemon, the
 * containers list searched down to one target container; the target is started and killed, and the time from the
 * daemon's event (its `timeNano`) to the row's new state in the window is compared with a bare `/events` client
 * that asks for that one container. Prints a table and writes `bench/results/event-latency-<time>.json`.
 */
export async function main(options: EventLatencyOptions): Promise<void> {
  const { sizes } = options;
  console.log(`[bench] event-latency: a private dockerd, the app, ${sizes.join(' then ')} containers…`);
  await withBenchDaemon(async (daemon, client) => {
    const id = (
      await client.createContainer({
        name: TARGET,
        Image: FIXTURE_IMAGE,
        Cmd: ['sleep', '3600'],
        HostConfig: { NetworkMode: 'none' },
      })
    ).id;
    await seedContainers(client, GROUP, sizes[0] ?? 100);
    const app = await launchBerth({ env: { DOCKER_HOST: daemon.host } });
    const results: RoundsAt[] = [];
    try {
      const page = app.window;
      await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor();
      await page.getByRole('textbox', { name: 'Search containers' }).fill(TARGET);
      await page.locator(`[data-testid="container-row"][data-container-id="${id}"]`).waitFor();
      await observeRow(page, id);
      for (const size of sizes) {
        const started = performance.now();
        await seedContainers(client, GROUP, size - 1);
        console.log(
          `[bench] ${size} containers (seeded in ${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
        const measured = await measure(page, client, daemon.socketPath, id, options);
        results.push({ containers: size, ...measured });
      }
    } finally {
      await app.close();
    }
    const load = loadAverage();
    printHeading(`daemon event → row updated in the window (start and die), load average ${load}`);
    printTable(
      ['containers', 'path', 'p50 ms', 'p95 ms', 'mean ms', 'max ms', 'n'],
      results.flatMap((result) =>
        (
          [
            ['Berth window', result.app],
            ['bare /events + one small request', result.bare],
          ] as const
        ).map(([label, summary]) => [
          String(result.containers),
          label,
          summary.median.toFixed(1),
          summary.p95.toFixed(1),
          summary.mean.toFixed(1),
          summary.max.toFixed(1),
          String(summary.n),
        ]),
      ),
    );
    const ratio: Record<string, number> = {};
    for (const result of results) {
      ratio[`p50 window / bare, ${result.containers}`] = result.app.median / result.bare.median;
      ratio[`p95 window / bare, ${result.containers}`] = result.app.p95 / result.bare.p95;
    }
    printRatios(ratio);
    await writeResults('event-latency', { options, loadAverage: load, unit: 'ms', results, ratio }, client);
  });
}
