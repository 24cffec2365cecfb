import type { IpcMainInvokeEvent } from 'electron';

import type { InvokeRegistrar } from '../../electron/main/ipc/invoke-router';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** An `ipcMain` stand-in that records handlers and lets a test invoke them with a chosen sender event. */
export class FakeIpcMain implements InvokeRegistrar {
  readonly handlers = new Map<string, Listener>();

  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  invoke(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return Promise.resolve(handler(event, ...args));
  }
}

/** A sender event whose frame shows `url`; `mainFrame: false` makes it a subframe. */
export function senderEvent(
  url = 'app://berth/index.html',
  options: { mainFrame?: boolean } = {},
): IpcMainInvokeEvent {
  const frame = { url };
  const sender = { mainFrame: options.mainFrame === false ? { url } : frame };
  return { sender, senderFrame: frame, processId: 1, frameId: 1 } as unknown as IpcMainInvokeEvent;
}
