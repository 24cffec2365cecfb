// The fleet benchmark (opt-in: `node bench/run.mjs --only fleet [--fleet-hosts 50 --fleet-containers 1000]`):
// the built app against N simulated daemons (bench/fleet/simulator.ts), the goals of issue #16 as ratios against
// the same run's no-host and single-host figures. See bench/README.md § fleet.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BerthApp } from '../../test/e2e/harness';
import { printHeading, printRatios, printTable, summarize, type Summary, writeResults } from '../support';
import {
  fleetHostId,
  launchWithFleet,
  mainHeapMB,
  mainLoopDelay,
  removeHosts,
  setWindowVisible,
  showAllHosts,
} from './fleet-app';
import { type SimulatedDaemon, startFleet } from './simulator';

export interface FleetOptions {
  hosts: number;
  containers: number;
  /** Events per second spread over every host, and for how long. */
  eventsPerSecond: number;
  eventSeconds: number;
  hiddenSeconds: number;
}

/** Only the page globals the sampler touches (the node tsconfig has no DOM types). */
interface PageGlobals {
  PerformanceObserver: new (callback: (list: { getEntries(): Array<{ duration: number }> }) => void) => {
    observe(options: { type: string }): void;
  };
  document: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
  __fleetLongTasks?: number[];
}

async function withApp<T>(
  daemons: readonly SimulatedDaemon[],
  body: (app: BerthApp) => Promise<T>,
): Promise<T> {
  const app = await launchWithFleet(daemons);
  try {
    return await body(app);
  } finally {
    await app.close();
  }
}

/** A probe row not updated within this is counted as missed. */
const PROBE_TIMEOUT_MS = 10_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts collecting long tasks in the page; read them back with {@link readLongTasks}. */
async function watchLongTasks(app: BerthApp): Promise<void> {
  await app.window.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    page.__fleetLongTasks = [];
    new page.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) page.__fleetLongTasks?.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
}

async function readLongTasks(app: BerthApp): Promise<number[]> {
  return app.window.evaluate(() => (globalThis as unknown as PageGlobals).__fleetLongTasks ?? []);
}

/** Does the row of container `name` show the state `running` (`Up …`) or not (`Exited …`)? */
async function waitForRowState(app: BerthApp, name: string, running: boolean): Promise<void> {
  await app.window.waitForFunction(
    ([wanted, up]) => {
      const page = globalThis as unknown as PageGlobals;
      const rows = page.document.querySelectorAll('[role="row"]');
      for (let i = 0; i < rows.length; i += 1) {
        const text = rows[i]?.textContent ?? '';
        if (text.includes(wanted)) return up ? /\bUp\b|running/i.test(text) : /Exited|exited/.test(text);
      }
      return false;
    },
    [name, running] as const,
    { timeout: PROBE_TIMEOUT_MS, polling: 'raf' },
  );
}

/** 500 events/s spread over every host, with probe toggles on rows on screen timed to the DOM. */
async function eventLoad(
  app: BerthApp,
  daemons: readonly SimulatedDaemon[],
  options: FleetOptions,
): Promise<EventLoadResult> {
  // The probes: the first container of the first hosts, found by a search that shows only them.
  await app.window.getByLabel('Search containers').fill('svc-00000');
  const probes = daemons.slice(0, Math.min(8, daemons.length)).map((d) => d.containerIds[0]);
  const background = daemons.map((d) => d.containerIds.slice(1));
  const heapBefore = await mainHeapMB(app);
  await watchLongTasks(app);
  let stop = false;
  const perTick = Math.max(1, Math.round(options.eventsPerSecond / 50));
  const pump = (async () => {
    let n = 0;
    while (!stop) {
      for (let i = 0; i < perTick; i += 1) {
        const host = n % daemons.length;
        const ids = background[host];
        daemons[host].toggle(ids[(n * 7919) % ids.length]);
        n += 1;
      }
      await sleep(20);
    }
    return n;
  })();
  const lags: number[] = [];
  const loopDelay = mainLoopDelay(app, options.eventSeconds * 1000 - 2000);
  const end = performance.now() + options.eventSeconds * 1000;
  let turn = 0;
  let missed = 0;
  while (performance.now() < end) {
    const host = turn % probes.length;
    const daemon = daemons[host];
    const started = performance.now();
    const action = daemon.toggle(probes[host]);
    // A row that never catches up counts as the probe timeout (and as missed), not as a crash of the benchmark.
    const shown = await waitForRowState(app, daemon.containerName(probes[host])!, action === 'start').then(
      () => true,
      () => false,
    );
    if (!shown) missed += 1;
    lags.push(performance.now() - started);
    turn += 1;
    await sleep(200);
  }
  stop = true;
  const sent = await pump;
  const loop = await loopDelay;
  console.log(
    `[fleet] ${sent} background events in ${options.eventSeconds} s, ${lags.length} probes, ${missed} missed (> ${PROBE_TIMEOUT_MS} ms)`,
  );
  const heapAfter = await mainHeapMB(app);
  await app.window.getByLabel('Search containers').fill('');
  return { lag: summarize(lags), longTasks: await readLongTasks(app), heapBefore, heapAfter, loop };
}

