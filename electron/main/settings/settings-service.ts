import { defaultSettings, type Settings, type SettingsPatch, settingsSchema } from '../../common';

/** The slice of electron-store the service uses, so tests can pass an in-memory store. */
export interface SettingsStore {
  readonly store: Partial<Record<keyof Settings, unknown>>;
  set(values: Partial<Settings>): void;
}

/** The user's preferences, owned by main; the renderer reads and writes them only through IPC. */
export class SettingsService {
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(private readonly store: SettingsStore) {}

  /** Current settings; a field that is missing or invalid on disk falls back to its default. */
  get(): Settings {
    const stored = this.store.store;
    const merged: Record<string, unknown> = { ...defaultSettings };
    for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
      const field = settingsSchema.shape[key].safeParse(stored[key]);
      if (field.success) merged[key] = field.data;
    }
    return settingsSchema.parse(merged);
  }

  update(patch: SettingsPatch): Settings {
    this.store.set(patch);
    const next = this.get();
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onChanged(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
