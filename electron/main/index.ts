import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { app, dialog, ipcMain, protocol, safeStorage, screen, session, shell } from 'electron';
import Store from 'electron-store';

import { defaultSettings, type EngineInfo, IpcEvent, type Settings } from '../common';
import { safeStorageCipher, type SecretCipher } from './credentials/secret-cipher';
import { ComposeService } from './docker/compose/compose-service';
import { ContainerInventory } from './docker/containers/container-inventory';
import { ContainerService } from './docker/containers/container-service';
import { createContainerDetailsServices } from './docker/containers/details/index';
import { HelperJanitor } from './docker/containers/helper-janitor';
import { ContainerStatsSampler } from './docker/containers/stats-sampler';
import type { EngineRegistry } from './docker/engine/engine-registry';
import { createImageServices } from './docker/images/index';
import { ListDemand } from './docker/lists/list-demand';
import { NetworkService } from './docker/networks/network-service';
import { partialFiles } from './docker/partial-files';
import type { FileDialogs } from './docker/ports';
import { SwarmService } from './docker/swarm/swarm-service';
import { SwarmWorkloads } from './docker/swarm/swarm-workloads';
import { EventsService } from './docker/system/events-service';
import { SystemService } from './docker/system/system-service';
import { VolumeFileService } from './docker/volumes/volume-file-service';
import { VolumeService } from './docker/volumes/volume-service';
import { createHostServices, type HostServices } from './hosts/create-host-services';
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
import { createMainLog, type MainLog } from './platform/main-log';
import { openLogFile } from './platform/open-log-file';
import { reportStartFailure } from './platform/start-failure';
import { createAppProtocolHandler } from './security/app-protocol';
import { ExternalLinks } from './security/external-links';
import { denyPermissions, hardenWebContents } from './security/harden';
import { APP_SCHEME } from './security/policy';
import { SettingsService, settingsShapeProblem } from './settings/settings-service';
import { recoverStoreFile, StoreResets } from './settings/store-files';
import { MainWindowController } from './windows/main-window';
import { offerReloadOnFailure } from './windows/window-recovery';
import { type WindowState, windowStateShapeProblem } from './windows/window-state';
import { followWindowVisibility } from './windows/window-visibility';

// The composition root: every service is constructed and wired here, once. Services get ports (Publish, FileDialogs,
// Logger from docker/ports.ts); only this file and platform/, windows/, ipc/ know Electron.

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
  const log = createMainLog({ dir: app.getPath('logs') });
  void start(log).catch((error: unknown) => {
    reportStartFailure(dialog, log, error);
    app.exit(1);
  });
}

/** What every part of the app shares: settings, hosts and engines, operations, the event bus, the log. */
interface Core {
  log: MainLog;
  /** Store files found damaged, reset and kept aside: the window says so once. */
  storeResets: StoreResets;
  keyring: SecretCipher;
  settings: SettingsService;
  engines: EngineRegistry;
  hosts: HostServices['hosts'];
  broker: HostServices['broker'];
  containers: ContainerService;
  /** Whether anyone looks at the lists (the window on screen). */
  demand: ListDemand;
  operations: OperationRegistry;
  stats: ContainerStatsSampler;
  links: ExternalLinks;
  bus: AppEventBus;
}

/** The app's state that is not a service: set once quitting began, so closing the window really closes it. */
interface Lifecycle {
  quitting: boolean;
}

async function start(log: MainLog): Promise<void> {
  hardenWebContents(app);
  await app.whenReady();
  denyPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  log.info(
    `Berth ${app.getVersion()} started (Electron ${process.versions.electron ?? '?'}, ${process.platform})`,
  );

  const core = await createCore(log);
  const lifecycle: Lifecycle = { quitting: false };
  const windows = createWindows(core, lifecycle);
  const dialogs = electronFileDialogs(
    dialog,
    () => windows.current(),
    () => app.getPath('downloads'),
  );
  const docker = createDockerServices(core, dialogs);
  registerIpc(core, docker, windows);
  installMenu(core, windows);
  const disposeDesktop = installDesktopIntegration({
    app,
    showWindow: () => windows.show(),
    publish: core.bus.publish,
    engines: core.engines,
    containers: core.containers,
    settings: core.settings,
    operations: core.operations,
    links: core.links,
  });
  forwardEvents(core, docker, windows);
  handleAppLifecycle(core, docker, windows, lifecycle, disposeDesktop);

  core.engines.start();
  // Started at login: stay in the tray until the user asks for the window.
  if (!launchedHidden(app, process.argv)) windows.show();
}

