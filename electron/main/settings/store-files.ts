import { readFileSync, renameSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

import type { StoreReset } from '../../common/settings/types';

/** What a store file on disk holds, before Berth opens it. */
export type StoreFileState = { state: 'missing' } | { state: 'ok' } | { state: 'damaged'; reason: string };

/** Why a JSON value is not the expected shape, or undefined when it is. */
export type ShapeCheck = (value: unknown) => string | undefined;

/** Reads a JSON store file and says whether it is missing, usable or damaged (empty, not JSON, wrong shape). */
export function inspectStoreFile(path: string, check: ShapeCheck): StoreFileState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'damaged', reason: `it cannot be read (${(error as Error).message})` };
  }
  if (text.trim() === '') return { state: 'damaged', reason: 'it is empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { state: 'damaged', reason: `it is not valid JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { state: 'damaged', reason: 'it does not hold a JSON object' };
  }
  const problem = check(value);
  return problem === undefined
    ? { state: 'ok' }
    : { state: 'damaged', reason: `it has the wrong shape (${problem})` };
}

/** A file-name-safe timestamp: `2026-12-08T03-00-00-123Z`. */
function stamp(now: Date): string {
  return now.toISOString().replaceAll(':', '-').replace('.', '-');
}

/**
 * Moves a damaged file aside, next to where it was, as `<name>.damaged-<timestamp><ext>`: never deleted, so the
 * user can look at it or restore it. Returns the new path.
 */
export function keepAside(path: string, now = new Date()): string {
  const ext = extname(path);
  const aside = join(dirname(path), `${basename(path, ext)}.damaged-${stamp(now)}${ext}`);
  renameSync(path, aside);
  return aside;
}

/**
 * Before a store is opened: a damaged file is kept aside so the store starts from its defaults. Returns what was
 * reset (for the window to say once), or undefined when the file was fine or absent.
 */
export function recoverStoreFile(
  path: string,
  what: StoreReset['what'],
  check: ShapeCheck,
  now = new Date(),
): StoreReset | undefined {
  const inspected = inspectStoreFile(path, check);
  if (inspected.state !== 'damaged') return undefined;
  return { what, file: path, keptAs: keepAside(path, now), reason: inspected.reason };
}

/** Resets found at start (and later, for files read on demand); the window shows them until dismissed. */
export class StoreResets {
  private resets: StoreReset[] = [];
  private readonly listeners = new Set<(resets: StoreReset[]) => void>();

  add(reset: StoreReset | undefined): void {
    if (reset === undefined) return;
    this.resets = [...this.resets, reset];
    this.emit();
  }

  list(): StoreReset[] {
    return [...this.resets];
  }

  /** The user has read them: they are not shown again (the files they name are fine now). */
  dismiss(): void {
    this.resets = [];
    this.emit();
  }

  onChanged(listener: (resets: StoreReset[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.list());
  }
}
