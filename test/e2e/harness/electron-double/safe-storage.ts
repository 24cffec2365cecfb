import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { SafeStorageBackend } from './config.js';
import { runtime } from './runtime.js';

const V10 = Buffer.from('v10', 'latin1');
const V11 = Buffer.from('v11', 'latin1');
/** Chromium's OSCrypt on Linux: AES-128-CBC, PBKDF2-SHA1 key over "saltysalt", one iteration, IV of 16 spaces. */
const SALT = Buffer.from('saltysalt', 'latin1');
const IV = Buffer.alloc(16, 0x20);
const V10_PASSWORD = 'peanuts';

function deriveKey(password: string): Buffer {
  return pbkdf2Sync(password, SALT, 1, 16, 'sha1');
}

/**
 * The stand-in OS keyring: a random password kept in `keyringDir/keyring.json` (mode 0600), created on first use,
 * outside the app's userData. Give two launches the same keyringDir to simulate the same login keyring.
 */
function keyringPassword(): string {
  const file = join(runtime.config.keyringDir, 'keyring.json');
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { password?: unknown };
    if (typeof stored.password === 'string' && stored.password !== '') return stored.password;
  } catch {
    // No keyring yet.
  }
  const password = randomBytes(16).toString('base64');
  mkdirSync(runtime.config.keyringDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ password }), { mode: 0o600 });
  return password;
}

function encrypt(prefix: Buffer, key: Buffer, plainText: string): Buffer {
  const cipher = createCipheriv('aes-128-cbc', key, IV);
  return Buffer.concat([prefix, cipher.update(plainText, 'utf8'), cipher.final()]);
}

function decrypt(key: Buffer, body: Buffer): string {
  const decipher = createDecipheriv('aes-128-cbc', key, IV);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

/**
 * `safeStorage` as on Linux, with the real OSCrypt format: `v11` ciphertext under a key from the stand-in keyring
 * for a keyring backend (the default, `gnome_libsecret`); with `basic_text`, encryption is available only after
 * `setUsePlainTextEncryption(true)` and uses Chromium's well-known `v10` key — obfuscation, not secrecy, exactly
 * what Electron warns about. Ciphertext is never the plain text. Before `ready` it throws like Electron.
 */
export class SafeStorageDouble {
  private usePlainText = false;
  private keyringKey: Buffer | undefined;

  private get backend(): SafeStorageBackend {
    return runtime.config.safeStorageBackend;
  }

  private hasKeyring(): boolean {
    return this.backend !== 'basic_text';
  }

  private v11Key(): Buffer {
    this.keyringKey ??= deriveKey(keyringPassword());
    return this.keyringKey;
  }

  isEncryptionAvailable(): boolean {
    if (!runtime.isReady) return false;
    return this.hasKeyring() || this.usePlainText;
  }

  setUsePlainTextEncryption(usePlainText: boolean): void {
    this.usePlainText = usePlainText;
  }

  getSelectedStorageBackend(): SafeStorageBackend | 'unknown' {
    return runtime.isReady ? this.backend : 'unknown';
  }

  encryptString(plainText: string): Buffer {
    if (!this.isEncryptionAvailable()) {
      if (!runtime.isReady) throw new Error('safeStorage cannot be used before app is ready');
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
      );
    }
    if (typeof plainText !== 'string')
      throw new TypeError('Error processing argument at index 0, conversion failure');
    return this.hasKeyring()
      ? encrypt(V11, this.v11Key(), plainText)
      : encrypt(V10, deriveKey(V10_PASSWORD), plainText);
  }

  decryptString(encrypted: Buffer): string {
    if (!this.isEncryptionAvailable()) {
      if (!runtime.isReady) throw new Error('safeStorage cannot be used before app is ready');
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.',
      );
    }
    if (!Buffer.isBuffer(encrypted))
      throw new Error('Expected the first argument of decryptString() to be a buffer');
    if (encrypted.length === 0) return '';
    const prefix = encrypted.subarray(0, 3);
    if (!prefix.equals(V10) && !prefix.equals(V11)) {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString. Ciphertext does not appear to be encrypted.',
      );
    }
    try {
      const key = prefix.equals(V10) ? deriveKey(V10_PASSWORD) : this.v11Key();
      if (prefix.equals(V11) && !this.hasKeyring()) throw new Error('no keyring');
      return decrypt(key, encrypted.subarray(3));
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  }

  isAsyncEncryptionAvailable(): Promise<boolean> {
    return runtime.readyGate.promise.then(() => this.isEncryptionAvailable());
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    await runtime.readyGate.promise;
    return this.encryptString(plainText);
  }

  /** `shouldReEncrypt` is true for `v10` data when a keyring now provides a stronger key. */
  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    await runtime.readyGate.promise;
    const result = this.decryptString(encrypted);
    const shouldReEncrypt = this.hasKeyring() && encrypted.subarray(0, 3).equals(V10);
    return { shouldReEncrypt, result };
  }
}

export const safeStorage = new SafeStorageDouble();
