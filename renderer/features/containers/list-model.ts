import { conditionOf, type ContainerSummary, type EngineId } from '../../../electron/common/bridge';
import { compareText } from '../../lib/collate';
import { itemKey } from '../../lib/merge';
import {
  composeProject,
  containerComparator,
  type ContainerSortKey,
  type HostNameOf,
  isActive,
  type SortDirection,
  type UsageById,
} from './presentation';

/**
 * Which containers the list shows by state: `running` is what `docker ps` lists, `stopped` the rest, `failing`
 * the unhealthy, crash-looping or exited-with-an-error ones (`conditionOf(…).failing`).
 */
export type StateFilter = 'all' | 'running' | 'stopped' | 'failing';

export interface ContainerSort {
  key: ContainerSortKey;
  direction: SortDirection;
}

/** Everything the user chose about how the list looks. */
export interface ListQuery {
  state: StateFilter;
  /**
   * Words that must all appear in the name, image, id or a label (`key=value`), or the host's name in All hosts,
   * case-insensitively.
   */
  search: string;
  sort: ContainerSort;
  /** Group containers under their Compose project (label `com.docker.compose.project`). */
  groupByProject: boolean;
  /** Projects whose containers are folded away, by their row's `group`. */
  collapsed: ReadonlySet<string>;
}

/** A Compose project's heading row. */
export interface ProjectRow {
  kind: 'project';
  key: string;
  /** What folds it (`query.collapsed`): the project's name, or its host and name in All hosts. */
  group: string;
  project: string;
  engineId: EngineId;
  /** The host's name in All hosts, where a project on two hosts is two groups. */
  host?: string;
  /** Its containers that match the query, in display order (shown unless collapsed). */
  containers: ContainerSummary[];
  /** Every container of the project, matched or not: what the project's actions apply to. */
  allContainers: ContainerSummary[];
  /** How many of all its containers are running, paused or restarting. */
  active: number;
  collapsed: boolean;
}

export interface ContainerRow {
  kind: 'container';
  /** `itemKey` of the container: unique across hosts. */
  key: string;
  container: ContainerSummary;
  /** Set when the row is shown under a project heading. */
  project?: string;
}

export type ListRow = ProjectRow | ContainerRow;

export interface ListModel {
  rows: ListRow[];
  /** Every container that matches the query, in display order (including those of collapsed projects). */
  matched: ContainerSummary[];
}

// Lower-cased text to search per summary. Summaries are immutable and replaced on change, so a WeakMap keyed
// by the object stays correct and costs nothing to invalidate.
const haystacks = new WeakMap<ContainerSummary, string>();

function haystackOf(container: ContainerSummary): string {
  let text = haystacks.get(container);
  if (text === undefined) {
    const labels = Object.entries(container.labels).map(([key, value]) => `${key}=${value}`);
    text = [container.name, container.image, container.id, ...labels].join('\n').toLowerCase();
    haystacks.set(container, text);
  }
  return text;
}

/** The search words of a query (lower-cased, empty ones dropped). */
function searchTerms(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether a container passes the state filter and every search word (in its text or its host's name). */
function matchesQuery(
  container: ContainerSummary,
  state: StateFilter,
  terms: readonly string[],
  hostName?: HostNameOf,
): boolean {
  if (state === 'running' && !isActive(container.state)) return false;
  if (state === 'stopped' && isActive(container.state)) return false;
  if (state === 'failing' && !conditionOf(container).failing) return false;
  if (terms.length === 0) return true;
  const haystack = haystackOf(container);
  const host = hostName?.(container.engineId).toLowerCase() ?? '';
  return terms.every((term) => haystack.includes(term) || host.includes(term));
}

/**
 * The rows of the list for a query: filtered, sorted by the chosen column and, when grouping, Compose projects
 * first (by name) with their containers under them, then the containers of no project. Linear in the number of
 * containers plus one sort, so 5,000 rows re-filter in a few milliseconds.
 *
 * `hostName` is given for All hosts (items of several engines): the search also matches the host's name, the
 * Host column sorts, and a project is grouped per host (the same project on two hosts is two groups, each
 * labelled with its host).
 */
export function buildListModel(
  items: readonly ContainerSummary[],
  query: ListQuery,
  usage?: UsageById,
  hostName?: HostNameOf,
): ListModel {
  const terms = searchTerms(query.search);
  const compare = containerComparator(query.sort.key, query.sort.direction, usage, hostName);
  const matched = items
    .filter((container) => matchesQuery(container, query.state, terms, hostName))
    .sort(compare);
  const containerRow = (container: ContainerSummary, project?: string): ContainerRow => ({
    kind: 'container',
    key: itemKey(container),
    container,
    ...(project === undefined ? {} : { project }),
  });
  if (!query.groupByProject) return { rows: matched.map((container) => containerRow(container)), matched };

  // One engine's project names are unique; across engines the group is the engine and the name.
  const groupOf = (container: ContainerSummary, project: string): string =>
    hostName === undefined ? project : itemKey({ engineId: container.engineId, id: project });
  interface Group {
    project: string;
    engineId: EngineId;
    matched: ContainerSummary[];
    all: ContainerSummary[];
  }
  const projects = new Map<string, Group>();
  for (const container of items) {
    const project = composeProject(container);
    if (project === undefined) continue;
    const group = groupOf(container, project);
    let entry = projects.get(group);
    if (entry === undefined) {
      entry = { project, engineId: container.engineId, matched: [], all: [] };
      projects.set(group, entry);
    }
    entry.all.push(container);
  }
  const loose: ContainerSummary[] = [];
  for (const container of matched) {
    const project = composeProject(container);
    if (project === undefined) loose.push(container);
    else projects.get(groupOf(container, project))?.matched.push(container);
  }

  const rows: ListRow[] = [];
  const ordered: ContainerSummary[] = [];
  const groups = [...projects].sort(
    ([, a], [, b]) =>
      compareText(a.project, b.project) ||
      (hostName === undefined ? 0 : compareText(hostName(a.engineId), hostName(b.engineId))),
  );
  if (query.sort.key === 'project' && query.sort.direction === 'desc') groups.reverse();
  for (const [group, entry] of groups) {
    if (entry.matched.length === 0) continue;
    const collapsed = query.collapsed.has(group);
    rows.push({
      kind: 'project',
      key: `project:${group}`,
      group,
      project: entry.project,
      engineId: entry.engineId,
      ...(hostName === undefined ? {} : { host: hostName(entry.engineId) }),
      containers: entry.matched,
      allContainers: entry.all.sort(compare),
      active: entry.all.filter((container) => isActive(container.state)).length,
      collapsed,
    });
    ordered.push(...entry.matched);
    if (collapsed) continue;
    for (const container of entry.matched) rows.push(containerRow(container, entry.project));
  }
  for (const container of loose) rows.push(containerRow(container));
  ordered.push(...loose);
  return { rows, matched: ordered };
}
