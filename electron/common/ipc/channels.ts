import { ContainerDetailsChannel, ContainerDetailsEvent } from './domains/container-details';
import { ContainersChannel, ContainersEvent } from './domains/containers';
import { EnginesChannel, EnginesEvent } from './domains/engines';
import { HostsChannel, HostsEvent } from './domains/hosts';
import { ImagesChannel, ImagesEvent } from './domains/images';
import { NetworksChannel, NetworksEvent } from './domains/networks';
import { OpsChannel, OpsEvent } from './domains/ops';
import { RegistriesChannel } from './domains/registries';
import { SettingsChannel, SettingsEvent } from './domains/settings';
import { ShellChannel } from './domains/shell';
import { SystemChannel, SystemEvent } from './domains/system';
import { UiEvent } from './domains/ui';
import { VolumesChannel, VolumesEvent } from './domains/volumes';

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
