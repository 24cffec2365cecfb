import type { ContainerSummary } from '../../../electron/common/bridge';
import {
  composeProject,
  containerComparator,
  type ContainerSortKey,
  isActive,
  type SortDirection,
  type UsageById,
} from './presentation';

/** Which containers the list shows by state: `running` is what `docker ps` lists, `stopped` the rest. */
export type StateFilter = 'all' | 'running' | 'stopped';

export interface ContainerSort {
  key: ContainerSortKey;
  direction: SortDirection;
}

/** Everything the user chose about how the list looks. */
export interface ListQuery {
  state: StateFilter;
  /** Words that must all appear in the name, image, id or a label (`key=value`), case-insensitively. */
  search: string;
  sort: ContainerSort;
  /** Group containers under their Compose project (label `com.docker.compose.project`). */
  groupByProject: boolean;
  /** Projects whose containers are folded away. */
  collapsed: ReadonlySet<string>;
}

/** A Compose project's heading row. */
export interface ProjectRow {
  kind: 'project';
  key: string;
  project: string;
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
export function searchTerms(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether a container passes the state filter and every search word. */
export function matchesQuery(
  container: ContainerSummary,
  state: StateFilter,
  terms: readonly string[],
): boolean {
  if (state === 'running' && !isActive(container.state)) return false;
  if (state === 'stopped' && isActive(container.state)) return false;
  if (terms.length === 0) return true;
  const haystack = haystackOf(container);
  return terms.every((term) => haystack.includes(term));
}

/**
 * The rows of the list for a query: filtered, sorted by the chosen column and, when grouping, Compose projects
 * first (by name) with their containers under them, then the containers of no project. Linear in the number of
 * containers plus one sort, so 5,000 rows re-filter in a few milliseconds.
 */
export function buildListModel(
  items: readonly ContainerSummary[],
  query: ListQuery,
  usage?: UsageById,
): ListModel {
  const terms = searchTerms(query.search);
  const compare = containerComparator(query.sort.key, query.sort.direction, usage);
  const matched = items.filter((container) => matchesQuery(container, query.state, terms)).sort(compare);
  if (!query.groupByProject) {
    return {
      rows: matched.map((container) => ({ kind: 'container', key: container.id, container })),
      matched,
    };
  }

  const projects = new Map<string, { matched: ContainerSummary[]; all: ContainerSummary[] }>();
  for (const container of items) {
    const project = composeProject(container);
    if (project === undefined) continue;
    let group = projects.get(project);
    if (group === undefined) {
      group = { matched: [], all: [] };
      projects.set(project, group);
    }
    group.all.push(container);
  }
  const loose: ContainerSummary[] = [];
  for (const container of matched) {
    const project = composeProject(container);
    if (project === undefined) loose.push(container);
    else projects.get(project)?.matched.push(container);
  }

  const rows: ListRow[] = [];
  const ordered: ContainerSummary[] = [];
  const names = [...projects.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (query.sort.key === 'project' && query.sort.direction === 'desc') names.reverse();
  for (const project of names) {
    const group = projects.get(project);
    if (group === undefined || group.matched.length === 0) continue;
    const collapsed = query.collapsed.has(project);
    rows.push({
      kind: 'project',
      key: `project:${project}`,
      project,
      containers: group.matched,
      allContainers: group.all.sort(compare),
      active: group.all.filter((container) => isActive(container.state)).length,
      collapsed,
    });
    ordered.push(...group.matched);
    if (collapsed) continue;
    for (const container of group.matched)
      rows.push({ kind: 'container', key: container.id, container, project });
  }
  for (const container of loose) rows.push({ kind: 'container', key: container.id, container });
  ordered.push(...loose);
  return { rows, matched: ordered };
}
