import {
  Alert,
  Button,
  CloseButton,
  EmptyState,
  Group,
  Loader,
  SegmentedControl,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconBox, IconPlayerPlay, IconPlugConnectedX, IconSearch } from '@tabler/icons-react';
import { type ReactNode, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';

import type { ContainerSummary, EngineId } from '../../../electron/common/bridge';
import { useNow } from '../../hooks/use-now';
import type { BulkAction, RemoveOptions } from '../../stores/containers';
import {
  useContainerActions,
  useContainers,
  useContainerUsage,
  useContainerUsageWatch,
  useEngine,
  useEngineActions,
  useNavigation,
  useOperationActions,
  useOperations,
  useShell,
} from '../../stores/hooks';
import { ConfirmActionModal, type ConfirmRequest } from './ConfirmActionModal';
import classes from './ContainersPage.module.css';
import { ContainerTable, type RowAction } from './ContainerTable';
import { ContainerDetails } from './details/ContainerDetails';
import { buildListModel, type ContainerSort, type ProjectRow, type StateFilter } from './list-model';
import { canPause, canUnpause, isActive } from './presentation';
import { RemoveContainerModal } from './RemoveContainerModal';
import { RenameContainerModal } from './RenameContainerModal';
import { RunContainerDialog } from './RunContainerDialog';
import { StopContainerModal } from './StopContainerModal';

export interface ContainersPageProps {
  /** The engine whose containers are listed. @default 'local' */
  engineId?: EngineId;
}

const STATE_FILTERS: Array<{ value: StateFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'running', label: 'Running' },
  { value: 'stopped', label: 'Stopped' },
];

function isStateFilter(value: string): value is StateFilter {
  return STATE_FILTERS.some((filter) => filter.value === value);
}

/** A confirmation waiting for the user, and what confirming does. */
interface PendingConfirm {
  request: ConfirmRequest;
  confirm: (options: { removeVolumes: boolean }) => void;
}

const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;

/**
 * Every container of one engine, live from its events: filter by state, search, sort by any column, group by
 * Compose project, select several and act on them, per-row actions, CPU and memory for the running rows on
 * screen, ports that open in the browser, and `docker run` as a dialog. A container's details replace the list
 * when the route names one.
 */
/** The bulk actions offered for a selection, in toolbar order (remove asks first). */
const BULK_BUTTONS: readonly { action: BulkAction; label: string; color?: string }[] = [
  { action: 'start', label: 'Start', color: 'green' },
  { action: 'stop', label: 'Stop', color: 'orange' },
  { action: 'restart', label: 'Restart' },
  { action: 'pause', label: 'Pause', color: 'yellow' },
  { action: 'unpause', label: 'Unpause', color: 'yellow' },
  { action: 'remove', label: 'Remove…', color: 'red' },
];

