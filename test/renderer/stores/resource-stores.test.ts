import { describe, expect, it } from 'vitest';

import { ErrorCode, IpcChannel, type IpcError } from '../../../electron/common';
import { mergeEvents } from '../../../renderer/features/system/events-store';
import { createEventsStore } from '../../../renderer/features/system/events-store';
import { createVolumesStore } from '../../../renderer/features/volumes/volumes-store';
import { applyListChange } from '../../../renderer/stores/revisioned-list';
import { FakeBerth } from '../support/fake-bridge';
import { FakeResources } from '../support/fake-resources';
import { makeEvent, makeVolume } from '../support/resource-fixtures';
import { waitForStore } from '../support/wait-for-store';

describe('applyListChange', () => {
  const keyOf = (item: { name: string }) => item.name;
  it('replaces in place, appends new ones, drops removed ones', () => {
    const snapshot = {
      engineId: 'local',
      revision: 4,
      items: [
        { name: 'a', v: 1 },
        { name: 'b', v: 1 },
      ],
    };
    const next = applyListChange(
      snapshot,
      {
        engineId: 'local',
        revision: 5,
        upserted: [
          { name: 'b', v: 2 },
          { name: 'c', v: 1 },
        ],
        removed: ['a'],
      },
      keyOf,
    );
    expect(next).toEqual({
      engineId: 'local',
      revision: 5,
      items: [
        { name: 'b', v: 2 },
        { name: 'c', v: 1 },
      ],
    });
  });
});

describe('volumes store', () => {
  function setup() {
    const berth = new FakeBerth();
    const reported: Array<{ title: string; error: IpcError }> = [];
    const store = createVolumesStore(berth.api, 'local', (error, title) => reported.push({ title, error }));
    store.subscribe(() => undefined);
    return { berth, store, reported };
  }

  it('applies the next revision, ignores old ones and lists again after a gap', async () => {
    const { berth, store } = setup();
    await waitForStore(store, (state) => state.phase === 'ready');
    berth.resources.upsertVolume('local', makeVolume({ name: 'one' }));
    await waitForStore(
      store,
      (state) => state.snapshot?.items.some((volume) => volume.name === 'one') === true,
    );
    // Lost: the renderer never sees revision 2.
    berth.resources.emitChanges = false;
    berth.resources.upsertVolume('local', makeVolume({ name: 'lost' }));
    berth.resources.upsertVolume('local', makeVolume({ name: 'three' }));
    // Revision 3 arrives with a gap behind it: a fresh list brings both back.
    const lists = berth.callsTo(IpcChannel.VolumesList).length;
    berth.emit('volumes:changed', {
      engineId: 'local',
      revision: 3,
      upserted: [makeVolume({ name: 'three' })],
      removed: [],
    });
    await waitForStore(store, (state) => state.snapshot?.revision === 3);
    expect(
      store
        .getSnapshot()
        .snapshot?.items.map((volume) => volume.name)
        .sort(),
    ).toEqual(['lost', 'one', 'three']);
    expect(berth.callsTo(IpcChannel.VolumesList).length).toBe(lists + 1);
    // A change of another engine or an older revision changes nothing.
    const before = store.getSnapshot();
    berth.emit('volumes:changed', {
      engineId: 'other',
      revision: 4,
      upserted: [makeVolume({ name: 'x' })],
      removed: [],
    });
    berth.emit('volumes:changed', { engineId: 'local', revision: 2, upserted: [], removed: ['one'] });
    expect(store.getSnapshot()).toBe(before);
  });

  it('reports a failed transfer once, when its operation ends', async () => {
    const { berth, store, reported } = setup();
    const operation = FakeResources.operation('volume.export', 'Export volume data');
    berth.resources.transferAnswer = { started: true, operation, localPath: '/tmp/data.tar' };
    await store.exportVolume('data');
    expect(store.getSnapshot().transfers.map((transfer) => transfer.operation.state)).toEqual(['running']);
    const failed = {
      ...operation,
      state: 'failed' as const,
      error: { code: ErrorCode.Timeout, message: 'The Docker engine sent nothing for 60 s.' },
    };
    berth.emit('ops:updated', { operation: failed, appendedLines: [], droppedLines: 0 });
    berth.emit('ops:updated', { operation: failed, appendedLines: [], droppedLines: 0 });
    expect(reported).toEqual([
      {
        title: 'Export volume data failed',
        error: expect.objectContaining({ code: ErrorCode.Timeout }) as unknown,
      },
    ]);
    expect(store.getSnapshot().transfers[0]?.operation.state).toBe('failed');
  });

  it('reports an export that could not start, and records nothing for a cancelled dialog', async () => {
    const { berth, store, reported } = setup();
    await expect(store.exportVolume('data')).resolves.toEqual({ started: false });
    expect(store.getSnapshot().transfers).toEqual([]);
    berth.failNext(IpcChannel.VolumesExport, { code: ErrorCode.NotFound, message: 'No such volume: data' });
    await expect(store.exportVolume('data')).resolves.toBeUndefined();
    expect(reported.map((entry) => [entry.title, entry.error.message])).toEqual([
      ['Could not export volume data', 'No such volume: data'],
    ]);
  });
});

describe('event timeline', () => {
  it('merges in time order, drops duplicates and keeps only the newest up to the capacity', () => {
    const a = makeEvent(1);
    const b = makeEvent(2);
    const c = makeEvent(3);
    expect(mergeEvents([a, c], [b], 10).map((event) => event.seq)).toEqual([1, 2, 3]);
    const same = [a, b];
    expect(mergeEvents(same, [b], 10)).toBe(same);
    expect(mergeEvents([a, b], [c, makeEvent(4)], 3).map((event) => event.seq)).toEqual([2, 3, 4]);
  });

  it('subscribes before fetching, so a push during the fetch is kept', async () => {
    const berth = new FakeBerth();
    berth.resources.seedEvents('local', [makeEvent(1)]);
    const gate = berth.hold(IpcChannel.SystemEvents);
    const store = createEventsStore(berth.api, 'local');
    store.subscribe(() => undefined);
    await gate.waitingFor(1);
    berth.resources.pushEvents('local', [makeEvent(2)]);
    gate.release();
    await waitForStore(store, (state) => state.phase === 'ready');
    expect(store.getSnapshot().events.map((event) => event.seq)).toEqual([1, 2]);
    store.dispose();
    berth.resources.pushEvents('local', [makeEvent(3)]);
    expect(store.getSnapshot().events).toHaveLength(2);
  });
});
