import type { EngineId, ImageSummary } from '../../../electron/common/bridge';
import { parseImageReference } from '../../../electron/common/images/reference';
import { itemKey } from '../../lib/merge';

/** One row of the images list: one name of an image (`docker image ls` shows one row per tag). */
export interface ImageRow {
  /** Unique per row, across hosts: the engine, the image id and the name. */
  key: string;
  image: ImageSummary;
  /** `<none>` for an image without a name. */
  repository: string;
  tag: string;
  /** What to call the row in an action: `repository:tag`, or the short id for an unnamed image. */
  ref: string;
  /** The host's name, in the "All hosts" list only (its Host column; search and sort use it). */
  host?: string;
}

export type ImageFilter = 'all' | 'inUse' | 'unused' | 'dangling';
export type ImageSortKey = 'host' | 'repository' | 'tag' | 'size' | 'created' | 'containers';
type SortDirection = 'asc' | 'desc';

/** `sha256:abc…` → `abc…` (12 characters), as the docker CLI prints ids. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** `registry:5000/team/app:1.0` → repository `registry:5000/team/app`, tag `1.0`. */
export function splitRepoTag(repoTag: string): { repository: string; tag: string } {
  const colon = repoTag.lastIndexOf(':');
  if (colon === -1 || repoTag.slice(colon + 1).includes('/')) return { repository: repoTag, tag: 'latest' };
  return { repository: repoTag.slice(0, colon), tag: repoTag.slice(colon + 1) };
}

/**
 * One row per name, and one `<none>` row for an image without a name. With `hostName` ("All hosts"), each row
 * carries its host's name.
 */
export function toImageRows(
  images: readonly ImageSummary[],
  hostName?: (engineId: EngineId) => string,
): ImageRow[] {
  const rows: ImageRow[] = [];
  for (const image of images) {
    const base = itemKey(image);
    const host = hostName === undefined ? {} : { host: hostName(image.engineId) };
    if (image.repoTags.length === 0) {
      const repository = image.repoDigests[0]?.split('@')[0] ?? '<none>';
      rows.push({ key: `${base}|`, image, repository, tag: '<none>', ref: shortId(image.id), ...host });
      continue;
    }
    for (const repoTag of image.repoTags) {
      const { repository, tag } = splitRepoTag(repoTag);
      rows.push({ key: `${base}|${repoTag}`, image, repository, tag, ref: repoTag, ...host });
    }
  }
  return rows;
}

/** How actions name a row: `web:1`, `image 0123456789ab`, and `… on <host>` in the "All hosts" list. */
export function rowLabel(row: ImageRow): string {
  const name = row.image.repoTags.length > 0 ? row.ref : `image ${row.ref}`;
  return row.host === undefined ? name : `${name} on ${row.host}`;
}

/** What an action sends to the daemon for a row: its name, or the id of an unnamed image. */
export function rowReference(row: ImageRow): string {
  return row.image.repoTags.length > 0 ? row.ref : row.image.id;
}

/** Rows grouped by their engine, in first-seen order: bulk actions send one request per host. */
export function groupByEngine<T extends { image: { engineId: EngineId } }>(
  rows: readonly T[],
): Array<[EngineId, T[]]> {
  const groups = new Map<EngineId, T[]>();
  for (const row of rows) {
    const group = groups.get(row.image.engineId);
    if (group === undefined) groups.set(row.image.engineId, [row]);
    else group.push(row);
  }
  return [...groups];
}

/**
 * The host a dialog not tied to a row (pull, build, load, prune, log in) starts on: the active host when it is
 * among the usable ones, else the first usable one.
 */
export function defaultHost(usable: readonly EngineId[], active: EngineId | undefined): EngineId | undefined {
  return active !== undefined && usable.includes(active) ? active : usable[0];
}

/** Whether an image passes the in-use / unused / dangling filter. */
function matchesFilter(image: ImageSummary, filter: ImageFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'inUse':
      return image.containers > 0;
    case 'unused':
      return image.containers === 0;
    case 'dangling':
      return image.dangling;
  }
}

/** Rows passing the filter whose repository, tag, id or host contains every word of `search` (any case). */
export function filterRows(rows: readonly ImageRow[], filter: ImageFilter, search: string): ImageRow[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (!matchesFilter(row.image, filter)) return false;
    if (words.length === 0) return true;
    const haystack =
      `${row.repository}:${row.tag} ${row.image.id.replace(/^sha256:/, '')} ${row.host ?? ''}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

const COMPARE_BY: Record<ImageSortKey, (a: ImageRow, b: ImageRow) => number> = {
  host: (a, b) => collator.compare(a.host ?? '', b.host ?? ''),
  repository: (a, b) => collator.compare(a.repository, b.repository),
  tag: (a, b) => collator.compare(a.tag, b.tag),
  size: (a, b) => a.image.size - b.image.size,
  created: (a, b) => a.image.created - b.image.created,
  containers: (a, b) => a.image.containers - b.image.containers,
};

/** A sorted copy; ties break by repository, tag, then key, always ascending, so rows never jump. */
export function sortRows(rows: readonly ImageRow[], key: ImageSortKey, direction: SortDirection): ImageRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort(
    (a, b) =>
      sign * COMPARE_BY[key](a, b) ||
      collator.compare(a.repository, b.repository) ||
      collator.compare(a.tag, b.tag) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** How the user wants images removed: only the chosen names, or the whole images with all their names. */
export type RemoveMode = 'untag' | 'delete';

/**
 * The refs to send for removing rows: a name untags it (the daemon deletes the image with its last name); deleting
 * an image removes every name, then (for an unnamed image) the id, so nothing needs `force` unless a container
 * uses it.
 */
export function removalRefs(rows: readonly ImageRow[], mode: RemoveMode): string[] {
  const refs: string[] = [];
  const seen = new Set<string>();
  const add = (ref: string): void => {
    if (!seen.has(ref)) {
      seen.add(ref);
      refs.push(ref);
    }
  };
  for (const row of rows) {
    if (row.image.repoTags.length === 0) add(row.image.id);
    else if (mode === 'untag') add(row.ref);
    else for (const name of row.image.repoTags) add(name);
  }
  return refs;
}

/** The distinct images behind some rows. */
export function imagesOf(rows: readonly ImageRow[]): ImageSummary[] {
  const byId = new Map<string, ImageSummary>();
  for (const row of rows) byId.set(row.image.id, row.image);
  return [...byId.values()];
}

/** `undefined` when `text` is a valid image name (`repository[:tag]`), else why not. */
export function imageNameProblem(text: string, options: { allowDigest?: boolean } = {}): string | undefined {
  const parsed = parseImageReference(text.trim());
  if (!parsed.ok) return parsed.error;
  if (options.allowDigest !== true && parsed.reference.digest !== undefined)
    return 'A name cannot have a digest.';
  return undefined;
}

/** `KEY=value` lines → build args; a line without `=` or with a bad name is reported by its number. */
export function parseBuildArgs(text: string): { args: Record<string, string>; problem?: string } {
  const args: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]?.trim() ?? '';
    if (line === '' || line.startsWith('#')) continue;
    const equals = line.indexOf('=');
    const name = equals === -1 ? line : line.slice(0, equals);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || equals === -1) {
      return { args, problem: `Line ${index + 1} is not NAME=value.` };
    }
    args[name] = line.slice(equals + 1);
  }
  return { args };
}

/** Tags typed as a list (commas, spaces or new lines between them). */
export function parseTags(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}
