import {
  Alert,
  Button,
  Collapse,
  EmptyState,
  Group,
  Loader,
  Menu,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import {
  IconChevronDown,
  IconChevronRight,
  IconCloudDownload,
  IconHammer,
  IconKey,
  IconPlugConnectedX,
  IconSearch,
  IconStack2,
  IconTrash,
  IconUpload,
} from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import type {
  EngineId,
  EngineInfo,
  ImageDetails as ImageDetailsData,
  ImagePruneMode,
} from '../../../electron/common/bridge';
import { type HostChoice, HostPicker, useHostChoice } from '../../components/HostPicker/HostPicker';
import { TaskList } from '../../components/OperationProgress/TaskList';
import { useNow } from '../../hooks/use-now';
import { itemKey, mergeItems } from '../../lib/merge';
import { useEngineActions, useEngines, useNavigation, useOperations } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import layout from '../../styles/page.module.css';
import { useEngineStores } from '../hosts/use-hosts';
import { BuildModal } from './BuildModal';
import { ImageDetails } from './ImageDetails';
import type { ImagesStore } from './images-store';
import classes from './ImagesPage.module.css';
import { type ImageSort, ImageTable } from './ImageTable';
import {
  defaultHost,
  filterRows,
  groupByEngine,
  type ImageFilter,
  type ImageRow,
  rowReference,
  sortRows,
  toImageRows,
} from './presentation';
import { PruneModal } from './PruneModal';
import { PullModal } from './PullModal';
import { RegistriesModal } from './RegistriesModal';
import { RemoveImagesModal } from './RemoveImagesModal';
import { TagModal } from './TagModal';

/** The operation kinds the images page lists in its task list. */
export const IMAGE_OPERATION_KINDS = ['image.pull', 'image.push', 'image.build', 'image.save', 'image.load'];

const FILTERS: Array<{ value: ImageFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'inUse', label: 'In use' },
  { value: 'unused', label: 'Unused' },
  { value: 'dangling', label: 'Dangling' },
];

/** "All hosts": the engines whose images are merged, and how to name them. */
export interface AllHostsImages {
  engineIds: readonly EngineId[];
  hostName: (engineId: EngineId) => string;
  /** The host dialogs not tied to a row start on (the active host), when it is connected. */
  activeEngineId?: EngineId;
}

export interface ImagesPageProps {
  /** The engine whose images are listed. @default 'local' */
  engineId?: EngineId;
  /** Every listed host's images in one table with a Host column; `engineId` is then not used. */
  allHosts?: AllHostsImages;
}

/** A page without a table: its icon, words and, when it helps, a retry. */
interface EmptyPage {
  testId: string;
  icon: typeof IconSearch;
  title: string;
  description: string | undefined;
  retry?: () => void;
}

/** Whether a host can take new work (pull, build, load, prune, log in). */
function usable(engine: EngineInfo | undefined): boolean {
  return engine?.status.state === 'connected' || engine?.status.state === 'connecting';
}

