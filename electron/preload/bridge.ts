import {
  type BerthBridge,
  EVENT_TRANSPORT_CHANNEL,
  type EventMessage,
  type EventName,
  eventNames,
  groupByDomain,
  type IpcEventMap,
} from '../common/bridge';

/** The two things the bridge needs from `ipcRenderer`; never exposed to the page itself. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

/**
 * Builds `window.berth` from the contract: one function per invoke channel, grouped by domain, plus
 * `events.on`. Nothing else of IPC reaches the page.
 */
export function createBridge(ipc: RendererIpc): BerthBridge {
  const domains = groupByDomain(
    (channel) =>
      (...args: unknown[]) =>
        ipc.invoke(channel, ...args),
  );

  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  ipc.on(EVENT_TRANSPORT_CHANNEL, (_event, message) => {
    const { name, payload } = message as EventMessage;
    for (const listener of listeners.get(name) ?? []) {
      try {
        (listener as (payload: unknown) => void)(payload);
      } catch (error) {
        // One failing subscriber must not starve the others.
        console.error(`berth: a listener of ${name} threw`, error);
      }
    }
  });

  const events = {
    on<E extends EventName>(name: E, listener: (payload: IpcEventMap[E]) => void): () => void {
      if (!eventNames.includes(name)) throw new TypeError(`Unknown Berth event: ${String(name)}`);
      if (typeof listener !== 'function') throw new TypeError('A listener must be a function');
      let set = listeners.get(name);
      if (set === undefined) {
        set = new Set();
        listeners.set(name, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };

  // An assertion, not a proof: BerthBridge is a type mapped over the contract and these methods are made by a loop
  // over the channel list at run time, which TypeScript cannot follow into a mapped type. The bridge test pins it.
  return { ...domains, events } as BerthBridge;
}
