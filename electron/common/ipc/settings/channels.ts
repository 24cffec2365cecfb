import type { Settings, StoreReset } from '../../settings/types';

export const SettingsChannel = {
  SettingsGet: 'settings:get',
  SettingsSet: 'settings:set',
  /** Store files found damaged (reset, the copy kept aside) that the window has not shown yet. */
  SettingsStoreResets: 'settings:storeResets',
  /** The user read them: they are not shown again. */
  SettingsDismissStoreResets: 'settings:dismissStoreResets',
} as const;

export const SettingsEvent = {
  SettingsChanged: 'settings:changed',
  SettingsStoreResetsChanged: 'settings:storeResetsChanged',
} as const;

export interface SettingsEventMap {
  [SettingsEvent.SettingsChanged]: Settings;
  [SettingsEvent.SettingsStoreResetsChanged]: StoreReset[];
}
