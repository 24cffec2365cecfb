import { z } from 'zod';

import type { ContainerListSnapshot, ContainersChange } from '../types/container';
import type { EngineInfo } from '../types/engine';
import type { Settings } from '../types/settings';
import { type EventName, type InvokeChannel, IpcChannel, IpcEvent } from './channels';
import type { IpcEnvelope } from './errors';
import {
  containerRefSchema,
  containerRemoveSchema,
  containerStopSchema,
  engineIdSchema,
  settingsPatchSchema,
} from './schemas';

/** Declares one invoke channel: the zod schema of its argument tuple and (as a type) its result. */
function channel<Result>() {
  return <Args extends z.ZodTuple>(args: Args) => ({ args, result: undefined as unknown as Result });
}

/**
 * The invoke contract: for every channel, the schema main validates the arguments with and the result type.
 * Main, preload and renderer are all typed from this one object.
 */
export const invokeContract = {
  [IpcChannel.EnginesList]: channel<EngineInfo[]>()(z.tuple([])),
  [IpcChannel.EnginesReconnect]: channel<void>()(z.tuple([engineIdSchema])),
  [IpcChannel.ContainersList]: channel<ContainerListSnapshot>()(z.tuple([engineIdSchema])),
  [IpcChannel.ContainersStart]: channel<void>()(z.tuple([containerRefSchema])),
  [IpcChannel.ContainersStop]: channel<void>()(z.tuple([containerStopSchema])),
  [IpcChannel.ContainersRemove]: channel<void>()(z.tuple([containerRemoveSchema])),
  [IpcChannel.SettingsGet]: channel<Settings>()(z.tuple([])),
  [IpcChannel.SettingsSet]: channel<Settings>()(z.tuple([settingsPatchSchema])),
} satisfies Record<InvokeChannel, { args: z.ZodTuple; result: unknown }>;

export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['args']>;
export type InvokeResult<C extends InvokeChannel> = (typeof invokeContract)[C]['result'];

/** Payload of every main→renderer event. */
export interface IpcEventMap {
  [IpcEvent.EngineStatusChanged]: EngineInfo;
  [IpcEvent.ContainersChanged]: ContainersChange;
  [IpcEvent.SettingsChanged]: Settings;
}

/** What travels on the event transport channel. */
export interface EventMessage<E extends EventName = EventName> {
  name: E;
  payload: IpcEventMap[E];
}

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never;

export interface EventsApi {
  /** Subscribes to one event; returns the function that unsubscribes. */
  on<E extends EventName>(name: E, listener: (payload: IpcEventMap[E]) => void): () => void;
}

/**
 * What preload exposes as `window.berth`: one method per invoke channel, grouped by domain
 * (`containers:list` → `berth.containers.list`). Results come back as envelopes because only an
 * error's message survives the context bridge.
 */
export type BerthBridge = {
  [D in DomainOf<InvokeChannel>]: {
    [C in InvokeChannel as VerbOf<C, D>]: (...args: InvokeArgs<C>) => Promise<IpcEnvelope<InvokeResult<C>>>;
  };
} & { events: EventsApi };

/** The renderer-side API: the same shape, resolving to values and rejecting with `IpcError`. */
export type BerthApi = {
  [D in DomainOf<InvokeChannel>]: {
    [C in InvokeChannel as VerbOf<C, D>]: (...args: InvokeArgs<C>) => Promise<InvokeResult<C>>;
  };
} & { events: EventsApi };

/** Splits `domain:verb` into its parts (used to build the bridge and the API from the channel list). */
export function splitChannel(channelName: InvokeChannel): { domain: string; verb: string } {
  const [domain, verb] = channelName.split(':') as [string, string];
  return { domain, verb };
}

export const invokeChannels: readonly InvokeChannel[] = Object.values(IpcChannel);
export const eventNames: readonly EventName[] = Object.values(IpcEvent);
