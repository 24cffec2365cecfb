import type { AppRoute, ContainerSummary, EngineId, SettingsPatch, UiCommand } from '../../common';
import { isSafeExternalUrl } from '../security/policy';
import type { TrayAction } from './tray-menu';

const COMPOSE_PROJECT = 'com.docker.compose.project';

/** Everything a tray click can reach, injected so the dispatcher is testable without Electron. */
export interface TrayActionTargets {
  showWindow: () => void;
  sendUi: (command: UiCommand) => void;
  quit: () => void;
  updateSettings: (patch: SettingsPatch) => void;
  container: (verb: 'start' | 'stop' | 'restart', ref: { engineId: EngineId; id: string }) => Promise<void>;
  knownContainers: () => ContainerSummary[];
  openExternal: (url: string) => Promise<void>;
  /** Tells the user about a failure when there may be no window to show it in. */
  reportFailure: (title: string, message: string) => void;
}

/** Carries out one tray click; never throws (a failure becomes a notification). */
export async function runTrayAction(action: TrayAction, targets: TrayActionTargets): Promise<void> {
  const open = (route: AppRoute) => {
    targets.showWindow();
    targets.sendUi({ command: 'open', route });
  };
  try {
    switch (action.kind) {
      case 'open':
        targets.showWindow();
        return;
      case 'preferences':
        targets.showWindow();
        targets.sendUi({ command: 'openPreferences' });
        return;
      case 'quit':
        targets.quit();
        return;
      case 'switchHost':
        targets.updateSettings({ activeEngineId: action.engineId, allHosts: false });
        return;
      case 'openLogs':
        open({
          page: 'containers',
          detail: { kind: 'container', engineId: action.engineId, id: action.id, tab: 'logs' },
        });
        return;
      case 'openUrl':
        // The URL was built from Docker data; re-check it right before it leaves the app.
        if (isSafeExternalUrl(action.url))
          await targets.openExternal(action.url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
        return;
      case 'container':
        await targets.container(action.verb, { engineId: action.engineId, id: action.id });
        return;
      case 'project': {
        const members = targets
          .knownContainers()
          .filter((c) => c.engineId === action.engineId && c.labels[COMPOSE_PROJECT] === action.project)
          .filter((c) => (action.verb === 'start' ? c.state !== 'running' : c.state === 'running'));
        const results = await Promise.allSettled(
          members.map((c) => targets.container(action.verb, { engineId: c.engineId, id: c.id })),
        );
        const failed = results.filter((result) => result.status === 'rejected').length;
        if (failed > 0)
          throw new Error(
            `${failed} of ${members.length} containers of ${action.project} did not ${action.verb}.`,
          );
        return;
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    targets.reportFailure('Berth could not do that', message);
  }
}
