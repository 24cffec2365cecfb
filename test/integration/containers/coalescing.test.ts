import { afterAll, beforeAll, expect, it } from 'vitest';

import type { ContainersChange } from '../../../electron/common';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import type { DockerEvent } from '../../../electron/main/docker/engine/events';
import {
  type CountingProxy,
  dockerCli,
  pathnameOf,
  type PrivateDaemon,
  skipUnlessRig,
  startCountingProxy,
  startPrivateDaemon,
  waitFor,
} from '../../rig';
import { containerArgs, endpointFor, fastBackoff, uniqueName } from '../helpers';

const GROUP = 'coalescing';
/** The service's default coalescing window (ContainerService, design A-T2). */
const COALESCE_MS = 100;

/**
 * The most coalescing windows events at these times (ms, ascending) can have opened: a window opens on an event
 * while none is open and lasts at least the window, so opening one at each event past the previous one's end
 * gives the most. Taken 2 ms short, as Node's timers may fire up to a millisecond before `performance.now()` says
 * the time is up. The bound follows from the arrival times seen here, not from how fast the machine is.
 */
function mostWindows(times: readonly number[], windowMs: number): number {
  let windows = 0;
  let openUntil = -Infinity;
  for (const time of times) {
    if (time < openUntil) continue;
    windows += 1;
    openUntil = time + windowMs - 2;
  }
  return windows;
}

// A daemon of its own, so no other test's events trigger refreshes while requests are counted.
skipUnlessRig('coalescing of container changes (counting proxy, design H3)', () => {
  let daemon: PrivateDaemon;
  let proxy: CountingProxy;
  let engines: EngineRegistry;
  let service: ContainerService;
  const run = (...args: string[]): Promise<string> => dockerCli(daemon.host, args);

  beforeAll(async () => {
    daemon = await startPrivateDaemon();
    proxy = await startCountingProxy(daemon.socketPath);
    engines = new EngineRegistry([endpointFor(proxy.host)], { backoff: fastBackoff });
    service = new ContainerService(engines);
    engines.start();
    await service.list('local');
  });
  afterAll(async () => {
    service?.dispose();
    await engines?.dispose();
    await proxy?.close();
    await daemon?.stop();
  });

  it('folds a burst of changes into far fewer list requests, each one GET /containers/json with all and no size', async () => {
    const changes: ContainersChange[] = [];
    service.onChanged((change) => changes.push(change));
    const events: DockerEvent[] = [];
    // When each container event arrived: the service hears it in the same dispatch and opens its window then.
    const arrivals: number[] = [];
    engines.onEvent((_engineId, event) => {
      events.push(event);
      if (event.type === 'container') arrivals.push(performance.now());
    });
    proxy.reset();

    const burst = 20;
    const names = Array.from({ length: burst }, (_, index) => uniqueName(`burst${index}`));
    const ids = await Promise.all(names.map((name) => run('create', ...containerArgs(name, GROUP))));
    await run('rm', '-f', ...ids);
    await waitFor(() => events.filter((event) => event.action === 'destroy').length === burst, {
      description: 'every destroy event',
    });
    const snapshot = await service.list('local');
    expect(snapshot.items.filter((item) => names.includes(item.name))).toEqual([]);

    const containerEvents = events.filter((event) => event.type === 'container').length;
    expect(containerEvents).toBe(2 * burst);
    const lists = proxy.requests.filter((request) => pathnameOf(request.path) === '/containers/json');
    expect(lists.length).toBeGreaterThan(0);
    // One list request per coalescing window at most (the last one answers the list() above): the burst is
    // folded however the events were spread in time.
    const windows = mostWindows(arrivals, COALESCE_MS);
    expect(
      lists.length,
      `${lists.length} lists for ${containerEvents} events in ${windows} windows`,
    ).toBeLessThanOrEqual(windows);
    for (const request of lists) {
      const query = new URL(request.path, 'http://x').searchParams;
      expect(['1', 'true']).toContain(query.get('all'));
      expect(query.has('size')).toBe(false);
    }
    // Nothing but list requests went to the daemon: no inspect, no per-container call.
    expect(proxy.requests.filter((request) => pathnameOf(request.path) !== '/containers/json')).toEqual([]);
    // Every pushed change came from one of those requests, revisions without gaps.
    expect(changes.length).toBeLessThanOrEqual(lists.length);
    changes.forEach((change, index) => expect(change.revision).toBe((changes[0]?.revision ?? 0) + index));
  });
});