/** Asks which host a tar file is loaded into ("All hosts" only; one host loads at once). */
function LoadModal({
  opened,
  onClose,
  host,
  onLoad,
}: {
  opened: boolean;
  onClose: () => void;
  host: HostChoice;
  onLoad: (engineId: EngineId) => void;
}) {
  const { engineId, setEngineId } = useHostChoice(host, opened);
  return (
    <Modal opened={opened} onClose={onClose} title="Load images from a tar file">
      <Stack gap="md">
        <HostPicker choice={host} value={engineId} onChange={setEngineId} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => {
              onClose();
              onLoad(engineId);
            }}
          >
            Choose a file…
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * Every image of one engine, or of every host at once ("All hosts", with a Host column), live: search, filter (in
 * use, unused, dangling), sort, select; pull, push, tag, remove, prune, build, save and load; the details of one
 * image; and the task list of running and finished image operations. Every row's action goes to the row's own
 * host; dialogs not tied to a row ask for the host under "All hosts".
 */
export function ImagesPage({ engineId = 'local', allHosts }: ImagesPageProps) {
  const all = allHosts !== undefined;
  const stores = useStores();
  const { engines } = useEngines();
  const singleIds = useMemo(() => [engineId], [engineId]);
  const engineIds = allHosts?.engineIds ?? singleIds;
  const states = useEngineStores(engineIds, stores.images);
  const { reconnect } = useEngineActions();
  const { route, navigate, findRequests } = useNavigation();
  const { operations } = useOperations();
  const now = useNow(30_000);
  const searchRef = useRef<HTMLInputElement>(null);

  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<ImageFilter>('all');
  const [sort, setSort] = useState<ImageSort>({ key: 'created', direction: 'desc' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [modal, setModal] = useState<'pull' | 'build' | 'prune' | 'registries' | 'load' | undefined>();
  const [removing, setRemoving] = useState<readonly ImageRow[]>([]);
  const [tagging, setTagging] = useState<ImageRow | null>(null);
  const [tasksOpen, setTasksOpen] = useState(true);

  const storeOf = useCallback((id: EngineId): ImagesStore => stores.images(id), [stores]);
  const engineOf = useCallback((id: EngineId) => engines.find((engine) => engine.id === id), [engines]);
  const hostName = allHosts?.hostName;
  const nameOf = useCallback(
    (id: EngineId) => hostName?.(id) ?? engineOf(id)?.name ?? id,
    [hostName, engineOf],
  );

  const allRows = useMemo(
    () =>
      toImageRows(
        mergeItems(states, (state) => state.snapshot?.items),
        hostName,
      ),
    [states, hostName],
  );
  const rows = useMemo(
    () => sortRows(filterRows(allRows, filter, search), sort.key, sort.direction),
    [allRows, filter, search, sort],
  );
  const selectedRows = useMemo(() => allRows.filter((row) => selected.has(row.key)), [allRows, selected]);
  const pending = useMemo(() => {
    const keys = new Set<string>();
    for (const state of states)
      for (const id of state.pending) keys.add(itemKey({ engineId: state.engineId, id }));
    return keys;
  }, [states]);
  const down = engineIds.filter((id) => engineOf(id)?.status.state === 'unreachable');
  const downKey = down.join('\u0000');
  // Rows of a host that does not answer may be out of date: their actions wait until it answers.
  const stale = useMemo(() => new Set(downKey.split('\u0000').filter(Boolean)), [downKey]);

  // Dialogs not tied to a row: the one host, or under "All hosts" a picker of the hosts that can take work.
  const usableKey = engineIds.filter((id) => usable(engineOf(id))).join('\u0000');
  const activeEngineId = allHosts?.activeEngineId;
  const hostChoice = useMemo<HostChoice>(() => {
    if (!all) return { engineIds: [engineId], hostName: nameOf, initial: engineId };
    const ids = usableKey.split('\u0000').filter(Boolean);
    return { engineIds: ids, hostName: nameOf, initial: defaultHost(ids, activeEngineId) ?? engineId };
  }, [all, engineId, usableKey, activeEngineId, nameOf]);

  // Ctrl/Cmd+F from the app menu focuses the search.
  const seenFind = useRef(findRequests);
  useEffect(() => {
    if (findRequests !== seenFind.current) searchRef.current?.focus();
    seenFind.current = findRequests;
  }, [findRequests]);

  // Selections of rows that are gone are dropped.
  useEffect(() => {
    setSelected((current) => {
      const keys = new Set(allRows.map((row) => row.key));
      const kept = [...current].filter((key) => keys.has(key));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [allRows]);

  // An image's details belong to its host, listed here or not (the command palette opens any host's image).
  const detail = route.detail?.kind === 'image' ? route.detail : undefined;
  const detailEngineId = detail?.engineId ?? engineIds[0] ?? engineId;
  const detailStore = storeOf(detailEngineId);
  const otherHost = useEngineStores(
    detail !== undefined && !engineIds.includes(detail.engineId) ? [detail.engineId] : [],
    stores.images,
  );
  const detailState = [...states, ...otherHost].find((state) => state.engineId === detailEngineId);
  const openDetails = useCallback(
    (row: ImageRow) =>
      navigate({ page: 'images', detail: { kind: 'image', engineId: row.image.engineId, id: row.image.id } }),
    [navigate],
  );
  const closeDetails = useCallback(() => navigate({ page: 'images' }), [navigate]);
  const run = useCallback(
    (onEngine: EngineId, reference: string) =>
      navigate({ page: 'containers', runImage: { engineId: onEngine, reference } }),
    [navigate],
  );
  const onRun = useCallback((row: ImageRow) => run(row.image.engineId, rowReference(row)), [run]);
  const onPush = useCallback((row: ImageRow) => void storeOf(row.image.engineId).push(row.ref), [storeOf]);
  const onTag = useCallback((row: ImageRow) => setTagging(row), []);
  const onRemove = useCallback((row: ImageRow) => setRemoving([row]), []);
  const onToggle = useCallback((row: ImageRow) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(row.key)) next.delete(row.key);
      else next.add(row.key);
      return next;
    });
  }, []);
  const onToggleAll = useCallback(() => {
    setSelected((current) =>
      rows.length > 0 && rows.every((row) => current.has(row.key))
        ? new Set()
        : new Set(rows.map((row) => row.key)),
    );
  }, [rows]);
  // One save per host: each host writes its own tar file.
  const saveSelected = async () => {
    for (const [onEngine, group] of groupByEngine(selectedRows)) {
      await storeOf(onEngine).save([...new Set(group.map(rowReference))]);
    }
  };
  const preview = useCallback(
    (onEngine: EngineId, mode: ImagePruneMode) => storeOf(onEngine).prunePreview(mode),
    [storeOf],
  );
  const prune = useCallback(
    (onEngine: EngineId, mode: ImagePruneMode) => storeOf(onEngine).prune(mode),
    [storeOf],
  );

  // The rows that stand for the details' image (all its names on its host), for actions from the details.
  const detailsRows = (details: ImageDetailsData): ImageRow[] =>
    toImageRows(detailState?.snapshot?.items.filter((image) => image.id === details.id) ?? [], hostName);
  const imageOperations = operations.filter((entry) => IMAGE_OPERATION_KINDS.includes(entry.summary.kind));
  const runningTasks = imageOperations.filter((entry) => entry.summary.state === 'running').length;

  // One host: the page as it always was. "All hosts": the same, summed over the hosts that answered.
  const single = states[0];
  const engine = engineOf(engineId);
  const engineName = engine?.name ?? engineId;
  const unreachable = !all && engine?.status.state === 'unreachable';
  const listed = states.filter((state) => state.snapshot !== undefined);
  const imageCount = listed.reduce((sum, state) => sum + (state.snapshot?.items.length ?? 0), 0);
  const loadingAny = states.some(
    (state) => state.snapshot === undefined && state.phase !== 'failed' && !stale.has(state.engineId),
  );
  const noWork = all ? hostChoice.engineIds.length === 0 : unreachable;

  // What the page shows instead of the table: nothing matches, nothing there (yet), or why not.
  let empty: EmptyPage | undefined;
  if (imageCount > 0) {
    if (rows.length === 0) {
      empty = {
        testId: 'images-no-match',
        icon: IconSearch,
        title: 'No image matches',
        description: 'Change the search or the filter to see more.',
      };
    }
  } else if (all && engineIds.length === 0) {
    empty = {
      testId: 'images-no-host',
      icon: IconPlugConnectedX,
      title: 'No host is connected',
      description: 'Connect a host on the Hosts page, and its images appear here.',
    };
  } else if (all && !loadingAny) {
    empty =
      listed.length > 0
        ? {
            testId: 'images-empty',
            icon: IconStack2,
            title: 'No images on any host',
            description: 'Pull, build or load an image, and it appears here with the host it is on.',
          }
        : {
            testId: 'images-unavailable',
            icon: IconPlugConnectedX,
            title: 'No list yet',
            description: 'No host has listed its images yet. They appear when the hosts answer.',
          };
  } else if (!all && single?.snapshot !== undefined) {
    empty = {
      testId: 'images-empty',
      icon: IconStack2,
      title: 'No images on this engine yet',
      description: `Pull, build or load an image, and it appears here. Images made on ${engineName} with any other tool appear too.`,
    };
  } else if (!all && single?.phase === 'failed' && !unreachable) {
    empty = {
      testId: 'images-failed',
      icon: IconPlugConnectedX,
      title: 'Could not load the images',
      description: single.error?.message,
      retry: () => void storeOf(engineId).refresh(),
    };
  } else if (unreachable) {
    empty = {
      testId: 'images-unavailable',
      icon: IconPlugConnectedX,
      title: 'No list yet',
      description: `Berth has not been able to list the images of ${engineName}. The list appears when the engine answers.`,
    };
  }

  let body;
  if (empty !== undefined) {
    const Icon = empty.icon;
    body = (
      <EmptyState
        className={layout.state}
        data-testid={empty.testId}
        icon={<Icon size={28} aria-hidden />}
        withIndicatorBackground
        title={empty.title}
        description={empty.description}
      >
        {empty.retry !== undefined && (
          <EmptyState.Actions>
            <Button variant="light" onClick={empty.retry}>
              Try again
            </Button>
          </EmptyState.Actions>
        )}
      </EmptyState>
    );
  } else if (imageCount > 0) {
    body = (
      <ImageTable
        rows={rows}
        sort={sort}
        onSortChange={setSort}
        selected={selected}
        onToggle={onToggle}
        onToggleAll={onToggleAll}
        pending={pending}
        stale={stale}
        now={now}
        showHost={all}
        onOpen={openDetails}
        onRun={onRun}
        onPush={onPush}
        onTag={onTag}
        onRemove={onRemove}
      />
    );
  } else {
    body = (
      <div className={layout.state} data-testid="images-loading" role="status">
        <Loader />
        <Text c="dimmed">Loading images…</Text>
      </div>
    );
  }

  // "All hosts": one banner for every host that does not answer or could not list.
  const troubled = all
    ? states.filter((state) => stale.has(state.engineId) || state.error !== undefined)
    : [];

  return (
    <div className={layout.page}>
      <Group justify="space-between" align="center" className={layout.heading}>
        <Group gap="sm" align="baseline">
          <Title order={2}>Images</Title>
          {listed.length > 0 && (
            <Text size="sm" c="dimmed" data-testid="images-count">
              {imageCount === 1 ? '1 image' : `${imageCount} images`} on{' '}
              {all ? (engineIds.length === 1 ? '1 host' : `${engineIds.length} hosts`) : engineName}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          <Button
            leftSection={<IconCloudDownload size={16} aria-hidden />}
            onClick={() => setModal('pull')}
            disabled={noWork}
          >
            Pull
          </Button>
          <Button
            variant="default"
            leftSection={<IconHammer size={16} aria-hidden />}
            onClick={() => setModal('build')}
            disabled={noWork}
          >
            Build
          </Button>
          <Button
            variant="default"
            leftSection={<IconUpload size={16} aria-hidden />}
            onClick={() => (all ? setModal('load') : void storeOf(engineId).load())}
            disabled={noWork}
          >
            Load…
          </Button>
          <Button
            variant="default"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setModal('prune')}
            disabled={noWork}
          >
            Prune…
          </Button>
          <Button
            variant="default"
            leftSection={<IconKey size={16} aria-hidden />}
            onClick={() => setModal('registries')}
          >
            Registries
          </Button>
        </Group>
      </Group>

      {unreachable && engine !== undefined && (
        <Alert
          color="red"
          icon={<IconPlugConnectedX size={20} aria-hidden />}
          title={`Can’t reach ${engine.name}`}
          className={layout.banner}
          data-testid="engine-unreachable"
        >
          <Text size="sm">{engine.status.lastError ?? 'The daemon did not answer.'}</Text>
          {single?.snapshot !== undefined && (
            <Text size="sm" fw={600}>
              Showing the last known list. It may be out of date, and actions are disabled until the engine
              answers.
            </Text>
          )}
          <Button mt="xs" size="xs" variant="light" color="red" onClick={() => void reconnect(engine.id)}>
            Reconnect now
          </Button>
        </Alert>
      )}
      {!all && !unreachable && single?.snapshot !== undefined && single.error !== undefined && (
        <Alert color="yellow" title="Could not refresh the list" className={layout.banner}>
          <Text size="sm">{single.error.message}</Text>
          <Button
            mt="xs"
            size="xs"
            variant="light"
            color="yellow"
            onClick={() => void storeOf(engineId).refresh()}
          >
            Try again
          </Button>
        </Alert>
      )}
      {troubled.length > 0 && (
        <Alert
          color="red"
          icon={<IconPlugConnectedX size={20} aria-hidden />}
          title="Some hosts do not answer"
          className={layout.banner}
          data-testid="hosts-troubled"
        >
          {troubled.map((state) => (
            <Group key={state.engineId} gap="xs" wrap="nowrap">
              <Text size="sm">
                <strong>{nameOf(state.engineId)}</strong>:{' '}
                {stale.has(state.engineId)
                  ? (engineOf(state.engineId)?.status.lastError ?? 'The daemon did not answer.')
                  : `could not list the images: ${state.error?.message ?? ''}`}
              </Text>
              <Button
                size="compact-xs"
                variant="light"
                color="red"
                onClick={() =>
                  void (stale.has(state.engineId)
                    ? reconnect(state.engineId)
                    : storeOf(state.engineId).refresh())
                }
              >
                {stale.has(state.engineId) ? 'Reconnect now' : 'Try again'}
              </Button>
            </Group>
          ))}
        </Alert>
      )}

      <Group gap="sm" className={layout.toolbar}>
        <TextInput
          ref={searchRef}
          className={layout.search}
          placeholder={all ? 'Search repository, tag, id or host' : 'Search repository, tag or id'}
          aria-label="Search images"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <SegmentedControl
          aria-label="Filter images"
          size="xs"
          value={filter}
          onChange={(value) => setFilter(FILTERS.find((option) => option.value === value)?.value ?? 'all')}
          data={FILTERS}
        />
        {selectedRows.length > 0 && (
          <Menu position="bottom-start">
            <Menu.Target>
              <Button size="xs" variant="light" rightSection={<IconChevronDown size={14} aria-hidden />}>
                {selectedRows.length} selected
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item color="red" onClick={() => setRemoving(selectedRows)}>
                Remove…
              </Menu.Item>
              <Menu.Item onClick={() => void saveSelected()}>Save to a tar file…</Menu.Item>
              <Menu.Item onClick={() => setSelected(new Set())}>Clear selection</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>

      {body}

      <section className={classes.tasks} aria-label="Image tasks">
        <UnstyledButton onClick={() => setTasksOpen((open) => !open)} aria-expanded={tasksOpen}>
          <Group gap={4}>
            {tasksOpen ? (
              <IconChevronDown size={14} aria-hidden />
            ) : (
              <IconChevronRight size={14} aria-hidden />
            )}
            <Text size="sm" fw={600}>
              Tasks{runningTasks > 0 ? ` (${runningTasks} running)` : ''}
            </Text>
          </Group>
        </UnstyledButton>
        <Collapse expanded={tasksOpen}>
          <TaskList
            kinds={IMAGE_OPERATION_KINDS}
            emptyText="Pulls, pushes, builds, saves and loads show here."
            hostName={nameOf}
            showHost={all}
          />
        </Collapse>
      </section>

      <ImageDetails
        imageId={detail?.id}
        version={detailState?.snapshot?.items.find((image) => image.id === detail?.id)}
        load={detailStore.inspect}
        onClose={closeDetails}
        now={now}
        tab={detail?.tab}
        onTabChange={(tab) =>
          detail !== undefined && navigate({ page: 'images', detail: { ...detail, tab } })
        }
        onRun={(reference) => run(detailEngineId, reference)}
        onPush={(ref) => void detailStore.push(ref)}
        onTag={(details) => {
          const row = detailsRows(details)[0];
          if (row !== undefined) setTagging(row);
        }}
        onSave={(details) => void detailStore.save([details.repoTags[0] ?? details.id])}
        onRemove={(details) => setRemoving(detailsRows(details))}
      />
      <PullModal
        opened={modal === 'pull'}
        onClose={() => setModal(undefined)}
        host={hostChoice}
        onPull={(onEngine, ref) => storeOf(onEngine).pull(ref)}
      />
      <BuildModal
        opened={modal === 'build'}
        onClose={() => setModal(undefined)}
        host={hostChoice}
        chooseFolder={detailStore.chooseBuildContext}
        build={(onEngine, request) => storeOf(onEngine).build(request)}
      />
      <LoadModal
        opened={modal === 'load'}
        onClose={() => setModal(undefined)}
        host={hostChoice}
        onLoad={(onEngine) => void storeOf(onEngine).load()}
      />
      <PruneModal
        opened={modal === 'prune'}
        onClose={() => setModal(undefined)}
        host={hostChoice}
        preview={preview}
        prune={prune}
      />
      <RegistriesModal
        opened={modal === 'registries'}
        onClose={() => setModal(undefined)}
        host={hostChoice}
      />
      <TagModal
        row={tagging}
        onClose={() => setTagging(null)}
        onTag={(row, source, target) => storeOf(row.image.engineId).tag(source, target)}
      />
      <RemoveImagesModal
        rows={removing}
        onClose={() => setRemoving([])}
        onRemove={(onEngine, refs, options) => storeOf(onEngine).remove(refs, options)}
      />
    </div>
  );
}
