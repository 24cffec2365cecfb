import { describe, expect, it } from 'vitest';

import {
  type SafeStorageApi,
  safeStorageCipher,
  storageProblem,
} from '../../../electron/main/credentials/secret-cipher';
import { secretBoxFrom } from '../../../electron/main/hosts/secret-box';

/** Electron's safeStorage as a plain object: reversible "encryption" that records which API was used. */
function fakeSafeStorage(backend: string, options: { async?: boolean; available?: boolean } = {}) {
  const used: string[] = [];
  const api: SafeStorageApi = {
    isEncryptionAvailable: () => {
      used.push('isEncryptionAvailable');
      return options.available !== false;
    },
    encryptString: (text) => {
      used.push('encryptString');
      return Buffer.from(`enc:${text}`);
    },
    decryptString: (data) => {
      used.push('decryptString');
      return data.toString().slice(4);
    },
    getSelectedStorageBackend: () => backend,
  };
  if (options.async === true) {
    api.isAsyncEncryptionAvailable = () => {
      used.push('isAsyncEncryptionAvailable');
      return Promise.resolve(options.available !== false);
    };
    api.encryptStringAsync = (text) => {
      used.push('encryptStringAsync');
      return Promise.resolve(Buffer.from(`enc:${text}`));
    };
    api.decryptStringAsync = (data) => {
      used.push('decryptStringAsync');
      return Promise.resolve({ shouldReEncrypt: false, result: data.toString().slice(4) });
    };
  }
  return { api, used };
}

describe('safeStorageCipher', () => {
  it('uses the asynchronous API where Electron has it', async () => {
    const { api, used } = fakeSafeStorage('gnome_libsecret', { async: true });
    const cipher = safeStorageCipher(api, 'linux');
    expect(await cipher.isAvailable()).toBe(true);
    expect(await cipher.decrypt(await cipher.encrypt('pw'))).toBe('pw');
    expect(used).toEqual(['isAsyncEncryptionAvailable', 'encryptStringAsync', 'decryptStringAsync']);
  });

  it('falls back to the synchronous API on older Electron', async () => {
    const { api, used } = fakeSafeStorage('kwallet5');
    const cipher = safeStorageCipher(api, 'linux');
    expect(await cipher.isAvailable()).toBe(true);
    expect(await cipher.decrypt(await cipher.encrypt('pw'))).toBe('pw');
    expect(used).toEqual(['isEncryptionAvailable', 'encryptString', 'decryptString']);
  });

  it('is not available on Linux with basic_text (a hard-coded key) or an unknown backend', async () => {
    expect(
      await safeStorageCipher(fakeSafeStorage('basic_text', { async: true }).api, 'linux').isAvailable(),
    ).toBe(false);
    expect(await safeStorageCipher(fakeSafeStorage('unknown').api, 'linux').isAvailable()).toBe(false);
    expect(storageProblem('basic_text')).toMatch(/No OS keyring/);
  });

  it('is not available when Electron says encryption is not', async () => {
    expect(
      await safeStorageCipher(
        fakeSafeStorage('gnome_libsecret', { available: false }).api,
        'linux',
      ).isAvailable(),
    ).toBe(false);
  });

  it('names the OS backend on macOS and Windows', async () => {
    const mac = safeStorageCipher(fakeSafeStorage('unknown').api, 'darwin');
    expect(mac.backend()).toBe('keychain');
    expect(await mac.isAvailable()).toBe(true);
    expect(safeStorageCipher(fakeSafeStorage('unknown').api, 'win32').backend()).toBe('dpapi');
  });
});

describe('the hosts SecretBox over the same wrapper', () => {
  it('stores base64 ciphertext through the asynchronous API and reads it back', async () => {
    const { api, used } = fakeSafeStorage('gnome_libsecret', { async: true });
    const box = secretBoxFrom(safeStorageCipher(api, 'linux'));
    expect(await box.available()).toBe(true);
    const stored = await box.encrypt('passphrase');
    expect(stored).toBe(Buffer.from('enc:passphrase').toString('base64'));
    expect(await box.decrypt(stored)).toBe('passphrase');
    expect(used).not.toContain('encryptString');
  });

  it('refuses to store anything on Linux with basic_text', async () => {
    const { api, used } = fakeSafeStorage('basic_text', { async: true });
    const box = secretBoxFrom(safeStorageCipher(api, 'linux'));
    expect(await box.available()).toBe(false);
    await expect(box.encrypt('passphrase')).rejects.toThrow(/No OS keyring/);
    expect(used).not.toContain('encryptStringAsync');
  });
});
