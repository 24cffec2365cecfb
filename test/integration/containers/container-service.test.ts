import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { type ContainersChange, type ContainerSummary, ErrorCode } from '../../../electron/common';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import {
  type CountingProxy,
  docker,
  pathnameOf,
  rigDockerHost,
  rigSocketPath,
  skipUnlessRig,
  startCountingProxy,
  waitFor,
} from '../../rig';
import {
  activeResources,
  containerArgs,
  dockerPsAll,
  endpointFor,
  fastBackoff,
  leftovers,
  removeGroup,
  uniqueName,
} from '../helpers';

const GROUP = 'container-service';

/**
 * Whether the service's rows match `docker ps -a` (ids, names, states). Other test files change the shared daemon
 * meanwhile, so `docker ps -a` is read before and after the list: a container the two reads agree on must be in
 * the list exactly as they say, and the list may hold nothing that neither read saw.
 */
async function matchesDockerPs(list: () => Promise<readonly ContainerSummary[]>): Promise<boolean> {
  const before = await dockerPsAll();
  const items = await list();
  const after = await dockerPsAll();
  const listed = new Map(items.map((item) => [item.id, item]));
  for (const [id, row] of after) {
    const earlier = before.get(id);
    if (earlier === undefined || earlier.name !== row.name || earlier.state !== row.state) continue;
    const item = listed.get(id);
    if (item === undefined || item.name !== row.name || item.state !== row.state) return false;
  }
  return items.every((item) => before.has(item.id) || after.has(item.id));
}

skipUnlessRig('ContainerService against a real daemon', () => {
  let proxy: CountingProxy;
  let engines: EngineRegistry;
  let service: ContainerService;
  let changes: ContainersChange[];

  beforeAll(async () => {
    proxy = await startCountingProxy(rigSocketPath());
  });
  afterAll(async () => {
    await proxy.close();
    await removeGroup(GROUP);
  });

  beforeEach(async () => {
    engines = new EngineRegistry([endpointFor(proxy.host)], { backoff: fastBackoff });
    service = new ContainerService(engines);
    changes = [];
    service.onChanged((change) => changes.push(change));
    engines.start();
    await engines.ready('local');
  });
  afterEach(async () => {
    service.dispose();
    await engines.dispose();
  });

  /** Applies the pushed changes to the list's rows, as the renderer does, and returns the result. */
  async function replay(): Promise<Map<string, ContainerSummary>> {
    const snapshot = await service.list('local');
    return new Map(snapshot.items.map((item) => [item.id, item]));
  }

  it('lists exactly what `docker ps -a` shows, through one list request and no inspect', async () => {
    const running = await docker('run', '-d', ...containerArgs(uniqueName('running'), GROUP));
    const created = await docker('create', ...containerArgs(uniqueName('created'), GROUP));
    const exited = await docker('run', ...containerArgs(uniqueName('exited'), GROUP, ['true']));
    expect(exited).toBe('');

    const snapshot = await waitFor(
      async () => {
        let current: Awaited<ReturnType<typeof service.list>> | undefined;
        const matches = await matchesDockerPs(async () => {
          current = await service.list('local');
          return current.items;
        });
        return matches ? current : undefined;
      },
      { description: 'the list to match docker ps -a' },
    );
    const byId = new Map(snapshot.items.map((item) => [item.id, item]));
    expect(byId.get(running)?.state).toBe('running');
    expect(byId.get(created)?.state).toBe('created');
    expect(snapshot.engineId).toBe('local');

    const lists = proxy.requests.filter((request) => pathnameOf(request.path) === '/containers/json');
    expect(lists.length).toBeGreaterThan(0);
    for (const request of lists) {
      const query = new URL(request.path, 'http://x').searchParams;
      expect(['1', 'true']).toContain(query.get('all'));
      expect(query.has('size')).toBe(false);
    }
    expect(
      proxy.requests.filter((request) => /^\/(v[\d.]+\/)?containers\/[^/]+\/json/.test(request.path)),
    ).toEqual([]);
  });

  it('starts, stops and removes real containers and pushes each change with the next revision', async () => {
    const name = uniqueName('lifecycle');
    const id = await docker('create', ...containerArgs(name, GROUP));
    await waitFor(async () => (await replay()).get(id)?.state === 'created', { description: 'created row' });

    const startRevision = (await service.list('local')).revision;
    await service.start({ engineId: 'local', id });
    await waitFor(async () => (await replay()).get(id)?.state === 'running', { description: 'running row' });
    await service.stop({ engineId: 'local', id, timeoutSeconds: 0 });
    await waitFor(async () => (await replay()).get(id)?.state === 'exited', { description: 'exited row' });
    await service.remove({ engineId: 'local', id });
    await waitFor(async () => !(await replay()).has(id), { description: 'row removed' });

    const ours = changes.filter((change) => change.revision > startRevision);
    // Revisions increase by exactly one per pushed change, with no gaps.
    ours.forEach((change, index) => expect(change.revision).toBe(startRevision + index + 1));
    const statesSeen = ours.flatMap((change) =>
      change.upserted.filter((row) => row.id === id).map((row) => row.state),
    );
    expect(statesSeen).toContain('running');
    expect(statesSeen).toContain('exited');
    expect(ours.some((change) => change.removed.includes(id))).toBe(true);
    expect((await service.list('local')).revision).toBe(ours.at(-1)?.revision);
  });

  it('treats start of a running and stop of a stopped container as success', async () => {
    const id = await docker('run', '-d', ...containerArgs(uniqueName('idempotent'), GROUP));
    await expect(service.start({ engineId: 'local', id })).resolves.toBeUndefined();
    await docker('stop', '-t', '0', id);
    await expect(service.stop({ engineId: 'local', id })).resolves.toBeUndefined();
  });

  it('answers NOT_FOUND in the daemon words for a container that vanished, CONFLICT for a running removal', async () => {
    const id = await docker('create', ...containerArgs(uniqueName('vanished'), GROUP));
    await docker('rm', id);
    for (const action of [
      () => service.start({ engineId: 'local', id }),
      () => service.stop({ engineId: 'local', id }),
      () => service.remove({ engineId: 'local', id }),
    ]) {
      await expect(action()).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        message: `No such container: ${id}`,
      });
    }

    const running = await docker('run', '-d', ...containerArgs(uniqueName('conflict'), GROUP));
    await expect(service.remove({ engineId: 'local', id: running })).rejects.toMatchObject({
      code: ErrorCode.Conflict,
    });
    await expect(service.remove({ engineId: 'local', id: running, force: true })).resolves.toBeUndefined();
  });

  it('dispose() of the service and the registry leaves no handles', async () => {
    // The suite's own service first fetches right after connecting: let it settle, so its sockets are counted
    // in `before`.
    await service.list('local');
    // A fresh pair straight on the daemon socket (the in-process proxy's own sockets close a tick later).
    const before = activeResources();
    const registry = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
    const containers = new ContainerService(registry);
    registry.start();
    await containers.list('local');
    containers.dispose();
    await registry.dispose();
    expect(leftovers(before, activeResources())).toEqual([]);
  });
});
