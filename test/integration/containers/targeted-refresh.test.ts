import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import type { ContainersChange } from '../../../electron/common';
import { ContainerInventory } from '../../../electron/main/docker/containers/container-inventory';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import type { DockerEvent } from '../../../electron/main/docker/engine/events';
import { NetworkService } from '../../../electron/main/docker/networks/network-service';
import { VolumeService } from '../../../electron/main/docker/volumes/volume-service';
import {
  type CountingProxy,
  dockerCli,
  pathnameOf,
  type PrivateDaemon,
  type ProxiedRequest,
  skipUnlessRig,
  startCountingProxy,
  startPrivateDaemon,
  waitFor,
} from '../../rig';
import { containerArgs, endpointFor, fastBackoff, uniqueName } from '../helpers';

const GROUP = 'targeted-refresh';

/** The `filters` of a request, parsed (`undefined` when it has none). */
function filtersOf(request: ProxiedRequest): Record<string, string[]> | undefined {
  const filters = new URL(request.path, 'http://x').searchParams.get('filters');
  return filters === null ? undefined : (JSON.parse(filters) as Record<string, string[]>);
}

// A daemon of its own, so no other test's events cause requests while they are counted. The CLI talks to the
// daemon directly; only the code under test goes through the counting proxy.
skipUnlessRig('targeted refresh of the lists (counting proxy)', () => {
  let daemon: PrivateDaemon;
  let proxy: CountingProxy;
  let engines: EngineRegistry;
  let service: ContainerService;
  let inventory: ContainerInventory;
  let volumes: VolumeService;
  let networks: NetworkService;
  let events: DockerEvent[];
  const run = (...args: string[]): Promise<string> => dockerCli(daemon.host, args);
  const lists = (pathname = '/containers/json'): ProxiedRequest[] =>
    proxy.requests.filter((request) => request.method === 'GET' && pathnameOf(request.path) === pathname);
  const row = (id: string) => service['containers'].cached('local').find((item) => item.id === id);
  const seen = (action: string, id: string): boolean =>
    events.some((event) => event.action === action && event.actorId === id);

  beforeAll(async () => {
    daemon = await startPrivateDaemon();
    proxy = await startCountingProxy(daemon.socketPath);
    engines = new EngineRegistry([endpointFor(proxy.host)], { backoff: fastBackoff });
    service = new ContainerService(engines);
    inventory = new ContainerInventory(engines, service);
    volumes = new VolumeService(engines, inventory);
    networks = new NetworkService(engines, inventory);
    events = [];
    // Subscribed after the services: once this listener has an event, they have handled it too.
    engines.onEvent((_engineId, event) => events.push(event));
    engines.start();
    await service.list('local');
  });
  afterAll(async () => {
    networks?.dispose();
    volumes?.dispose();
    inventory?.dispose();
    service?.dispose();
    await engines?.dispose();
    await proxy?.close();
    await daemon?.stop();
  });
  beforeEach(() => {
    proxy.release();
  });

  async function created(prefix: string): Promise<string> {
    const id = await run('create', ...containerArgs(uniqueName(prefix), GROUP));
    await waitFor(() => row(id) !== undefined, { description: `the row of ${prefix}` });
    return id;
  }

  it('a destroy event drops the row without any request', async () => {
    const id = await created('destroy');
    proxy.reset();
    await run('rm', id);
    await waitFor(() => seen('destroy', id), { description: 'the destroy event' });
    expect(row(id)).toBeUndefined();
    expect(lists()).toEqual([]);
    expect((await service.list('local')).items.some((item) => item.id === id)).toBe(false);
    expect(lists()).toEqual([]);
  });

  it('a start event refreshes exactly that container: one request carrying its id, not the whole list', async () => {
    const id = await created('start');
    proxy.reset();
    await run('start', id);
    await waitFor(() => row(id)?.state === 'running', { description: 'the row running' });
    const requests = lists();
    expect(requests).toHaveLength(1);
    const query = new URL(requests[0]?.path ?? '', 'http://x').searchParams;
    expect(filtersOf(requests[0])).toEqual({ id: [id] });
    expect(['1', 'true']).toContain(query.get('all'));
    expect(query.has('size')).toBe(false);
    // Nothing else either: no inspect, no other list.
    expect(proxy.requests.filter((request) => pathnameOf(request.path) !== '/_ping')).toEqual(requests);
    await run('rm', '-f', id);
  });

  it('a burst: never two requests in flight; what arrives during one is fetched together in the next', async () => {
    const burst = 20;
    const names = Array.from({ length: burst }, (_, index) => uniqueName(`burst${index}`));
    proxy.reset();
    // Held: the first (leading-edge) request cannot return until every create has been seen.
    proxy.hold();
    const ids = await Promise.all(names.map((name) => run('create', ...containerArgs(name, GROUP))));
    await waitFor(() => ids.every((id) => seen('create', id)), { description: 'every create event' });
    expect(lists()).toHaveLength(1);
    proxy.release();
    await waitFor(() => ids.every((id) => row(id) !== undefined), { description: 'every row' });
    // The ids seen before the first request left went in it (at least the first); all others in one more.
    const asked = lists().map((request) => filtersOf(request)?.id ?? []);
    expect(asked.length).toBeLessThanOrEqual(2);
    expect(asked.flat().sort()).toEqual([...ids].sort());
    await run('rm', ...ids);
  });

  it('removing 100 containers: no request at all, and the count only ever goes down, one by one', async () => {
    const count = 100;
    const ids: string[] = [];
    for (let at = 0; at < count; at += 10) {
      const batch = Array.from({ length: Math.min(10, count - at) }, (_, index) =>
        run('create', ...containerArgs(uniqueName(`many${at + index}`), GROUP)),
      );
      ids.push(...(await Promise.all(batch)));
    }
    await waitFor(() => ids.every((id) => row(id) !== undefined), { description: 'every row' });
    const ours = new Set(ids);
    const before = (await service.list('local')).items.filter((item) => ours.has(item.id)).length;
    expect(before).toBe(count);
    const changes: ContainersChange[] = [];
    const off = service.onChanged((change) => changes.push(change));
    proxy.reset();
    await run('rm', ...ids);
    await waitFor(() => ids.every((id) => row(id) === undefined), { description: 'every row gone' });
    off();
    expect(lists()).toEqual([]);
    // The revision contract: consecutive revisions, removals only, each of one of ours.
    let shown = count;
    const counts: number[] = [];
    changes.forEach((change, index) => {
      expect(change.revision).toBe((changes[0]?.revision ?? 0) + index);
      expect(change.upserted).toEqual([]);
      for (const id of change.removed) expect(ours.has(id)).toBe(true);
      shown -= change.removed.length;
      counts.push(shown);
    });
    expect(counts).toEqual(Array.from({ length: count }, (_, index) => count - 1 - index));
  });

  it('a reconnect lists everything again (events may have been missed meanwhile)', async () => {
    await service.list('local');
    proxy.reset();
    proxy.cutAll();
    await waitFor(() => engines.info('local').status.state !== 'connected', { description: 'the cut' });
    // Created while Berth cannot hear: only the full list can know it.
    const id = await run('create', ...containerArgs(uniqueName('missed'), GROUP));
    proxy.resume();
    await waitFor(() => row(id) !== undefined, { description: 'the missed container listed' });
    const requests = lists();
    expect(requests.length).toBeGreaterThan(0);
    expect(filtersOf(requests[0])).toBeUndefined();
    await run('rm', id);
  });

  it('volumes and networks: a create fetches that one by name or id, a removal asks nothing', async () => {
    await volumes.list('local');
    await networks.list('local');
    proxy.reset();
    const volume = uniqueName('vol');
    await run('volume', 'create', volume);
    await waitFor(async () => (await volumes.list('local')).items.some((item) => item.name === volume));
    expect(lists('/volumes').map(filtersOf)).toEqual([{ name: [volume] }]);
    const network = await run('network', 'create', uniqueName('net'));
    await waitFor(async () => (await networks.list('local')).items.some((item) => item.id === network));
    expect(lists('/networks').map(filtersOf)).toEqual([{ id: [network] }]);

    proxy.reset();
    await run('volume', 'rm', volume);
    await run('network', 'rm', network);
    await waitFor(() => seen('destroy', volume) && seen('destroy', network));
    expect((await volumes.list('local')).items.some((item) => item.name === volume)).toBe(false);
    expect((await networks.list('local')).items.some((item) => item.id === network)).toBe(false);
    expect([...lists('/volumes'), ...lists('/networks'), ...lists()]).toEqual([]);
  });
});
