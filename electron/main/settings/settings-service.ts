import { defaultSettings, type Settings, type SettingsPatch, settingsSchema } from '../../common';

/**
 * Why a stored settings object cannot be used as it is, or undefined: a known field with a value of the wrong
 * type (unknown fields are left for a newer Berth). Checked before the store opens, so the file is kept aside.
 */
export function settingsShapeProblem(value: unknown): string | undefined {
  const stored = value as Record<string, unknown>;
  for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
    if (!(key in stored)) continue;
    if (!settingsSchema.shape[key].safeParse(stored[key]).success) return `${key} is not valid`;
  }
  return undefined;
}

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
