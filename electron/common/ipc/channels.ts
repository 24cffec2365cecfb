import { ComposeChannel } from './compose/channels';
import { ContainersChannel, ContainersEvent } from './containers/channels';
import { EnginesChannel, EnginesEvent } from './engines/channels';
import { ExecChannel, ExecEvent } from './exec/channels';
import { HostsChannel, HostsEvent } from './hosts/channels';
import { ImagesChannel, ImagesEvent } from './images/channels';
import { LogsChannel, LogsEvent } from './logs/channels';
import { NetworksChannel, NetworksEvent } from './networks/channels';
import { OpsChannel, OpsEvent } from './ops/channels';
import { RegistriesChannel } from './registries/channels';
import { SettingsChannel, SettingsEvent } from './settings/channels';
import { ShellChannel } from './shell/channels';
import { StatsChannel, StatsEvent } from './stats/channels';
import { StreamsEvent } from './streams/channels';
import { SwarmChannel, SwarmEvent } from './swarm/channels';
import { SystemChannel, SystemEvent } from './system/channels';
import { UiEvent } from './ui/channels';
import { VolumesChannel, VolumesEvent } from './volumes/channels';

/**
 * Every IPC channel name, merged from one folder per channel prefix: `ipc/<prefix>/channels.ts` spells the names
 * (invoke channels `prefix:verb`, events past-tense facts) and `ipc/<prefix>/contract.ts` beside it holds their
 * zod schemas. The names live apart from the schemas on purpose: this file (and so `bridge.ts`) is what preload
 * and the renderer import, and they must not load zod (see bridge.ts). Nothing outside `electron/common/ipc`
 * spells a channel as a string literal; the lint rule enforcing that is built from `invokeChannels` and
 * `eventNames` below (eslint.config.mjs).
 */
export const IpcChannel = {
  ...EnginesChannel,
  ...HostsChannel,
  ...ContainersChannel,
  ...LogsChannel,
  ...ExecChannel,
  ...StatsChannel,
  ...SettingsChannel,
  ...OpsChannel,
  ...ImagesChannel,
  ...RegistriesChannel,
  ...VolumesChannel,
  ...NetworksChannel,
  ...SystemChannel,
  ...ShellChannel,
  ...SwarmChannel,
  ...ComposeChannel,
} as const;

export type InvokeChannel = (typeof IpcChannel)[keyof typeof IpcChannel];

export const IpcEvent = {
  ...EnginesEvent,
  ...HostsEvent,
  ...ContainersEvent,
  ...LogsEvent,
  ...ExecEvent,
  ...StatsEvent,
  ...StreamsEvent,
  ...SettingsEvent,
  ...UiEvent,
  ...OpsEvent,
  ...ImagesEvent,
  ...VolumesEvent,
  ...NetworksEvent,
  ...SystemEvent,
  ...SwarmEvent,
} as const;

export type EventName = (typeof IpcEvent)[keyof typeof IpcEvent];

/** The single main→renderer transport every event rides on (`{ name, payload }`). */
export const EVENT_TRANSPORT_CHANNEL = 'app:event';

export const invokeChannels: readonly InvokeChannel[] = Object.values(IpcChannel);
export const eventNames: readonly EventName[] = Object.values(IpcEvent);

/** Splits `domain:verb` into its parts (used to build the bridge and the API from the channel list). */
export function splitChannel(channelName: InvokeChannel): { domain: string; verb: string } {
  const [domain, verb] = channelName.split(':') as [string, string];
  return { domain, verb };
}

/**
 * One function per invoke channel, grouped by domain (`containers:list` → `.containers.list`): the shape of
 * `window.berth` (preload) and of the renderer's API, built from the channel list so neither keeps its own.
 */
export function groupByDomain<M>(method: (channel: InvokeChannel) => M): Record<string, Record<string, M>> {
  const domains: Record<string, Record<string, M>> = {};
  for (const channel of invokeChannels) {
    const { domain, verb } = splitChannel(channel);
    domains[domain] ??= {};
    domains[domain][verb] = method(channel);
  }
  return domains;
}
