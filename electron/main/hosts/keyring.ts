import type { KeyringCipher } from './secret-box';

/** The parts of Electron's `safeStorage` used here (typed structurally, so this file needs no `electron`). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  getSelectedStorageBackend?: () => string;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string }>;
}

/**
 * The OS keyring through safeStorage's asynchronous API. On Linux, Chromium's `basic_text` fallback encrypts with
 * a well-known password: that is plain text with extra steps, so it counts as "no keyring" and nothing is saved.
 */
export function safeStorageKeyring(safeStorage: SafeStorageLike, platform: NodeJS.Platform): KeyringCipher {
  return {
    async isAvailable() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      if (platform !== 'linux') return true;
      const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
      return backend !== 'basic_text' && backend !== 'unknown';
    },
    encrypt: (text) => safeStorage.encryptStringAsync(text),
    decrypt: async (data) => (await safeStorage.decryptStringAsync(data)).result,
  };
}
