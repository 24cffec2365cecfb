import { type AppView, appViewLabels } from '../../../electron/common/bridge';

/** One row of the Keyboard shortcuts sheet: the keys (`Mod` is Ctrl, or Cmd on macOS) and what they do. */
export interface ShortcutRow {
  keys: readonly string[];
  label: string;
}

/** Whether the window runs on macOS, where `Mod` is Cmd (⌘). */
export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac/i.test(navigator.userAgent);
}

/** `Mod+2` as the platform writes it: `Ctrl+2`, or `⌘2` on macOS. */
export function shortcutLabel(shortcut: string, mac = isMac()): string {
  if (!shortcut.startsWith('Mod+')) return shortcut;
  const key = shortcut.slice('Mod+'.length);
  return mac ? `⌘${key}` : `Ctrl+${key}`;
}

/**
 * Every shortcut of the window, as the sheet lists them. The app menu owns the Mod shortcuts (its accelerators,
 * electron/main/platform/app-menu.ts); the palette and the sheet handle their own keys.
 */
export function shortcutRows(views: readonly AppView[]): ShortcutRow[] {
  return [
    { keys: ['Mod+K'], label: 'Command palette' },
    ...views
      .slice(0, 9)
      .map((view, index) => ({ keys: [`Mod+${index + 1}`], label: `Go to ${appViewLabels[view]}` })),
    { keys: ['Mod+F'], label: 'Search this page' },
    { keys: ['Mod+R'], label: 'Reload data (reconnect)' },
    { keys: ['Mod+,'], label: 'Preferences' },
    { keys: ['?', 'Mod+/'], label: 'Keyboard shortcuts (this sheet)' },
    { keys: ['↑', '↓'], label: 'Palette: move between results' },
    { keys: ['Enter'], label: 'Palette: open the highlighted result (never a destructive one by default)' },
    { keys: ['Esc'], label: 'Close the palette or a dialog' },
  ];
}

/** True for `?` or Ctrl/Cmd+/ outside a text field (where `?` is typed, not a shortcut). */
export function isShortcutsKey(event: KeyboardEvent): boolean {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key === '/') return true;
  if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return true;
  return !(target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
