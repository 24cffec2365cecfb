import { z } from 'zod';

import type { Settings, StoreReset } from '../../settings/types';
import { channel } from '../define';
import { settingsPatchSchema } from '../schemas';
import { SettingsChannel } from './channels';

export const settingsContract = {
  [SettingsChannel.SettingsGet]: channel<Settings>()(z.tuple([])),
  [SettingsChannel.SettingsSet]: channel<Settings>()(z.tuple([settingsPatchSchema])),
  [SettingsChannel.SettingsStoreResets]: channel<StoreReset[]>()(z.tuple([])),
  [SettingsChannel.SettingsDismissStoreResets]: channel<void>()(z.tuple([])),
};
