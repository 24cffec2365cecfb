import {
  type AppRoute,
  type AppView,
  appViewLabels,
  type ContainerSummary,
  type EngineId,
  type ImageSummary,
  type NetworkSummary,
  type VolumeSummary,
} from '../../../electron/common/bridge';
import { shortId } from '../images/presentation';

/**
 * The kinds of things the palette finds. Groups show best match first; among equal matches in this order, which
 * puts opening and going somewhere before acting. Destructive actions are their own group, always last.
 */
export const paletteKinds = [
  'page',
  'container',
  'image',
  'volume',
  'network',
  'host',
  'command',
  'action',
  'destructive',
] as const;
export type PaletteKind = (typeof paletteKinds)[number];

const paletteKindLabels: Record<PaletteKind, string> = {
  page: 'Go to',
  container: 'Containers',
  image: 'Images',
  volume: 'Volumes',
  network: 'Networks',
  host: 'Hosts',
  command: 'Commands',
  action: 'Actions',
  destructive: 'Destructive actions',
};

/** What choosing a palette entry does; carried out by the palette component. */
export type PaletteCommand =
  | { kind: 'containerVerb'; verb: 'start' | 'stop' | 'restart' | 'kill'; engineId: EngineId; id: string }
  /** A command of the app's own (Preferences, theme, the shortcuts sheet), carried out by the palette component. */
  | { kind: 'app'; command: 'preferences' | 'toggleTheme' | 'shortcuts' }
  /** A container's details, on its first tab or on `tab`. */
  | { kind: 'openContainer'; engineId: EngineId; id: string; tab?: 'logs' | 'inspect' }
  | { kind: 'switchHost'; engineId: EngineId }
  | { kind: 'goTo'; view: AppView }
  /** Opens a route: an image, volume or network's details, or the Run dialog prefilled with an image. */
  | { kind: 'navigate'; route: AppRoute };

/** One entry of the palette: the text it shows (and is matched on) and what it does. */
export interface PaletteEntry {
  key: string;
  kind: PaletteKind;
  /** The action text, e.g. `Restart web on staging`; untrusted names inside are shown as text only. */
  title: string;
  /** Further words matched but ranked below the title (image, host name). */
  keywords?: string;
  command: PaletteCommand;
  /**
   * Set on actions that stop, kill or remove something: ranked in their own group after everything else, marked,
   * and never the Enter default unless the query names `verb` and nothing else matches.
   */
  destructive?: { verb: string };
  /** The keyboard shortcut doing the same, shown beside the entry (e.g. `Mod+2`; `Mod` is Ctrl or Cmd). */
  shortcut?: string;
}

/** A connected host as the palette needs it. */
interface PaletteHost {
  engineId: EngineId;
  name: string;
  connected: boolean;
}

/** How entries name the host of an object: only when there is more than one host. */
export interface PaletteHostNames {
  /** The host's name for keywords (always) … */
  name: (engineId: EngineId) => string;
  /** … and the ` on staging` suffix for titles (empty with a single host). */
  where: (engineId: EngineId) => string;
}

export function paletteHostNames(hosts: readonly PaletteHost[]): PaletteHostNames {
  const names = new Map(hosts.map((host) => [host.engineId, host.name]));
  const several = hosts.length > 1;
  const name = (engineId: EngineId) => names.get(engineId) ?? engineId;
  return { name, where: (engineId) => (several ? ` on ${name(engineId)}` : '') };
}

/**
 * Per container the container itself (opens its details), "Open logs of …", "Inspect …", and its lifecycle verbs
 * (only those its state allows; restart, stop and kill marked destructive).
 */