export function ContainersPage({ engineId = 'local' }: ContainersPageProps) {
  const engine = useEngine(engineId);
  const containers = useContainers(engineId);
  const actions = useContainerActions(engineId);
  const { samples: usage } = useContainerUsage(engineId);
  const watchUsage = useContainerUsageWatch(engineId);
  const { reconnect } = useEngineActions();
  const { route, navigate, findRequests } = useNavigation();
  const shell = useShell();
  const { operations } = useOperations();
  const { cancel: cancelOperation } = useOperationActions();
  const now = useNow(30_000);

  const [stateFilter, setStateFilter] = useState<StateFilter>('all');
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState<ContainerSort>({ key: 'name', direction: 'asc' });
  const [groupByProject, setGroupByProject] = useState(true);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const [renaming, setRenaming] = useState<ContainerSummary | null>(null);
  const [stopping, setStopping] = useState<ContainerSummary | null>(null);
  const [confirm, setConfirm] = useState<PendingConfirm | null>(null);
  const [runDialog, setRunDialog] = useState<{ image?: string } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const snapshot = containers.snapshot;
  const items = useMemo(() => snapshot?.items ?? [], [snapshot]);
  const byId = useMemo(() => new Map(items.map((item) => [item.id, item])), [items]);
  // Sorting by CPU or memory follows the samples; other sorts ignore them so rows do not move every 5 s.
  const usageForSort = sort.key === 'cpu' || sort.key === 'memory' ? usage : undefined;
  const model = useMemo(
    () =>
      buildListModel(
        items,
        { state: stateFilter, search: deferredSearch, sort, groupByProject, collapsed },
        usageForSort,
      ),
    [items, stateFilter, deferredSearch, sort, groupByProject, collapsed, usageForSort],
  );
  const selectedIds = useMemo(() => [...selected].filter((id) => byId.has(id)), [selected, byId]);
  const selectedMatchedCount = useMemo(
    () => model.matched.reduce((count, item) => count + (selected.has(item.id) ? 1 : 0), 0),
    [model, selected],
  );

  // The images page's "Run" arrives as a route with the engine and image to prefill; the page of that engine
  // consumes it once.
  const runImage = route.runImage?.engineId === engineId ? route.runImage.reference : undefined;
  useEffect(() => {
    if (runImage === undefined) return;
    setRunDialog({ image: runImage });
    navigate({ page: 'containers' });
  }, [runImage, navigate]);

  // Find (Ctrl/Cmd+F) focuses the search field.
  const findSeen = useRef(findRequests);
  useEffect(() => {
    if (findRequests === findSeen.current) return;
    findSeen.current = findRequests;
    searchRef.current?.focus();
    searchRef.current?.select();
  }, [findRequests]);

  const openDetails = useCallback(
    (container: ContainerSummary, tab?: string) =>
      navigate({
        page: 'containers',
        detail: { kind: 'container', engineId, id: container.id, ...(tab === undefined ? {} : { tab }) },
      }),
    [navigate, engineId],
  );

  const onAction = useCallback(
    (action: RowAction, container: ContainerSummary) => {
      const { id, name } = container;
      switch (action) {
        case 'start':
          void actions.startContainer(id);
          break;
        case 'stop':
          void actions.stopContainer(id);
          break;
        case 'stopWithTimeout':
          setStopping(container);
          break;
        case 'restart':
          void actions.restartContainer(id);
          break;
        case 'pause':
          void actions.pauseContainer(id);
          break;
        case 'unpause':
          void actions.unpauseContainer(id);
          break;
        case 'kill':
          setConfirm({
            request: {
              title: `Kill ${name}?`,
              body: (
                <>
                  Its processes get SIGKILL and stop at once: they cannot shut down cleanly, and whatever they
                  have not written yet (buffers, open transactions) is lost. The container and its files stay.
                </>
              ),
              confirmLabel: 'Kill',
            },
            confirm: () => void actions.killContainer(id),
          });
          break;
        case 'rename':
          setRenaming(container);
          break;
        case 'remove':
          setRemoving(container);
          break;
        case 'details':
          openDetails(container);
          break;
        case 'logs':
          openDetails(container, 'logs');
          break;
      }
    },
    [actions, openDetails],
  );

  const onSelect = useCallback((ids: readonly string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const matched = model.matched;
  const onSelectAll = useCallback(
    (on: boolean) =>
      onSelect(
        matched.map((item) => item.id),
        on,
      ),
    [matched, onSelect],
  );
  const onToggleProject = useCallback((project: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(project)) next.delete(project);
      else next.add(project);
      return next;
    });
  }, []);

  /** Asks before removing several containers and says what goes with them. */
  const confirmRemoveAll = useCallback(
    (targets: readonly ContainerSummary[], title: string, after?: () => void) => {
      const running = targets.filter((item) => isActive(item.state)).length;
      setConfirm({
        request: {
          title,
          body: (
            <>
              Everything written inside {targets.length === 1 ? 'it' : 'them'} that is not on a volume, and{' '}
              {targets.length === 1 ? 'its' : 'their'} logs, are deleted. This cannot be undone. Images and
              named volumes are kept.
              {running > 0 &&
                ` ${plural(running, 'running container is', 'running containers are')} killed first.`}
            </>
          ),
          names: targets.map((item) => item.name),
          confirmLabel: `Remove ${plural(targets.length, 'container')}`,
          offerVolumes: true,
        },
        confirm: ({ removeVolumes }) => {
          const ids = targets.map((item) => item.id);
          void actions.bulk('remove', ids, { force: true, removeVolumes }).then((outcome) => {
            onSelect(outcome.succeeded, false);
            after?.();
          });
        },
      });
    },
    [actions, onSelect],
  );

  const runBulk = useCallback(
    (action: BulkAction, targets: readonly ContainerSummary[]) => {
      if (action === 'remove') {
        confirmRemoveAll(targets, `Remove ${plural(targets.length, 'container')}?`);
        return;
      }
      const applicable = targets.filter((item) =>
        action === 'pause' ? canPause(item.state) : action === 'unpause' ? canUnpause(item.state) : true,
      );
      void actions.bulk(
        action,
        applicable.map((item) => item.id),
      );
    },
    [actions, confirmRemoveAll],
  );

  const onProjectAction = useCallback(
    (action: BulkAction, row: ProjectRow) => {
      if (action === 'remove') {
        confirmRemoveAll(row.allContainers, `Remove every container of ${row.project}?`);
        return;
      }
      runBulk(action, row.allContainers);
    },
    [confirmRemoveAll, runBulk],
  );

  const onConfirmRemove = useCallback(
    (container: ContainerSummary, options: RemoveOptions) => {
      setRemoving(null);
      void actions.removeContainer(container.id, options).then((removed) => {
        if (removed) onSelect([container.id], false);
      });
    },
    [actions, onSelect],
  );

  const onOpenUrl = useCallback((url: string) => void shell.openExternal(url), [shell]);
  const operationOf = useCallback(
    (id: string) => operations.find((entry) => entry.summary.id === id),
    [operations],
  );
  const onStarted = useCallback(
    (containerId: string) => {
      setRunDialog(null);
      navigate({ page: 'containers', detail: { kind: 'container', engineId, id: containerId, tab: 'logs' } });
    },
    [navigate, engineId],
  );

  const engineName = engine?.name ?? engineId;
  const unreachable = engine?.status.state === 'unreachable';
  const stale = unreachable && snapshot !== undefined;
  const selectedItems = selectedIds.flatMap((id) => {
    const item = byId.get(id);
    return item === undefined ? [] : [item];
  });

  const modals = (
    <>
      <RemoveContainerModal
        container={removing}
        onCancel={() => setRemoving(null)}
        onConfirm={onConfirmRemove}
      />
      <RenameContainerModal
        container={renaming}
        onCancel={() => setRenaming(null)}
        onRename={async (container, name) => {
          const renamed = await actions.renameContainer(container.id, name);
          if (renamed) setRenaming(null);
          return renamed;
        }}
      />
      <StopContainerModal
        container={stopping}
        onCancel={() => setStopping(null)}
        onStop={(container, timeoutSeconds) => {
          setStopping(null);
          void actions.stopContainer(container.id, { timeoutSeconds });
        }}
      />
      <ConfirmActionModal
        request={confirm?.request ?? null}
        onCancel={() => setConfirm(null)}
        onConfirm={(options) => {
          confirm?.confirm(options);
          setConfirm(null);
        }}
      />
      <RunContainerDialog
        opened={runDialog !== null}
        engineId={engineId}
        {...(runDialog?.image === undefined ? {} : { initialImage: runDialog.image })}
        onClose={() => setRunDialog(null)}
        onRun={actions.runContainer}
        operationOf={operationOf}
        onCancelOperation={(id) => void cancelOperation(id)}
        onStarted={onStarted}
      />
    </>
  );

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
        {modals}
      </>
    );
  }

  let body: ReactNode;
  if (snapshot !== undefined && model.rows.length > 0) {
    body = (
      <ContainerTable
        rows={model.rows}
        matchedCount={model.matched.length}
        selectedMatchedCount={selectedMatchedCount}
        pending={containers.pending}
        selected={selected}
        usage={usage}
        sort={sort}
        onSortChange={setSort}
        stale={stale}
        now={now}
        {...(engine?.address === undefined ? {} : { engineAddress: engine.address })}
        onAction={onAction}
        onSelect={onSelect}
        onSelectAll={onSelectAll}
        onToggleProject={onToggleProject}
        onProjectAction={onProjectAction}
        onOpenUrl={onOpenUrl}
        onVisibleRunningChange={watchUsage}
      />
    );
  } else if (snapshot !== undefined && items.length > 0) {
    body = (
      <EmptyState
        className={classes.state}
        data-testid="containers-no-match"
        icon={<IconSearch size={28} aria-hidden />}
        withIndicatorBackground
        title="No container matches"
        description="Nothing on this engine matches the search and the state filter."
      >
        <EmptyState.Actions>
          <Button
            variant="light"
            onClick={() => {
              setSearch('');
              setStateFilter('all');
            }}
          >
            Show all containers
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  } else if (snapshot !== undefined) {
    body = (
      <EmptyState
        className={classes.state}
        data-testid="containers-empty"
        icon={<IconBox size={28} aria-hidden />}
        withIndicatorBackground
        title="No containers on this engine yet"
        description={`Containers created on ${engineName} (with docker run, compose or any other tool) appear here as soon as they exist.`}
      />
    );
  } else if (containers.phase === 'failed' && !unreachable) {
    body = (
      <EmptyState
        className={classes.state}
        data-testid="containers-failed"
        icon={<IconPlugConnectedX size={28} aria-hidden />}
        withIndicatorBackground
        title="Could not load the containers"
        description={containers.error?.message}
      >
        <EmptyState.Actions>
          <Button variant="light" onClick={() => void actions.refresh()}>
            Try again
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  } else if (unreachable) {
    body = (
      <EmptyState
        className={classes.state}
        data-testid="containers-unavailable"
        icon={<IconPlugConnectedX size={28} aria-hidden />}
        withIndicatorBackground
        title="No list yet"
        description={`Berth has not been able to list the containers of ${engineName}. The list appears when the engine answers.`}
      />
    );
  } else {
    body = (
      <div className={classes.state} data-testid="containers-loading" role="status">
        <Loader />
        <Text c="dimmed">Loading containers…</Text>
      </div>
    );
  }

  return (
    <div className={classes.page}>
      <Group justify="space-between" align="baseline" className={classes.heading}>
        <Group gap="sm" align="baseline">
          <Title order={2}>Containers</Title>
          {snapshot !== undefined && (
            <Text size="sm" c="dimmed" data-testid="containers-count">
              {plural(snapshot.items.length, 'container')} on {engineName}
            </Text>
          )}
        </Group>
        <Button
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          disabled={unreachable}
          onClick={() => setRunDialog({})}
        >
          Run a container…
        </Button>
      </Group>

      {unreachable && engine !== undefined && (
        <Alert
          color="red"
          icon={<IconPlugConnectedX size={20} aria-hidden />}
          title={`Can’t reach ${engine.name}`}
          data-testid="engine-unreachable"
          className={classes.banner}
        >
          <Text size="sm" data-testid="engine-unreachable-reason">
            {engine.status.lastError ?? 'The daemon did not answer.'}
          </Text>
          {stale && (
            <Text size="sm" fw={600} data-testid="containers-stale">
              Showing the last known list. It may be out of date, and actions are disabled until the engine
              answers.
            </Text>
          )}
          <Button mt="xs" size="xs" variant="light" color="red" onClick={() => void reconnect(engine.id)}>
            Reconnect now
          </Button>
        </Alert>
      )}

      {!unreachable && snapshot !== undefined && containers.error !== undefined && (
        <Alert color="yellow" title="Could not refresh the list" className={classes.banner}>
          <Text size="sm">{containers.error.message}</Text>
          <Button mt="xs" size="xs" variant="light" color="yellow" onClick={() => void actions.refresh()}>
            Try again
          </Button>
        </Alert>
      )}

      {snapshot !== undefined && items.length > 0 && (
        <Group gap="sm" className={classes.toolbar} wrap="wrap">
          <SegmentedControl
            size="xs"
            aria-label="Show containers by state"
            data={STATE_FILTERS}
            value={stateFilter}
            onChange={(value) => {
              if (isStateFilter(value)) setStateFilter(value);
            }}
          />
          <TextInput
            ref={searchRef}
            size="xs"
            className={classes.search}
            aria-label="Search containers"
            placeholder="Search by name, image, id or label"
            leftSection={<IconSearch size={14} aria-hidden />}
            rightSection={
              search === '' ? undefined : (
                <CloseButton size="sm" aria-label="Clear the search" onClick={() => setSearch('')} />
              )
            }
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          <Switch
            size="xs"
            label="Group by Compose project"
            checked={groupByProject}
            onChange={(event) => setGroupByProject(event.currentTarget.checked)}
          />
          <Text size="xs" c="dimmed" data-testid="containers-shown">
            {model.matched.length === items.length ? 'All shown' : `${model.matched.length} shown`}
          </Text>
        </Group>
      )}

      {selectedItems.length > 0 && (
        <Group
          gap="xs"
          className={classes.bulkBar}
          data-testid="bulk-bar"
          role="toolbar"
          aria-label="Selected containers"
        >
          <Text size="sm" fw={600} data-testid="selected-count">
            {plural(selectedItems.length, 'container')} selected
          </Text>
          {BULK_BUTTONS.map(({ action, label, color }) => (
            <Button
              key={action}
              size="xs"
              variant="light"
              color={color}
              disabled={stale}
              onClick={() => runBulk(action, selectedItems)}
            >
              {label}
            </Button>
          ))}
          <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </Group>
      )}

      {body}
      {modals}
    </div>
  );
}
