import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel } from '../../../../electron/common';
import { PreferencesDialog } from '../../../../renderer/features/preferences/PreferencesDialog';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';

async function openPreferences(berth: FakeBerth) {
  const { stores } = render(<PreferencesDialog />, { berth });
  stores!.navigation.start();
  stores!.settings.start();
  await waitFor(() => expect(stores!.settings.getSnapshot().phase).toBe('ready'));
  berth.emit('ui:commandRequested', { command: 'openPreferences' });
  await screen.findByRole('dialog', { name: 'Preferences' });
  return stores!;
}

describe('PreferencesDialog', () => {
  it('opens on "Preferences…" showing the persisted settings', async () => {
    const berth = new FakeBerth();
    berth.settings = { ...berth.settings, closeToTray: false, startAtLogin: true };
    await openPreferences(berth);

    expect(screen.getByRole('switch', { name: /Keep running in the tray/ })).not.toBeChecked();
    expect(screen.getByRole('switch', { name: /Start Berth at login/ })).toBeChecked();
    expect(screen.getByRole('switch', { name: 'A container stops unexpectedly' })).toBeChecked();
  });

  it('writes each change through settings:set', async () => {
    const berth = new FakeBerth();
    await openPreferences(berth);

    fireEvent.click(screen.getByRole('switch', { name: /Start Berth at login/ }));
    fireEvent.click(screen.getByRole('switch', { name: 'A host disconnects or reconnects' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));

    await waitFor(() => expect(berth.settings.theme).toBe('dark'));
    expect(berth.settings.startAtLogin).toBe(true);
    expect(berth.settings.notifications).toEqual({
      containerDied: true,
      operationFinished: true,
      hostConnection: false,
    });
    expect(berth.callsTo(IpcChannel.SettingsSet)).toContainEqual([{ startAtLogin: true }]);
  });
});
