import http from 'node:http';

import { launchBerth } from '../test/e2e/harness';
import { createContainers, rawList } from './list-latency';
import {
  printRatios,
  printTimings,
  rotate,
  type Rounds,
  summarizeAll,
  withBenchDaemon,
  writeResults,
} from './support';

/** What one run measures; see bench/README.md. */
export interface StartupOptions extends Rounds {
  containers: number;
}

type Name = 'raw' | 'loadedToRows' | 'navigationToRows';
const labels: Record<Name, string> = {
  raw: 'raw Engine API: GET /containers/json?all=1 on a fresh connection',
  loadedToRows: 'window loaded (DOMContentLoaded) → first container rows',
  navigationToRows: 'window navigation start → first container rows',
};

/** The page's own clock: its navigation entry and the app's `berth:first-rows` mark (ContainerTable). */
interface PageTimes {
  domContentLoaded: number;
  firstRows: number | undefined;
}

/**
 * Launches the built app (the e2e harness: the real main and preload bundles, the renderer in headless Chromium)
 * against a private daemon holding `containers` containers, `iterations` times, and reads in the window when its
 * first container rows were committed (the `berth:first-rows` performance mark) against its DOMContentLoaded; the
 * floor is the raw list request on a new connection, timed between launches.
 */
export async function main(options: StartupOptions): Promise<void> {
  await withBenchDaemon(async (daemon, client) => {
    await createContainers(client, options.containers);
    const samples: Record<Name, number[]> = { raw: [], loadedToRows: [], navigationToRows: [] };
    await rotate(['launch'], options, async (_name, measured) => {
      const app = await launchBerth({ env: { DOCKER_HOST: daemon.host } });
      try {
        const page = app.window;
        await page.locator('[data-testid="container-row"]').first().waitFor({ timeout: 60_000 });
        const times = await page.evaluate((): PageTimes => {
          const scope = globalThis as unknown as {
            performance: {
              getEntriesByType(type: string): { domContentLoadedEventEnd: number }[];
              getEntriesByName(name: string): { startTime: number }[];
            };
          };
          return {
            domContentLoaded:
              scope.performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? 0,
            firstRows: scope.performance.getEntriesByName('berth:first-rows')[0]?.startTime,
          };
        });
        if (times.firstRows === undefined) throw new Error('the window set no berth:first-rows mark');
        if (measured) {
          samples.loadedToRows.push(times.firstRows - times.domContentLoaded);
          samples.navigationToRows.push(times.firstRows);
        }
      } finally {
        await app.close();
      }
      // The floor, as the app pays it at launch: a new connection, one list request, JSON.parse.
      const agent = new http.Agent({ keepAlive: false });
      const started = performance.now();
      const { count } = await rawList(daemon.socketPath, agent);
      if (measured) samples.raw.push(performance.now() - started);
      agent.destroy();
      if (count < options.containers) throw new Error(`listed ${count} of ${options.containers} containers`);
    });
    const stats = summarizeAll(samples);
    console.log(`\nLaunch → first rows, ${options.containers} containers, ${options.iterations} launches:\n`);
    printTimings(labels, stats);
    const ratio = {
      'loaded → rows minus raw list, ms (median)': stats.loadedToRows.median - stats.raw.median,
      'loaded → rows / raw list (median)': stats.loadedToRows.median / stats.raw.median,
    };
    printRatios(ratio);
    await writeResults('startup', { options, labels, stats, ratio }, client);
  });
}
