import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';

// Every file Berth writes for the user (volume exports and downloads, image saves, container file and log
// downloads) goes through here: bytes land in `<name>.berth-partial-<8 hex>` beside the target and are renamed into
// place only once complete. A failed or cancelled transfer removes its partial; a crash (SIGKILL, power loss) leaves
// it listed in a journal in the user data folder, and the next start removes it.

const PARTIAL_NAME = /\.berth-partial-[0-9a-f]{8}$/;

/** The partial files being written, remembered on disk so a crash cannot leave them behind for good. */
export class PartialFiles {
  private readonly pending = new Set<string>();

  constructor(private journal?: string) {}

  /** Where the list of pending partials is kept (the app's user data folder); none in tests by default. */
  useJournal(path: string): void {
    this.journal = path;
  }

  /**
   * Removes the partials a previous run left (it crashed or was killed mid-transfer). Only names that are Berth's
   * partials are ever removed, whatever the journal says. Returns what was removed.
   */
  async sweep(): Promise<string[]> {
    const journal = this.journal;
    if (journal === undefined) return [];
    let listed: unknown;
    try {
      listed = JSON.parse(readFileSync(journal, 'utf8'));
    } catch {
      listed = [];
    }
    const removed: string[] = [];
    for (const path of Array.isArray(listed) ? listed : []) {
      if (typeof path !== 'string' || !PARTIAL_NAME.test(basename(path)) || this.pending.has(path)) continue;
      await rm(path, { force: true });
      removed.push(path);
    }
    this.save();
    return removed;
  }

  /**
   * Runs `write` on a fresh partial file beside `path`, then renames it to `path`. On any failure (or a cancel,
   * which `write` reports by throwing) the partial is removed and the error goes on.
   */
  async write<T>(path: string, write: (partial: string) => Promise<T>): Promise<T> {
    const partial = `${path}.berth-partial-${randomBytes(4).toString('hex')}`;
    this.pending.add(partial);
    this.save();
    try {
      const result = await write(partial);
      await rename(partial, path);
      return result;
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    } finally {
      this.pending.delete(partial);
      this.save();
    }
  }

  /** The journal, written before a partial exists and after it is gone; atomic (temp + rename). */
  private save(): void {
    if (this.journal === undefined) return;
    const temp = `${this.journal}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify([...this.pending]), { mode: 0o600 });
      renameSync(temp, this.journal);
    } catch {
      // A journal that cannot be written only loses the clean-up after a crash; the transfer goes on.
    }
  }
}

/** The app's one list of partial files; main points it at the user data folder and sweeps it at start. */
export const partialFiles = new PartialFiles();

/**
 * Writes to `path` through a partial file next to it (see above), so a failed, cancelled or crashed transfer
 * never leaves a half-written file under the name the user chose, nor a partial for good.
 */
export function writeFileAtomically(
  path: string,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  return partialFiles.write(path, async (partial) => {
    const handle = await open(partial, 'wx', 0o644);
    try {
      await write(handle);
    } finally {
      await handle.close();
    }
  });
}
