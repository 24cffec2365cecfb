import { afterEach, describe, expect, it } from 'vitest';

import { defaultSettings, ErrorCode, IpcChannel, IpcError } from '../../../electron/common';
import { api, createApi, unwrapEnvelope } from '../../../renderer/lib/api';
import { FakeBerth } from '../support/fake-bridge';
import { makeContainer, makeEngine } from '../support/fixtures';

describe('unwrapEnvelope', () => {
  it('returns the value of an ok envelope', () => {
    expect(unwrapEnvelope({ ok: true, value: 42 })).toBe(42);
  });

  it('throws an IpcError carrying the code and message', () => {
    const error = (() => {
      try {
        unwrapEnvelope({ ok: false, error: { code: ErrorCode.NotFound, message: 'No such container: x' } });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'No such container: x' });
  });

  it('maps an unknown code to INTERNAL instead of trusting it', () => {
    expect(() =>
      unwrapEnvelope({ ok: false, error: { code: 'BOGUS' as ErrorCode, message: 'odd' } }),
    ).toThrow(expect.objectContaining({ code: ErrorCode.Internal, message: 'odd' }));
  });
});

describe('createApi', () => {
  it('offers every channel of the contract as domain.verb and passes arguments through', async () => {
    const berth = new FakeBerth();
    const container = makeContainer({ state: 'exited' });
    berth.seed('local', [container]);

    await expect(berth.api.engines.list()).resolves.toEqual([makeEngine()]);
    await berth.api.containers.start({ engineId: 'local', id: container.id });

    expect(berth.callsTo(IpcChannel.ContainersStart)).toEqual([[{ engineId: 'local', id: container.id }]]);
    expect(berth.containersOf('local')[0]?.state).toBe('running');
  });

  it('rejects with the IpcError of a failed envelope', async () => {
    const berth = new FakeBerth();
    berth.failNext(IpcChannel.ContainersList, {
      code: ErrorCode.Timeout,
      message: 'The daemon took too long.',
    });
    await expect(berth.api.containers.list('local')).rejects.toMatchObject({
      name: 'IpcError',
      code: 'TIMEOUT',
      message: 'The daemon took too long.',
    });
  });

  it('turns a bridge that throws into an INTERNAL IpcError', async () => {
    const broken = createApi(() => {
      const bridge = new FakeBerth().bridge;
      return {
        ...bridge,
        settings: {
          ...bridge.settings,
          get: () => Promise.reject(new Error('An object could not be cloned.')),
        },
      };
    });
    await expect(broken.settings.get()).rejects.toMatchObject({
      code: ErrorCode.Internal,
      message: 'An object could not be cloned.',
    });
  });

  it('subscribes through the bridge and unsubscribes with the returned function', () => {
    const berth = new FakeBerth();
    const received: number[] = [];
    const off = berth.api.events.on('containers:changed', (change) => received.push(change.revision));
    berth.emit('containers:changed', { engineId: 'local', revision: 1, upserted: [], removed: [] });
    off();
    berth.emit('containers:changed', { engineId: 'local', revision: 2, upserted: [], removed: [] });
    expect(received).toEqual([1]);
    expect(berth.listenerCount('containers:changed')).toBe(0);
  });
});

describe('api (over window.berth)', () => {
  afterEach(() => {
    Reflect.deleteProperty(window, 'berth');
  });

  it('reads window.berth at call time', async () => {
    const berth = new FakeBerth();
    berth.settings = { ...defaultSettings, theme: 'dark', closeToTray: false };
    window.berth = berth.bridge;
    await expect(api.settings.get()).resolves.toEqual({
      ...defaultSettings,
      theme: 'dark',
      closeToTray: false,
    });
  });

  it('explains a missing preload instead of failing with a TypeError', async () => {
    Reflect.deleteProperty(window, 'berth');
    await expect(api.engines.list()).rejects.toMatchObject({ code: ErrorCode.Internal, message: /preload/ });
  });
});
