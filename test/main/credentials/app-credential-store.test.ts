import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode, type StoreReset } from '../../../electron/common';
import { AppCredentialStore } from '../../../electron/main/credentials/app-credential-store';
import { TestCipher } from '../../mocks/secret-cipher';

describe('AppCredentialStore: Berth’s own logins, encrypted as a whole', () => {
  let dir: string;
  let file: string;
  let cipher: TestCipher;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    file = join(dir, 'data', 'registry-credentials.bin');
    cipher = new TestCipher();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores, reads back (also in a new instance), lists user names and deletes', async () => {
    const store = new AppCredentialStore(file, cipher);
    await store.set('r.example.com', { username: 'alice', secret: 'S3cr3t-canary', kind: 'password' });
    await store.set('t.example.com', { username: 'bob', secret: 'token', kind: 'identitytoken' });
    const again = new AppCredentialStore(file, cipher);
    expect(await again.get('r.example.com')).toEqual({
      username: 'alice',
      secret: 'S3cr3t-canary',
      kind: 'password',
    });
    expect(await again.list()).toEqual([
      { registry: 'r.example.com', username: 'alice' },
      { registry: 't.example.com', username: 'bob' },
    ]);
    expect(await again.delete('r.example.com')).toBe(true);
    expect(await again.delete('r.example.com')).toBe(false);
    expect(await new AppCredentialStore(file, cipher).get('r.example.com')).toBeUndefined();
    await again.delete('t.example.com');
    expect(await readdir(join(dir, 'data'))).toEqual([]);
  });

  it('never writes the secret or the user name in plain text, and keeps the file private', async () => {
    const store = new AppCredentialStore(file, cipher);
    await store.set('r.example.com', { username: 'alice', secret: 'S3cr3t-canary', kind: 'password' });
    const bytes = (await readFile(file)).toString('latin1');
    expect(bytes).not.toContain('S3cr3t-canary');
    expect(bytes).not.toContain('alice');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses to store without a real keyring, saying why', async () => {
    cipher.available = false;
    const store = new AppCredentialStore(file, cipher);
    expect(await store.unavailableReason()).toMatch(/keyring/);
    await expect(
      store.set('r.example.com', { username: 'a', secret: 's', kind: 'password' }),
    ).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps a file it cannot decrypt aside, says so, and lets the user log in again', async () => {
    await new AppCredentialStore(file, cipher).set('r', { username: 'a', secret: 's', kind: 'password' });
    const original = await readFile(file);
    const resets: StoreReset[] = [];
    const other = new AppCredentialStore(file, new TestCipher(), (reset) => resets.push(reset));
    expect(await other.get('r')).toBeUndefined();
    expect(resets).toEqual([
      expect.objectContaining({
        what: 'registry-logins',
        file,
        reason: expect.stringMatching(/decrypted/) as unknown,
      }),
    ]);
    expect(await readFile(resets[0].keptAs)).toEqual(original);
    await other.set('r', { username: 'b', secret: 't', kind: 'password' });
    expect((await other.get('r'))?.username).toBe('b');
  });

  it('keeps junk aside too (not an encrypted file at all)', async () => {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, 'junk');
    const resets: StoreReset[] = [];
    expect(await new AppCredentialStore(file, cipher, (reset) => resets.push(reset)).list()).toEqual([]);
    expect(await readFile(resets[0].keptAs, 'utf8')).toBe('junk');
  });

  it('serialises concurrent writes (no login is lost)', async () => {
    const store = new AppCredentialStore(file, cipher);
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        store.set(`r${index}.example.com`, { username: `u${index}`, secret: `s${index}`, kind: 'password' }),
      ),
    );
    expect((await new AppCredentialStore(file, cipher).list()).length).toBe(10);
  });

  it('treats an unreadable file path as an error, not as "no logins"', async () => {
    await writeFile(join(dir, 'data'), 'a file where the folder should be').catch(() => undefined);
    await expect(
      new AppCredentialStore(join(dir, 'data', 'x', 'y.bin'), cipher).list(),
    ).rejects.toMatchObject({
      code: ErrorCode.Internal,
    });
  });
});
