import type { z } from 'zod';

import { type EventName, type InvokeChannel } from './channels';
import { composeContract } from './compose/contract';
import type { ContainersEventMap } from './containers/channels';
import { containersContract } from './containers/contract';
import type { ChannelSpec } from './define';
import type { EnginesEventMap } from './engines/channels';
import { enginesContract } from './engines/contract';
import type { IpcEnvelope } from './errors';
import type { ExecEventMap } from './exec/channels';
import { execContract } from './exec/contract';
import type { HostsEventMap } from './hosts/channels';
import { hostsContract } from './hosts/contract';
import type { ImagesEventMap } from './images/channels';
import { imagesContract } from './images/contract';
import type { LogsEventMap } from './logs/channels';
import { logsContract } from './logs/contract';
import type { NetworksEventMap } from './networks/channels';
import { networksContract } from './networks/contract';
import type { OpsEventMap } from './ops/channels';
import { opsContract } from './ops/contract';
import { registriesContract } from './registries/contract';
import type { SettingsEventMap } from './settings/channels';
import { settingsContract } from './settings/contract';
import { shellContract } from './shell/contract';
import type { StatsEventMap } from './stats/channels';
import { statsContract } from './stats/contract';
import type { StreamsEventMap } from './streams/channels';
import type { SwarmEventMap } from './swarm/channels';
import { swarmContract } from './swarm/contract';
import type { SystemEventMap } from './system/channels';
import { systemContract } from './system/contract';
import type { UiEventMap } from './ui/channels';
import type { VolumesEventMap } from './volumes/channels';
import { volumesContract } from './volumes/contract';

/**
 * The invoke contract: for every channel, the schema main validates the arguments with and the result type.
 * Main, preload and renderer are all typed from this one object, merged from the domain files.
 */
export const invokeContract = {
  ...enginesContract,
  ...composeContract,
  ...hostsContract,
  ...containersContract,
  ...logsContract,
  ...execContract,
  ...statsContract,
  ...settingsContract,
  ...opsContract,
  ...imagesContract,
  ...registriesContract,
  ...volumesContract,
  ...networksContract,
  ...systemContract,
  ...shellContract,
  ...swarmContract,
} satisfies Record<InvokeChannel, ChannelSpec>;

export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['args']>;
export type InvokeResult<C extends InvokeChannel> = (typeof invokeContract)[C]['result'];

/** Payload of every main→renderer event. */
export interface IpcEventMap
  extends
    EnginesEventMap,
    HostsEventMap,
    ContainersEventMap,
    LogsEventMap,
    ExecEventMap,
    StatsEventMap,
    StreamsEventMap,
    SettingsEventMap,
    UiEventMap,
    OpsEventMap,
    ImagesEventMap,
    VolumesEventMap,
    NetworksEventMap,
    SystemEventMap,
    SwarmEventMap {}

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
