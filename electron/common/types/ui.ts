/** The views of the app shell, in sidebar order. */
export const appViews = ['containers', 'images', 'volumes', 'networks', 'hosts'] as const;
export type AppView = (typeof appViews)[number];

/** A command the user gave through the app menu or a shortcut, for the renderer to carry out. */
export type UiCommand =
  | { command: 'navigate'; view: AppView }
  | { command: 'find' }
  | { command: 'openPreferences' }
  | { command: 'openCommandPalette' };
