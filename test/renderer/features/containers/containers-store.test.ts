import { describe, expect, it, vi } from 'vitest';

import { type ContainerSummary, ErrorCode, IpcChannel, type IpcError } from '../../../../electron/common';
import {
  applyChange,
  type ContainersState,
  createContainersStore,
} from '../../../../renderer/features/containers/containers-store';
import { FakeBerth } from '../../support/fake-bridge';
import { makeContainer, makeEngine } from '../../support/fixtures';
import { waitForStore } from '../../support/wait-for-store';

const byId = (items: readonly ContainerSummary[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));

function setup(seed: ContainerSummary[] = []) {
  const berth = new FakeBerth();
  berth.seed('local', seed);
  const reportError = vi.fn<(error: IpcError, title: string) => void>();
  const store = createContainersStore(berth.api, 'local', reportError);
  const ready = () => waitForStore(store, (state) => state.phase === 'ready');
  /** Waits until the store shows exactly what the fake daemon has, at the same revision. */
  const converged = () =>
    waitForStore(
      store,
      (state) =>
        state.snapshot?.revision === berth.revisionOf() &&
        JSON.stringify(byId(state.snapshot.items)) === JSON.stringify(byId(berth.containersOf())),
    );
  return { berth, store, reportError, ready, converged };
}

describe('applyChange', () => {
  it('replaces upserted rows in place, appends new ones and drops removed ones', () => {
    const [a, b, c] = [
      makeContainer({ name: 'a' }),
      makeContainer({ name: 'b' }),
      makeContainer({ name: 'c' }),
    ];
    const updatedB = { ...b, state: 'running' as const };
    const next = applyChange(
      { engineId: 'local', revision: 4, items: [a, b] },
      { engineId: 'local', revision: 5, upserted: [updatedB, c], removed: [a.id] },
    );
    expect(next).toEqual({ engineId: 'local', revision: 5, items: [updatedB, c] });
  });
});

