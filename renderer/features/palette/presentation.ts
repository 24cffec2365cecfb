import type { AppView, ContainerSummary, EngineId } from '../../../electron/common/bridge';

/** The kinds of things the palette finds, in the order their groups show. */
export const paletteKinds = ['action', 'container', 'host', 'page'] as const;
export type PaletteKind = (typeof paletteKinds)[number];

export const paletteKindLabels: Record<PaletteKind, string> = {
  action: 'Actions',
  container: 'Containers',
  host: 'Hosts',
  page: 'Go to',
};

/** What choosing a palette entry does; carried out by the palette component. */
export type PaletteCommand =
  | { kind: 'containerVerb'; verb: 'start' | 'stop' | 'restart'; engineId: EngineId; id: string }
  | { kind: 'openContainer'; engineId: EngineId; id: string; tab: 'logs' | 'inspect' }
  | { kind: 'switchHost'; engineId: EngineId }
  | { kind: 'goTo'; view: AppView };

/** One entry of the palette: the text it shows (and is matched on) and what it does. */
export interface PaletteEntry {
  key: string;
  kind: PaletteKind;
  /** The action text, e.g. `Restart web on staging`; untrusted names inside are shown as text only. */
  title: string;
  /** Further words matched but ranked below the title (image, host name). */
  keywords?: string;
  command: PaletteCommand;
}

/** A connected host as the palette needs it. */
export interface PaletteHost {
  engineId: EngineId;
  name: string;
  connected: boolean;
}

const pageLabels: Record<AppView, string> = {
  containers: 'Containers',
  images: 'Images',
  volumes: 'Volumes',
  networks: 'Networks',
  hosts: 'Hosts',
};

/**
 * Every entry the palette offers: per container its lifecycle verbs (only those its state allows), "Open logs
 * of …", "Inspect …"; per host "Switch to …"; per page "Go to …". With more than one host the container entries
 * name their host ("Restart web on staging").
 */
export function buildPaletteEntries(
  hosts: readonly PaletteHost[],
  containers: readonly ContainerSummary[],
  views: readonly AppView[],
): PaletteEntry[] {
  const names = new Map(hosts.map((host) => [host.engineId, host.name]));
  const several = hosts.length > 1;
  const entries: PaletteEntry[] = [];
  for (const container of containers) {
    const host = names.get(container.engineId) ?? container.engineId;
    const where = several ? ` on ${host}` : '';
    const ref = { engineId: container.engineId, id: container.id };
    const keywords = `${container.image} ${host}`;
    const key = `${container.engineId}/${container.id}`;
    const running = container.state === 'running' || container.state === 'restarting';
    entries.push({
      key: `${key}/open`,
      kind: 'container',
      title: `${container.name}${where}`,
      keywords,
      command: { kind: 'openContainer', ...ref, tab: 'logs' },
    });
    if (running) {
      entries.push(
        {
          key: `${key}/restart`,
          kind: 'action',
          title: `Restart ${container.name}${where}`,
          keywords,
          command: { kind: 'containerVerb', verb: 'restart', ...ref },
        },
        {
          key: `${key}/stop`,
          kind: 'action',
          title: `Stop ${container.name}${where}`,
          keywords,
          command: { kind: 'containerVerb', verb: 'stop', ...ref },
        },
      );
    } else if (container.state !== 'removing') {
      entries.push({
        key: `${key}/start`,
        kind: 'action',
        title: `Start ${container.name}${where}`,
        keywords,
        command: { kind: 'containerVerb', verb: 'start', ...ref },
      });
    }
    entries.push(
      {
        key: `${key}/logs`,
        kind: 'action',
        title: `Open logs of ${container.name}${where}`,
        keywords,
        command: { kind: 'openContainer', ...ref, tab: 'logs' },
      },
      {
        key: `${key}/inspect`,
        kind: 'action',
        title: `Inspect ${container.name}${where}`,
        keywords,
        command: { kind: 'openContainer', ...ref, tab: 'inspect' },
      },
    );
  }
  for (const host of hosts) {
    entries.push({
      key: `host/${host.engineId}`,
      kind: 'host',
      title: `Switch to ${host.name}${host.connected ? '' : ' (not connected)'}`,
      keywords: host.engineId,
      command: { kind: 'switchHost', engineId: host.engineId },
    });
  }
  for (const view of views) {
    entries.push({
      key: `page/${view}`,
      kind: 'page',
      title: `Go to ${pageLabels[view]}`,
      command: { kind: 'goTo', view },
    });
  }
  return entries;
}

