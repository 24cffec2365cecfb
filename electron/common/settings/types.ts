export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** The kinds of native notification, each of which the user can turn off. */
export const notificationKinds = ['containerDied', 'operationFinished', 'hostConnection'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** A container kept in the tray whether it runs or not; by name, so a re-created container stays pinned. */
export interface PinnedContainer {
  engineId: string;
  name: string;
}

/** Every user preference Berth persists; secrets never live here. */
export interface Settings {
  theme: Theme;
  /** Closing the window keeps Berth running in the tray. */
  closeToTray: boolean;
  /** Start Berth when the user logs in, hidden in the tray. */
  startAtLogin: boolean;
  /** Which native notifications to show. */
  notifications: Record<NotificationKind, boolean>;
  /** The host the window and the tray show; the tray's "Switch host" and the window's switcher both set it. */
  activeEngineId: string;
  /** The window merges every connected host ("All hosts") instead of showing only the active one. */
  allHosts: boolean;
  /** Containers shown in the tray even while stopped. */
  pinnedContainers: PinnedContainer[];
}

export const defaultSettings: Settings = {
  theme: 'system',
  closeToTray: true,
  startAtLogin: false,
  notifications: { containerDied: true, operationFinished: true, hostConnection: true },
  activeEngineId: 'local',
  allHosts: false,
  pinnedContainers: [],
};

export type SettingsPatch = Partial<Settings>;

/** A store file that was damaged at start (or when first read): reset to defaults, the damaged copy kept. */
export interface StoreReset {
  /** Which file: `settings`, `window-state` (size and place of the window) or `registry-logins`. */
  what: 'settings' | 'window-state' | 'registry-logins';
  /** Where the file is (and is now fresh). */
  file: string;
  /** Where the damaged copy was kept. */
  keptAs: string;
  /** What was wrong: empty, not JSON, wrong shape. */
  reason: string;
}