/** Hidden window: what Berth asks each host for while nobody looks (a few events still arrive). */
async function hidden(
  app: BerthApp,
  daemons: readonly SimulatedDaemon[],
  seconds: number,
): Promise<Record<string, number>> {
  await setWindowVisible(app, false);
  await sleep(1000);
  for (const daemon of daemons) daemon.requests.clear();
  const end = Date.now() + seconds * 1000;
  let n = 0;
  while (Date.now() < end) {
    const daemon = daemons[n % daemons.length];
    daemon.toggle(daemon.containerIds[1 + (n % 50)]);
    n += 1;
    await sleep(100);
  }
  const total: Record<string, number> = {};
  for (const daemon of daemons) {
    for (const [route, count] of daemon.requests) total[route] = (total[route] ?? 0) + count;
  }
  await setWindowVisible(app, true);
  return total;
}

export async function main(options: FleetOptions): Promise<void> {
  const { hosts, containers } = options;
  const dir = await mkdtemp(join(tmpdir(), 'berth-fleet-'));
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  printHeading(`fleet: ${hosts} hosts × ${containers} containers (load ${load})`);
  const daemons = await startFleet(dir, hosts, { containers });
  try {
    const heapNone = await withApp([], async (app) => {
      await sleep(3000);
      return mainHeapMB(app);
    });
    const single = await withApp(daemons.slice(0, 1), async (app) => ({
      ms: await showAllHosts(app, containers, 1),
      heap: await mainHeapMB(app),
    }));
    const half = Math.floor(hosts / 2);
    const halfHeap = await withApp(daemons.slice(0, hosts - half), async (app) => {
      await showAllHosts(app, containers * (hosts - half), hosts - half);
      return mainHeapMB(app);
    });
    const fleet = await withApp(daemons, async (app) => {
      const ms = await showAllHosts(app, containers * hosts, hosts);
      const heap = await mainHeapMB(app);
      console.log(`[fleet] window → all rows ${ms.toFixed(0)} ms; main heap ${heap.toFixed(1)} MB`);
      const events = await eventLoad(app, daemons, options);
      const hiddenRequests = await hidden(app, daemons, options.hiddenSeconds);
      await removeHosts(
        app,
        Array.from({ length: half }, (_, i) => fleetHostId(hosts - half + i)),
      );
      await showAllHosts(app, containers * (hosts - half), hosts - half);
      await sleep(2000);
      return { ms, heap, events, hiddenRequests, heapAfterRemove: await mainHeapMB(app) };
    });
    report(options, { heapNone, single, halfHeap, fleet, load });
  } finally {
    await Promise.all(daemons.map((d) => d.stop()));
    await rm(dir, { recursive: true, force: true });
  }
}

interface EventLoadResult {
  lag: Summary;
  longTasks: number[];
  heapBefore: number;
  heapAfter: number;
  loop: { p99: number; max: number };
}

interface FleetResults {
  load: string;
  heapNone: number;
  single: { ms: number; heap: number };
  halfHeap: number;
  fleet: {
    ms: number;
    heap: number;
    events: EventLoadResult;
    hiddenRequests: Record<string, number>;
    heapAfterRemove: number;
  };
}

function report(options: FleetOptions, r: FleetResults): void {
  const { heapNone, single, halfHeap, fleet } = r;
  const listRequests = Object.entries(fleet.hiddenRequests)
    .filter(([route]) => !/_ping|\/events$/.test(route))
    .reduce((sum, [, n]) => sum + n, 0);
  printTable(
    ['what', 'value'],
    [
      ['window → All hosts rows of every host (ms)', fleet.ms.toFixed(0)],
      ['window → rows, one host (ms)', single.ms.toFixed(0)],
      [
        'main heap: no host / one host / fleet (MB)',
        `${heapNone.toFixed(1)} / ${single.heap.toFixed(1)} / ${fleet.heap.toFixed(1)}`,
      ],
      [
        'row lag under load p50 / p95 (ms)',
        `${fleet.events.lag.median.toFixed(0)} / ${fleet.events.lag.p95.toFixed(0)}`,
      ],
      [
        'renderer long tasks (> 50 ms): count / longest',
        `${fleet.events.longTasks.length} / ${Math.max(0, ...fleet.events.longTasks).toFixed(0)}`,
      ],
      [
        'main heap before / after the event load (MB)',
        `${fleet.events.heapBefore.toFixed(1)} / ${fleet.events.heapAfter.toFixed(1)}`,
      ],
      [
        'main event-loop delay p99 / max under load (ms)',
        `${fleet.events.loop.p99.toFixed(1)} / ${fleet.events.loop.max.toFixed(1)}`,
      ],
      [`requests while hidden ${options.hiddenSeconds} s`, JSON.stringify(fleet.hiddenRequests)],
      [
        'main heap: after removing half / fresh start with half (MB)',
        `${fleet.heapAfterRemove.toFixed(1)} / ${halfHeap.toFixed(1)}`,
      ],
    ],
  );
  const ratio = {
    'heap growth fleet / one host': (fleet.heap - heapNone) / Math.max(0.1, single.heap - heapNone),
    'heap after removing half / fresh half': fleet.heapAfterRemove / halfHeap,
    'list requests while hidden': listRequests,
  };
  printRatios(ratio);
  void writeResults('fleet', { options, load: r.load, results: r, ratio });
}
