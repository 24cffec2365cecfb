import { Button, CloseButton, Group, SegmentedControl, Switch, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useRef } from 'react';

import { useFindFocus } from '../../components/ResourceList/use-find-focus';
import { plural } from './confirm-requests';
import type { BulkAction } from './containers-store';
import classes from './ContainersPage.module.css';
import type { StateFilter } from './list-model';
import type { ContainerActions } from './use-container-actions';
import type { ContainersList } from './use-containers-list';

const STATE_FILTERS: Array<{ value: StateFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'running', label: 'Running' },
  { value: 'stopped', label: 'Stopped' },
  { value: 'failing', label: 'Unhealthy / Failed' },
];

function isStateFilter(value: string): value is StateFilter {
  return STATE_FILTERS.some((filter) => filter.value === value);
}

/** State filter, search (Find focuses it), Compose grouping, and how many rows are shown. */
export function ContainersToolbar({ list }: { list: ContainersList }) {
  const { query, scope, model, lists } = list;
  const { search, setSearch } = query;
  const searchRef = useRef<HTMLInputElement>(null);
  useFindFocus(searchRef, { select: true });
  return (
    <Group gap="sm" className={classes.toolbar} wrap="wrap">
      <SegmentedControl
        size="xs"
        aria-label="Show containers by state"
        data={STATE_FILTERS}
        value={query.stateFilter}
        onChange={(value) => {
          if (isStateFilter(value)) query.setStateFilter(value);
        }}
      />
      <TextInput
        ref={searchRef}
        size="xs"
        className={classes.search}
        aria-label="Search containers"
        placeholder={
          scope.all ? 'Search by name, image, id, label or host' : 'Search by name, image, id or label'
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
        checked={query.groupByProject}
        onChange={(event) => query.setGroupByProject(event.currentTarget.checked)}
      />
      <Text size="xs" c="dimmed" data-testid="containers-shown">
        {model.matched.length === lists.items.length ? 'All shown' : `${model.matched.length} shown`}
      </Text>
    </Group>
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

/** The selection's count and what can be done to all of it, each container on its own host. */
export function BulkBar({ list, actions }: { list: ContainersList; actions: ContainerActions }) {
  const { chosen, clear } = list.selection;
  const { stale, allStale } = list.lists;
  if (chosen.length === 0) return null;
  return (
    <Group
      gap="xs"
      className={classes.bulkBar}
      data-testid="bulk-bar"
      role="toolbar"
      aria-label="Selected containers"
    >
      <Text size="sm" fw={600} data-testid="selected-count">
        {plural(chosen.length, 'container')} selected
        {list.scope.all && ` on ${plural(new Set(chosen.map((item) => item.engineId)).size, 'host')}`}
      </Text>
      {BULK_BUTTONS.map(({ action, label, color }) => (
        <Button
          key={action}
          size="xs"
          variant="light"
          color={color}
          disabled={allStale || chosen.every((item) => stale.has(item.engineId))}
          onClick={() => actions.runBulk(action, chosen)}
        >
          {label}
        </Button>
      ))}
      <Button size="xs" variant="subtle" onClick={clear}>
        Clear selection
      </Button>
    </Group>
  );
}
