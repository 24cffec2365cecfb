import { describe, expect, it, vi } from 'vitest';

import {
  type ContainerSummary,
  ErrorCode,
  IpcChannel,
  IpcError,
  type IpcError as IpcErrorType,
} from '../../../../electron/common';
import {
  BULK_CONCURRENCY,
  bulkFailure,
  bulkOnEngines,
  type BulkPart,
  type ContainersStore,
  createContainersStore,
  forEachBounded,
  groupByEngine,
} from '../../../../renderer/features/containers/containers-store';
import { runSpec } from '../../../fixtures/run-spec';
import { FakeBerth } from '../../support/fake-bridge';
import { makeContainer, makeEngine } from '../../support/fixtures';
import { waitForStore } from '../../support/wait-for-store';

function setup(seed: ContainerSummary[] = []) {
  const berth = new FakeBerth();
  berth.seed('local', seed);
  const reportError = vi.fn<(error: IpcErrorType, title: string) => void>();
  const store = createContainersStore(berth.api, 'local', reportError);
  const ready = () => waitForStore(store, (state) => state.phase === 'ready');
  const stateOf = (id: string) =>
    waitForStore(store, (state) => state.snapshot?.items.some((item) => item.id === id) === true).then(
      (state) => state.snapshot?.items.find((item) => item.id === id),
    );
  return { berth, store, reportError, ready, stateOf };
}

describe('containers store: lifecycle actions', () => {
  it('sends each action for the engine and the container, with its options', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const { berth, store, ready, reportError } = setup([web]);
    await ready();
    const ref = { engineId: 'local', id: web.id };

    expect(await store.restartContainer(web.id, { timeoutSeconds: 3 })).toBe(true);
    expect(await store.pauseContainer(web.id)).toBe(true);
    expect(await store.unpauseContainer(web.id)).toBe(true);
    expect(await store.stopContainer(web.id, { timeoutSeconds: 0 })).toBe(true);
    expect(await store.startContainer(web.id)).toBe(true);
    expect(await store.killContainer(web.id, { signal: 'SIGHUP' })).toBe(true);
    expect(await store.renameContainer(web.id, 'web-2')).toBe(true);

    expect(berth.callsTo(IpcChannel.ContainersRestart)).toEqual([[{ ...ref, timeoutSeconds: 3 }]]);
    expect(berth.callsTo(IpcChannel.ContainersPause)).toEqual([[ref]]);
    expect(berth.callsTo(IpcChannel.ContainersUnpause)).toEqual([[ref]]);
    expect(berth.callsTo(IpcChannel.ContainersStop)).toEqual([[{ ...ref, timeoutSeconds: 0 }]]);
    expect(berth.callsTo(IpcChannel.ContainersKill)).toEqual([[{ ...ref, signal: 'SIGHUP' }]]);
    expect(berth.callsTo(IpcChannel.ContainersRename)).toEqual([[{ ...ref, name: 'web-2' }]]);
    expect(reportError).not.toHaveBeenCalled();
    expect(
      (await waitForStore(store, (state) => state.snapshot?.items[0]?.name === 'web-2')).pending.size,
    ).toBe(0);
  });

  it('marks the container pending while an action is in flight and ignores a second click', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const { berth, store, ready } = setup([web]);
    await ready();
    const gate = berth.hold(IpcChannel.ContainersPause);
    const first = store.pauseContainer(web.id);
    await gate.waitingFor(1);
    expect(store.getSnapshot().pending.get(web.id)).toBe('pausing');
    expect(await store.killContainer(web.id)).toBe(false);
    gate.release();
    expect(await first).toBe(true);
    expect(berth.callsTo(IpcChannel.ContainersKill)).toEqual([]);
    expect(store.getSnapshot().pending.has(web.id)).toBe(false);
  });

  it('reports a refusal with the container name', async () => {
    const job = makeContainer({ name: 'job', state: 'exited' });
    const { store, ready, reportError } = setup([job]);
    await ready();
    expect(await store.pauseContainer(job.id)).toBe(false);
    expect(reportError).toHaveBeenCalledOnce();
    const [error, title] = reportError.mock.calls[0] ?? [];
    expect(title).toBe('Could not pause job');
    expect(error?.code).toBe(ErrorCode.Conflict);
    expect(error?.message).toBe(`Container ${job.id} is not running`);
  });

  it('starts a run and hands back the operation, or the refusal without reporting it', async () => {
    const { berth, store, reportError } = setup();
    const spec = runSpec({ name: 'web' });
    const started = await store.runContainer(spec);
    expect('operation' in started && started.operation).toMatchObject({
      kind: 'container.run',
      state: 'running',
      title: 'Run nginx as web',
    });
    expect(berth.callsTo(IpcChannel.ContainersRun)).toEqual([[spec]]);

    berth.failNext(IpcChannel.ContainersRun, { code: ErrorCode.Validation, message: 'bad image' });
    const refused = await store.runContainer(spec);
    expect('error' in refused && refused.error).toMatchObject({
      code: ErrorCode.Validation,
      message: 'bad image',
    });
    expect(reportError).not.toHaveBeenCalled();
  });
});

