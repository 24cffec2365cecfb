import { z } from 'zod';

export const themeSchema = z.enum(['system', 'light', 'dark']);

/** Every user preference Berth persists; secrets never live here. */
export const settingsSchema = z.object({
  theme: themeSchema,
  /** Closing the window keeps Berth running in the tray. */
  closeToTray: z.boolean(),
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  theme: 'system',
  closeToTray: true,
};

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
