import { EventEmitter } from 'node:events';

import type { IpcMain, IpcMainInvokeEvent } from 'electron';

import { createEvent } from './events.js';
import type { InvokeReply } from './page-protocol.js';
import type { WebContentsDouble } from './web-contents.js';
import type { WebFrameMainDouble } from './web-frame-main.js';
import { createWireCodec } from './wire-codec.js';

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

const codec = createWireCodec();

/** Electron's wording when a value cannot go through structured clone. */
export function cloneForIpc<T>(value: T, failure: string): T {
  try {
    return structuredClone(value);
  } catch {
    throw new Error(failure);
  }
}

export interface IpcSender {
  contents: WebContentsDouble;
  frame: WebFrameMainDouble;
}

function createIpcEvent(sender: IpcSender) {
  return createEvent({
    type: 'frame' as const,
    sender: sender.contents,
    senderFrame: sender.frame,
    frameId: sender.frame.routingId,
    processId: sender.contents.processId,
  });
}

/** `ipcMain` (and each `webContents.ipc`): `handle`/`handleOnce`/`removeHandler` plus the EventEmitter side. */
export class IpcMainDouble
  extends EventEmitter
  implements Pick<IpcMain, 'handle' | 'handleOnce' | 'removeHandler'>
{
  private readonly invokeHandlers = new Map<string, InvokeHandler>();

  handle(channel: string, listener: InvokeHandler): void {
    if (this.invokeHandlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    if (typeof listener !== 'function') {
      throw new Error(`Expected handler to be a function, but found type '${typeof listener}'`);
    }
    this.invokeHandlers.set(channel, listener);
  }

  handleOnce(channel: string, listener: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return listener(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    this.invokeHandlers.delete(channel);
  }

  hasHandler(channel: string): boolean {
    return this.invokeHandlers.has(channel);
  }

  /** Runs the handler of an `ipcRenderer.invoke` and shapes the reply as Electron does. */
  async invoke(sender: IpcSender, channel: string, args: unknown[]): Promise<InvokeReply> {
    const handler = this.invokeHandlers.get(channel);
    if (handler === undefined) return { ok: false, error: `No handler registered for '${channel}'` };
    try {
      // The double's sender is a WebContents stand-in, not Electron's class.
      const event = createIpcEvent(sender) as unknown as IpcMainInvokeEvent;
      const result = await handler(event, ...args);
      return { ok: true, value: codec.encode(cloneForIpc(result, 'An object could not be cloned.')) };
    } catch (error) {
      console.error(`Error occurred in handler for '${channel}':`, error);
      return { ok: false, error: String(error) };
    }
  }

  /** Delivers an `ipcRenderer.send` to `ipcMain.on` listeners. */
  deliverMessage(sender: IpcSender, channel: string, args: unknown[]): void {
    const event = Object.assign(createIpcEvent(sender), {
      ports: [] as unknown[],
      returnValue: undefined,
      reply: (replyChannel: string, ...replyArgs: unknown[]) => sender.frame.send(replyChannel, ...replyArgs),
    });
    this.emit(channel, event, ...args);
  }
}

export const ipcMain = new IpcMainDouble();

/** Decodes the arguments the page sent. */
export function decodeArgs(wire: Parameters<typeof codec.decode>[0]): unknown[] {
  return codec.decode(wire) as unknown[];
}

/** Encodes arguments for the page, failing like `webContents.send` does for values that cannot be cloned. */
export function encodeArgs(args: unknown[]): ReturnType<typeof codec.encode> {
  return codec.encode(cloneForIpc(args, 'Failed to serialize arguments'));
}
