export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** The kinds of native notification, each of which the user can turn off. */
export const notificationKinds = ['containerDied', 'operationFinished', 'hostConnection'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** Every user preference Berth persists; secrets never live here. */
export interface Settings {
  theme: Theme;
  /** Closing the window keeps Berth running in the tray. */
  closeToTray: boolean;
  /** Start Berth when the user logs in, hidden in the tray. */
  startAtLogin: boolean;
  /** Which native notifications to show. */
  notifications: Record<NotificationKind, boolean>;
}

export const defaultSettings: Settings = {
  theme: 'system',
  closeToTray: true,
  startAtLogin: false,
  notifications: { containerDied: true, operationFinished: true, hostConnection: true },
};

export type SettingsPatch = Partial<Settings>;
