import { ContainerDetailsChannel, ContainerDetailsEvent } from './container-details/channels';
import { ContainersChannel, ContainersEvent } from './containers/channels';
import { EnginesChannel, EnginesEvent } from './engines/channels';
import { HostsChannel, HostsEvent } from './hosts/channels';
import { ImagesChannel, ImagesEvent } from './images/channels';
import { NetworksChannel, NetworksEvent } from './networks/channels';
import { OpsChannel, OpsEvent } from './ops/channels';
import { RegistriesChannel } from './registries/channels';
import { SettingsChannel, SettingsEvent } from './settings/channels';
import { ShellChannel } from './shell/channels';
import { SystemChannel, SystemEvent } from './system/channels';
import { UiEvent } from './ui/channels';
import { VolumesChannel, VolumesEvent } from './volumes/channels';

/**
 * Every IPC channel name. Each domain spells its own in `domains/<domain>.ts` (invoke channels `domain:verb`,
 * events past-tense facts); nothing outside `electron/common/ipc` spells a channel as a string literal.
 */
export const IpcChannel = {
  ...EnginesChannel,
  ...HostsChannel,
  ...ContainersChannel,
  ...ContainerDetailsChannel,
  ...SettingsChannel,
  ...OpsChannel,
  ...ImagesChannel,
  ...RegistriesChannel,
  ...VolumesChannel,
  ...NetworksChannel,
  ...SystemChannel,
  ...ShellChannel,
} as const;

export type InvokeChannel = (typeof IpcChannel)[keyof typeof IpcChannel];

export const IpcEvent = {
  ...EnginesEvent,
  ...HostsEvent,
  ...ContainersEvent,
  ...ContainerDetailsEvent,
  ...SettingsEvent,
  ...UiEvent,
  ...OpsEvent,
  ...ImagesEvent,
  ...VolumesEvent,
  ...NetworksEvent,
  ...SystemEvent,
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
