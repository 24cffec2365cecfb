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

import type { ContainerSummary, ContainerUsage, EngineId, RunSpec } from '../../../electron/common/bridge';
import { useNow } from '../../hooks/use-now';
import { itemKey, mergeItems } from '../../lib/merge';
import {
  useEngine,
  useEngineActions,
  useEngines,
  useNavigation,
  useOperationActions,
  useOperations,
  useShell,
} from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import { useEngineStores } from '../hosts/use-hosts';
import { ConfirmActionModal, type ConfirmRequest } from './ConfirmActionModal';
import {
  type BulkAction,
  bulkOnEngines,
  type ContainerRef,
  groupByEngine,
  type PendingAction,
  type RemoveOptions,
} from './containers-store';
import classes from './ContainersPage.module.css';
import { ContainerTable, type RowAction } from './ContainerTable';
import { ContainerDetails } from './details/ContainerDetails';
import { buildListModel, type ContainerSort, type ProjectRow, type StateFilter } from './list-model';
import { canPause, canUnpause, type HostNameOf, isActive } from './presentation';
import { RemoveContainerModal } from './RemoveContainerModal';
import { RenameContainerModal } from './RenameContainerModal';
import { RunContainerDialog } from './RunContainerDialog';
import { StopContainerModal } from './StopContainerModal';

