import {
  type BerthApi,
  defaultSettings,
  type IpcError,
  IpcEvent,
  type Settings,
  type SettingsPatch,
} from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { createExternalStore, type ExternalStore } from '../../stores/external-store';
import type { ReportError } from '../../stores/report-error';

export interface SettingsState {
  /** `loading` until `settings:get` answered; the defaults apply meanwhile. */
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  settings: Settings;
  error?: IpcError;
}

export interface SettingsStore extends ExternalStore<SettingsState> {
  /** Subscribes to `settings:changed`, then reads the settings; idempotent. */
  start: () => void;
  /** Applies the patch at once and persists it; a refused patch is rolled back and reported. */
  update: (patch: SettingsPatch) => Promise<void>;
  dispose: () => void;
}

/** Builds the settings store over `settings:get`, `settings:set` and the `settings:changed` event. */
export function createSettingsStore(api: BerthApi, reportError: ReportError): SettingsStore {
  let started = false;
  let disposed = false;
  // Counts local writes, so a `get` reply that raced a write cannot undo it.
  let writes = 0;
  const disposers: Array<() => void> = [];
  const state = createExternalStore<SettingsState>({ phase: 'idle', settings: defaultSettings }, () =>
    start(),
  );

  function start(): void {
    if (started) return;
    started = true;
    try {
      disposers.push(
        api.events.on(IpcEvent.SettingsChanged, (settings) => {
          state.set({ phase: 'ready', settings });
        }),
      );
    } catch (error) {
      state.set({ phase: 'failed', settings: defaultSettings, error: toIpcError(error) });
      return;
    }
    state.update((current) => ({ ...current, phase: 'loading' }));
    const writesBefore = writes;
    api.settings.get().then(
      (settings) => {
        if (disposed || writes !== writesBefore || state.getSnapshot().phase === 'ready') return;
        state.set({ phase: 'ready', settings });
      },
      (error: unknown) => {
        if (disposed) return;
        state.update((current) => ({ ...current, phase: 'failed', error: toIpcError(error) }));
      },
    );
  }

  return {
    getSnapshot: state.getSnapshot,
    subscribe: state.subscribe,
    start,
    async update(patch) {
      const previous = state.getSnapshot();
      writes += 1;
      state.set({ ...previous, settings: { ...previous.settings, ...patch } });
      try {
        const settings = await api.settings.set(patch);
        if (!disposed) state.set({ phase: 'ready', settings });
      } catch (error) {
        if (disposed) return;
        state.set(previous);
        reportError(toIpcError(error), 'Could not save the setting');
      }
    },
    dispose() {
      disposed = true;
      for (const dispose of disposers.splice(0)) dispose();
    },
  };
}
