import type { EngineId } from '../../../electron/common/bridge';
import type { PaletteEntry } from './presentation';

/**
 * The app's own commands, each wired to what the app already does: the Images page's Pull and Prune dialogs (by
 * route), the Run dialog (the images page's "Run" route with no image), Preferences, the theme and the shortcuts
 * sheet. `engineId` is the host Pull and Run act on (the switcher's); without one they are left out.
 */
export function commandEntries(engineId: EngineId | undefined): PaletteEntry[] {
  const onHost: PaletteEntry[] =
    engineId === undefined
      ? []
      : [
          {
            key: 'command/pull',
            kind: 'command',
            title: 'Pull image…',
            keywords: 'download registry',
            command: { kind: 'navigate', route: { page: 'images', imagesDialog: 'pull' } },
          },
          {
            key: 'command/run',
            kind: 'command',
            title: 'Run a container…',
            keywords: 'new create start',
            command: {
              kind: 'navigate',
              route: { page: 'containers', runImage: { engineId, reference: '' } },
            },
          },
        ];
  return [
    ...onHost,
    {
      key: 'command/preferences',
      kind: 'command',
      title: 'Preferences…',
      keywords: 'settings options',
      command: { kind: 'app', command: 'preferences' },
      shortcut: 'Mod+,',
    },
    {
      key: 'command/theme',
      kind: 'command',
      title: 'Toggle theme (light / dark)',
      keywords: 'dark light colour color scheme',
      command: { kind: 'app', command: 'toggleTheme' },
    },
    {
      key: 'command/shortcuts',
      kind: 'command',
      title: 'Keyboard shortcuts',
      keywords: 'keys help hotkeys',
      command: { kind: 'app', command: 'shortcuts' },
      shortcut: 'Mod+/',
    },
    {
      // Opens the Images page's prune dialog, which says what goes and asks.
      key: 'command/prune',
      kind: 'destructive',
      title: 'Prune images…',
      keywords: 'clean unused dangling disk',
      command: { kind: 'navigate', route: { page: 'images', imagesDialog: 'prune' } },
      destructive: { verb: 'prune' },
    },
  ];
}