export function containerEntries(
  containers: readonly ContainerSummary[],
  hosts: PaletteHostNames,
): PaletteEntry[] {
  const entries: PaletteEntry[] = [];
  for (const container of containers) {
    const host = hosts.name(container.engineId);
    const where = hosts.where(container.engineId);
    const ref = { engineId: container.engineId, id: container.id };
    const keywords = `${container.image} ${host}`;
    const key = `${container.engineId}/${container.id}`;
    const running = container.state === 'running' || container.state === 'restarting';
    entries.push({
      key: `${key}/open`,
      kind: 'container',
      title: `${container.name}${where}`,
      keywords,
      command: { kind: 'openContainer', ...ref },
    });
    if (running) {
      // Each interrupts what the container serves: destructive, found only by naming the verb.
      for (const verb of ['restart', 'stop', 'kill'] as const) {
        entries.push({
          key: `${key}/${verb}`,
          kind: 'destructive',
          title: `${verb[0]?.toUpperCase() ?? ''}${verb.slice(1)} ${container.name}${where}`,
          keywords,
          command: { kind: 'containerVerb', verb, ...ref },
          destructive: { verb },
        });
      }
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
  return entries;
}

/**
 * Per image name (`repo:tag`; the short id for an image without one, as the Images page shows it) "Open image …"
 * (its details on the Images page) and "Run …" (the Run dialog on that host, prefilled with the name).
 */
export function imageEntries(images: readonly ImageSummary[], hosts: PaletteHostNames): PaletteEntry[] {
  const entries: PaletteEntry[] = [];
  for (const image of images) {
    const host = hosts.name(image.engineId);
    const where = hosts.where(image.engineId);
    const id = shortId(image.id);
    const names = image.repoTags.length > 0 ? image.repoTags : [id];
    // An untagged image is still found by the repository it was pulled from.
    const repository = image.repoTags.length > 0 ? '' : (image.repoDigests[0]?.split('@')[0] ?? '');
    const keywords = `${id} ${repository} ${host}`;
    for (const name of names) {
      const key = `${image.engineId}/${image.id}/${name}`;
      entries.push(
        {
          key: `${key}/open`,
          kind: 'image',
          title: `Open image ${name}${where}`,
          keywords,
          command: {
            kind: 'navigate',
            route: { page: 'images', detail: { kind: 'image', engineId: image.engineId, id: image.id } },
          },
        },
        {
          key: `${key}/run`,
          kind: 'action',
          title: `Run ${name}${where}`,
          keywords,
          command: {
            kind: 'navigate',
            route: { page: 'containers', runImage: { engineId: image.engineId, reference: name } },
          },
        },
      );
    }
  }
  return entries;
}

/** Per volume "Open volume …" (its details on the Volumes page). */
export function volumeEntries(volumes: readonly VolumeSummary[], hosts: PaletteHostNames): PaletteEntry[] {
  return volumes.map((volume) => ({
    key: `${volume.engineId}/volume/${volume.name}`,
    kind: 'volume',
    title: `Open volume ${volume.name}${hosts.where(volume.engineId)}`,
    keywords: `${volume.driver} ${hosts.name(volume.engineId)}`,
    command: {
      kind: 'navigate',
      route: { page: 'volumes', detail: { kind: 'volume', engineId: volume.engineId, id: volume.name } },
    },
  }));
}

/** Per network, Docker's own (`bridge`, `host`, `none`) included, "Open network …" (its details). */
export function networkEntries(networks: readonly NetworkSummary[], hosts: PaletteHostNames): PaletteEntry[] {
  return networks.map((network) => ({
    key: `${network.engineId}/network/${network.id}`,
    kind: 'network',
    title: `Open network ${network.name}${hosts.where(network.engineId)}`,
    keywords: `${network.driver} ${network.id.slice(0, 12)} ${hosts.name(network.engineId)}`,
    command: {
      kind: 'navigate',
      route: { page: 'networks', detail: { kind: 'network', engineId: network.engineId, id: network.id } },
    },
  }));
}

/** Per host "Switch to …", per page "Go to …". */
export function placeEntries(hosts: readonly PaletteHost[], views: readonly AppView[]): PaletteEntry[] {
  const entries: PaletteEntry[] = [];
  for (const host of hosts) {
    entries.push({
      key: `host/${host.engineId}`,
      kind: 'host',
      title: `Switch to ${host.name}${host.connected ? '' : ' (not connected)'}`,
      keywords: host.engineId,
      command: { kind: 'switchHost', engineId: host.engineId },
    });
  }
  views.forEach((view, index) => {
    entries.push({
      key: `page/${view}`,
      kind: 'page',
      title: `Go to ${appViewLabels[view]}`,
      command: { kind: 'goTo', view },
      // The app menu's accelerators (CmdOrCtrl+1…9, in navigation order).
      ...(index < 9 ? { shortcut: `Mod+${index + 1}` } : {}),
    });
  });
  return entries;
}

/** What the palette searches: the objects of every connected host. */
interface PaletteSources {
  containers?: readonly ContainerSummary[];
  images?: readonly ImageSummary[];
  volumes?: readonly VolumeSummary[];
  networks?: readonly NetworkSummary[];
}

/**
 * Every entry the palette offers, from the builders above. With more than one host the object entries name their
 * host ("Restart web on staging"). The component calls the builders one by one instead, so a change to one list
 * rebuilds only its entries.
 */
export function buildPaletteEntries(
  hosts: readonly PaletteHost[],
  sources: PaletteSources,
  views: readonly AppView[],
): PaletteEntry[] {
  const names = paletteHostNames(hosts);
  return [
    ...containerEntries(sources.containers ?? [], names),
    ...imageEntries(sources.images ?? [], names),
    ...volumeEntries(sources.volumes ?? [], names),
    ...networkEntries(sources.networks ?? [], names),
    ...placeEntries(hosts, views),
  ];
}

/** A query split into lowercase words, once per keystroke rather than once per entry. */
function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
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
  return scoreWords(queryWords(query), text.toLowerCase(), options.substringsOnly === true);
}

/** `matchScore` over words already split and a text already lowercased. */
function scoreWords(words: readonly string[], haystack: string, substringsOnly: boolean): number | undefined {
  if (words.length === 0) return 0;
  let total = 0;
  for (const word of words) {
    const score = wordScore(word, haystack, substringsOnly);
    if (score === undefined) return undefined;
    total += score;
  }
  // Shorter texts first among equal matches: a tie-breaker smaller than any per-word difference.
  return total - haystack.length / 1000;
}

/** Whether the character before `index` is not a lowercase ASCII letter or digit (a char code test: hot path). */
function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const code = text.charCodeAt(index - 1);
  return !((code >= 97 && code <= 122) || (code >= 48 && code <= 57));
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
  // A match scattered over more than three gaps finds almost anything: dropped.
  return gaps > MAX_GAPS ? undefined : 40 - gaps * 5;
}

