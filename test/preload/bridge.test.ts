import { describe, expect, it, vi } from 'vitest';

import { EVENT_TRANSPORT_CHANNEL, invokeChannels, IpcEvent, splitChannel } from '../../electron/common';
import { createBridge, type RendererIpc } from '../../electron/preload/bridge';

function fakeIpc() {
  let transport: ((event: unknown, message: unknown) => void) | undefined;
  const ipc: RendererIpc & { emit: (message: unknown) => void } = {
    invoke: vi.fn((channel: string, ...args: unknown[]) =>
      Promise.resolve({ ok: true, value: { channel, args } }),
    ),
    on: vi.fn((channel: string, listener: (event: unknown, message: unknown) => void) => {
      if (channel === EVENT_TRANSPORT_CHANNEL) transport = listener;
    }),
    emit: (message) => transport?.({}, message),
  };
  return ipc;
}

describe('createBridge', () => {
  it('exposes one function per invoke channel, grouped by domain, and nothing else but events', async () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc) as unknown as Record<
      string,
      Record<string, (...args: unknown[]) => Promise<unknown>>
    >;
    const domains = new Set(invokeChannels.map((channel) => splitChannel(channel).domain));
    expect(Object.keys(bridge).sort()).toEqual([...domains, 'events'].sort());
    for (const channel of invokeChannels) {
      const { domain, verb } = splitChannel(channel);
      await expect(bridge[domain][verb]('x', 1)).resolves.toEqual({
        ok: true,
        value: { channel, args: ['x', 1] },
      });
    }
    expect(ipc.invoke).toHaveBeenCalledTimes(invokeChannels.length);
  });

  it('does not hand out ipcRenderer or a generic send/invoke', () => {
    const bridge = createBridge(fakeIpc()) as unknown as Record<string, unknown>;
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'on'])
      expect(bridge).not.toHaveProperty(forbidden);
  });

  it('delivers events to their subscribers until they unsubscribe', () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc);
    const received: unknown[] = [];
    const other = vi.fn();
    const off = bridge.events.on(IpcEvent.ContainersChanged, (payload) => received.push(payload));
    bridge.events.on(IpcEvent.SettingsChanged, other);
    ipc.emit({ name: IpcEvent.ContainersChanged, payload: { revision: 1 } });
    off();
    ipc.emit({ name: IpcEvent.ContainersChanged, payload: { revision: 2 } });
    expect(received).toEqual([{ revision: 1 }]);
    expect(other).not.toHaveBeenCalled();
  });

  it('keeps delivering when one listener throws', () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc);
    const good = vi.fn();
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    bridge.events.on(IpcEvent.ContainersChanged, () => {
      throw new Error('boom');
    });
    bridge.events.on(IpcEvent.ContainersChanged, good);
    ipc.emit({ name: IpcEvent.ContainersChanged, payload: {} });
    expect(good).toHaveBeenCalledTimes(1);
    consoleError.mockRestore();
  });

  it('refuses unknown event names and non-function listeners', () => {
    const bridge = createBridge(fakeIpc());
    expect(() => bridge.events.on('evil:thing' as never, () => undefined)).toThrow(TypeError);
    expect(() => bridge.events.on(IpcEvent.ContainersChanged, 'alert(1)' as never)).toThrow(TypeError);
  });
});

describe('preload entry', () => {
  it('exposes exactly one object, window.berth', async () => {
    const exposeInMainWorld = vi.fn();
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld },
      ipcRenderer: { invoke: vi.fn(), on: vi.fn() },
    }));
    await import('../../electron/preload/index');
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(exposeInMainWorld.mock.calls[0][0]).toBe('berth');
    vi.doUnmock('electron');
  });
});