export interface ContainersPageProps {
  /** The engine whose containers are listed (without `allHosts`). @default 'local' */
  engineId?: EngineId;
  /**
   * All hosts: the engines whose containers are merged into one table with a Host column, their names, and the
   * host the Run dialog offers first. Every action goes to the container's own host.
   */
  allHosts?: {
    engineIds: readonly EngineId[];
    hostName: HostNameOf;
    runOn?: EngineId;
  };
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

/** What the page shows instead of the list (no match, empty, failed, unavailable), with at most one action. */
function ListState({
  testId,
  icon,
  title,
  description,
  action,
}: {
  testId: string;
  icon: ReactNode;
  title: string;
  description: string | undefined;
  action?: { label: string; onClick: () => void };
}) {
  return (
    <EmptyState
      className={classes.state}
      data-testid={testId}
      icon={icon}
      withIndicatorBackground
      title={title}
      description={description}
    >
      {action !== undefined && (
        <EmptyState.Actions>
          <Button variant="light" onClick={action.onClick}>
            {action.label}
          </Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}

/** The bulk actions offered for a selection, in toolbar order (remove asks first). */
const BULK_BUTTONS: readonly { action: BulkAction; label: string; color?: string }[] = [
  { action: 'start', label: 'Start', color: 'green' },
  { action: 'stop', label: 'Stop', color: 'orange' },
  { action: 'restart', label: 'Restart' },
  { action: 'pause', label: 'Pause', color: 'yellow' },
  { action: 'unpause', label: 'Unpause', color: 'yellow' },
  { action: 'remove', label: 'Remove…', color: 'red' },
];

/**
 * Every container of one engine, live from its events: filter by state, search, sort by any column, group by
 * Compose project, select several and act on them, per-row actions, CPU and memory for the running rows on
 * screen, ports that open in the browser, and `docker run` as a dialog. A container's details replace the list
 * when the route names one.
 */
export function ContainersPage({ engineId = 'local', allHosts }: ContainersPageProps) {
  const stores = useStores();
  const hostName = allHosts?.hostName;
  // One engine, or every engine of All hosts; the key keeps the list's identity while the ids are the same.
  const idsKey = allHosts === undefined ? engineId : allHosts.engineIds.join('\u0000');
  const engineIds = useMemo(() => idsKey.split('\u0000').filter(Boolean), [idsKey]);
  const states = useEngineStores(engineIds, stores.containers);
  const usageStates = useEngineStores(engineIds, stores.usage);
  const { engines: allEngines } = useEngines();
  const engine = useEngine(engineId);
  const { reconnect } = useEngineActions();
  const { route, navigate, findRequests } = useNavigation();
  const shell = useShell();
  const { operations } = useOperations();
  const { cancel: cancelOperation } = useOperationActions();
  const now = useNow(30_000);
  const storeOf = stores.containers;

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
  const [runDialog, setRunDialog] = useState<{ image?: string; engineId?: EngineId } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const listed = states.some((state) => state.snapshot !== undefined);
  const items = useMemo(() => mergeItems(states, (state) => state.snapshot?.items), [states]);
  const byKey = useMemo(() => new Map(items.map((item) => [itemKey(item), item])), [items]);
  const pending = useMemo(() => {
    const [only] = states;
    if (states.length === 1 && only !== undefined) return prefixKeys(only.engineId, only.pending);
    const merged = new Map<string, PendingAction>();
    for (const state of states)
      for (const [key, action] of prefixKeys(state.engineId, state.pending)) merged.set(key, action);
    return merged;
  }, [states]);
  const usage = useMemo(() => {
    const merged = new Map<string, ContainerUsage>();
    for (const state of usageStates)
      for (const [key, sample] of prefixKeys(state.engineId, state.samples)) merged.set(key, sample);
    return merged;
  }, [usageStates]);
  // Sorting by CPU or memory follows the samples; other sorts ignore them so rows do not move every 5 s.
  const usageForSort = sort.key === 'cpu' || sort.key === 'memory' ? usage : undefined;
  const model = useMemo(
    () =>
      buildListModel(
        items,
        { state: stateFilter, search: deferredSearch, sort, groupByProject, collapsed },
        usageForSort,
        hostName,
      ),
    [items, stateFilter, deferredSearch, sort, groupByProject, collapsed, usageForSort, hostName],
  );
  const selectedMatchedCount = useMemo(
    () => model.matched.reduce((count, item) => count + (selected.has(itemKey(item)) ? 1 : 0), 0),
    [model, selected],
  );

  // The engines listed, with their status: the one engine, or each host of All hosts.
  const listedEngines = useMemo(
    () => allEngines.filter((candidate) => engineIds.includes(candidate.id)),
    [allEngines, engineIds],
  );
  const multi = allHosts !== undefined;
  const { downEngines, staleEngines, runnable } = useMemo(() => {
    // A host that does not answer keeps its last list, dimmed and without actions.
    const down = listedEngines.filter((candidate) =>
      multi
        ? candidate.status.state !== 'connected' && candidate.status.state !== 'connecting'
        : candidate.status.state === 'unreachable',
    );
    const withList = new Set(
      states.flatMap((state) => (state.snapshot === undefined ? [] : [state.engineId])),
    );
    return {
      downEngines: down,
      staleEngines: new Set(down.flatMap((candidate) => (withList.has(candidate.id) ? [candidate.id] : []))),
      runnable: listedEngines.filter((candidate) => candidate.status.state === 'connected'),
    };
  }, [listedEngines, states, multi]);

  // The images page's "Run" arrives as a route with the engine and image to prefill: consumed once, and the
  // dialog runs on that engine.
  const runImage = route.runImage;
  useEffect(() => {
    if (runImage === undefined) return;
    setRunDialog({ image: runImage.reference, engineId: runImage.engineId });
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

  // Main samples CPU and memory per engine: each engine hears which of its running containers are on screen,
  // and an engine whose rows left the screen (or the list) hears that none are.
  const watched = useRef<ReadonlySet<EngineId>>(new Set());
  const watchUsage = useCallback(
    (visible: readonly ContainerRef[]) => {
      const byEngine = groupByEngine(visible);
      for (const id of new Set([...watched.current, ...byEngine.keys()])) {
        stores.usage(id).watch((byEngine.get(id) ?? []).map((ref) => ref.id));
      }
      watched.current = new Set(byEngine.keys());
    },
    [stores],
  );

  const openDetails = useCallback(
    (container: ContainerSummary, tab?: string) =>
      navigate({
        page: 'containers',
        detail: {
          kind: 'container',
          engineId: container.engineId,
          id: container.id,
          ...(tab === undefined ? {} : { tab }),
        },
      }),
    [navigate],
  );

  const onAction = useCallback(
    (action: RowAction, container: ContainerSummary) => {
      const { id, name } = container;
      const actions = storeOf(container.engineId);
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
              title: `Kill ${name}${hostName === undefined ? '' : ` on ${hostName(container.engineId)}`}?`,
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
    [storeOf, openDetails, hostName],
  );

  const onSelect = useCallback((keys: readonly string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const key of keys) {
        if (on) next.add(key);
        else next.delete(key);
      }
      return next;
    });
  }, []);
  const matched = model.matched;
  const onSelectAll = useCallback((on: boolean) => onSelect(matched.map(itemKey), on), [matched, onSelect]);
  const onToggleProject = useCallback((group: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(group)) next.delete(group);
      else next.add(group);
      return next;
    });
  }, []);

  /** One action on containers of one or several hosts, each sent to its own host, failures reported once. */
  const bulk = useCallback(
    (action: BulkAction, targets: readonly ContainerSummary[], options?: RemoveOptions) =>
      bulkOnEngines(storeOf, action, targets, options, hostName),
    [storeOf, hostName],
  );

  /** Asks before removing several containers and says what goes with them. */
  const confirmRemoveAll = useCallback(
    (targets: readonly ContainerSummary[], title: string) => {
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
          names: targets.map((item) =>
            hostName === undefined ? item.name : `${item.name} on ${hostName(item.engineId)}`,
          ),
          confirmLabel: `Remove ${plural(targets.length, 'container')}`,
          offerVolumes: true,
        },
        confirm: ({ removeVolumes }) => {
          void bulk('remove', targets, { force: true, removeVolumes }).then((removed) =>
            onSelect(removed.map(itemKey), false),
          );
        },
      });
    },
    [bulk, onSelect, hostName],
  );

  const runBulk = useCallback(
    (action: BulkAction, targets: readonly ContainerSummary[]) => {
      // A host that does not answer cannot act; the rest of the selection can.
      const reachable = targets.filter((item) => !staleEngines.has(item.engineId));
      if (action === 'remove') {
        confirmRemoveAll(reachable, `Remove ${plural(reachable.length, 'container')}?`);
        return;
      }
      const applicable = reachable.filter((item) =>
        action === 'pause' ? canPause(item.state) : action === 'unpause' ? canUnpause(item.state) : true,
      );
      void bulk(action, applicable);
    },
    [bulk, confirmRemoveAll, staleEngines],
  );

  const onProjectAction = useCallback(
    (action: BulkAction, row: ProjectRow) => {
      if (action === 'remove') {
        const label = row.host === undefined ? row.project : `${row.project} on ${row.host}`;
        confirmRemoveAll(row.allContainers, `Remove every container of ${label}?`);
        return;
      }
      runBulk(action, row.allContainers);
    },
    [confirmRemoveAll, runBulk],
  );

  const onConfirmRemove = useCallback(
    (container: ContainerSummary, options: RemoveOptions) => {
      setRemoving(null);
      void storeOf(container.engineId)
        .removeContainer(container.id, options)
        .then((removed) => {
          if (removed) onSelect([itemKey(container)], false);
        });
    },
    [storeOf, onSelect],
  );

  const onOpenUrl = useCallback((url: string) => void shell.openExternal(url), [shell]);
  const operationOf = useCallback(
    (id: string) => operations.find((entry) => entry.summary.id === id),
    [operations],
  );
  const onRun = useCallback((spec: RunSpec) => storeOf(spec.engineId).runContainer(spec), [storeOf]);
  const onStarted = useCallback(
    (containerId: string, startedOn: EngineId) => {
      setRunDialog(null);
      navigate({
        page: 'containers',
        detail: { kind: 'container', engineId: startedOn, id: containerId, tab: 'logs' },
      });
    },
    [navigate],
  );
  const engineAddressOf = useCallback(
    (id: EngineId) => allEngines.find((candidate) => candidate.id === id)?.address,
    [allEngines],
  );

  const engineName = engine?.name ?? engineId;
  // One host: its list's phase and error as they are. All hosts: any host's list counts.
  const unreachable =
    allHosts === undefined
      ? engine?.status.state === 'unreachable'
      : runnable.length === 0 && downEngines.length > 0;
  const stale = allHosts === undefined ? staleEngines.has(engineId) : false;
  const failed = states.length > 0 && states.every((state) => state.phase === 'failed');
  const firstError = states.find((state) => state.error !== undefined)?.error;
  const selectedItems = [...selected].flatMap((key) => {
    const item = byKey.get(key);
    return item === undefined ? [] : [item];
  });
  const runOn = runDialog?.engineId ?? engineId;
  const hostChoices = useMemo(
    () =>
      hostName === undefined
        ? undefined
        : { engineIds: runnable.map((candidate) => candidate.id), hostName, initial: runOn },
    [hostName, runnable, runOn],
  );
  const refreshFailures = states.filter(
    (state) =>
      state.snapshot !== undefined &&
      state.error !== undefined &&
      !downEngines.some((candidate) => candidate.id === state.engineId),
  );

  const modals = (
    <>
      <RemoveContainerModal
        container={removing}
        {...(removing === null || hostName === undefined ? {} : { host: hostName(removing.engineId) })}
        onCancel={() => setRemoving(null)}
        onConfirm={onConfirmRemove}
      />
      <RenameContainerModal
        container={renaming}
        {...(renaming === null || hostName === undefined ? {} : { host: hostName(renaming.engineId) })}
        onCancel={() => setRenaming(null)}
        onRename={async (container, name) => {
          const renamed = await storeOf(container.engineId).renameContainer(container.id, name);
          if (renamed) setRenaming(null);
          return renamed;
        }}
      />
      <StopContainerModal
        container={stopping}
        {...(stopping === null || hostName === undefined ? {} : { host: hostName(stopping.engineId) })}
        onCancel={() => setStopping(null)}
        onStop={(container, timeoutSeconds) => {
          setStopping(null);
          void storeOf(container.engineId).stopContainer(container.id, { timeoutSeconds });
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
        engineId={runOn}
        {...(hostChoices === undefined ? {} : { hosts: hostChoices })}
        {...(runDialog?.image === undefined ? {} : { initialImage: runDialog.image })}
        onClose={() => setRunDialog(null)}
        onRun={onRun}
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

  const where = allHosts === undefined ? 'on this engine' : 'on any host';
  let body: ReactNode;
  if (listed && model.rows.length > 0) {
    body = (
      <ContainerTable
        rows={model.rows}
        matchedCount={model.matched.length}
        selectedMatchedCount={selectedMatchedCount}
        pending={pending}
        selected={selected}
        usage={usage}
        sort={sort}
        onSortChange={setSort}
        stale={stale}
        staleEngines={staleEngines}
        now={now}
        engineAddressOf={engineAddressOf}
        {...(hostName === undefined ? {} : { hostName })}
        onAction={onAction}
        onSelect={onSelect}
        onSelectAll={onSelectAll}
        onToggleProject={onToggleProject}
        onProjectAction={onProjectAction}
        onOpenUrl={onOpenUrl}
        onVisibleRunningChange={watchUsage}
      />
    );
  } else if (listed && items.length > 0) {
    body = (
      <ListState
        testId="containers-no-match"
        icon={<IconSearch size={28} aria-hidden />}
        title="No container matches"
        description={`Nothing ${where} matches the search and the state filter.`}
        action={{
          label: 'Show all containers',
          onClick: () => {
            setSearch('');
            setStateFilter('all');
          },
        }}
      />
    );
  } else if (listed) {
    body = (
      <ListState
        testId="containers-empty"
        icon={<IconBox size={28} aria-hidden />}
        title={allHosts === undefined ? 'No containers on this engine yet' : 'No containers on any host yet'}
        description={
          allHosts === undefined
            ? `Containers created on ${engineName} (with docker run, compose or any other tool) appear here as soon as they exist.`
            : 'Containers of every connected host appear here, with the host they run on, as soon as they exist.'
        }
      />
    );
  } else if (failed && !unreachable) {
    body = (
      <ListState
        testId="containers-failed"
        icon={<IconPlugConnectedX size={28} aria-hidden />}
        title="Could not load the containers"
        description={firstError?.message}
        action={{
          label: 'Try again',
          onClick: () => void Promise.all(engineIds.map((id) => storeOf(id).refresh())),
        }}
      />
    );
  } else if (unreachable) {
    body = (
      <ListState
        testId="containers-unavailable"
        icon={<IconPlugConnectedX size={28} aria-hidden />}
        title="No list yet"
        description={
          allHosts === undefined
            ? `Berth has not been able to list the containers of ${engineName}. The list appears when the engine answers.`
            : 'No host has answered yet. The list appears when one does.'
        }
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
          {listed && (
            <Text size="sm" c="dimmed" data-testid="containers-count">
              {plural(items.length, 'container')} on{' '}
              {allHosts === undefined ? engineName : plural(engineIds.length, 'host')}
            </Text>
          )}
        </Group>
        <Button
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          disabled={allHosts === undefined ? unreachable : runnable.length === 0}
          onClick={() => {
            // All hosts: the active host when it answers, else the first that does; the dialog can change it.
            const first = allHosts?.runOn ?? runnable[0]?.id;
            setRunDialog(first === undefined ? {} : { engineId: first });
          }}
        >
          Run a container…
        </Button>
      </Group>

      {allHosts === undefined && unreachable && engine !== undefined && (
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

      {allHosts !== undefined && downEngines.length > 0 && (
        <Alert
          color="red"
          icon={<IconPlugConnectedX size={20} aria-hidden />}
          title={downEngines.length === 1 ? 'A host does not answer' : 'Some hosts do not answer'}
          data-testid="engine-unreachable"
          className={classes.banner}
        >
          {downEngines.map((candidate) => (
            <Group key={candidate.id} gap="xs" wrap="nowrap">
              <Text size="sm" data-testid="engine-unreachable-reason">
                {hostName?.(candidate.id) ?? candidate.name}: {candidate.status.lastError ?? 'unreachable'}
                {staleEngines.has(candidate.id) && ' (its last known containers are shown, without actions)'}
              </Text>
              <Button
                size="compact-xs"
                variant="light"
                color="red"
                onClick={() => void reconnect(candidate.id)}
              >
                Reconnect
              </Button>
            </Group>
          ))}
        </Alert>
      )}

      {refreshFailures.map((state) => (
        <Alert
          key={state.engineId}
          color="yellow"
          title={
            allHosts === undefined
              ? 'Could not refresh the list'
              : `Could not refresh the list of ${hostName?.(state.engineId) ?? state.engineId}`
          }
          className={classes.banner}
        >
          <Text size="sm">{state.error?.message}</Text>
          <Button
            mt="xs"
            size="xs"
            variant="light"
            color="yellow"
            onClick={() => void storeOf(state.engineId).refresh()}
          >
            Try again
          </Button>
        </Alert>
      ))}

      {listed && items.length > 0 && (
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
            placeholder={
              allHosts === undefined
                ? 'Search by name, image, id or label'
                : 'Search by name, image, id, label or host'
            }
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
            {allHosts !== undefined &&
              ` on ${plural(new Set(selectedItems.map((item) => item.engineId)).size, 'host')}`}
          </Text>
          {BULK_BUTTONS.map(({ action, label, color }) => (
            <Button
              key={action}
              size="xs"
              variant="light"
              color={color}
              disabled={stale || selectedItems.every((item) => staleEngines.has(item.engineId))}
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

/** A per-engine map keyed by container id, keyed by `itemKey` instead (ids can repeat across hosts). */
function prefixKeys<V>(engineId: EngineId, byId: ReadonlyMap<string, V>): Map<string, V> {
  const keyed = new Map<string, V>();
  for (const [id, value] of byId) keyed.set(itemKey({ engineId, id }), value);
  return keyed;
}
