import {
  Button,
  Collapse,
  Group,
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
  IconSearch,
  IconTrash,
  IconUpload,
} from '@tabler/icons-react';
import { useRef, useState } from 'react';

import { TaskList } from '../../components/OperationProgress/TaskList';
import { useFindFocus } from '../../components/ResourceList/use-find-focus';
import { useOperations } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import layout from '../../styles/page.module.css';
import type { ImageDialogsState } from './ImageDialogs';
import classes from './ImagesPage.module.css';
import { groupByEngine, type ImageFilter, rowReference } from './presentation';
import type { ImagesList } from './use-images-list';

/** The operation kinds the images page lists in its task list. */
const IMAGE_OPERATION_KINDS = ['image.pull', 'image.push', 'image.build', 'image.save', 'image.load'];

const FILTERS: Array<{ value: ImageFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'inUse', label: 'In use' },
  { value: 'unused', label: 'Unused' },
  { value: 'dangling', label: 'Dangling' },
];

/** Title, count, and the actions not tied to a row (pull, build, load, prune, registries). */
export function ImagesHeading({ list, dialogs }: { list: ImagesList; dialogs: ImageDialogsState }) {
  const stores = useStores();
  const { scope, lists, noWork } = list;
  const { setModal } = dialogs;
  const count = lists.items.length;
  const hosts = scope.engineIds.length;
  return (
    <Group justify="space-between" align="center" className={layout.heading}>
      <Group gap="sm" align="baseline">
        <Title order={2}>Images</Title>
        {lists.phase === 'ready' && (
          <Text size="sm" c="dimmed" data-testid="images-count">
            {count === 1 ? '1 image' : `${count} images`} on{' '}
            {scope.all ? (hosts === 1 ? '1 host' : `${hosts} hosts`) : list.nameOf(list.engineId)}
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
          onClick={() => (scope.all ? setModal('load') : void stores.images(list.engineId).load())}
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
  );
}

/** Search (Find focuses it), filter, and what can be done with the selection. */
export function ImagesToolbar({ list, dialogs }: { list: ImagesList; dialogs: ImageDialogsState }) {
  const stores = useStores();
  const searchRef = useRef<HTMLInputElement>(null);
  useFindFocus(searchRef);
  const { chosen, clear } = list.selection;
  // One save per host: each host writes its own tar file.
  const saveSelected = async () => {
    for (const [onEngine, group] of groupByEngine(chosen)) {
      await stores.images(onEngine).save([...new Set(group.map(rowReference))]);
    }
  };
  return (
    <Group gap="sm" className={layout.toolbar}>
      <TextInput
        ref={searchRef}
        className={layout.search}
        placeholder={list.scope.all ? 'Search repository, tag, id or host' : 'Search repository, tag or id'}
        aria-label="Search images"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={list.search}
        onChange={(event) => list.setSearch(event.currentTarget.value)}
      />
      <SegmentedControl
        aria-label="Filter images"
        size="xs"
        value={list.filter}
        onChange={(value) => list.setFilter(FILTERS.find((option) => option.value === value)?.value ?? 'all')}
        data={FILTERS}
      />
      {chosen.length > 0 && (
        <Menu position="bottom-start">
          <Menu.Target>
            <Button size="xs" variant="light" rightSection={<IconChevronDown size={14} aria-hidden />}>
              {chosen.length} selected
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item color="red" onClick={() => dialogs.setRemoving(chosen)}>
              Remove…
            </Menu.Item>
            <Menu.Item onClick={() => void saveSelected()}>Save to a tar file…</Menu.Item>
            <Menu.Item onClick={clear}>Clear selection</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}

/** The running and finished image operations, folded on demand. */
export function ImageTasks({ list }: { list: ImagesList }) {
  const { operations } = useOperations();
  const [open, setOpen] = useState(true);
  const running = operations.filter(
    (entry) => IMAGE_OPERATION_KINDS.includes(entry.summary.kind) && entry.summary.state === 'running',
  ).length;
  return (
    <section className={classes.tasks} aria-label="Image tasks">
      <UnstyledButton onClick={() => setOpen((current) => !current)} aria-expanded={open}>
        <Group gap={4}>
          {open ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
          <Text size="sm" fw={600}>
            Tasks{running > 0 ? ` (${running} running)` : ''}
          </Text>
        </Group>
      </UnstyledButton>
      <Collapse expanded={open}>
        <TaskList
          kinds={IMAGE_OPERATION_KINDS}
          emptyText="Pulls, pushes, builds, saves and loads show here."
          hostName={list.nameOf}
          showHost={list.scope.all}
        />
      </Collapse>
    </section>
  );
}
