import {
  type BerthApi,
  type EngineId,
  type IpcError,
  type RegistryList,
  type RegistryLogin,
} from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { createExternalStore, type ExternalStore } from '../../stores/external-store';
import type { ReportError } from '../../stores/report-error';

/** The registry logins as the renderer may know them: who and where, never a secret. */
export interface RegistriesState {
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  list?: RegistryList;
  error?: IpcError;
}

export interface RegistryLoginInput {
  engineId: EngineId;
  registry: string;
  username: string;
  password: string;
}

export interface RegistriesStore extends ExternalStore<RegistriesState> {
  start: () => void;
  refresh: () => Promise<void>;
  /**
   * Checks and stores a login; rejects with the `IpcError` (the form shows it where the password was typed). The
   * password is handed to main once and not kept here.
   */
  login: (input: RegistryLoginInput) => Promise<RegistryLogin>;
  /** Resolves `true` when Berth forgot the login; a refusal is reported. */
  logout: (registry: string) => Promise<boolean>;
  dispose: () => void;
}

/** Registry logins over `registries:list|login|logout` (there is no event: the list changes only through here). */
export function createRegistriesStore(api: BerthApi, reportError: ReportError): RegistriesStore {
  let disposed = false;
  let inFlight: Promise<void> | undefined;
  const state = createExternalStore<RegistriesState>({ phase: 'idle' }, () => void refresh());

  function refresh(): Promise<void> {
    if (inFlight !== undefined) return inFlight;
    state.update((current) => ({
      ...current,
      phase: current.list === undefined ? 'loading' : current.phase,
    }));
    inFlight = api.registries
      .list()
      .then(
        (list) => {
          if (!disposed) state.set({ phase: 'ready', list });
        },
        (error: unknown) => {
          if (disposed) return;
          state.update((current) => ({
            ...current,
            phase: current.list === undefined ? 'failed' : current.phase,
            error: toIpcError(error),
          }));
        },
      )
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  return {
    getSnapshot: state.getSnapshot,
    subscribe: state.subscribe,
    start: () => void refresh(),
    refresh,
    async login(input) {
      const login = await api.registries.login(input);
      await refresh();
      return login;
    },
    async logout(registry) {
      try {
        await api.registries.logout({ registry });
        await refresh();
        return true;
      } catch (error) {
        if (!disposed) reportError(toIpcError(error), `Could not log out of ${registry}`);
        return false;
      }
    },
    dispose() {
      disposed = true;
    },
  };
}
