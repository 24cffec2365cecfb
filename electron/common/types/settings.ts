export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** Every user preference Berth persists; secrets never live here. */
export interface Settings {
  theme: Theme;
  /** Closing the window keeps Berth running in the tray. */
  closeToTray: boolean;
}

export const defaultSettings: Settings = {
  theme: 'system',
  closeToTray: true,
};

export type SettingsPatch = Partial<Settings>;
