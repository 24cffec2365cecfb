import type { VolumeEntry, VolumeSummary, VolumeUser } from '../../../electron/common/bridge';
import { formatBytes } from '../../../electron/common/bridge';
import type { SortDirection } from '../../components/VirtualTable/VirtualTable';

/** Which volumes the list shows. */
export type VolumeUsageFilter = 'all' | 'used' | 'unused';

/** The columns the volumes list can be sorted by. */
export type VolumeSortKey = 'name' | 'driver' | 'users' | 'size' | 'created';

/**
 * The volumes matching a search and a usage filter. The search matches the name, driver, mountpoint, label
 * keys and values and the names of the containers using it, case-insensitively; words must all match.
 */
export function filterVolumes(
  items: readonly VolumeSummary[],
  search: string,
  usage: VolumeUsageFilter,
): VolumeSummary[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((volume) => {
    if (usage === 'used' && volume.usedBy.length === 0) return false;
    if (usage === 'unused' && volume.usedBy.length > 0) return false;
    if (words.length === 0) return true;
    const haystack = [
      volume.name,
      volume.driver,
      volume.mountpoint,
      ...Object.entries(volume.labels).flatMap(([key, value]) => [key, value, `${key}=${value}`]),
      ...volume.usedBy.map((user) => user.name),
    ]
      .join('\n')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * A sorted copy. Unknown sizes sort after known ones whichever the direction; ties break by name, so rows do
 * not jump between updates.
 */
export function sortVolumes(
  items: readonly VolumeSummary[],
  key: VolumeSortKey,
  direction: SortDirection,
  sizes: Readonly<Record<string, number | null>> = {},
): VolumeSummary[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: VolumeSummary, b: VolumeSummary): number => collator.compare(a.name, b.name);
  const primary = (a: VolumeSummary, b: VolumeSummary): number => {
    switch (key) {
      case 'name':
        return sign * byName(a, b);
      case 'driver':
        return sign * collator.compare(a.driver, b.driver);
      case 'users':
        return sign * (a.usedBy.length - b.usedBy.length);
      case 'created':
        return sign * ((a.created ?? 0) - (b.created ?? 0));
      case 'size': {
        const sa = sizes[a.name];
        const sb = sizes[b.name];
        if (sa === undefined || sa === null) return sb === undefined || sb === null ? 0 : 1;
        if (sb === undefined || sb === null) return -1;
        return sign * (sa - sb);
      }
    }
  };
  return [...items].sort((a, b) => primary(a, b) || byName(a, b));
}

/** `web (running), job` — who uses a volume, running ones marked. */
export function formatUsers(users: readonly VolumeUser[]): string {
  if (users.length === 0) return '';
  return users.map((user) => (user.state === 'running' ? `${user.name} (running)` : user.name)).join(', ');
}

/** A volume's size cell: `—` before sizes are measured, `n/a` when the driver cannot say. */
export function formatVolumeSize(size: number | null | undefined): string {
  if (size === undefined) return '—';
  if (size === null) return 'n/a';
  return formatBytes(size);
}

/** A short, readable name: anonymous volumes' 64-hex names shortened to 12 characters as the CLI does. */
export function displayVolumeName(volume: Pick<VolumeSummary, 'name' | 'anonymous'>): string {
  return volume.anonymous && /^[0-9a-f]{64}$/.test(volume.name) ? volume.name.slice(0, 12) : volume.name;
}

/** `key=value` pairs, one per line, as entered in a form. */
export interface ParsedPairs {
  pairs: Record<string, string>;
  /** 1-based line numbers with a problem, and what it is. */
  errors: string[];
}

/** Reads `key=value` lines (labels, driver options). Blank lines are ignored; a key may not repeat. */
export function parseKeyValueLines(text: string): ParsedPairs {
  const pairs: Record<string, string> = {};
  const errors: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const equals = line.indexOf('=');
    const key = (equals < 0 ? line : line.slice(0, equals)).trim();
    if (equals <= 0 || key === '') {
      errors.push(`Line ${index + 1}: write it as key=value.`);
      return;
    }
    if (Object.hasOwn(pairs, key)) {
      errors.push(`Line ${index + 1}: ${key} is given twice.`);
      return;
    }
    pairs[key] = line.slice(equals + 1).trim();
  });
  return { pairs, errors };
}

/** Docker's rule for volume names; empty means "let the daemon pick one". */
export function volumeNameProblem(name: string): string | undefined {
  if (name === '') return undefined;
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) {
    return 'Use at least two characters: letters, digits, _ . or -, starting with a letter or digit.';
  }
  return undefined;
}

/** The crumbs of a path inside a volume: the root, then each folder, each with the path to open it. */
export function breadcrumbs(volume: string, path: string): Array<{ label: string; path: string }> {
  const parts = path.split('/').filter(Boolean);
  return [
    { label: volume, path: '' },
    ...parts.map((part, index) => ({ label: part, path: parts.slice(0, index + 1).join('/') })),
  ];
}

/** The folder above `path` (`''` for the root's children). */
export function parentPath(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.slice(0, -1).join('/');
}

/** Permission bits as `ls -l` prints them: `drwxr-xr-x`, `-rw-r--r--`, `lrwxrwxrwx`. */
export function formatMode(entry: Pick<VolumeEntry, 'kind' | 'mode'>): string {
  const type =
    entry.kind === 'directory' ? 'd' : entry.kind === 'symlink' ? 'l' : entry.kind === 'other' ? '?' : '-';
  const bits = ['r', 'w', 'x'];
  let text = '';
  for (let shift = 8; shift >= 0; shift--)
    text += (entry.mode >> shift) & 1 ? (bits[(8 - shift) % 3] ?? '-') : '-';
  return `${type}${text}`;
}
