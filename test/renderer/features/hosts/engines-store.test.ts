import { describe, expect, it, vi } from 'vitest';

import { ErrorCode, IpcChannel, type IpcError } from '../../../../electron/common';
import { createEnginesStore, selectEngine } from '../../../../renderer/features/hosts/engines-store';
import { FakeBerth } from '../../support/fake-bridge';
import { makeEngine } from '../../support/fixtures';
import { waitForStore } from '../../support/wait-for-store';

function setup(engines = [makeEngine()]) {
  const berth = new FakeBerth(engines);
  const reportError = vi.fn<(error: IpcError, title: string) => void>();
  const store = createEnginesStore(berth.api, reportError);
  return { berth, store, reportError };
}

describe('engines store', () => {
  it('subscribes to status events, then lists the engines', async () => {
    const { berth, store } = setup([
      makeEngine(),
      makeEngine({ id: 'remote', name: 'build box', kind: 'ssh' }),
    ]);
    const gate = berth.hold(IpcChannel.EnginesList);
    store.start();
    await gate.waitingFor(1);
    expect(berth.listenerCount('engines:statusChanged')).toBe(1);
    gate.release();

    const state = await waitForStore(store, (s) => s.phase === 'ready');
    expect(state.engines.map((engine) => engine.id)).toEqual(['local', 'remote']);
  });

  it('upserts an engine by id on engines:statusChanged', async () => {
    const { berth, store } = setup();
    store.start();
    await waitForStore(store, (s) => s.phase === 'ready');

    berth.setStatus('local', {
      state: 'unreachable',
      lastError: 'connect ECONNREFUSED /var/run/docker.sock',
    });

    const local = selectEngine(store.getSnapshot(), 'local');
    expect(local?.status).toMatchObject({
      state: 'unreachable',
      lastError: 'connect ECONNREFUSED /var/run/docker.sock',
    });
    expect(store.getSnapshot().engines).toHaveLength(1);
  });

  it('keeps a status event that is newer than a list reply in transit', async () => {
    const { berth, store } = setup();
    const gate = berth.hold(IpcChannel.EnginesList, 'after'); // the reply says "connected, since 1"
    store.start();
    await gate.waitingFor(1);
    berth.setStatus('local', { state: 'unreachable', lastError: 'EOF' }); // since 2
    gate.release();

    const state = await waitForStore(store, (s) => s.phase === 'ready');
    expect(selectEngine(state, 'local')?.status.state).toBe('unreachable');
  });

  it('ignores a status event older than what it has', async () => {
    const { berth, store } = setup([makeEngine({ status: { state: 'connected', since: 10 } })]);
    store.start();
    await waitForStore(store, (s) => s.phase === 'ready');
    const before = store.getSnapshot();

    berth.emit('engines:statusChanged', makeEngine({ status: { state: 'connecting', since: 9 } }));

    expect(store.getSnapshot()).toBe(before);
  });

  it('adds an engine it did not know from an event', async () => {
    const { berth, store } = setup();
    store.start();
    await waitForStore(store, (s) => s.phase === 'ready');
    berth.emit('engines:statusChanged', makeEngine({ id: 'new', name: 'new one' }));
    expect(store.getSnapshot().engines.map((engine) => engine.id)).toEqual(['local', 'new']);
  });

  it('fails with the error when engines:list fails', async () => {
    const { berth, store } = setup();
    berth.failNext(IpcChannel.EnginesList, { code: ErrorCode.Internal, message: 'settings are corrupt' });
    store.start();
    const state = await waitForStore(store, (s) => s.phase === 'failed');
    expect(state.error).toMatchObject({ code: 'INTERNAL', message: 'settings are corrupt' });
  });

  it('asks main to reconnect, and reports when it cannot', async () => {
    const { berth, store, reportError } = setup();
    await store.reconnect('local');
    expect(berth.callsTo(IpcChannel.EnginesReconnect)).toEqual([['local']]);
    expect(reportError).not.toHaveBeenCalled();

    await store.reconnect('missing');
    expect(reportError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'NOT_FOUND', message: 'No engine called missing.' }),
      'Could not reconnect to missing',
    );
  });
});
