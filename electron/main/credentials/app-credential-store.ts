import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { ErrorCode, IpcError } from '../../common';
import type { StoreReset } from '../../common/settings/types';
import { type SecretCipher, storageProblem } from './secret-cipher';

/** One login Berth stored: the secret is a password or an identity token the registry gave in exchange. */
interface StoredCredential {
  username: string;
  secret: string;
  kind: 'password' | 'identitytoken';
}

interface StoreFile {
  version: 1;
  entries: Record<string, StoredCredential>;
}

/**
 * Registry logins made in Berth, kept in one file in the app's data directory that is encrypted as a whole with
 * the OS keyring ({@link SecretCipher}): neither secrets nor user names are ever on disk in plain text. Storing is
 * refused when there is no real keyring. Decrypted entries are kept in main's memory only.
 */
export class AppCredentialStore {
  private entries: Map<string, StoredCredential> | undefined;
  private loading: Promise<Map<string, StoredCredential>> | undefined;
  /** Serialises writes so two logins never interleave their read-modify-write. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
    /** A file that cannot be decrypted or read was kept aside and Berth starts without logins: the window says so. */
    private readonly onReset: (reset: StoreReset) => void = () => undefined,
  ) {}

  /** `undefined` when secrets can be stored; otherwise why not. */
  async unavailableReason(): Promise<string | undefined> {
    return (await this.cipher.isAvailable()) ? undefined : storageProblem(this.cipher.backend());
  }

  async get(key: string): Promise<StoredCredential | undefined> {
    return (await this.load()).get(key);
  }

  /** Registry key → user name of every stored login. */
  async list(): Promise<Array<{ registry: string; username: string }>> {
    return [...(await this.load())].map(([registry, entry]) => ({ registry, username: entry.username }));
  }

  /** @throws IpcError FORBIDDEN when no OS keyring can protect the secret. */
  async set(key: string, credential: StoredCredential): Promise<void> {
    const problem = await this.unavailableReason();
    if (problem !== undefined) throw new IpcError(ErrorCode.Forbidden, problem);
    await this.mutate((entries) => entries.set(key, { ...credential }));
  }

  /** Resolves `true` when there was an entry to remove. */
  async delete(key: string): Promise<boolean> {
    let removed = false;
    await this.mutate((entries) => {
      removed = entries.delete(key);
    });
    return removed;
  }

  private mutate(change: (entries: Map<string, StoredCredential>) => void): Promise<void> {
    const next = this.writing.then(async () => {
      const entries = new Map(await this.load());
      change(entries);
      await this.save(entries);
      this.entries = entries;
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  private load(): Promise<Map<string, StoredCredential>> {
    if (this.entries !== undefined) return Promise.resolve(this.entries);
    this.loading ??= this.read().then(
      (entries) => {
        this.entries = entries;
        this.loading = undefined;
        return entries;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  private async read(): Promise<Map<string, StoredCredential>> {
    let data: Buffer;
    try {
      data = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw new IpcError(ErrorCode.Internal, `Cannot read Berth's registry logins (${this.file}).`);
    }
    if (!(await this.cipher.isAvailable())) {
      throw new IpcError(
        ErrorCode.Forbidden,
        'Berth stored registry logins with the OS keyring, which is not available now. Unlock or start the keyring, then try again.',
      );
    }
    let parsed: StoreFile;
    try {
      parsed = JSON.parse(await this.cipher.decrypt(data)) as StoreFile;
      if (typeof parsed !== 'object' || parsed === null) throw new TypeError('not an object');
    } catch {
      // Damaged, or written under another keyring: kept aside (never deleted), so logging in again works.
      const keptAs = `${this.file}.damaged-${new Date().toISOString().replaceAll(':', '-').replace('.', '-')}`;
      await rename(this.file, keptAs);
      this.onReset({
        what: 'registry-logins',
        file: this.file,
        keptAs,
        reason: 'it cannot be decrypted with this keyring (damaged, or written under another one)',
      });
      return new Map();
    }
    const entries = new Map<string, StoredCredential>();
    for (const [key, entry] of Object.entries(parsed.entries ?? {})) {
      if (typeof entry?.username === 'string' && typeof entry.secret === 'string') {
        entries.set(key, {
          username: entry.username,
          secret: entry.secret,
          kind: entry.kind === 'identitytoken' ? 'identitytoken' : 'password',
        });
      }
    }
    return entries;
  }

  private async save(entries: Map<string, StoredCredential>): Promise<void> {
    if (entries.size === 0) {
      await rm(this.file, { force: true });
      return;
    }
    const body: StoreFile = { version: 1, entries: Object.fromEntries(entries) };
    const encrypted = await this.cipher.encrypt(JSON.stringify(body));
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, encrypted, { mode: 0o600 });
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true });
      throw new IpcError(
        ErrorCode.Internal,
        `Cannot write Berth's registry logins (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      );
    }
  }
}
