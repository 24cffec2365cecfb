import { lstat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

import type { TarEntry } from './tar';

// Berth's one path-traversal guard for untrusted archives. Every entry an extraction writes to the user's disk is
// admitted here first; ./extract.ts is the only code that writes entries, and only what this admits.
//
// The policy, and why:
// - Paths: absolute paths, `..` segments, backslashes (a separator on Windows), NUL, Windows drive segments (`C:`)
//   and anything that still resolves outside the target are refused. On Windows a `:` anywhere (an alternate data
//   stream of another file) and reserved device names (`NUL`, `COM1`…) are refused too.
// - Symbolic and hard links are never created, whatever they point at. A link inside the target would be safe
//   to create, but then every later entry would have to be resolved through it; not creating any means no entry
//   of the archive can ever redirect a later write (a `link/file` entry after a `link` entry lands in a plain
//   folder named `link`). Hard links are refused for the same reason and because their target may be outside or
//   not in the archive at all.
// - Devices, FIFOs and unknown entry types are refused (skipped and reported, never created): Berth copies files,
//   and creating a device node or a FIFO on the user's disk is never what a download means.
// - Links already on disk (the user chose an existing folder): a path through one, or ending at one, is refused,
//   and files are opened with O_NOFOLLOW where the platform has it.
// Refused entries are skipped and reported with a reason; the rest of the archive is still written.

/** Why an entry was not written. */
export type RefusalReason = 'outside' | 'through-link' | 'symlink' | 'hardlink' | 'special';

/** An entry the guard refused. */
export interface Refusal {
  entry: TarEntry;
  reason: RefusalReason;
  /** What the user reads, e.g. `../x (a path outside the folder)`, `a/link (a link to /etc, not copied)`. */
  message: string;
}

/** An entry the guard admitted: a folder or a regular file, and the absolute path it is written to. */
interface Admission {
  type: 'directory' | 'file';
  destination: string;
}

/**
 * The parts of an archive path, relative and clean: `./a//b/` → `['a', 'b']`. `undefined` when it is absolute,
 * climbs (`..`) or holds a backslash or NUL: such a path is never written anywhere. Lexical only (no disk access).
 */
export function relativeParts(path: string): string[] | undefined {
  if (path.startsWith('/') || path.includes('\0') || path.includes('\\')) return undefined;
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part === '..')) return undefined;
  return parts;
}

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)(\..*)?$/i;

/** A segment that means something other than a plain name to the file system (a drive, a stream, a device). */
function specialSegment(part: string): boolean {
  if (/^[a-zA-Z]:/.test(part)) return true;
  return process.platform === 'win32' && (part.includes(':') || WINDOWS_DEVICE.test(part));
}

/**
 * Where `parts` (relative to `root`) land, or `undefined` when they must not be written: an empty or special
 * segment, or a path that still resolves outside `root`. Lexical only.
 */
function destinationOf(root: string, parts: readonly string[] | undefined): string | undefined {
  if (parts === undefined || parts.length === 0 || parts.some(specialSegment)) return undefined;
  const destination = join(root, ...parts);
  const fromRoot = relative(root, destination);
  if (fromRoot === '' || isAbsolute(fromRoot) || fromRoot.split(sep).includes('..')) return undefined;
  return destination;
}

/** Where an archive path lands under `root`, or `undefined` when it must not be written (lexical check only). */
export function safeDestination(root: string, path: string): string | undefined {
  return destinationOf(resolve(root), relativeParts(path));
}

function refusal(entry: TarEntry, reason: RefusalReason, shown: string): Refusal {
  const what: Record<RefusalReason, string> = {
    outside: 'a path outside the folder',
    'through-link': 'a path through a link on disk, not copied',
    symlink: `a link to ${entry.linkName}, not copied`,
    hardlink: `a hard link to ${entry.linkName}, not copied`,
    special: 'a special file, not copied',
  };
  return { entry, reason, message: `${shown} (${what[reason]})` };
}

/** Admits or refuses the entries of one extraction into one target folder. */
export class ExtractGuard {
  readonly root: string;
  /** Folders below the root known to be real folders (created by this extraction or checked), not links. */
  private readonly folders = new Set<string>();

  constructor(target: string) {
    this.root = resolve(target);
  }

  /**
   * Where `entry` may be written, given its path `parts` relative to the target (`undefined` when the layout
   * already found it outside), or why it must not be.
   */
  async admit(entry: TarEntry, parts: readonly string[] | undefined): Promise<Admission | Refusal> {
    const destination = destinationOf(this.root, parts);
    if (parts === undefined || destination === undefined) return refusal(entry, 'outside', entry.path);
    const shown = parts.join('/');
    if (entry.type === 'symlink') return refusal(entry, 'symlink', shown);
    if (entry.type === 'hardlink') return refusal(entry, 'hardlink', shown);
    if (entry.type === 'other') return refusal(entry, 'special', shown);
    if (await this.crossesLink(parts)) return refusal(entry, 'through-link', shown);
    return { type: entry.type, destination };
  }

  /** Records that `folder` (below the root) and its parents now exist as real folders. */
  created(folder: string): void {
    const parts = relative(this.root, folder).split(sep);
    let current = this.root;
    for (const part of parts) {
      current = join(current, part);
      this.folders.add(current);
    }
  }

  /** Whether any existing part of the path, the last one included, is a symbolic link (which a write follows). */
  private async crossesLink(parts: readonly string[]): Promise<boolean> {
    let current = this.root;
    for (const part of parts) {
      current = join(current, part);
      if (this.folders.has(current)) continue;
      const info = await lstat(current).catch(() => undefined);
      if (info === undefined) return false;
      if (info.isSymbolicLink()) return true;
      if (info.isDirectory()) this.folders.add(current);
    }
    return false;
  }
}

/** Whether the guard's answer is a refusal. */
export function isRefusal(answer: Admission | Refusal): answer is Refusal {
  return 'reason' in answer;
}
