import { describe, expect, it, vi } from 'vitest';

import { ErrorCode, IpcChannel } from '../../../../electron/common';
import { createRegistriesStore } from '../../../../renderer/features/images/registries-store';
import { waitForStore } from '../../support/wait-for-store';
import { FakeImages } from './fake-images';

describe('registries store', () => {
  it('lists logins, logs in (then lists again) and out', async () => {
    const fake = new FakeImages();
    fake.registries = {
      logins: [{ registry: 'ghcr.io', username: 'me', source: 'docker-config', store: 'config.json' }],
      canStoreSecrets: true,
    };
    const store = createRegistriesStore(fake.berth.api, vi.fn());
    const ready = await waitForStore(store, (state) => state.phase === 'ready');
    expect(ready.list?.logins).toHaveLength(1);

    const login = await store.login({ engineId: 'local', registry: 'r:5000', username: 'u', password: 'pw' });
    expect(login).toEqual({ registry: 'r:5000', username: 'u', source: 'berth' });
    expect(store.getSnapshot().list?.logins.map((entry) => entry.registry)).toEqual(['ghcr.io', 'r:5000']);
    expect(await store.logout('r:5000')).toBe(true);
    expect(store.getSnapshot().list?.logins.map((entry) => entry.registry)).toEqual(['ghcr.io']);
  });

  it('rejects a refused login with its code (the form shows it) and reports a refused logout', async () => {
    const fake = new FakeImages();
    const reportError = vi.fn();
    const store = createRegistriesStore(fake.berth.api, reportError);
    fake.berth.failNext(IpcChannel.RegistriesLogin, { code: ErrorCode.Unauthorized, message: 'refused' });
    await expect(
      store.login({ engineId: 'local', registry: 'r', username: 'u', password: 'bad' }),
    ).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    expect(reportError).not.toHaveBeenCalled();
    fake.berth.failNext(IpcChannel.RegistriesLogout, {
      code: ErrorCode.Validation,
      message: 'use docker logout',
    });
    expect(await store.logout('ghcr.io')).toBe(false);
    expect(reportError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'use docker logout' }),
      'Could not log out of ghcr.io',
    );
  });
});
