import type { SecretCipher } from '../credentials/secret-cipher';

/**
 * Encrypts secrets with the OS keyring (Electron's safeStorage in the app): Berth never stores a secret in plain
 * text. Injected so the hosts service stays free of Electron.
 */
export interface SecretBox {
  /** Whether secrets can be stored encrypted by a real keyring (false for Linux's `basic_text` fallback). */
  available(): Promise<boolean>;
  /** Ciphertext as base64. @throws when not available. */
  encrypt(plainText: string): Promise<string>;
  decrypt(cipherText: string): Promise<string>;
}

/** A SecretBox that can store nothing: passphrases are asked every time. */
export const unavailableSecretBox: SecretBox = {
  available: () => Promise.resolve(false),
  encrypt: () => Promise.reject(new Error('No OS keyring is available to encrypt secrets.')),
  decrypt: () => Promise.reject(new Error('No OS keyring is available to decrypt secrets.')),
};

/** A SecretBox over the OS-keyring cipher (safeStorageCipher in the app), storing ciphertext as base64. */
export function secretBoxFrom(cipher: Pick<SecretCipher, 'isAvailable' | 'encrypt' | 'decrypt'>): SecretBox {
  return {
    available: () => cipher.isAvailable(),
    async encrypt(plainText) {
      if (!(await cipher.isAvailable())) throw new Error('No OS keyring is available to encrypt secrets.');
      return (await cipher.encrypt(plainText)).toString('base64');
    },
    decrypt: (cipherText) => cipher.decrypt(Buffer.from(cipherText, 'base64')),
  };
}
