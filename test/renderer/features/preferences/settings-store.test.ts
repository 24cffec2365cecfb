import { describe, expect, it, vi } from 'vitest';

import { defaultSettings, ErrorCode, IpcChannel, type IpcError } from '../../../../electron/common';
import { createSettingsStore } from '../../../../renderer/features/preferences/settings-store';
import { FakeBerth } from '../../support/fake-bridge';
import { settled } from '../../support/settled';
import { waitForStore } from '../../support/wait-for-store';

function setup() {
  const berth = new FakeBerth();
  berth.settings = { ...defaultSettings, theme: 'dark', closeToTray: false };
  const reportError = vi.fn<(error: IpcError, title: string) => void>();
  const store = createSettingsStore(berth.api, reportError);
  return { berth, store, reportError };
}

describe('settings store', () => {
  it('starts from the defaults and loads the saved settings', async () => {
    const { store } = setup();
    expect(store.getSnapshot().settings).toEqual(defaultSettings);
    store.start();
    const state = await waitForStore(store, (s) => s.phase === 'ready');
    expect(state.settings).toEqual({ ...defaultSettings, theme: 'dark', closeToTray: false });
  });

  it('follows settings:changed', async () => {
    const { berth, store } = setup();
    store.start();
    await waitForStore(store, (s) => s.phase === 'ready');
    berth.emit('settings:changed', { ...defaultSettings, theme: 'light', closeToTray: true });
    expect(store.getSnapshot().settings).toEqual({ ...defaultSettings, theme: 'light', closeToTray: true });
  });

  it('applies an update at once and persists it through settings:set', async () => {
    const { berth, store } = setup();
    store.start();
    await waitForStore(store, (s) => s.phase === 'ready');

    const saving = store.update({ theme: 'system' });
    expect(store.getSnapshot().settings.theme).toBe('system');
    await saving;

    expect(berth.callsTo(IpcChannel.SettingsSet)).toEqual([[{ theme: 'system' }]]);
    expect(berth.settings.theme).toBe('system');
  });

  it('rolls a refused update back and reports it', async () => {
    const { berth, store, reportError } = setup();
    store.start();
    await waitForStore(store, (s) => s.phase === 'ready');
    berth.failNext(IpcChannel.SettingsSet, {
      code: ErrorCode.Validation,
      message: 'theme must be system, light or dark',
    });

    await store.update({ theme: 'light' });

    expect(store.getSnapshot().settings.theme).toBe('dark');
    expect(reportError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'VALIDATION', message: 'theme must be system, light or dark' }),
      'Could not save the setting',
    );
  });

  it('does not let a settings:get reply older than a local change undo it', async () => {
    const { berth, store } = setup();
    const gate = berth.hold(IpcChannel.SettingsGet, 'after'); // main answers "dark" now, the reply lags
    store.start();
    await gate.waitingFor(1);

    await store.update({ theme: 'light' });
    gate.release();
    await settled();

    expect(store.getSnapshot().settings.theme).toBe('light');
    expect(berth.settings.theme).toBe('light');
  });

  it('does not let a settings:get reply undo a newer settings:changed', async () => {
    const { berth, store } = setup();
    const gate = berth.hold(IpcChannel.SettingsGet, 'after');
    store.start();
    await gate.waitingFor(1);

    berth.settings = { ...defaultSettings, theme: 'light', closeToTray: false }; // changed in main by another window
    berth.emit('settings:changed', berth.settings);
    gate.release();
    await settled();

    expect(store.getSnapshot().settings.theme).toBe('light');
  });
});
