import { describe, expect, it, vi } from 'vitest';

import { defaultSettings, type Settings } from '../../../electron/common';
import { SettingsService, type SettingsStore } from '../../../electron/main/settings/settings-service';

class MemoryStore implements SettingsStore {
  store: Record<string, unknown>;
  constructor(initial: Record<string, unknown> = {}) {
    this.store = { ...initial };
  }
  set(values: Partial<Settings>): void {
    this.store = { ...this.store, ...values };
  }
}

describe('SettingsService', () => {
  it('returns the defaults for an empty store', () => {
    expect(new SettingsService(new MemoryStore()).get()).toEqual(defaultSettings);
  });

  it('falls back per field when the file on disk holds something invalid', () => {
    const service = new SettingsService(new MemoryStore({ theme: 'neon', closeToTray: false, stray: 1 }));
    expect(service.get()).toEqual({ ...defaultSettings, closeToTray: false });
  });

  it('persists an update and tells listeners', () => {
    const store = new MemoryStore();
    const service = new SettingsService(store);
    const listener = vi.fn();
    service.onChanged(listener);
    const next = service.update({ theme: 'dark' });
    expect(next.theme).toBe('dark');
    expect(store.store.theme).toBe('dark');
    expect(listener).toHaveBeenCalledWith(next);
  });
});