describe('containers store: bulk actions', () => {
  it(`runs at most ${BULK_CONCURRENCY} at once and finishes them all`, async () => {
    const many = Array.from({ length: 10 }, (_, index) =>
      makeContainer({ name: `c${index}`, state: 'running' }),
    );
    const { berth, store, ready, reportError } = setup(many);
    await ready();
    const gate = berth.hold(IpcChannel.ContainersStop);
    const outcome = store.bulk(
      'stop',
      many.map((item) => item.id),
    );
    await gate.waitingFor(BULK_CONCURRENCY);
    // Held at the gate: exactly the pool, no more.
    expect(berth.callsTo(IpcChannel.ContainersStop)).toHaveLength(BULK_CONCURRENCY);
    expect([...store.getSnapshot().pending.values()]).toEqual(Array(BULK_CONCURRENCY).fill('stopping'));
    gate.release();
    const { succeeded, failed } = await outcome;
    expect(new Set(succeeded)).toEqual(new Set(many.map((item) => item.id)));
    expect(failed).toEqual([]);
    expect(berth.callsTo(IpcChannel.ContainersStop)).toHaveLength(10);
    expect(reportError).not.toHaveBeenCalled();
  });

  it('reports every failure together in one notification', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const db = makeContainer({ name: 'db', state: 'exited' });
    const job = makeContainer({ name: 'job', state: 'created' });
    const { store, ready, reportError } = setup([web, db, job]);
    await ready();
    const outcome = await store.bulk('pause', [web.id, db.id, job.id]);
    expect(outcome.succeeded).toEqual([web.id]);
    expect(outcome.failed.map((failure) => failure.name).sort()).toEqual(['db', 'job']);
    expect(reportError).toHaveBeenCalledOnce();
    const [error, title] = reportError.mock.calls[0] ?? [];
    expect(title).toBe('Could not pause 2 of 3 containers');
    expect(error?.code).toBe(ErrorCode.Conflict);
    expect(error?.message.split('\n').sort()).toEqual([
      `db: Container ${db.id} is not running`,
      `job: Container ${job.id} is not running`,
    ]);
  });

  it('removes with the options given and skips containers already busy', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const db = makeContainer({ name: 'db', state: 'exited' });
    const { berth, store, ready } = setup([web, db]);
    await ready();
    const gate = berth.hold(IpcChannel.ContainersStart);
    const starting = store.startContainer(db.id);
    await gate.waitingFor(1);
    const outcome = await store.bulk('remove', [web.id, db.id, web.id], { force: true, removeVolumes: true });
    gate.release();
    await starting;
    expect(outcome).toEqual({ succeeded: [web.id], failed: [] });
    expect(berth.callsTo(IpcChannel.ContainersRemove)).toEqual([
      [{ engineId: 'local', id: web.id, force: true, removeVolumes: true }],
    ]);
  });
});

describe('forEachBounded', () => {
  it('never exceeds the limit and visits every item once', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    const releases: Array<() => void> = [];
    const done = forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      seen.push(item);
      running -= 1;
    });
    while (seen.length < 7) {
      await Promise.resolve();
      releases.shift()?.();
      await Promise.resolve();
    }
    await done;
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('does nothing for no items', async () => {
    const task = vi.fn(() => Promise.resolve());
    await forEachBounded([], 4, task);
    expect(task).not.toHaveBeenCalled();
  });
});

