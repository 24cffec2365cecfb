import { useMemo, useSyncExternalStore } from 'react';

import type { EngineId, EngineInfo, SettingsPatch } from '../../electron/common/bridge';
import type { ContainersState, ContainersStore } from '../features/containers/containers-store';
import type { ContainerUsageState, ContainerUsageStore } from '../features/containers/usage-store';
import { type EnginesState, selectEngine } from '../features/hosts/engines-store';
import type { ImagesState, ImagesStore } from '../features/images/images-store';
import type { RegistriesState, RegistriesStore } from '../features/images/registries-store';
import type { SettingsState } from '../features/preferences/settings-store';
import type { NavigationState, Route } from './navigation';
import type { OperationsState, OperationsStore } from './operations';
import type { ShellActions } from './shell';
import { useStores } from './StoresProvider';

/** The actions of a containers store (everything but its state and lifecycle). */
export type ContainerActions = Omit<ContainersStore, 'getSnapshot' | 'subscribe' | 'start' | 'dispose'>;

/** Every engine with its live status; the first caller starts the store. */
export function useEngines(): EnginesState {
  const { engines } = useStores();
  return useSyncExternalStore(engines.subscribe, engines.getSnapshot);
}

/** One engine, or `undefined` while the list is loading or when there is no such engine. */
export function useEngine(engineId: EngineId): EngineInfo | undefined {
  return selectEngine(useEngines(), engineId);
}

/** Engine actions that do not need a re-render on state changes. */
export function useEngineActions(): {
  reconnect: (engineId: EngineId) => Promise<void>;
  refresh: () => Promise<void>;
} {
  const { engines } = useStores();
  return useMemo(() => ({ reconnect: engines.reconnect, refresh: engines.refresh }), [engines]);
}

/** The containers of one engine, kept current by `containers:changed`. */
export function useContainers(engineId: EngineId): ContainersState {
  const store = useStores().containers(engineId);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** Every action on one engine's containers (the store's own functions, stable across renders). */
export function useContainerActions(engineId: EngineId): ContainerActions {
  return useStores().containers(engineId);
}

/** The persisted settings (defaults until loaded) and a way to change them. */
export function useSettings(): SettingsState & { update: (patch: SettingsPatch) => Promise<void> } {
  const { settings } = useStores();
  const state = useSyncExternalStore(settings.subscribe, settings.getSnapshot);
  return { ...state, update: settings.update };
}

/** Where the window is, and the menu's pending requests (find, palette, preferences). */
export function useNavigation(): NavigationState & { navigate: (route: Route) => void } {
  const { navigation } = useStores();
  const state = useSyncExternalStore(navigation.subscribe, navigation.getSnapshot);
  return { ...state, navigate: navigation.navigate };
}

/** The images of one engine, kept current by `images:changed`. */
export function useImages(engineId: EngineId): ImagesState {
  const store = useStores().images(engineId);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** Image actions of one engine (stable functions of the store). */
export function useImageActions(engineId: EngineId): ImagesStore {
  return useStores().images(engineId);
}

/** Registry logins (who and where, never a secret). */
export function useRegistries(): RegistriesState {
  const { registries } = useStores();
  return useSyncExternalStore(registries.subscribe, registries.getSnapshot);
}

export function useRegistryActions(): Pick<RegistriesStore, 'login' | 'logout' | 'refresh'> {
  const { registries } = useStores();
  return useMemo(
    () => ({ login: registries.login, logout: registries.logout, refresh: registries.refresh }),
    [registries],
  );
}

/** Every long-running operation, newest first. */
export function useOperations(): OperationsState {
  const { operations } = useStores();
  return useSyncExternalStore(operations.subscribe, operations.getSnapshot);
}

export function useOperationActions(): Pick<OperationsStore, 'cancel' | 'dismiss' | 'clearFinished'> {
  const { operations } = useStores();
  return useMemo(
    () => ({
      cancel: operations.cancel,
      dismiss: operations.dismiss,
      clearFinished: operations.clearFinished,
    }),
    [operations],
  );
}

/** CPU and memory samples of one engine's containers on screen, from `containers:statsSampled`. */
export function useContainerUsage(engineId: EngineId): ContainerUsageState {
  const store = useStores().usage(engineId);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** Tells main which containers of one engine are on screen (stable function of the store). */
export function useContainerUsageWatch(engineId: EngineId): ContainerUsageStore['watch'] {
  return useStores().usage(engineId).watch;
}

/** Opens http(s) URLs in the system browser. */
export function useShell(): ShellActions {
  return useStores().shell;
}