const MAX_GAPS = 3;

/** One group of results, in `paletteKinds` order. */
interface PaletteGroup {
  kind: PaletteKind;
  label: string;
  entries: PaletteEntry[];
}

/** An entry's texts lowercased, computed on first ranking and kept as long as the entry is. */
const lowered = new WeakMap<PaletteEntry, { title: string; all: string | undefined }>();

function loweredOf(entry: PaletteEntry): { title: string; all: string | undefined } {
  let texts = lowered.get(entry);
  if (texts === undefined) {
    texts = {
      title: entry.title.toLowerCase(),
      all: entry.keywords === undefined ? undefined : `${entry.title} ${entry.keywords}`.toLowerCase(),
    };
    lowered.set(entry, texts);
  }
  return texts;
}

interface Scored {
  entry: PaletteEntry;
  score: number;
}

/**
 * The entries matching `query`, best first within each group, at most `limit` per group (ties keep the entries'
 * order). The title is matched first; keywords count only when the title does not match, score lower, and match
 * as substrings only (a scattered match over an image reference and a host name would find almost anything).
 * One pass that keeps only each group's best `limit`, so thousands of entries cost no sort.
 */
export function rankPalette(entries: readonly PaletteEntry[], query: string, limit = 8): PaletteGroup[] {
  const words = queryWords(query);
  const best = new Map<PaletteKind, Scored[]>();
  for (const entry of entries) {
    const texts = loweredOf(entry);
    let score = scoreWords(words, texts.title, false);
    if (score === undefined && texts.all !== undefined) {
      const keywords = scoreWords(words, texts.all, true);
      if (keywords !== undefined) score = keywords - 50;
    }
    if (score === undefined) continue;
    // The pages' names are the very words people type to go there ("images", "im"): they lead among equals.
    if (entry.kind === 'page') score += PAGE_BONUS;
    let kept = best.get(entry.kind);
    if (kept === undefined) {
      kept = [];
      best.set(entry.kind, kept);
    }
    if (kept.length >= limit && score <= (kept[kept.length - 1]?.score ?? -Infinity)) continue;
    // Insert after every kept entry scoring at least as much: earlier entries win ties.
    let at = kept.length;
    while (at > 0 && (kept[at - 1]?.score ?? Infinity) < score) at -= 1;
    kept.splice(at, 0, { entry, score });
    if (kept.length > limit) kept.pop();
  }
  // Groups by their best match (ties in `paletteKinds` order); destructive actions always last.
  // Whole points only: the length tie-breaker orders entries within a group, not the groups.
  const top = (kind: PaletteKind) =>
    kind === 'destructive' ? -Infinity : Math.ceil(best.get(kind)?.[0]?.score ?? 0);
  const kinds = paletteKinds.filter((kind) => (best.get(kind)?.length ?? 0) > 0);
  kinds.sort((a, b) => top(b) - top(a) || paletteKinds.indexOf(a) - paletteKinds.indexOf(b));
  return kinds.map((kind) => ({
    kind,
    label: paletteKindLabels[kind],
    entries: (best.get(kind) ?? []).map((item) => item.entry),
  }));
}

const PAGE_BONUS = 25;

/**
 * What Enter runs before the user moves the highlight: the first entry that is not destructive. A destructive one
 * only when nothing else matches and the query names its verb ("stop shop"); otherwise nothing (-1).
 */
export function defaultIndex(flat: readonly PaletteEntry[], query: string): number {
  const safe = flat.findIndex((entry) => entry.destructive === undefined);
  if (safe !== -1) return safe;
  const words = queryWords(query);
  return flat.findIndex((entry) => entry.destructive !== undefined && words.includes(entry.destructive.verb));
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