/** Settings, the keyring, every host and its engine, and the services everything else builds on. */
async function createCore(log: MainLog): Promise<Core> {
  // One OS-keyring wrapper for every secret Berth stores (host passphrases, registry logins).
  const keyring = safeStorageCipher(safeStorage, process.platform);
  const userData = app.getPath('userData');
  const storeResets = new StoreResets();
  // A damaged file is moved aside (never deleted) before its store opens, which then starts from the defaults.
  storeResets.add(recoverStoreFile(join(userData, 'settings.json'), 'settings', settingsShapeProblem));
  storeResets.add(
    recoverStoreFile(join(userData, 'window-state.json'), 'window-state', windowStateShapeProblem),
  );
  // Partial files of transfers a crashed or killed run left behind go before anything can start a new one.
  partialFiles.useJournal(join(userData, 'pending-partials.json'));
  for (const path of await partialFiles.sweep())
    log.info(`[files] removed ${path}, left by an interrupted transfer`);
  for (const reset of storeResets.list())
    log.warn(`[store] ${reset.file} ${reset.reason}; kept as ${reset.keptAs}`);
  const settings = new SettingsService(new Store<Settings>({ name: 'settings', defaults: defaultSettings }));
  // Every host: the CLI's default (DOCKER_HOST or the socket), its contexts (followed live) and Berth's own.
  const { engines, hosts, broker } = createHostServices({
    store: openHostsStore(userData, log),
    secrets: secretBoxFrom(keyring),
    env: process.env,
    platform: process.platform,
    homedir: homedir(),
    logger: log,
  });
  await hosts.start();
  // Lists ask the daemons nothing on behalf of events while the window is hidden (heartbeats only; issue #16).
  const demand = new ListDemand();
  const containers = new ContainerService(engines, { logger: log, demand });
  const operations = new OperationRegistry({
    onUnexpectedError: (operation, error) => log.error(`[ops] ${operation.kind} failed:`, error),
  });
  // Nothing is sampled until the window is on screen and the list says which rows are.
  const stats = new ContainerStatsSampler(engines, { windowVisible: false, logger: log });
  // The app's only shell.openExternal: ExternalLinks lets through http(s) URLs with a host and no credentials only.
  const links = new ExternalLinks((url) => shell.openExternal(url)); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
  const bus = new AppEventBus();
  return {
    log,
    storeResets,
    keyring,
    settings,
    engines,
    hosts,
    broker,
    containers,
    demand,
    operations,
    stats,
    links,
    bus,
  };
}

type DockerServices = ReturnType<typeof createDockerServices>;

/** The per-area Docker services (images, volumes, networks, system, container details) over the core. */
function createDockerServices(
  { engines, containers, demand, operations, keyring, bus, log, storeResets }: Core,
  dialogs: FileDialogs,
) {
  const images = createImageServices({
    engines,
    containers,
    operations,
    dataDir: app.getPath('userData'),
    cipher: keyring,
    dialogs,
    env: process.env,
    homedir: homedir(),
    onStoreReset: (reset) => storeResets.add(reset),
    demand,
  });
  const inventory = new ContainerInventory(engines, containers);
  // Helper containers a crashed Berth left behind go on each connect.
  const helperJanitor = new HelperJanitor(engines, { logger: log });
  const volumes = new VolumeService(engines, inventory, { demand });
  const networks = new NetworkService(engines, inventory, { demand });
  const resources = {
    volumes,
    networks,
    volumeFiles: new VolumeFileService(engines, operations, dialogs),
    system: new SystemService(engines, volumes, networks),
    events: new EventsService(engines),
  };
  const details = createContainerDetailsServices(engines, { publish: bus.publish, ...dialogs });
  // A reload or a closed window orphans the log/stats streams and terminals its page opened: end them with it.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('did-start-loading', () => details.closeAll());
    contents.on('destroyed', () => details.closeAll());
  });
  const swarm = { cluster: new SwarmService(engines), workloads: new SwarmWorkloads(engines) };
  // The user's Compose, run through a private forwarding socket per operation (docs/compose.md).
  const compose = new ComposeService(engines, operations);
  return { images, inventory, helperJanitor, volumes, networks, resources, details, swarm, compose };
}

/** The main window: events flow to it once its page is loaded; closing it hides to the tray unless quitting. */
function createWindows(
  { bus, stats, demand, settings, log }: Core,
  lifecycle: Lifecycle,
): MainWindowController {
  const followVisibility = followWindowVisibility((visible) => {
    stats.setWindowVisible(visible);
    demand.setWindowVisible(visible);
  });
  return new MainWindowController(preloadPath, !app.isPackaged, {
    onReady: (window) => {
      bus.attach(window.webContents);
      followVisibility(window);
    },
    shouldHideOnClose: () => !lifecycle.quitting && settings.get().closeToTray,
    stateStore: new Store<{ window?: WindowState }>({ name: 'window-state' }),
    displays: () => screen.getAllDisplays().map((display) => display.workArea),
    onCreated: (window) => offerReloadOnFailure(window, { dialog, logPath: log.path, logger: log }),
  });
}