describe('containers store', () => {
  it('subscribes to changes before it lists, and lists once', async () => {
    const { berth, store } = setup([makeContainer()]);
    const gate = berth.hold(IpcChannel.ContainersList);
    store.start();
    await gate.waitingFor(1);
    expect(berth.listenerCount('containers:changed')).toBe(1);
    expect(store.getSnapshot().phase).toBe('loading');
    gate.release();
    const state = await waitForStore(store, (s) => s.phase === 'ready');
    expect(state.snapshot?.items).toHaveLength(1);
    expect(berth.callsTo(IpcChannel.ContainersList)).toEqual([['local']]);
  });

  it('applies changes that follow the snapshot in order', async () => {
    const web = makeContainer({ name: 'web', state: 'exited' });
    const db = makeContainer({ name: 'db', state: 'running' });
    const { berth, store, ready, converged } = setup([web, db]);
    store.start();
    await ready();

    berth.upsert('local', { ...web, state: 'running', status: 'Up 1 second' });
    berth.remove('local', db.id);
    berth.upsert('local', makeContainer({ name: 'cache' }));

    const state = await converged();
    expect(state.snapshot?.revision).toBe(3);
    expect(state.snapshot?.items.map((item) => [item.name, item.state])).toEqual([
      ['web', 'running'],
      ['cache', 'exited'],
    ]);
    expect(berth.callsTo(IpcChannel.ContainersList)).toHaveLength(1);
  });

  it('ignores a change whose revision it already has', async () => {
    const web = makeContainer({ name: 'web' });
    const { berth, store, ready, converged } = setup([web]);
    store.start();
    await ready();
    berth.upsert('local', { ...web, state: 'running' });
    await converged();

    // A replay of revision 1 and an older one must not undo revision 1.
    berth.emit('containers:changed', { engineId: 'local', revision: 1, upserted: [], removed: [web.id] });
    berth.emit('containers:changed', { engineId: 'local', revision: 0, upserted: [], removed: [web.id] });

    expect(store.getSnapshot().snapshot?.items.map((item) => item.state)).toEqual(['running']);
    expect(store.getSnapshot().snapshot?.revision).toBe(1);
    expect(berth.callsTo(IpcChannel.ContainersList)).toHaveLength(1);
  });

  it('ignores changes of other engines', async () => {
    const { berth, store, ready } = setup([makeContainer()]);
    store.start();
    await ready();
    berth.emit('containers:changed', {
      engineId: 'remote',
      revision: 1,
      upserted: [makeContainer({ engineId: 'remote' })],
      removed: [],
    });
    expect(store.getSnapshot().snapshot?.items).toHaveLength(1);
    expect(store.getSnapshot().snapshot?.revision).toBe(0);
  });

  it('refetches the list when a revision is missing, then matches the daemon', async () => {
    const web = makeContainer({ name: 'web' });
    const { berth, store, ready, converged } = setup([web]);
    store.start();
    await ready();

    berth.emitChanges = false;
    berth.upsert('local', { ...web, state: 'running' }); // revision 1 is lost on the way
    berth.emitChanges = true;
    berth.upsert('local', makeContainer({ name: 'api' })); // revision 2 arrives: a gap

    const state = await converged();
    expect(state.snapshot?.revision).toBe(2);
    expect(state.snapshot?.items.find((item) => item.id === web.id)?.state).toBe('running');
    expect(berth.callsTo(IpcChannel.ContainersList)).toHaveLength(2);
  });

  it('applies a change that arrived while the first list reply was in transit', async () => {
    const { berth, store, converged } = setup([makeContainer({ name: 'old' })]);
    const gate = berth.hold(IpcChannel.ContainersList, 'after'); // the reply holds revision 0
    store.start();
    await gate.waitingFor(1);
    berth.upsert('local', makeContainer({ name: 'new' })); // revision 1, before the reply lands
    gate.release();

    const state = await converged();
    expect(state.snapshot?.items.map((item) => item.name)).toEqual(['old', 'new']);
    expect(berth.callsTo(IpcChannel.ContainersList)).toHaveLength(1);
  });

  it('drops a buffered change the list reply already contains', async () => {
    const { berth, store, converged } = setup([makeContainer({ name: 'old' })]);
    const gate = berth.hold(IpcChannel.ContainersList, 'before'); // the reply will be taken after revision 1
    store.start();
    await gate.waitingFor(1);
    const added = makeContainer({ name: 'new' });
    berth.upsert('local', added);
    gate.release();

    const state = await converged();
    expect(state.snapshot?.items.filter((item) => item.id === added.id)).toHaveLength(1);
    expect(berth.callsTo(IpcChannel.ContainersList)).toHaveLength(1);
  });

  it('marks a row pending while its action runs and ignores a second action meanwhile', async () => {
    const web = makeContainer({ name: 'web', state: 'exited' });
    const { berth, store, ready, converged } = setup([web]);
    store.start();
    await ready();

    const gate = berth.hold(IpcChannel.ContainersStart);
    const started = store.startContainer(web.id);
    expect(store.getSnapshot().pending.get(web.id)).toBe('starting');
    await expect(store.removeContainer(web.id)).resolves.toBe(false);
    await gate.waitingFor(1);
    gate.release();

    await expect(started).resolves.toBe(true);
    expect(store.getSnapshot().pending.has(web.id)).toBe(false);
    expect((await converged()).snapshot?.items[0]?.state).toBe('running');
    expect(berth.callsTo(IpcChannel.ContainersStart)).toEqual([[{ engineId: 'local', id: web.id }]]);
    expect(berth.callsTo(IpcChannel.ContainersRemove)).toEqual([]);
  });

  it('reports a failed action with the error code and clears the pending mark', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const { berth, store, ready, reportError } = setup([web]);
    store.start();
    await ready();
    berth.failNext(IpcChannel.ContainersStop, {
      code: ErrorCode.Timeout,
      message: 'The daemon did not answer in 15 s.',
    });

    await expect(store.stopContainer(web.id)).resolves.toBe(false);

    expect(reportError).toHaveBeenCalledTimes(1);
    const [error, title] = reportError.mock.calls[0];
    expect(title).toBe('Could not stop web');
    expect(error).toMatchObject({ code: 'TIMEOUT', message: 'The daemon did not answer in 15 s.' });
    expect(store.getSnapshot().pending.size).toBe(0);
  });

  it('passes force and removeVolumes to containers:remove', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const { berth, store, ready, converged } = setup([web]);
    store.start();
    await ready();

    await expect(store.removeContainer(web.id, { force: true, removeVolumes: true })).resolves.toBe(true);

    expect(berth.callsTo(IpcChannel.ContainersRemove)).toEqual([
      [{ engineId: 'local', id: web.id, force: true, removeVolumes: true }],
    ]);
    expect((await converged()).snapshot?.items).toEqual([]);
  });

  it('fails the first load on an unreachable engine, then lists when it connects', async () => {
    const berth = new FakeBerth([
      makeEngine({
        status: { state: 'unreachable', since: 1, lastError: 'connect ENOENT /var/run/docker.sock' },
      }),
    ]);
    berth.seed('local', [makeContainer({ name: 'web' })]);
    const store = createContainersStore(berth.api, 'local', vi.fn());
    store.start();

    const failed = await waitForStore(store, (state) => state.phase === 'failed');
    expect(failed.error).toMatchObject({
      code: ErrorCode.EngineUnreachable,
      message: 'connect ENOENT /var/run/docker.sock',
    });

    berth.setStatus('local', { state: 'connected' });
    const ready = await waitForStore(store, (state) => state.phase === 'ready');
    expect(ready.snapshot?.items.map((item) => item.name)).toEqual(['web']);
    expect(ready.error).toBeUndefined();
  });

  it('keeps its snapshot across a disconnect and does not refetch on reconnect', async () => {
    const { berth, store, ready } = setup([makeContainer({ name: 'web' })]);
    store.start();
    const before: ContainersState = await ready();

    berth.setStatus('local', { state: 'unreachable', lastError: 'EOF' });
    berth.setStatus('local', { state: 'connecting' });
    berth.setStatus('local', { state: 'connected' });

    expect(store.getSnapshot().snapshot).toBe(before.snapshot);
    expect(berth.callsTo(IpcChannel.ContainersList)).toHaveLength(1);
  });

  it('keeps the last list when a refetch fails, with the error', async () => {
    const { berth, store, ready } = setup([makeContainer({ name: 'web' })]);
    store.start();
    const before = await ready();
    berth.failNext(IpcChannel.ContainersList, { code: ErrorCode.Internal, message: 'boom' });

    await store.refresh();

    expect(store.getSnapshot()).toMatchObject({
      phase: 'ready',
      snapshot: before.snapshot,
      refreshing: false,
    });
    expect(store.getSnapshot().error?.message).toBe('boom');
  });

  it('stops listening when disposed', async () => {
    const { berth, store, ready } = setup();
    store.start();
    await ready();
    store.dispose();
    expect(berth.listenerCount('containers:changed')).toBe(0);
    expect(berth.listenerCount('engines:statusChanged')).toBe(0);
  });
});
