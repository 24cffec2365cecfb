import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import type { SecretCipher } from '../../electron/main/credentials/secret-cipher';

/**
 * A stand-in for Electron's safeStorage behind {@link SecretCipher}: AES-256-GCM under a random key held in
 * memory (the "keyring"). `available: false` plays a machine whose only backend is `basic_text`.
 */
export class TestCipher implements SecretCipher {
  private readonly key = randomBytes(32);
  encrypted = 0;

  constructor(public available = true) {}

  isAvailable(): Promise<boolean> {
    return Promise.resolve(this.available);
  }

  backend(): string {
    return this.available ? 'gnome_libsecret' : 'basic_text';
  }

  encrypt(text: string): Promise<Buffer> {
    this.encrypted += 1;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
  }

  decrypt(data: Buffer): Promise<string> {
    const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    return Promise.resolve(
      Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8'),
    );
  }
}
