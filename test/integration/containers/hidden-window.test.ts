import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import type { DockerEvent } from '../../../electron/main/docker/engine/events';
import { ListDemand } from '../../../electron/main/docker/lists/list-demand';
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

const GROUP = 'hidden-window';

// While the window is hidden the lists ask the daemon nothing on behalf of events (a fleet of 50 hosts stays at
// heartbeats); the rows still follow what the events say, so the tray is right, and the exact rows are fetched
// once when the window is shown. A daemon of its own, so only this test's events are counted.
skipUnlessRig('lists while the window is hidden (counting proxy)', () => {
  let daemon: PrivateDaemon;
  let proxy: CountingProxy;
  let engines: EngineRegistry;
  let service: ContainerService;
  let demand: ListDemand;
  let events: DockerEvent[];
  const run = (...args: string[]): Promise<string> => dockerCli(daemon.host, args);
  const lists = (): ProxiedRequest[] =>
    proxy.requests.filter(
      (request) => request.method === 'GET' && pathnameOf(request.path) === '/containers/json',
    );
  const row = (id: string) => service['containers'].cached('local').find((item) => item.id === id);
  const seen = (action: string, id: string): boolean =>
    events.some((event) => event.action === action && event.actorId === id);

  beforeAll(async () => {
    daemon = await startPrivateDaemon();
    proxy = await startCountingProxy(daemon.socketPath);
    engines = new EngineRegistry([endpointFor(proxy.host)], { backoff: fastBackoff });
    demand = new ListDemand();
    service = new ContainerService(engines, { demand });
    events = [];
    engines.onEvent((_engineId, event) => events.push(event));
    engines.start();
    await service.list('local');
  });
  afterAll(async () => {
    service?.dispose();
    await engines?.dispose();
    await proxy?.close();
    await daemon?.stop();
  });
  beforeEach(() => {
    proxy.release();
    demand.setWindowVisible(true);
  });

  it('hidden: start and stop change the rows from the events alone, with no list request', async () => {
    const id = await run('create', ...containerArgs(uniqueName('hidden'), GROUP));
    await waitFor(() => row(id) !== undefined, { description: 'the created row' });
    demand.setWindowVisible(false);
    proxy.reset();
    await run('start', id);
    await waitFor(() => row(id)?.state === 'running', { description: 'the row running' });
    await run('kill', id);
    await waitFor(() => seen('die', id), { description: 'the die event' });
    await waitFor(() => row(id)?.state === 'exited', { description: 'the row exited' });
    expect(row(id)?.status).toMatch(/^Exited \(137\)/);
    // A list asked for meanwhile (the tray, the joins of images/volumes/networks) answers from memory.
    expect((await service.list('local')).items.find((item) => item.id === id)?.state).toBe('exited');
    expect(lists()).toEqual([]);
  });

  it('shown again: one targeted request brings the daemon’s exact rows', async () => {
    const id = await run('create', ...containerArgs(uniqueName('shown'), GROUP));
    await waitFor(() => row(id) !== undefined, { description: 'the created row' });
    demand.setWindowVisible(false);
    await run('start', id);
    await waitFor(() => row(id)?.state === 'running', { description: 'the patched row' });
    proxy.reset();
    demand.setWindowVisible(true);
    await waitFor(() => lists().length === 1, { description: 'the fetch on show' });
    const filters = new URL(lists()[0].path, 'http://x').searchParams.get('filters');
    expect(JSON.parse(filters ?? '{}')).toEqual({ id: [id] });
    await waitFor(() => /^Up \d|^Up Less/.test(row(id)?.status ?? ''), {
      description: 'the daemon’s status',
    });
    await run('rm', '-f', id);
  });

  it('an explicit list while hidden still asks the daemon', async () => {
    demand.setWindowVisible(false);
    proxy.reset();
    await service.refreshNow('local');
    expect(lists().length).toBe(1);
  });
});
