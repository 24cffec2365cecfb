import type { Settings } from '../../settings/types';

export const SettingsChannel = {
  SettingsGet: 'settings:get',
  SettingsSet: 'settings:set',
} as const;

export const SettingsEvent = {
  SettingsChanged: 'settings:changed',
} as const;

export interface SettingsEventMap {
  [SettingsEvent.SettingsChanged]: Settings;
}
