import type { BerthApi, EngineId } from '../../electron/common/bridge';
import { type ContainersStore, createContainersStore } from '../features/containers/containers-store';
import { type ContainerUsageStore, createContainerUsageStore } from '../features/containers/usage-store';
import { createEnginesStore, type EnginesStore } from '../features/hosts/engines-store';
import { createHostsStore, type HostsStore } from '../features/hosts/hosts-store';
import { createImagesStore, type ImagesStore } from '../features/images/images-store';
import { createRegistriesStore, type RegistriesStore } from '../features/images/registries-store';
import { createSettingsStore, type SettingsStore } from '../features/preferences/settings-store';
import { createNavigationStore, type NavigationStore } from './navigation';
import { createOperationsStore, type OperationsStore } from './operations';
import type { ReportError } from './report-error';
import { createResourceStores, type ResourceStores } from './resource-stores';
import { createShellActions, type ShellActions } from './shell';

/** Every store of one window, created once at the composition root and handed down by context. */
export interface BerthStores {
  engines: EnginesStore;
  settings: SettingsStore;
  navigation: NavigationStore;
  /** Every configured host and the questions main asks while connecting. */
  hosts: HostsStore;
  /** The API the stores run over, for views that stream (a container's logs, terminal, stats). */
  api: BerthApi;
  /** The containers store of one engine, created on first use. */
  containers: (engineId: EngineId) => ContainersStore;
  /** CPU and memory of the containers on screen, per engine, created on first use. */
  usage: (engineId: EngineId) => ContainerUsageStore;
  /** Hand-offs to the operating system (published ports in the browser). */
  shell: ShellActions;
  /** The images store of one engine, created on first use. */
  images: (engineId: EngineId) => ImagesStore;
  /** Registry logins (never their secrets). */
  registries: RegistriesStore;
  /** Every long-running operation (the task list). */
  operations: OperationsStore;
  /** Volumes, networks, the host and its events, per engine. */
  resources: ResourceStores;
  /** Unsubscribes every store from IPC events (tests, hot reload). */
  dispose: () => void;
}

/** Creates the stores over one API; `reportError` is how failed user actions reach the user. */
export function createStores(api: BerthApi, reportError: ReportError): BerthStores {
  const engines = createEnginesStore(api, reportError);
  const settings = createSettingsStore(api, reportError);
  const navigation = createNavigationStore(api);
  const resources = createResourceStores(api, reportError);
  const hosts = createHostsStore(api, reportError);
  const containersByEngine = new Map<EngineId, ContainersStore>();
  const usageByEngine = new Map<EngineId, ContainerUsageStore>();
  const shell = createShellActions(api, reportError);
  const imagesByEngine = new Map<EngineId, ImagesStore>();
  const registries = createRegistriesStore(api, reportError);
  const operations = createOperationsStore(api, reportError);

  return {
    api,
    engines,
    hosts,
    settings,
    navigation,
    resources,
    containers(engineId) {
      let store = containersByEngine.get(engineId);
      if (store === undefined) {
        store = createContainersStore(api, engineId, reportError);
        containersByEngine.set(engineId, store);
      }
      return store;
    },
    images(engineId) {
      let store = imagesByEngine.get(engineId);
      if (store === undefined) {
        store = createImagesStore(api, engineId, reportError);
        imagesByEngine.set(engineId, store);
      }
      return store;
    },
    registries,
    operations,
    usage(engineId) {
      let store = usageByEngine.get(engineId);
      if (store === undefined) {
        store = createContainerUsageStore(api, engineId);
        usageByEngine.set(engineId, store);
      }
      return store;
    },
    shell,
    dispose() {
      engines.dispose();
      settings.dispose();
      navigation.dispose();
      resources.dispose();
      hosts.dispose();
      for (const store of containersByEngine.values()) store.dispose();
      containersByEngine.clear();
      for (const store of usageByEngine.values()) store.dispose();
      usageByEngine.clear();
      for (const store of imagesByEngine.values()) store.dispose();
      imagesByEngine.clear();
      registries.dispose();
      operations.dispose();
    },
  };
}
