import { describe, expect, it } from 'vitest';

import { IpcEvent } from '../../../electron/common';
import { createNavigationStore } from '../../../renderer/stores/navigation';
import { FakeBerth } from '../support/fake-bridge';

describe('navigation store', () => {
  it('starts on the containers page and navigates to details', () => {
    const berth = new FakeBerth();
    const store = createNavigationStore(berth.api);
    expect(store.getSnapshot().route).toEqual({ page: 'containers' });
    store.navigate({
      page: 'containers',
      detail: { kind: 'container', engineId: 'local', id: 'abc', tab: 'logs' },
    });
    expect(store.getSnapshot().route.detail).toEqual({
      kind: 'container',
      engineId: 'local',
      id: 'abc',
      tab: 'logs',
    });
  });

  it('follows the app menu once something subscribes', () => {
    const berth = new FakeBerth();
    const store = createNavigationStore(berth.api);
    const unsubscribe = store.subscribe(() => undefined);
    berth.emit(IpcEvent.CommandRequested, { command: 'navigate', view: 'volumes' });
    berth.emit(IpcEvent.CommandRequested, { command: 'find' });
    berth.emit(IpcEvent.CommandRequested, { command: 'openCommandPalette' });
    berth.emit(IpcEvent.CommandRequested, { command: 'openCommandPalette' });
    berth.emit(IpcEvent.CommandRequested, { command: 'openPreferences' });
    expect(store.getSnapshot()).toEqual({
      route: { page: 'volumes' },
      findRequests: 1,
      paletteRequests: 2,
      preferencesRequests: 1,
      shortcutsRequests: 0,
    });
    // The window's own controls open the same things, and the shortcuts sheet.
    store.request('palette');
    store.request('shortcuts');
    expect(store.getSnapshot()).toMatchObject({ paletteRequests: 3, shortcutsRequests: 1 });
    unsubscribe();
    store.dispose();
    berth.emit(IpcEvent.CommandRequested, { command: 'navigate', view: 'hosts' });
    expect(store.getSnapshot().route.page).toBe('volumes');
  });
});
