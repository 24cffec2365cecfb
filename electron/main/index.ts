import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  app,
  type BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import Store from 'electron-store';

import { defaultSettings, IpcEvent, type Settings } from '../common';
import { safeStorageCipher } from './credentials/secret-cipher';
import { ContainerInventory } from './docker/containers/container-inventory';
import { ContainerService } from './docker/containers/container-service';
import { createContainerDetailsServices } from './docker/containers/details/index';
import { HelperJanitor } from './docker/containers/helper-janitor';
import { ContainerStatsSampler } from './docker/containers/stats-sampler';
import { createImageServices } from './docker/images/index';
import { NetworkService } from './docker/networks/network-service';
import { EventLogService } from './docker/system/events-service';
import { HostService } from './docker/system/system-service';
import { VolumeFileService } from './docker/volumes/volume-file-service';
import { VolumeService } from './docker/volumes/volume-service';
import { createHostServices } from './hosts/create-host-services';
import { openHostsStore } from './hosts/electron-hosts-store';
import { secretBoxFrom } from './hosts/secret-box';
import { AppEventBus } from './ipc/event-bus';
import { createInvokeHandlers } from './ipc/handlers';
import { registerInvokeHandlers } from './ipc/invoke-router';
import { OperationRegistry } from './ops/operation-registry';
import { buildAppMenu } from './platform/app-menu';
import { installAppMenu } from './platform/app-menu-adapter';
import { installDesktopIntegration, launchedHidden } from './platform/desktop-integration';
import { electronFileDialogs } from './platform/file-dialogs';
import { electronTransferDialogs } from './platform/transfer-dialogs';
import { createAppProtocolHandler } from './security/app-protocol';
import { ExternalLinks } from './security/external-links';
import { denyPermissions, hardenWebContents } from './security/harden';
import { APP_SCHEME } from './security/policy';
import { SettingsService } from './settings/settings-service';
import { MainWindowController } from './windows/main-window';
import type { WindowState } from './windows/window-state';

// The composition root: every service is constructed and wired here, once.

const bundleDir = fileURLToPath(new URL('.', import.meta.url));
const preloadPath = join(bundleDir, '../preload/index.cjs');
const rendererDir = join(bundleDir, '../renderer');

