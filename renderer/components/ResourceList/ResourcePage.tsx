import { ActionIcon, Alert, Button, Group, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconSearch, IconTrash, IconWashDry } from '@tabler/icons-react';
import { type ReactNode, useMemo } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import { itemKey, type PerEngine } from '../../lib/merge';
import layout from '../../styles/page.module.css';
import { type TableColumn, type TableSelection, VirtualTable } from '../VirtualTable/VirtualTable';
import type { HostScope } from './host-scope';
import { ListLoading, ListMessage, NoHost } from './ListStates';
import { countText } from './presentation';
import classes from './ResourcePage.module.css';
import type { ResourceList } from './use-resource-list';

interface ResourceListPageProps<T extends PerEngine, K extends string> {
  /** `Volumes`. */
  title: string;
  /** `volume`: the count says `3 volumes`, the test ids are `volumes-count`, `volume-table`, `volume-row`… */
  noun: string;
  icon: ReactNode;
  /** The page's state (`useResourceList`): hosts, lists, search, sort, the details route. */
  list: ResourceList<T, unknown, unknown, K>;
  /** The rows, filtered and sorted. */
  items: readonly T[];
  /** The columns of one host; under "All hosts" a sortable Host column comes first. */
  columns: readonly TableColumn<T, K>[];
  /** The sort key of the Host column. */
  hostSortKey: K;
  /** Extra `data-*` of a row; `name`, `engine-id` and `stale` are always there. */
  rowData: (item: T) => Record<string, string | undefined>;
  nameOf: (item: T) => string;
  /** Checkboxes to select rows (of any host). */
  selection?: TableSelection<T>;
  /** Controls after the search (filters) and between Create and Prune (actions on the selection). */
  filters?: ReactNode;
  actions?: ReactNode;
  onCreate: () => void;
  onPrune: () => void;
  /** Said under the unreachable banner when the rows shown are the last known ones. */
  staleNote?: string;
  /** Extra alerts under the toolbar. */
  banners?: ReactNode;
  /** Shown when the hosts have no item at all, and when nothing passes the filters. */
  empty: ReactNode;
  noMatch: ReactNode;
  /** The page's dialogs and drawers. */
  children: ReactNode;
}

/**
 * A resource list page (volumes, networks) over the hosts of a scope: heading with the count, toolbar (search,
 * the page's filters, Create, the page's actions, Prune), the hosts that do not answer, and the virtualised table,
 * or why there is none. Under "All hosts" the table has a Host column and rows are keyed per engine.
 */
export function ResourceListPage<T extends PerEngine, K extends string>(props: ResourceListPageProps<T, K>) {
  const { title, noun, list, filters, actions, onCreate, onPrune, staleNote, banners, children } = props;
  const { scope, lists } = list;
  const plural = `${noun}s`;
  return (
    <div className={layout.page}>
      <Group justify="space-between" align="baseline" className={layout.heading}>
        <Title order={2}>{title}</Title>
        {lists.phase === 'ready' && (
          <Text size="sm" c="dimmed" data-testid={`${plural}-count`}>
            {countText(lists.items.length, noun, scope.engineIds.map(scope.hostName))}
          </Text>
        )}
      </Group>
      <Group gap="sm" className={layout.toolbar}>
        <TextInput
          className={layout.search}
          placeholder={`Search ${plural}`}
          aria-label={`Search ${plural}`}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={list.search}
          onChange={(event) => list.setSearch(event.currentTarget.value)}
        />
        {filters}
        <Button leftSection={<IconPlus size={16} aria-hidden />} disabled={lists.allStale} onClick={onCreate}>
          Create
        </Button>
        {actions}
        <Button
          variant="light"
          color="orange"
          leftSection={<IconWashDry size={16} aria-hidden />}
          disabled={lists.allStale}
          onClick={onPrune}
        >
          Prune unused
        </Button>
      </Group>
      {banners}
      <HostsDownAlert lists={lists} hostName={scope.hostName} staleNote={staleNote} />
      <ResourceListBody {...props} />
      {children}
    </div>
  );
}

/** The listed hosts that are down (`isHostDown`), and what that means for their rows. */
function HostsDownAlert({
  lists,
  hostName,
  staleNote,
}: {
  lists: ResourceList<PerEngine, unknown, unknown, string>['lists'];
  hostName: (engineId: EngineId) => string;
  staleNote: string | undefined;
}) {
  const { down, stale } = lists;
  const [only] = down;
  if (only === undefined) return null;
  return (
    <Alert
      color="red"
      title={down.length === 1 ? `Can’t reach ${hostName(only.id)}` : 'Some hosts do not answer'}
      className={layout.banner}
      data-testid="engine-unreachable"
    >
      {down.length === 1
        ? (only.status.lastError ?? 'The daemon did not answer.')
        : down.map((engine) => (
            <Text size="sm" key={engine.id}>
              {hostName(engine.id)}: {engine.status.lastError ?? 'unreachable'}
            </Text>
          ))}
      {staleNote !== undefined && stale.size > 0 && ` ${staleNote}`}
    </Alert>
  );
}

