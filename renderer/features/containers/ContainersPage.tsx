import { Button, Group, Text, Title } from '@mantine/core';
import { IconBox, IconPlayerPlay, IconPlugConnectedX, IconSearch } from '@tabler/icons-react';
import { useCallback } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import type { HostScope } from '../../components/ResourceList/host-scope';
import { ListLoading, ListMessage } from '../../components/ResourceList/ListStates';
import { useNow } from '../../hooks/use-now';
import { useEngines, useNavigation, useShell } from '../../stores/hooks';
import layout from '../../styles/page.module.css';
import { plural } from './confirm-requests';
import { ContainerDialogs } from './ContainerDialogs';
import { ContainersBanners } from './ContainersBanners';
import { BulkBar, ContainersToolbar } from './ContainersToolbar';
import { ContainerTable } from './ContainerTable';
import { ContainerDetails } from './details/ContainerDetails';
import { type ContainerActions, useContainerActions } from './use-container-actions';
import { type ContainersList, useContainersList } from './use-containers-list';

interface ContainersPageProps {
  /** The engine whose containers are listed when no `scope` is given. @default 'local' */
  engineId?: EngineId;
  /**
   * The hosts listed (the host switcher's): under "All hosts" one merged table with a Host column. Every action
   * goes to the container's own host.
   */
  scope?: HostScope;
}

/** The table, or what the page shows instead: no match, empty, failed, no list yet, loading. */
function ContainersBody({
  list,
  actions,
  name,
}: {
  list: ContainersList;
  actions: ContainerActions;
  name: string;
}) {
  const { lists, model, scope, query } = list;
  const { engines } = useEngines();
  const shell = useShell();
  const now = useNow(30_000);
  const engineAddressOf = useCallback(
    (id: EngineId) => engines.find((engine) => engine.id === id)?.address,
    [engines],
  );
  const onOpenUrl = useCallback((url: string) => void shell.openExternal(url), [shell]);
  const listed = lists.phase === 'ready';
  if (listed && model.rows.length > 0) {
    return (
      <ContainerTable
        rows={model.rows}
        selection={list.selection}
        pending={list.pending}
        usage={list.usage}
        sort={query.sort}
        onSortChange={query.setSort}
        stale={lists.allStale}
        staleEngines={lists.stale}
        now={now}
        engineAddressOf={engineAddressOf}
        hostName={list.hostOf}
        onAction={actions.onAction}
        onToggleProject={query.toggleProject}
        onProjectAction={actions.onProjectAction}
        onOpenUrl={onOpenUrl}
        onVisibleRunningChange={list.watchUsage}
      />
    );
  }
  const unavailable = <IconPlugConnectedX size={28} aria-hidden />;
  if (listed && lists.items.length > 0) {
    return (
      <ListMessage
        testId="containers-no-match"
        icon={<IconSearch size={28} aria-hidden />}
        title="No container matches"
        description={`Nothing ${scope.all ? 'on any host' : 'on this engine'} matches the search and the state filter.`}
        action={{
          label: 'Show all containers',
          onClick: () => {
            query.setSearch('');
            query.setStateFilter('all');
          },
        }}
      />
    );
  }
  if (listed) {
    return (
      <ListMessage
        testId="containers-empty"
        icon={<IconBox size={28} aria-hidden />}
        title={scope.all ? 'No containers on any host yet' : 'No containers on this engine yet'}
        description={
          scope.all
            ? 'Containers of every connected host appear here, with the host they run on, as soon as they exist.'
            : `Containers created on ${name} (with docker run, compose or any other tool) appear here as soon as they exist.`
        }
      />
    );
  }
  if (list.failed && !list.unreachable) {
    return (
      <ListMessage
        testId="containers-failed"
        icon={unavailable}
        title="Could not load the containers"
        description={lists.states.find((state) => state.error !== undefined)?.error?.message}
        action={{ label: 'Try again', onClick: lists.retry }}
      />
    );
  }
  if (list.unreachable) {
    return (
      <ListMessage
        testId="containers-unavailable"
        icon={unavailable}
        title="No list yet"
        description={
          scope.all
            ? 'No host has answered yet. The list appears when one does.'
            : `Berth has not been able to list the containers of ${name}. The list appears when the engine answers.`
        }
      />
    );
  }
  return <ListLoading plural="containers" />;
}

/**
 * Every container of the listed hosts, live from their events, on the shared list framework: filter by state,
 * search, sort by any column, group by Compose project, select several and act on them, per-row actions, CPU and
 * memory for the running rows on screen, ports that open in the browser, and `docker run` as a dialog. A
 * container's details replace the list when the route names one.
 */
export function ContainersPage({ engineId = 'local', scope }: ContainersPageProps) {
  const list = useContainersList(engineId, scope);
  const actions = useContainerActions(list);
  const { route } = useNavigation();
  const { lists, runnable } = list;
  const name = list.scope.hostName(engineId);
  const dialogs = <ContainerDialogs list={list} actions={actions} engineId={engineId} />;

  const detail = route.detail;
  if (detail?.kind === 'container') {
    return (
      <>
        <ContainerDetails
          key={`${detail.engineId}/${detail.id}`}
          engineId={detail.engineId}
          id={detail.id}
          {...(detail.tab === undefined ? {} : { tab: detail.tab })}
        />
        {dialogs}
      </>
    );
  }
  const all = list.scope.all;
  return (
    <div className={layout.page}>
      <Group justify="space-between" align="baseline" className={layout.heading}>
        <Group gap="sm" align="baseline">
          <Title order={2}>Containers</Title>
          {lists.phase === 'ready' && (
            <Text size="sm" c="dimmed" data-testid="containers-count">
              {plural(lists.items.length, 'container')} on{' '}
              {all ? plural(list.scope.engineIds.length, 'host') : name}
            </Text>
          )}
        </Group>
        <Button
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          disabled={all ? runnable.length === 0 : list.unreachable}
          // All hosts: the active host when it answers, else the first that does; the dialog can change it.
          onClick={() => actions.dialogs.setRun(all ? { engineId: list.scope.defaultEngineId } : {})}
        >
          Run a container…
        </Button>
      </Group>
      <ContainersBanners list={list} />
      {lists.phase === 'ready' && lists.items.length > 0 && <ContainersToolbar list={list} />}
      <BulkBar list={list} actions={actions} />
      <ContainersBody list={list} actions={actions} name={name} />
      {dialogs}
    </div>
  );
}
