import { useComputedColorScheme } from '@mantine/core';

import { useEngines, useNavigation, useSettings } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import { killRequest } from '../containers/confirm-requests';
import type { ConfirmRequest } from '../containers/ConfirmActionModal';
import { useSelectedEngines } from '../hosts/use-hosts';
import type { PaletteCommand } from './presentation';

/** A kill waiting for the user's yes in the containers page's confirmation modal. */
export interface PendingKill {
  request: ConfirmRequest;
  confirm: () => void;
}

/**
 * What choosing an entry does, through the app's own stores and dialogs: the containers store (so rows show the
 * action pending), navigation routes, the host switcher, Preferences and the theme setting. Kill asks first, as
 * the containers page does; stop, restart and start run at once there too.
 */
export function usePaletteRun(
  onDone: () => void,
  onKill: (kill: PendingKill) => void,
): (command: PaletteCommand) => void {
  const stores = useStores();
  const { navigate, request } = useNavigation();
  const { select, hostName } = useSelectedEngines();
  const { engines } = useEngines();
  const { update } = useSettings();
  const scheme = useComputedColorScheme('light');
  return (command) => {
    onDone();
    switch (command.kind) {
      case 'containerVerb': {
        const store = stores.containers(command.engineId);
        if (command.verb === 'kill') {
          const container = store.getSnapshot().snapshot?.items.find((item) => item.id === command.id);
          if (container === undefined) return;
          // The host is named when there are several, as in the palette's titles.
          onKill({
            request: killRequest(engines.length > 1 ? hostName : undefined, container),
            confirm: () => void store.killContainer(command.id),
          });
          return;
        }
        const act = {
          start: store.startContainer,
          stop: store.stopContainer,
          restart: store.restartContainer,
        }[command.verb];
        void act(command.id);
        return;
      }
      case 'openContainer':
        navigate({
          page: 'containers',
          detail: {
            kind: 'container',
            engineId: command.engineId,
            id: command.id,
            ...(command.tab === undefined ? {} : { tab: command.tab }),
          },
        });
        return;
      case 'switchHost':
        // The switcher persists the choice (`activeEngineId`), which the tray shows too.
        select(command.engineId);
        return;
      case 'goTo':
        navigate({ page: command.view });
        return;
      case 'navigate':
        navigate(command.route);
        return;
      case 'app':
        if (command.command === 'toggleTheme') void update({ theme: scheme === 'dark' ? 'light' : 'dark' });
        else request(command.command);
        return;
    }
  };
}
