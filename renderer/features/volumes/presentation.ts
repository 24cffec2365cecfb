import type { VolumeEntry, VolumeSummary, VolumeUser } from '../../../electron/common/bridge';
import { formatBytes } from '../../../electron/common/bridge';
import {
  collator,
  compareHosts,
  type HostNameOf,
  labelTexts,
  matchesAll,
  searchWords,
} from '../../components/ResourceList/presentation';
import type { SortDirection } from '../../components/VirtualTable/VirtualTable';

export { parseKeyValueLines } from '../../components/KeyValue/parse';

/** Which volumes the list shows. */
export type VolumeUsageFilter = 'all' | 'used' | 'unused';

/** The columns the volumes list can be sorted by (`host` only under "All hosts"). */
export type VolumeSortKey = 'host' | 'name' | 'driver' | 'users' | 'size' | 'created';

/**
 * The volumes matching a search and a usage filter. The search matches the name, driver, mountpoint, label
 * keys and values, the names of the containers using it and, given `hostName` ("All hosts"), the host's name,
 * case-insensitively; words must all match.
 */
export function filterVolumes(
  items: readonly VolumeSummary[],
  search: string,
  usage: VolumeUsageFilter,
  hostName?: HostNameOf,
): VolumeSummary[] {
  const words = searchWords(search);
  return items.filter((volume) => {
    if (usage === 'used' && volume.usedBy.length === 0) return false;
    if (usage === 'unused' && volume.usedBy.length > 0) return false;
    return matchesAll(
      [
        volume.name,
        volume.driver,
        volume.mountpoint,
        ...labelTexts(volume.labels),
        ...volume.usedBy.map((user) => user.name),
        ...(hostName === undefined ? [] : [hostName(volume.engineId)]),
      ],
      words,
    );
  });
}

/** A volume's measured size: by name for one host, or a function of the volume when sizes are per host. */
type VolumeSizes =
  Readonly<Record<string, number | null>> | ((volume: VolumeSummary) => number | null | undefined);

/**
 * A sorted copy. Unknown sizes sort after known ones whichever the direction; ties break by name, then host,
 * so rows do not jump between updates.
 */
export function sortVolumes(
  items: readonly VolumeSummary[],
  key: VolumeSortKey,
  direction: SortDirection,
  sizes: VolumeSizes = {},
  hostName?: HostNameOf,
): VolumeSummary[] {
  const sign = direction === 'asc' ? 1 : -1;
  const sizeOf = typeof sizes === 'function' ? sizes : (volume: VolumeSummary) => sizes[volume.name];
  const byName = (a: VolumeSummary, b: VolumeSummary): number => collator.compare(a.name, b.name);
  const primary = (a: VolumeSummary, b: VolumeSummary): number => {
    switch (key) {
      case 'host':
        return sign * compareHosts(hostName, a.engineId, b.engineId);
      case 'name':
        return sign * byName(a, b);
      case 'driver':
        return sign * collator.compare(a.driver, b.driver);
      case 'users':
        return sign * (a.usedBy.length - b.usedBy.length);
      case 'created':
        return sign * ((a.created ?? 0) - (b.created ?? 0));
      case 'size': {
        const sa = sizeOf(a);
        const sb = sizeOf(b);
        if (sa === undefined || sa === null) return sb === undefined || sb === null ? 0 : 1;
        if (sb === undefined || sb === null) return -1;
        return sign * (sa - sb);
      }
    }
  };
  return [...items].sort(
    (a, b) => primary(a, b) || byName(a, b) || compareHosts(hostName, a.engineId, b.engineId),
  );
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
