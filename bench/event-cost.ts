import type Dockerode from 'dockerode';

import { ContainerService } from '../electron/main/docker/containers/container-service';
import { resolveLocalEndpoint } from '../electron/main/docker/engine/endpoint';
import { EngineRegistry } from '../electron/main/docker/engine/engine-registry';
import { waitFor } from '../test/rig';
import { type CountingProxy, pathnameOf, startCountingProxy } from '../test/rig/counting-proxy';
import { FIXTURE_IMAGE } from '../test/rig/private-daemon';
import {
  loadAverage,
  printHeading,
  printRatios,
  printTable,
  seedContainers,
  withBenchDaemon,
  writeResults,
} from './support';

/** What one run measures; see bench/README.md. */
export interface EventCostOptions {
  /** The smaller and the larger number of containers on the daemon. */
  sizes: number[];
  /** Start/kill cycles of one container at each size (4 events each: start, kill, die, and a connect). */
  rounds: number;
}

interface CostAtSize {
  containers: number;
  /** Container events the list heard. */
  events: number;
  requests: number;
  bytes: number;
  requestsPerEvent: number;
  bytesPerEvent: number;
  /** What one whole `GET /containers/json?all=1` weighs at this size (what every event cost before). */
  wholeListBytes: number;
}

const GROUP = 'bench-cost';

/** Measures what the containers list asks of the daemon per event with `containers` on it. */
async function measure(
  client: Dockerode,
  proxy: CountingProxy,
  containers: number,
  target: string,
  rounds: number,
): Promise<CostAtSize> {
  const engines = new EngineRegistry([resolveLocalEndpoint({ DOCKER_HOST: proxy.host }, 'linux', '/')]);
  const service = new ContainerService(engines);
  let events = 0;
  engines.onEvent((_engineId, event) => {
    if (event.type === 'container' && event.actorId === target) events += 1;
  });
  try {
    engines.start();
    await service.list('local');
    proxy.reset();
    const wholeList = await service.refreshNow('local');
    const wholeListBytes = proxy.responseBytes;
    if (wholeList.items.length < containers) throw new Error(`only ${wholeList.items.length} containers`);
    const state = (): string | undefined =>
      service['containers'].cached('local').find((item) => item.id === target)?.state;
    proxy.reset();
    events = 0;
    for (let round = 0; round < rounds; round++) {
      await client.getContainer(target).start();
      await waitFor(() => state() === 'running', { timeoutMs: 30_000, description: 'running' });
      await client.getContainer(target).kill();
      await waitFor(() => state() === 'exited', { timeoutMs: 30_000, description: 'exited' });
    }
    // The last events may still be on their way: every request they cause is counted.
    await service.list('local');
    const requests = proxy.requests.filter(
      (request) => pathnameOf(request.path) === '/containers/json',
    ).length;
    const bytes = proxy.responseBytes;
    return {
      containers,
      events,
      requests,
      bytes,
      requestsPerEvent: requests / events,
      bytesPerEvent: Math.round(bytes / events),
      wholeListBytes,
    };
  } finally {
    service.dispose();
    await engines.dispose();
  }
}

/**
 * Runs the benchmark: the containers list (ContainerService on a registry, through the rig's counting proxy) hears
 * a container start and die `rounds` times at each size; prints the requests and bytes per event and writes
 * `bench/results/event-cost-<time>.json`.
 */
export async function main(options: EventCostOptions): Promise<void> {
  const { sizes, rounds } = options;
  console.log(`[bench] event-cost: a private dockerd, ${sizes.join(' then ')} containers…`);
  await withBenchDaemon(async (daemon, client) => {
    const proxy = await startCountingProxy(daemon.socketPath);
    try {
      const target = (
        await client.createContainer({
          name: 'bench-cost-target',
          Image: FIXTURE_IMAGE,
          Cmd: ['sleep', '3600'],
          HostConfig: { NetworkMode: 'none' },
        })
      ).id;
      const results: CostAtSize[] = [];
      for (const size of sizes) {
        const started = performance.now();
        await seedContainers(client, GROUP, size - 1);
        console.log(
          `[bench] ${size} containers (seeded in ${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
        results.push(await measure(client, proxy, size, target, rounds));
      }
      const load = loadAverage();
      printHeading(`work per container event (start / kill / die), load average ${load}`);
      printTable(
        ['containers', 'events', 'requests', 'requests/event', 'bytes/event', 'one whole list, bytes'],
        results.map((result) => [
          String(result.containers),
          String(result.events),
          String(result.requests),
          result.requestsPerEvent.toFixed(2),
          String(result.bytesPerEvent),
          String(result.wholeListBytes),
        ]),
      );
      const [small, large] = [results[0], results.at(-1)];
      const ratio =
        small !== undefined && large !== undefined
          ? {
              [`bytes per event, ${large.containers} / ${small.containers}`]:
                large.bytesPerEvent / small.bytesPerEvent,
              [`requests per event, ${large.containers} / ${small.containers}`]:
                large.requestsPerEvent / small.requestsPerEvent,
            }
          : {};
      printRatios(ratio);
      await writeResults('event-cost', { options, loadAverage: load, results, ratio }, client);
    } finally {
      await proxy.close();
    }
  });
}
