/**
 * Every IPC channel name, in one place. Invoke channels are `domain:verb`; event names are past-tense facts.
 * Nothing outside `electron/common` spells a channel as a string literal.
 */
export const IpcChannel = {
  EnginesList: 'engines:list',
  EnginesReconnect: 'engines:reconnect',
  ContainersList: 'containers:list',
  ContainersStart: 'containers:start',
  ContainersStop: 'containers:stop',
  ContainersRemove: 'containers:remove',
  SettingsGet: 'settings:get',
  SettingsSet: 'settings:set',
} as const;

export type InvokeChannel = (typeof IpcChannel)[keyof typeof IpcChannel];

export const IpcEvent = {
  EngineStatusChanged: 'engines:statusChanged',
  ContainersChanged: 'containers:changed',
  SettingsChanged: 'settings:changed',
} as const;

export type EventName = (typeof IpcEvent)[keyof typeof IpcEvent];

/** The single main→renderer transport every event rides on (`{ name, payload }`). */
export const EVENT_TRANSPORT_CHANNEL = 'app:event';