function registerIpc(core: Core, docker: DockerServices, windows: MainWindowController): void {
  const { engines, containers, settings, storeResets, operations, stats, links, hosts, log } = core;
  registerInvokeHandlers(
    ipcMain,
    createInvokeHandlers({
      engines,
      containers,
      settings,
      storeResets,
      operations,
      details: docker.details,
      runs: docker.images.runs,
      stats,
      links,
      resources: docker.resources,
      hosts,
      images: docker.images,
      swarm: docker.swarm,
      compose: docker.compose,
      openLogFile: () => openLogFile(shell, log.path),
    }),
    {
      isTrustedSender: (event) => windows.isTrustedSender(event),
      onUnexpectedError: (channel, error) => log.error(`[ipc] ${channel} failed:`, error),
    },
  );
}

function installMenu({ bus, engines, log }: Core, windows: MainWindowController): void {
  installAppMenu(buildAppMenu({ platform: process.platform, development: !app.isPackaged }), {
    ui: (command) => {
      windows.show();
      bus.publish(IpcEvent.CommandRequested, command);
    },
    reconnect: () => {
      for (const engine of engines.list()) void engines.reconnect(engine.id);
    },
    quit: () => app.quit(),
    openLogFile: () => {
      openLogFile(shell, log.path).catch((error: unknown) => log.error('[menu] Open Log File:', error));
    },
  });
}

/** Every service's changes, pushed to the windows through the one event bus. */
function forwardEvents(core: Core, docker: DockerServices, windows: MainWindowController): void {
  const { bus, engines, operations, hosts, broker, containers, stats, settings } = core;
  const logConnectionFailure = connectionFailureLogger(core.log);
  engines.onStatusChanged((info) => {
    logConnectionFailure(info);
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
  docker.images.images.onChanged((change) => bus.publish(IpcEvent.ImagesChanged, change));
  stats.onSampled((batch) => bus.publish(IpcEvent.ContainersStatsSampled, batch));
  settings.onChanged((next) => bus.publish(IpcEvent.SettingsChanged, next));
  core.storeResets.onChanged((resets) => bus.publish(IpcEvent.SettingsStoreResetsChanged, resets));
  operations.onUpdated((update) => bus.publish(IpcEvent.OperationUpdated, update));
  docker.volumes.onChanged((change) => bus.publish(IpcEvent.VolumesChanged, change));
  docker.networks.onChanged((change) => bus.publish(IpcEvent.NetworksChanged, change));
  docker.swarm.cluster.onNodesChanged((change) => bus.publish(IpcEvent.SwarmNodesChanged, change));
  docker.swarm.workloads.onServicesChanged((change) => bus.publish(IpcEvent.SwarmServicesChanged, change));
  docker.swarm.workloads.onTasksChanged((change) => bus.publish(IpcEvent.SwarmTasksChanged, change));
  docker.swarm.workloads.onObjectsChanged((change) => bus.publish(IpcEvent.SwarmObjectsChanged, change));
  docker.resources.events.onReceived((batch) => bus.publish(IpcEvent.SystemEventsReceived, batch));
}

/** Logs a host that cannot be reached or refused us, once per distinct failure (retries repeat the same one). */
function connectionFailureLogger(log: MainLog): (info: EngineInfo) => void {
  const lastLogged = new Map<string, string>();
  return ({ id, name, address, status }) => {
    if (status.state === 'connected' || status.state === 'connecting' || status.state === 'disconnected') {
      lastLogged.delete(id);
      return;
    }
    const failure = `${status.state}: ${status.lastError ?? 'no reason given'}`;
    if (lastLogged.get(id) === failure) return;
    lastLogged.set(id, failure);
    log.warn(`[engines] ${name} (${address}) ${failure}`);
  };
}

function handleAppLifecycle(
  core: Core,
  docker: DockerServices,
  windows: MainWindowController,
  lifecycle: Lifecycle,
  disposeDesktop: () => void,
): void {
  app.on('second-instance', () => windows.show());
  app.on('activate', () => windows.show());
  // Berth lives in the tray: closing the last window does not quit.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => {
    lifecycle.quitting = true;
    core.hosts.dispose();
    core.broker.dispose();
    core.operations.dispose();
    docker.images.dispose();
    core.stats.dispose();
    docker.details.closeAll();
    core.containers.dispose();
    docker.volumes.dispose();
    docker.networks.dispose();
    docker.swarm.cluster.dispose();
    docker.swarm.workloads.dispose();
    docker.resources.events.dispose();
    void docker.resources.volumeFiles.dispose();
    docker.inventory.dispose();
    docker.helperJanitor.dispose();
    void core.engines.dispose();
    disposeDesktop();
  });
}
