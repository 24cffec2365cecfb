import { z } from 'zod';

import type { Settings } from '../../types/settings';
import { channel } from '../define';
import { SettingsChannel } from '../domains/settings';
import { settingsPatchSchema } from '../schemas';

export const settingsContract = {
  [SettingsChannel.SettingsGet]: channel<Settings>()(z.tuple([])),
  [SettingsChannel.SettingsSet]: channel<Settings>()(z.tuple([settingsPatchSchema])),
};