/**
 * How well `query` matches `text`, higher is better, `undefined` for no match. Case-insensitive. A contiguous
 * substring beats a scattered subsequence; a match at the start or at a word start beats one inside a word;
 * among equals, shorter texts win. Each query word must match on its own (in any order), so "web stag" finds
 * "Restart web on staging".
 */
export function matchScore(
  query: string,
  text: string,
  options: { substringsOnly?: boolean } = {},
): number | undefined {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 0;
  const haystack = text.toLowerCase();
  let total = 0;
  for (const word of words) {
    const score = wordScore(word, haystack, options.substringsOnly === true);
    if (score === undefined) return undefined;
    total += score;
  }
  // Shorter texts first among equal matches: a tie-breaker smaller than any per-word difference.
  return total - haystack.length / 1000;
}

function isWordStart(text: string, index: number): boolean {
  return index === 0 || /[^a-z0-9]/.test(text[index - 1] ?? '');
}

function wordScore(word: string, text: string, substringsOnly: boolean): number | undefined {
  const at = text.indexOf(word);
  if (at !== -1) {
    if (at === 0) return 100;
    // Prefer the earliest word-start occurrence.
    for (let index = at; index !== -1; index = text.indexOf(word, index + 1)) {
      if (isWordStart(text, index)) return 80;
    }
    return 60;
  }
  if (substringsOnly) return undefined;
  // Subsequence: every letter in order; fewer gaps score higher, never reaching a substring's score.
  let position = 0;
  let gaps = 0;
  for (const letter of word) {
    const found = text.indexOf(letter, position);
    if (found === -1) return undefined;
    if (found !== position && position !== 0) gaps += 1;
    position = found + 1;
  }
  return Math.max(1, 40 - gaps * 5);
}

/** One group of results, in `paletteKinds` order. */
export interface PaletteGroup {
  kind: PaletteKind;
  label: string;
  entries: PaletteEntry[];
}

/**
 * The entries matching `query`, best first within each group, at most `limit` per group. The title is matched
 * first; keywords count only when the title does not match, score lower, and match as substrings only (a scattered
 * match over an image reference and a host name would find almost anything).
 */
export function rankPalette(entries: readonly PaletteEntry[], query: string, limit = 8): PaletteGroup[] {
  const scored: Array<{ entry: PaletteEntry; score: number; order: number }> = [];
  entries.forEach((entry, order) => {
    const title = matchScore(query, entry.title);
    const keywords =
      title === undefined && entry.keywords !== undefined
        ? matchScore(query, `${entry.title} ${entry.keywords}`, { substringsOnly: true })
        : undefined;
    const score = title ?? (keywords === undefined ? undefined : keywords - 50);
    if (score !== undefined) scored.push({ entry, score, order });
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return paletteKinds
    .map((kind) => ({
      kind,
      label: paletteKindLabels[kind],
      entries: scored
        .filter((item) => item.entry.kind === kind)
        .slice(0, limit)
        .map((item) => item.entry),
    }))
    .filter((group) => group.entries.length > 0);
}

/** The groups flattened in display order: what the arrow keys walk through. */
export function flattenGroups(groups: readonly PaletteGroup[]): PaletteEntry[] {
  return groups.flatMap((group) => group.entries);
}

/** The next highlighted index after an arrow key, wrapping around; -1 when there is nothing. */
export function moveHighlight(current: number, delta: 1 | -1, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return delta === 1 ? 0 : count - 1;
  return (current + delta + count) % count;
}
