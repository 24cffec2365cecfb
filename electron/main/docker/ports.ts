import type { EventName, IpcEventMap } from '../../common';

/** How a service pushes an event to the renderer (the composition root passes the event bus). */
export type Publish = <E extends EventName>(name: E, payload: IpcEventMap[E]) => void;

/** Asks the user where to save something; `undefined` when they cancel. Injected: services never import electron. */
export type ChooseSavePath = (options: { title: string; defaultName: string }) => Promise<string | undefined>;

/** Asks the user for a file to open; `undefined` when they cancel. */
export type ChooseOpenPath = (options: { title: string }) => Promise<string | undefined>;