// Must happen before `ready`: a standard, secure scheme gets a real origin, fetch and CSP like https.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start().catch((error: unknown) => {
    console.error('Berth failed to start:', error);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  hardenWebContents(app);
  await app.whenReady();
  denyPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));

  // One OS-keyring wrapper for every secret Berth stores (host passphrases, registry logins).
  const keyring = safeStorageCipher(safeStorage, process.platform);
  const settings = new SettingsService(new Store<Settings>({ name: 'settings', defaults: defaultSettings }));
  // Every host: the CLI's default (DOCKER_HOST or the socket), its contexts (followed live) and Berth's own.
  const { engines, hosts, broker } = createHostServices({
    store: openHostsStore(),
    secrets: secretBoxFrom(keyring),
    env: process.env,
    platform: process.platform,
    homedir: homedir(),
  });
  await hosts.start();
  const containers = new ContainerService(engines);
  const operations = new OperationRegistry({
    onUnexpectedError: (operation, error) => console.error(`[ops] ${operation.kind} failed:`, error),
  });
  // Nothing is sampled until the window is on screen and the list says which rows are.
  const stats = new ContainerStatsSampler(engines, { windowVisible: false });
  // The app's only shell.openExternal: ExternalLinks lets through http(s) URLs with a host and no credentials only.
  const links = new ExternalLinks((url) => shell.openExternal(url)); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
  const bus = new AppEventBus();
  const images = createImageServices({
    engines,
    containers,
    operations,
    dataDir: app.getPath('userData'),
    cipher: keyring,
    dialogs: electronFileDialogs(
      dialog,
      () => windows.current(),
      () => app.getPath('downloads'),
    ),
    env: process.env,
    homedir: homedir(),
  });
  const inventory = new ContainerInventory(engines);
  // Helper containers a crashed Berth left behind go on each connect.
  const helperJanitor = new HelperJanitor(engines);
  const volumes = new VolumeService(engines, inventory);
  const networks = new NetworkService(engines, inventory);
  const resources = {
    volumes,
    networks,
    volumeFiles: new VolumeFileService(
      engines,
      operations,
      electronTransferDialogs(
        dialog,
        () => windows.current(),
        () => app.getPath('downloads'),
      ),
    ),
    host: new HostService(engines, volumes, networks),
    events: new EventLogService(engines),
  };
  const watchedWindows = new WeakSet<BrowserWindow>();
  // Hidden to the tray or minimised means no stats requests at all (design A-T5).
  const followVisibility = (window: BrowserWindow): void => {
    const update = (): void => stats.setWindowVisible(window.isVisible() && !window.isMinimized());
    update();
    if (watchedWindows.has(window)) return;
    watchedWindows.add(window);
    window.on('show', update);
    window.on('hide', update);
    window.on('minimize', update);
    window.on('restore', update);
    window.on('closed', () => stats.setWindowVisible(false));
  };
  const details = createContainerDetailsServices(engines, {
    publish: (name, payload) => bus.publish(name, payload),
    chooseSavePath: async ({ title, defaultName }) => {
      const options = { title, defaultPath: join(app.getPath('downloads'), defaultName) };
      const parent = windows.current();
      const result = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      return result.canceled ? undefined : result.filePath;
    },
    chooseOpenPath: async ({ title }) => {
      const options = { title, properties: ['openFile' as const] };
      const parent = windows.current();
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
  });
  // A reload or a closed window orphans the log/stats streams and terminals its page opened: end them with it.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('did-start-loading', () => details.closeAll());
    contents.on('destroyed', () => details.closeAll());
  });

  let quitting = false;
  const windows = new MainWindowController(preloadPath, !app.isPackaged, {
    onReady: (window) => {
      bus.attach(window.webContents);
      followVisibility(window);
    },
    shouldHideOnClose: () => !quitting && settings.get().closeToTray,
    stateStore: new Store<{ window?: WindowState }>({ name: 'window-state' }),
    displays: () => screen.getAllDisplays().map((display) => display.workArea),
  });

  registerInvokeHandlers(
    ipcMain,
    createInvokeHandlers({
      engines,
      containers,
      settings,
      operations,
      details,
      runs: images.runs,
      stats,
      links,
      resources,
      hosts,
      images,
    }),
    {
      isTrustedSender: (event) => windows.isTrustedSender(event),
      onUnexpectedError: (channel, error) => console.error(`[ipc] ${channel} failed:`, error),
    },
  );

  installAppMenu(buildAppMenu({ platform: process.platform, development: !app.isPackaged }), {
    ui: (command) => {
      windows.show();
      bus.publish(IpcEvent.CommandRequested, command);
    },
    reconnect: () => {
      for (const engine of engines.list()) void engines.reconnect(engine.id);
    },
    quit: () => app.quit(),
  });

  const disposeDesktop = installDesktopIntegration({
    app,
    showWindow: () => windows.show(),
    bus,
    engines,
    containers,
    settings,
    operations,
    links,
  });

  engines.onStatusChanged((info) => {
    bus.publish(IpcEvent.EngineStatusChanged, info);
  });
  engines.onRemoved((id) => {
    operations.cancelEngine(id);
    bus.publish(IpcEvent.EngineRemoved, { id });
  });
  hosts.onChanged((list) => bus.publish(IpcEvent.HostsChanged, list));
  broker.onRequested((prompt) => {
    // A question needs the window: bring it up.
    windows.show();
    bus.publish(IpcEvent.HostPromptRequested, prompt);
  });
  broker.onClosed((id) => bus.publish(IpcEvent.HostPromptClosed, { id }));
  containers.onChanged((change) => bus.publish(IpcEvent.ContainersChanged, change));
  images.images.onChanged((change) => bus.publish(IpcEvent.ImagesChanged, change));
  stats.onSampled((batch) => bus.publish(IpcEvent.ContainersStatsSampled, batch));
  settings.onChanged((next) => bus.publish(IpcEvent.SettingsChanged, next));
  operations.onUpdated((update) => bus.publish(IpcEvent.OperationUpdated, update));
  volumes.onChanged((change) => bus.publish(IpcEvent.VolumesChanged, change));
  networks.onChanged((change) => bus.publish(IpcEvent.NetworksChanged, change));
  resources.events.onReceived((batch) => bus.publish(IpcEvent.SystemEventsReceived, batch));

  app.on('second-instance', () => windows.show());
  app.on('activate', () => windows.show());
  // Berth lives in the tray: closing the last window does not quit.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => {
    quitting = true;
    hosts.dispose();
    broker.dispose();
    operations.dispose();
    images.dispose();
    stats.dispose();
    details.closeAll();
    containers.dispose();
    volumes.dispose();
    networks.dispose();
    resources.events.dispose();
    void resources.volumeFiles.dispose();
    inventory.dispose();
    helperJanitor.dispose();
    void engines.dispose();
    disposeDesktop();
  });

  engines.start();
  // Started at login: stay in the tray until the user asks for the window.
  if (!launchedHidden(app, process.argv)) windows.show();
}
