import { homedir } from 'node:os';
import { join } from 'node:path';

import { type App, Notification } from 'electron';

import { type AppRoute, IpcEvent, type UiCommand } from '../../common';
import type { ContainerService } from '../docker/containers/container-service';
import type { EngineRegistry } from '../docker/engine/engine-registry';
import type { Publish } from '../docker/ports';
import { NotificationService } from '../notifications/notification-service';
import type { OperationRegistry } from '../ops/operation-registry';
import type { ExternalLinks } from '../security/external-links';
import type { SettingsService } from '../settings/settings-service';
import { applyLinuxAutostart, autostartPath, HIDDEN_FLAG } from './login-item';
import { createNotifier } from './notifier';
import { AppTray } from './tray';
import { runTrayAction } from './tray-actions';
import { TrayController } from './tray-controller';

interface DesktopIntegrationDeps {
  app: App;
  showWindow: () => void;
  publish: Publish;
  engines: EngineRegistry;
  containers: ContainerService;
  settings: SettingsService;
  operations: OperationRegistry;
  links: ExternalLinks;
}

/** True when the OS started Berth at login: it then stays in the tray without opening a window. */
export function launchedHidden(app: App, argv: readonly string[]): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  // macOS passes no arguments to login items; it reports the launch instead.
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}

/**
 * What makes Berth a desktop app beyond its window: the tray with quick actions, native notifications, and
 * start at login. Returns what to dispose at quit.
 */
export function installDesktopIntegration(deps: DesktopIntegrationDeps): () => void {
  const { app, publish, engines, containers, settings, operations } = deps;
  const sendUi = (command: UiCommand) => publish(IpcEvent.CommandRequested, command);
  const open = (route: AppRoute) => {
    deps.showWindow();
    sendUi({ command: 'open', route });
  };
  const notify = createNotifier(open);

  const notifications = new NotificationService(
    {
      onEvent: (listener) => engines.onEvent(listener),
      onStatusChanged: (listener) => engines.onStatusChanged(listener),
      onOperationUpdated: (listener) => operations.onUpdated(listener),
      onEngineRemoved: (listener) => engines.onRemoved(listener),
    },
    { settings: () => settings.get(), show: notify },
  );

  const tray = new AppTray(
    join(app.getAppPath(), 'assets'),
    (action) =>
      void runTrayAction(action, {
        showWindow: deps.showWindow,
        sendUi,
        quit: () => app.quit(),
        updateSettings: (patch) => settings.update(patch),
        container: (verb, ref) => containers[verb](ref),
        // Clicks only come after `controller` below exists.
        knownContainers: () => controller.knownContainers(),
        // Gated by ExternalLinks (http/https only, parsed with new URL).
        openExternal: (url) => deps.links.openExternal(url) /* eng-disable OPEN_EXTERNAL_JS_CHECK */,
        reportFailure: (title, body) => {
          if (Notification.isSupported()) new Notification({ title, body }).show();
        },
      }),
    process.platform,
  );
  const controller = new TrayController(
    {
      engines: () => engines.list(),
      onStatusChanged: (listener) => engines.onStatusChanged(listener),
      onEngineRemoved: (listener) => engines.onRemoved(listener),
      listContainers: (engineId) => containers.list(engineId),
      onContainersChanged: (listener) => containers.onChanged(listener),
      settings: () => settings.get(),
      onSettingsChanged: (listener) => settings.onChanged(listener),
    },
    (entries, list) => tray.update(entries, list),
  );

  const applyLoginItem = (enabled: boolean) => {
    if (process.platform === 'linux') {
      // Electron's login-item API covers macOS and Windows; Linux desktops read XDG autostart entries.
      const executable = process.env.APPIMAGE ?? process.execPath;
      const args = app.isPackaged ? [] : [app.getAppPath()];
      void applyLinuxAutostart(enabled, autostartPath(process.env, homedir()), executable, args).catch(
        (error: unknown) => console.error('[login item] could not update the autostart entry:', error),
      );
    } else {
      app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
    }
  };
  let startAtLogin = settings.get().startAtLogin;
  // Only touch the OS setting when the user changes it, so a copy of Berth never rewrites another's entry.
  const stopFollowingSettings = settings.onChanged((next) => {
    if (next.startAtLogin !== startAtLogin) {
      startAtLogin = next.startAtLogin;
      applyLoginItem(startAtLogin);
    }
  });

  return () => {
    stopFollowingSettings();
    controller.dispose();
    notifications.dispose();
    tray.destroy();
  };
}
