import type { EngineId } from '../../../electron/common/bridge';

/** Natural, case-insensitive order for names (`b9` before `b10`). */
export const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The lower-case words of a search; every one must appear for a row to match. */
export function searchWords(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether every word appears in one of the texts (case-insensitively). */
export function matchesAll(texts: readonly string[], words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const haystack = texts.join('\n').toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** The searchable texts of labels: each key, value and `key=value`. */
export function labelTexts(labels: Readonly<Record<string, string>>): string[] {
  return Object.entries(labels).flatMap(([key, value]) => [key, value, `${key}=${value}`]);
}

/** Names a row's host; given only under "All hosts", where the host is a column and searchable. */
export type HostNameOf = (engineId: EngineId) => string;

/** Orders by host name, for the Host column and as the last tie-break (one name can exist on two hosts). */
export function compareHosts(hostName: HostNameOf | undefined, a: EngineId, b: EngineId): number {
  if (a === b) return 0;
  if (hostName === undefined) return a < b ? -1 : 1;
  return collator.compare(hostName(a), hostName(b)) || (a < b ? -1 : 1);
}

/** `1 volume`, `3 volumes`. */
export function plural(count: number, noun: string): string {
  return count === 1 ? `1 ${noun}` : `${count} ${noun}s`;
}

/** `3 volumes on local` for one host, `5 volumes on 2 hosts` under "All hosts". */
export function countText(count: number, noun: string, hosts: readonly string[]): string {
  return `${plural(count, noun)} on ${hosts.length === 1 ? (hosts[0] ?? '') : plural(hosts.length, 'host')}`;
}

/** The items per host, in order: actions on a selection spanning hosts go to each item's own host. */
export function groupByHost<T extends { engineId: EngineId }>(items: readonly T[]): Map<EngineId, T[]> {
  const groups = new Map<EngineId, T[]>();
  for (const item of items) groups.set(item.engineId, [...(groups.get(item.engineId) ?? []), item]);
  return groups;
}
