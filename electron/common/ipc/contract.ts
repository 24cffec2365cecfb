import type { z } from 'zod';

import { type EventName, type InvokeChannel } from './channels';
import { containerDetailsContract } from './contracts/container-details';
import { containersContract } from './contracts/containers';
import { enginesContract } from './contracts/engines';
import { hostsContract } from './contracts/hosts';
import { imagesContract } from './contracts/images';
import { networksContract } from './contracts/networks';
import { opsContract } from './contracts/ops';
import { registriesContract } from './contracts/registries';
import { settingsContract } from './contracts/settings';
import { shellContract } from './contracts/shell';
import { systemContract } from './contracts/system';
import { volumesContract } from './contracts/volumes';
import type { ChannelSpec } from './define';
import type { ContainerDetailsEventMap } from './domains/container-details';
import type { ContainersEventMap } from './domains/containers';
import type { EnginesEventMap } from './domains/engines';
import type { HostsEventMap } from './domains/hosts';
import type { ImagesEventMap } from './domains/images';
import type { NetworksEventMap } from './domains/networks';
import type { OpsEventMap } from './domains/ops';
import type { SettingsEventMap } from './domains/settings';
import type { SystemEventMap } from './domains/system';
import type { UiEventMap } from './domains/ui';
import type { VolumesEventMap } from './domains/volumes';
import type { IpcEnvelope } from './errors';

/**
 * The invoke contract: for every channel, the schema main validates the arguments with and the result type.
 * Main, preload and renderer are all typed from this one object, merged from the domain files.
 */
export const invokeContract = {
  ...enginesContract,
  ...hostsContract,
  ...containersContract,
  ...containerDetailsContract,
  ...settingsContract,
  ...opsContract,
  ...imagesContract,
  ...registriesContract,
  ...volumesContract,
  ...networksContract,
  ...systemContract,
  ...shellContract,
} satisfies Record<InvokeChannel, ChannelSpec>;

export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['args']>;
export type InvokeResult<C extends InvokeChannel> = (typeof invokeContract)[C]['result'];

/** Payload of every main→renderer event. */
export interface IpcEventMap
  extends
    EnginesEventMap,
    HostsEventMap,
    ContainersEventMap,
    ContainerDetailsEventMap,
    SettingsEventMap,
    UiEventMap,
    OpsEventMap,
    ImagesEventMap,
    VolumesEventMap,
    NetworksEventMap,
    SystemEventMap {}

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
