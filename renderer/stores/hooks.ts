import { useMemo, useSyncExternalStore } from 'react';

import type { EngineId, EngineInfo, SettingsPatch } from '../../electron/common/bridge';
import type { ContainersState } from '../features/containers/containers-store';
import { type EnginesState, selectEngine } from '../features/hosts/engines-store';
import type { RegistriesState, RegistriesStore } from '../features/images/registries-store';
import type { SettingsState } from '../features/preferences/settings-store';
import type { NavigationState, NavigationStore } from './navigation';
import type { OperationsState, OperationsStore } from './operations';
import type { ShellActions } from './shell';
import { useStores } from './StoresProvider';

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

/** The persisted settings (defaults until loaded) and a way to change them. */
export function useSettings(): SettingsState & { update: (patch: SettingsPatch) => Promise<void> } {
  const { settings } = useStores();
  const state = useSyncExternalStore(settings.subscribe, settings.getSnapshot);
  return { ...state, update: settings.update };
}

/** Where the window is, and the menu's pending requests (find, palette, preferences). */
export function useNavigation(): NavigationState & Pick<NavigationStore, 'navigate' | 'request'> {
  const { navigation } = useStores();
  const state = useSyncExternalStore(navigation.subscribe, navigation.getSnapshot);
  return { ...state, navigate: navigation.navigate, request: navigation.request };
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

/** Opens http(s) URLs in the system browser. */
export function useShell(): ShellActions {
  return useStores().shell;
}
