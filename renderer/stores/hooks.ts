import { useMemo, useSyncExternalStore } from 'react';

import type { EngineId, EngineInfo, SettingsPatch } from '../../electron/common/bridge';
import type { ContainersState, ContainersStore } from './containers';
import { type EnginesState, selectEngine } from './engines';
import type { NavigationState, Route } from './navigation';
import type { SettingsState } from './settings';
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

/** Start, stop, remove and refresh for one engine's containers (stable functions of the store). */
export function useContainerActions(
  engineId: EngineId,
): Pick<ContainersStore, 'startContainer' | 'stopContainer' | 'removeContainer' | 'refresh'> {
  const store = useStores().containers(engineId);
  return useMemo(
    () => ({
      startContainer: store.startContainer,
      stopContainer: store.stopContainer,
      removeContainer: store.removeContainer,
      refresh: store.refresh,
    }),
    [store],
  );
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
