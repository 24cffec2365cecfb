import {
  Alert,
  Button,
  Collapse,
  EmptyState,
  Group,
  Loader,
  Menu,
  SegmentedControl,
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

import type { EngineId, ImageDetails as ImageDetailsData } from '../../../electron/common/bridge';
import { TaskList } from '../../components/OperationProgress/TaskList';
import { useNow } from '../../hooks/use-now';
import {
  useEngine,
  useEngineActions,
  useImageActions,
  useImages,
  useNavigation,
  useOperations,
} from '../../stores/hooks';
import { BuildModal } from './BuildModal';
import { ImageDetails } from './ImageDetails';
import classes from './ImagesPage.module.css';
import { type ImageSort, ImageTable } from './ImageTable';
import { filterRows, type ImageFilter, type ImageRow, sortRows, toImageRows } from './presentation';
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

export interface ImagesPageProps {
  /** The engine whose images are listed. @default 'local' */
  engineId?: EngineId;
}

/** The rows that stand for one image's details (all its names), for actions started from the details. */
function rowsOfImage(rows: readonly ImageRow[], details: ImageDetailsData): ImageRow[] {
  return rows.filter((row) => row.image.id === details.id);
}

/**
 * Every image of one engine, live: search, filter (in use, unused, dangling), sort, select; pull, push, tag,
 * remove, prune, build, save and load; the details of one image; and the task list of running and finished
 * image operations.
 */
export function ImagesPage({ engineId = 'local' }: ImagesPageProps) {
  const engine = useEngine(engineId);
  const images = useImages(engineId);
  const store = useImageActions(engineId);
  const { reconnect } = useEngineActions();
  const { route, navigate, findRequests } = useNavigation();
  const { operations } = useOperations();
  const now = useNow(30_000);
  const searchRef = useRef<HTMLInputElement>(null);

  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<ImageFilter>('all');
  const [sort, setSort] = useState<ImageSort>({ key: 'created', direction: 'desc' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [modal, setModal] = useState<'pull' | 'build' | 'prune' | 'registries' | undefined>();
  const [removing, setRemoving] = useState<readonly ImageRow[]>([]);
  const [tagging, setTagging] = useState<ImageRow | null>(null);
  const [tasksOpen, setTasksOpen] = useState(true);

  const snapshot = images.snapshot;
  const allRows = useMemo(() => (snapshot === undefined ? [] : toImageRows(snapshot.items)), [snapshot]);
  const rows = useMemo(
    () => sortRows(filterRows(allRows, filter, search), sort.key, sort.direction),
    [allRows, filter, search, sort],
  );
  const selectedRows = useMemo(() => allRows.filter((row) => selected.has(row.key)), [allRows, selected]);

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

  const detail =
    route.detail?.kind === 'image' && route.detail.engineId === engineId ? route.detail : undefined;
  const openDetails = useCallback(
    (row: ImageRow) => navigate({ page: 'images', detail: { kind: 'image', engineId, id: row.image.id } }),
    [navigate, engineId],
  );
  const closeDetails = useCallback(() => navigate({ page: 'images' }), [navigate]);
  const run = useCallback(
    (ref: string) => navigate({ page: 'containers', runImage: { engineId, reference: ref } }),
    [navigate, engineId],
  );
  const onRun = useCallback(
    (row: ImageRow) => run(row.image.repoTags.length > 0 ? row.ref : row.image.id),
    [run],
  );
  const onPush = useCallback((row: ImageRow) => void store.push(row.ref), [store]);
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

  const detailsRows = (details: ImageDetailsData): ImageRow[] => rowsOfImage(allRows, details);
  const imageOperations = operations.filter((entry) => IMAGE_OPERATION_KINDS.includes(entry.summary.kind));
  const runningTasks = imageOperations.filter((entry) => entry.summary.state === 'running').length;

  const engineName = engine?.name ?? engineId;
  const unreachable = engine?.status.state === 'unreachable';
  const stale = unreachable && snapshot !== undefined;

  let body;
  if (snapshot !== undefined && snapshot.items.length > 0) {
    body =
      rows.length > 0 ? (
        <ImageTable
          rows={rows}
          sort={sort}
          onSortChange={setSort}
          selected={selected}
          onToggle={onToggle}
          onToggleAll={onToggleAll}
          pending={images.pending}
          stale={stale}
          now={now}
          onOpen={openDetails}
          onRun={onRun}
          onPush={onPush}
          onTag={onTag}
          onRemove={onRemove}
        />
      ) : (
        <EmptyState
          className={classes.state}
          data-testid="images-no-match"
          icon={<IconSearch size={28} aria-hidden />}
          withIndicatorBackground
          title="No image matches"
          description="Change the search or the filter to see more."
        />
      );
  } else if (snapshot !== undefined) {
    body = (
      <EmptyState
        className={classes.state}
        data-testid="images-empty"
        icon={<IconStack2 size={28} aria-hidden />}
        withIndicatorBackground
        title="No images on this engine yet"
        description={`Pull, build or load an image, and it appears here. Images made on ${engineName} with any other tool appear too.`}
      />
    );
  } else if (images.phase === 'failed' && !unreachable) {
    body = (
      <EmptyState
        className={classes.state}
        data-testid="images-failed"
        icon={<IconPlugConnectedX size={28} aria-hidden />}
        withIndicatorBackground
        title="Could not load the images"
        description={images.error?.message}
      >
        <EmptyState.Actions>
          <Button variant="light" onClick={() => void store.refresh()}>
            Try again
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  } else if (unreachable) {
    body = (
      <EmptyState
        className={classes.state}
        data-testid="images-unavailable"
        icon={<IconPlugConnectedX size={28} aria-hidden />}
        withIndicatorBackground
        title="No list yet"
        description={`Berth has not been able to list the images of ${engineName}. The list appears when the engine answers.`}
      />
    );
  } else {
    body = (
      <div className={classes.state} data-testid="images-loading" role="status">
        <Loader />
        <Text c="dimmed">Loading images…</Text>
      </div>
    );
  }

  const imageCount = snapshot?.items.length ?? 0;

  return (
    <div className={classes.page}>
      <Group justify="space-between" align="center" className={classes.heading}>
        <Group gap="sm" align="baseline">
          <Title order={2}>Images</Title>
          {snapshot !== undefined && (
            <Text size="sm" c="dimmed" data-testid="images-count">
              {imageCount === 1 ? '1 image' : `${imageCount} images`} on {engineName}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          <Button
            leftSection={<IconCloudDownload size={16} aria-hidden />}
            onClick={() => setModal('pull')}
            disabled={unreachable}
          >
            Pull
          </Button>
          <Button
            variant="default"
            leftSection={<IconHammer size={16} aria-hidden />}
            onClick={() => setModal('build')}
            disabled={unreachable}
          >
            Build
          </Button>
          <Button
            variant="default"
            leftSection={<IconUpload size={16} aria-hidden />}
            onClick={() => void store.load()}
            disabled={unreachable}
          >
            Load…
          </Button>
          <Button
            variant="default"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setModal('prune')}
            disabled={unreachable}
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
          className={classes.banner}
          data-testid="engine-unreachable"
        >
          <Text size="sm">{engine.status.lastError ?? 'The daemon did not answer.'}</Text>
          {stale && (
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
      {!unreachable && snapshot !== undefined && images.error !== undefined && (
        <Alert color="yellow" title="Could not refresh the list" className={classes.banner}>
          <Text size="sm">{images.error.message}</Text>
          <Button mt="xs" size="xs" variant="light" color="yellow" onClick={() => void store.refresh()}>
            Try again
          </Button>
        </Alert>
      )}

      <Group gap="sm" className={classes.toolbar}>
        <TextInput
          ref={searchRef}
          className={classes.search}
          placeholder="Search repository, tag or id"
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
              <Menu.Item
                onClick={() =>
                  void store.save([
                    ...new Set(
                      selectedRows.map((row) => (row.image.repoTags.length > 0 ? row.ref : row.image.id)),
                    ),
                  ])
                }
              >
                Save to a tar file…
              </Menu.Item>
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
          />
        </Collapse>
      </section>

      <ImageDetails
        imageId={detail?.id}
        version={snapshot?.items.find((image) => image.id === detail?.id)}
        load={store.inspect}
        onClose={closeDetails}
        now={now}
        tab={detail?.tab}
        onTabChange={(tab) =>
          detail !== undefined && navigate({ page: 'images', detail: { ...detail, tab } })
        }
        onRun={run}
        onPush={(ref) => void store.push(ref)}
        onTag={(details) => {
          const row = detailsRows(details)[0];
          if (row !== undefined) setTagging(row);
        }}
        onSave={(details) => void store.save([details.repoTags[0] ?? details.id])}
        onRemove={(details) => setRemoving(detailsRows(details))}
      />
      <PullModal opened={modal === 'pull'} onClose={() => setModal(undefined)} onPull={store.pull} />
      <BuildModal
        opened={modal === 'build'}
        onClose={() => setModal(undefined)}
        chooseFolder={store.chooseBuildContext}
        build={store.build}
      />
      <PruneModal
        opened={modal === 'prune'}
        onClose={() => setModal(undefined)}
        preview={store.prunePreview}
        prune={store.prune}
      />
      <RegistriesModal
        opened={modal === 'registries'}
        onClose={() => setModal(undefined)}
        engineId={engineId}
      />
      <TagModal row={tagging} onClose={() => setTagging(null)} onTag={store.tag} />
      <RemoveImagesModal rows={removing} onClose={() => setRemoving([])} onRemove={store.remove} />
    </div>
  );
}
