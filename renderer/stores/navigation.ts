import {
  type AppRoute as Route,
  type BerthApi,
  IpcEvent,
  type UiCommand,
} from '../../electron/common/bridge';
import { createExternalStore, type ExternalStore } from './external-store';

export type { DetailRoute, AppRoute as Route } from '../../electron/common/bridge';

export interface NavigationState {
  route: Route;
  /** Bumped by "Find" (Ctrl/Cmd+F) so the current page can focus its search field. */
  findRequests: number;
  /** Bumped by Ctrl/Cmd+K; the command palette opens when it changes. */
  paletteRequests: number;
  /** Bumped by "Preferences…". */
  preferencesRequests: number;
  /** Bumped by `?`, Ctrl/Cmd+/ or the palette's "Keyboard shortcuts": the shortcuts sheet opens. */
  shortcutsRequests: number;
}

/** What the window's own controls (the header's hint, the palette) can ask to open. */
export type OpenRequest = 'palette' | 'preferences' | 'shortcuts';

export interface NavigationStore extends ExternalStore<NavigationState> {
  navigate: (route: Route) => void;
  /** Opens the palette, Preferences or the shortcuts sheet, as the menu's commands do. */
  request: (what: OpenRequest) => void;
  /** Subscribes to the app menu's commands; idempotent. */
  start: () => void;
  dispose: () => void;
}

/**
 * Where the window is, as a store: the sidebar, details pages, the app menu, the tray and notifications all
 * navigate through it, so "open logs of web" from anywhere lands on the same view.
 */
export function createNavigationStore(
  api: BerthApi,
  initial: Route = { page: 'containers' },
): NavigationStore {
  let unsubscribe: (() => void) | undefined;
  const state = createExternalStore<NavigationState>(
    { route: initial, findRequests: 0, paletteRequests: 0, preferencesRequests: 0, shortcutsRequests: 0 },
    () => start(),
  );

  const apply = (command: UiCommand): void => {
    switch (command.command) {
      case 'navigate':
        state.update((current) => ({ ...current, route: { page: command.view } }));
        break;
      case 'open':
        state.update((current) => ({ ...current, route: command.route }));
        break;
      case 'find':
        state.update((current) => ({ ...current, findRequests: current.findRequests + 1 }));
        break;
      case 'openCommandPalette':
        state.update((current) => ({ ...current, paletteRequests: current.paletteRequests + 1 }));
        break;
      case 'openPreferences':
        state.update((current) => ({ ...current, preferencesRequests: current.preferencesRequests + 1 }));
        break;
    }
  };

  function start(): void {
    if (unsubscribe !== undefined) return;
    unsubscribe = api.events.on(IpcEvent.CommandRequested, apply);
  }

  return {
    getSnapshot: state.getSnapshot,
    subscribe: state.subscribe,
    navigate: (route) => state.update((current) => ({ ...current, route })),
    request: (what) => {
      if (what === 'palette') apply({ command: 'openCommandPalette' });
      else if (what === 'preferences') apply({ command: 'openPreferences' });
      else state.update((current) => ({ ...current, shortcutsRequests: current.shortcutsRequests + 1 }));
    },
    start,
    dispose: () => {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
}