describe('bulk actions over several hosts', () => {
  const refused = (message: string) => new IpcError(ErrorCode.Conflict, message);
  const failure = (id: string, name: string, message: string) => ({ id, name, error: refused(message) });

  it.each<{ name: string; parts: BulkPart[]; title?: string; lines?: string[] }>([
    { name: 'nothing failed', parts: [{ outcome: { succeeded: ['a', 'b'], failed: [] } }] },
    {
      name: 'one container, one host',
      parts: [{ outcome: { succeeded: [], failed: [failure('a', 'web', 'is paused')] } }],
      title: 'Could not stop web',
      lines: ['web: is paused'],
    },
    {
      name: 'some of one host',
      parts: [{ outcome: { succeeded: ['b'], failed: [failure('a', 'web', 'is paused')] } }],
      title: 'Could not stop 1 of 2 containers',
      lines: ['web: is paused'],
    },
    {
      name: 'two hosts, counted together, each failure naming its host',
      parts: [
        { host: 'Local', outcome: { succeeded: ['b'], failed: [failure('a', 'web', 'is paused')] } },
        { host: 'rig', outcome: { succeeded: [], failed: [failure('a', 'web', 'no such container')] } },
      ],
      title: 'Could not stop 2 of 3 containers',
      lines: ['web on Local: is paused', 'web on rig: no such container'],
    },
    {
      name: 'one container on a named host',
      parts: [
        { host: 'Local', outcome: { succeeded: [], failed: [] } },
        { host: 'rig', outcome: { succeeded: [], failed: [failure('a', 'job', 'gone')] } },
      ],
      title: 'Could not stop job on rig',
      lines: ['job on rig: gone'],
    },
  ])('bulkFailure: $name', ({ parts, title, lines }) => {
    const report = bulkFailure('stop', parts);
    if (title === undefined) {
      expect(report).toBeUndefined();
      return;
    }
    expect(report?.title).toBe(title);
    expect(report?.error.code).toBe(ErrorCode.Conflict);
    expect(report?.error.message.split('\n')).toEqual(lines);
  });

  it('groupByEngine keeps the first-seen order of engines and of items', () => {
    const items = [
      { engineId: 'b', id: '1' },
      { engineId: 'a', id: '2' },
      { engineId: 'b', id: '3' },
    ];
    expect([...groupByEngine(items)]).toEqual([
      ['b', [items[0], items[2]]],
      ['a', [items[1]]],
    ]);
    expect(groupByEngine([]).size).toBe(0);
  });

  it('bulkOnEngines sends each container to its own host and reports every failure once', async () => {
    const berth = new FakeBerth([makeEngine(), makeEngine({ id: 'context:rig', name: 'rig' })]);
    const web = makeContainer({ name: 'web', state: 'running' });
    const job = makeContainer({ engineId: 'context:rig', name: 'job', state: 'running' });
    const db = makeContainer({ engineId: 'context:rig', name: 'db', state: 'exited' });
    berth.seed('local', [web]);
    berth.seed('context:rig', [job, db]);
    const reportError = vi.fn<(error: IpcErrorType, title: string) => void>();
    const stores = new Map<string, ContainersStore>();
    const storeOf = (engineId: string): ContainersStore => {
      let store = stores.get(engineId);
      if (store === undefined) {
        store = createContainersStore(berth.api, engineId, reportError);
        stores.set(engineId, store);
        store.start();
      }
      return store;
    };
    await waitForStore(storeOf('local'), (state) => state.phase === 'ready');
    await waitForStore(storeOf('context:rig'), (state) => state.phase === 'ready');

    const succeeded = await bulkOnEngines(storeOf, 'pause', [web, job, db], {}, (id) =>
      id === 'local' ? 'Local' : 'rig',
    );

    expect(berth.callsTo(IpcChannel.ContainersPause).map(([ref]) => ref)).toEqual(
      expect.arrayContaining([
        { engineId: 'local', id: web.id },
        { engineId: 'context:rig', id: job.id },
        { engineId: 'context:rig', id: db.id },
      ]),
    );
    expect(succeeded).toEqual(
      expect.arrayContaining([
        { engineId: 'local', id: web.id },
        { engineId: 'context:rig', id: job.id },
      ]),
    );
    expect(succeeded).toHaveLength(2);
    expect(reportError).toHaveBeenCalledOnce();
    const [error, title] = reportError.mock.calls[0] ?? [];
    expect(title).toBe('Could not pause 1 of 3 containers');
    expect(error?.message).toBe(`db on rig: Container ${db.id} is not running`);
  });
});
