/**
 * Encrypts app secrets with a key the OS keeps (Keychain, DPAPI, libsecret/kwallet): registry logins
 * (AppCredentialStore) and host secrets (the hosts' SecretBox) alike, through the one wrapper below. Injected from
 * the composition root so the credential and host services stay plain Node.
 */
export interface SecretCipher {
  /** Whether secrets can be stored safely: encryption works and its key lives in a real OS keyring. */
  isAvailable(): Promise<boolean>;
  /** The OS backend's name, e.g. `gnome_libsecret`, `basic_text`, `keychain`, `dpapi`. */
  backend(): string;
  encrypt(text: string): Promise<Buffer>;
  decrypt(data: Buffer): Promise<string>;
}

/** The parts of Electron's `safeStorage` Berth uses (typed here so this file needs no `electron` import). */
export interface SafeStorageApi {
  isEncryptionAvailable(): boolean;
  isAsyncEncryptionAvailable?: () => Promise<boolean>;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  encryptStringAsync?: (plainText: string) => Promise<Buffer>;
  decryptStringAsync?: (encrypted: Buffer) => Promise<{ result: string } | string>;
  getSelectedStorageBackend?: () => string;
}

/**
 * A {@link SecretCipher} over Electron's `safeStorage`: the asynchronous API where it exists (the synchronous one
 * is deprecated), and "not available" on Linux when Chromium fell back to `basic_text`, whose key is a hard-coded
 * password: that would be plain text with extra steps.
 */
export function safeStorageCipher(safeStorage: SafeStorageApi, platform: NodeJS.Platform): SecretCipher {
  const backend = (): string => {
    if (platform === 'darwin') return 'keychain';
    if (platform === 'win32') return 'dpapi';
    return safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  };
  return {
    backend,
    async isAvailable() {
      const available =
        safeStorage.isAsyncEncryptionAvailable !== undefined
          ? await safeStorage.isAsyncEncryptionAvailable()
          : safeStorage.isEncryptionAvailable();
      if (!available) return false;
      return platform !== 'linux' || (backend() !== 'basic_text' && backend() !== 'unknown');
    },
    async encrypt(text) {
      if (safeStorage.encryptStringAsync !== undefined) return safeStorage.encryptStringAsync(text);
      return safeStorage.encryptString(text);
    },
    async decrypt(data) {
      if (safeStorage.decryptStringAsync !== undefined) {
        const answer = await safeStorage.decryptStringAsync(data);
        return typeof answer === 'string' ? answer : answer.result;
      }
      return safeStorage.decryptString(data);
    },
  };
}

/** Why secrets cannot be stored, in words for the user. */
export function storageProblem(backend: string): string {
  if (backend === 'basic_text' || backend === 'unknown') {
    return 'No OS keyring is available (Electron would fall back to a hard-coded key), so Berth will not store registry passwords. Install and unlock a keyring (GNOME Keyring or KWallet), or log in with `docker login` and a credential helper.';
  }
  return 'The OS keyring is not available, so Berth will not store registry passwords. Log in with `docker login` and a credential helper instead.';
}
