import { describe, expect, it, vi } from 'vitest';

import { ErrorCode, IpcChannel, IpcEvent } from '../../../../electron/common';
import { createImagesStore } from '../../../../renderer/features/images/images-store';
import { makeEngine } from '../../support/fixtures';
import { settled } from '../../support/settled';
import { waitForStore } from '../../support/wait-for-store';
import { FakeImages, makeImage } from './fake-images';

describe('images store', () => {
  it('lists, then applies revisioned changes in order and refetches on a gap', async () => {
    const a = makeImage();
    const fake = new FakeImages([a]);
    const store = createImagesStore(fake.berth.api, 'local', vi.fn());
    const ready = await waitForStore(store, (state) => state.phase === 'ready');
    expect(ready.snapshot?.items.map((image) => image.id)).toEqual([a.id]);

    const b = makeImage();
    fake.change(b);
    expect(store.getSnapshot().snapshot?.items.map((image) => image.id)).toEqual([a.id, b.id]);

    // A lost change: the next one has a gap, so the store lists again.
    fake.images.set(a.id, { ...a, containers: 3 });
    fake.revision += 1;
    const listsBefore = fake.berth.callsTo(IpcChannel.ImagesList).length;
    fake.delete(b.id);
    await waitForStore(store, (state) => state.snapshot?.revision === fake.revision && !state.refreshing);
    expect(fake.berth.callsTo(IpcChannel.ImagesList).length).toBe(listsBefore + 1);
    expect(store.getSnapshot().snapshot?.items).toEqual([{ ...a, containers: 3 }]);
  });

  it('ignores changes of other engines and old revisions', async () => {
    const a = makeImage();
    const fake = new FakeImages([a]);
    const store = createImagesStore(fake.berth.api, 'local', vi.fn());
    await waitForStore(store, (state) => state.phase === 'ready');
    fake.berth.emit(IpcEvent.ImagesChanged, {
      engineId: 'other',
      revision: 1,
      upserted: [makeImage()],
      removed: [],
    });
    fake.berth.emit(IpcEvent.ImagesChanged, {
      engineId: 'local',
      revision: 0,
      upserted: [],
      removed: [a.id],
    });
    expect(store.getSnapshot().snapshot?.items).toEqual([a]);
  });

  it('lists once its engine connects when the first list failed, and not for other engines', async () => {
    const a = makeImage();
    const fake = new FakeImages([a]);
    fake.berth.failNext(IpcChannel.ImagesList, { code: ErrorCode.EngineUnreachable, message: 'down' });
    const store = createImagesStore(fake.berth.api, 'local', vi.fn());
    await waitForStore(store, (state) => state.phase === 'failed');
    fake.berth.emit(IpcEvent.EngineStatusChanged, makeEngine({ id: 'other' }));
    expect(fake.berth.callsTo(IpcChannel.ImagesList)).toHaveLength(1);
    fake.berth.emit(IpcEvent.EngineStatusChanged, makeEngine());
    const ready = await waitForStore(store, (state) => state.phase === 'ready');
    expect(ready.snapshot?.items).toEqual([a]);
  });

  it('keeps the last list when a refresh fails, and reports failed actions', async () => {
    const a = makeImage();
    const fake = new FakeImages([a]);
    const reportError = vi.fn();
    const store = createImagesStore(fake.berth.api, 'local', reportError);
    await waitForStore(store, (state) => state.phase === 'ready');
    fake.berth.failNext(IpcChannel.ImagesList, { code: ErrorCode.Internal, message: 'daemon hiccup' });
    await store.refresh();
    expect(store.getSnapshot()).toMatchObject({ phase: 'ready', error: { message: 'daemon hiccup' } });

    fake.berth.failNext(IpcChannel.ImagesPull, { code: ErrorCode.EngineUnreachable, message: 'gone' });
    expect(await store.pull('busybox')).toBeUndefined();
    expect(reportError).toHaveBeenCalledWith(
      expect.objectContaining({ code: ErrorCode.EngineUnreachable }),
      'Could not pull busybox',
    );
  });

  it('marks images pending while a removal runs and returns each ref’s outcome', async () => {
    const a = makeImage({ repoTags: ['a:1', 'a:2'] });
    const fake = new FakeImages([a]);
    const store = createImagesStore(fake.berth.api, 'local', vi.fn());
    await waitForStore(store, (state) => state.phase === 'ready');
    const gate = fake.berth.hold(IpcChannel.ImagesRemove);
    const removal = store.remove(['a:1'], { ids: [a.id] });
    await gate.waitingFor(1);
    expect(store.getSnapshot().pending.has(a.id)).toBe(true);
    gate.release();
    expect(await removal).toEqual([{ ref: 'a:1', untagged: ['a:1'], deleted: [] }]);
    expect(store.getSnapshot().pending.size).toBe(0);
    expect(fake.berth.callsTo(IpcChannel.ImagesRemove)).toEqual([[{ engineId: 'local', refs: ['a:1'] }]]);
  });

  it('passes force only when asked, tags, builds and chooses a folder', async () => {
    const a = makeImage({ repoTags: ['a:1'] });
    const gone = makeImage({ repoTags: ['gone:1'] });
    const fake = new FakeImages([a, gone]);
    const store = createImagesStore(fake.berth.api, 'local', vi.fn());
    await store.remove([gone.id], { force: true });
    expect(fake.berth.callsTo(IpcChannel.ImagesRemove)).toEqual([
      [{ engineId: 'local', refs: [gone.id], force: true }],
    ]);
    expect(await store.tag('a:1', 'b:2')).toBe(true);
    expect(fake.images.get(a.id)?.repoTags).toEqual(['a:1', 'b:2']);
    expect(await store.chooseBuildContext()).toBe('/home/me/app');
    const build = await store.build({
      context: '/home/me/app',
      tags: ['x:1'],
      buildArgs: {},
      noCache: false,
      pull: false,
    });
    expect(build.kind).toBe('image.build');
    fake.berth.failNext(IpcChannel.ImagesBuild, { code: ErrorCode.Forbidden, message: 'Choose the folder' });
    await expect(
      store.build({ context: '/elsewhere', tags: [], buildArgs: {}, noCache: false, pull: false }),
    ).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await settled();
  });
});