/** The table once a host has a list, else why there is none (no host, loading, failed), or empty / no match. */
function ResourceListBody<T extends PerEngine, K extends string>({
  title,
  noun,
  icon,
  list,
  items,
  columns,
  hostSortKey,
  rowData,
  nameOf,
  selection,
  empty,
  noMatch,
}: ResourceListPageProps<T, K>) {
  const { scope, lists, idOf } = list;
  const { all, hostName } = scope;
  const plural = `${noun}s`;
  const withHost = useMemo(
    () => (all ? [hostColumn<T, K>(hostName, hostSortKey), ...columns] : columns),
    [all, columns, hostName, hostSortKey],
  );
  if (scope.engineIds.length === 0) return <NoHost />;
  if (lists.phase === 'failed') {
    return (
      <ListMessage
        testId={`${plural}-failed`}
        icon={icon}
        title={`Could not load the ${plural}`}
        description={lists.error}
        action={{ label: 'Try again', onClick: lists.retry }}
      />
    );
  }
  if (lists.phase === 'loading') return <ListLoading plural={plural} />;
  if (lists.items.length === 0) return empty;
  if (items.length === 0) return noMatch;
  return (
    <VirtualTable
      items={items}
      columns={withHost}
      getKey={(item) => itemKey({ engineId: item.engineId, id: idOf(item) })}
      sort={list.sort}
      onSortChange={list.setSort}
      label={all ? `${title} on all hosts` : title}
      stale={lists.allStale}
      onRowActivate={list.open}
      rowData={(item) => ({
        name: nameOf(item),
        'engine-id': item.engineId,
        stale: lists.stale.has(item.engineId) ? 'true' : undefined,
        ...rowData(item),
      })}
      selectedKey={list.selectedKey}
      {...(selection === undefined ? {} : { selection })}
      testId={`${noun}-table`}
      rowTestId={`${noun}-row`}
    />
  );
}

/** The sortable Host column that comes first under "All hosts". */
function hostColumn<T extends PerEngine, K extends string>(
  hostName: (engineId: EngineId) => string,
  sortKey: K,
): TableColumn<T, K> {
  return {
    id: 'host',
    label: 'Host',
    width: 'minmax(5rem, 1fr)',
    priority: 2,
    sortKey,
    title: (item) => hostName(item.engineId),
    render: (item) => hostName(item.engineId),
  };
}

/** ` on rig` under "All hosts" (for labels that must say which host a row's button acts on), else nothing. */
export function onHost(scope: HostScope, engineId: EngineId): string {
  return scope.all ? ` on ${scope.hostName(engineId)}` : '';
}

/**
 * The last column: a row's Remove button, which asks first (`onRemove` opens the page's confirmation). It waits
 * while the row's host is stale or an action on the row is under way.
 */
export function removeColumn<T extends PerEngine, K extends string>({
  label,
  stale,
  pendingOf,
  disabled,
  onRemove,
}: {
  /** The button's accessible name, e.g. `Remove network web on rig`. */
  label: (item: T) => string;
  stale: ReadonlySet<EngineId>;
  pendingOf: (item: T) => boolean;
  /** Rows that can never be removed (predefined networks). */
  disabled?: (item: T) => boolean;
  onRemove: (item: T) => void;
}): TableColumn<T, K> {
  return {
    id: 'actions',
    label: <VisuallyHidden>Actions</VisuallyHidden>,
    width: '3rem',
    render: (item) => (
      <div className={classes.actions}>
        <ActionIcon
          color="red"
          variant="subtle"
          aria-label={label(item)}
          disabled={stale.has(item.engineId) || disabled?.(item) === true || pendingOf(item)}
          loading={pendingOf(item)}
          onClick={(event) => {
            event.stopPropagation();
            onRemove(item);
          }}
        >
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      </div>
    ),
  };
}

/**
 * The toolbar's Remove for the checked rows of any host: the rows of stale hosts are left out, and it waits when
 * every checked row is on one.
 */
export function RemoveChosenButton<T extends PerEngine>({
  chosen,
  stale,
  onRemove,
}: {
  chosen: readonly T[];
  stale: ReadonlySet<EngineId>;
  onRemove: (items: T[]) => void;
}) {
  return (
    <Button
      color="red"
      variant="light"
      leftSection={<IconTrash size={16} aria-hidden />}
      disabled={chosen.every((item) => stale.has(item.engineId))}
      onClick={() => onRemove(chosen.filter((item) => !stale.has(item.engineId)))}
    >
      {chosen.length > 0 ? `Remove ${chosen.length}` : 'Remove'}
    </Button>
  );
}
