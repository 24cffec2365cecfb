import { z } from 'zod';

import { type Settings, settingsPatchSchema } from '../../types/settings';
import { channel } from '../define';

export const SettingsChannel = {
  SettingsGet: 'settings:get',
  SettingsSet: 'settings:set',
} as const;

export const SettingsEvent = {
  SettingsChanged: 'settings:changed',
} as const;

export const settingsContract = {
  [SettingsChannel.SettingsGet]: channel<Settings>()(z.tuple([])),
  [SettingsChannel.SettingsSet]: channel<Settings>()(z.tuple([settingsPatchSchema])),
};

export interface SettingsEventMap {
  [SettingsEvent.SettingsChanged]: Settings;
}
