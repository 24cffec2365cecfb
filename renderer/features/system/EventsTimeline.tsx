import { Alert, Badge, Group, Loader, MultiSelect, Select, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';

import type { EngineEvent, EngineId } from '../../../electron/common/bridge';
import { type TableColumn, VirtualTable } from '../../components/VirtualTable/VirtualTable';
import { useEvents } from '../../stores/resource-hooks';
import layout from '../../styles/page.module.css';
import {
  eventFacets,
  type EventFilter,
  eventObject,
  filterEvents,
  formatAttributes,
  formatEventTime,
} from './presentation';
import classes from './SystemPage.module.css';

const TYPE_COLORS: Record<string, string> = {
  container: 'blue',
  image: 'grape',
  volume: 'teal',
  network: 'orange',
  daemon: 'red',
  plugin: 'cyan',
};

const COLUMNS: TableColumn<EngineEvent, 'time'>[] = [
  {
    id: 'time',
    label: 'Time',
    width: '7.5rem',
    title: (event) => new Date(event.time).toLocaleString(),
    render: (event) => <span className={layout.mono}>{formatEventTime(event.time)}</span>,
  },
  {
    id: 'type',
    label: 'Type',
    width: '6.5rem',
    render: (event) => (
      <Badge size="sm" variant="light" color={TYPE_COLORS[event.type] ?? 'gray'}>
        {event.type}
      </Badge>
    ),
  },
  {
    id: 'action',
    label: 'Action',
    width: 'minmax(7rem, 1fr)',
    title: (event) => event.action,
    render: (event) => event.action,
  },
  {
    id: 'object',
    label: 'Object',
    width: 'minmax(9rem, 1.5fr)',
    title: (event) => event.actorId,
    render: (event) => eventObject(event),
  },
  {
    id: 'attributes',
    label: 'Attributes',
    width: 'minmax(12rem, 3fr)',
    title: formatAttributes,
    render: (event) => <span className={classes.dimmed}>{formatAttributes(event)}</span>,
  },
];

/**
 * Every daemon event as it happens, newest first: the recent history is fetched on open, new events arrive in
 * batches, and the list is bounded. Filter by type, action and object, or search anything.
 */
export function EventsTimeline({ engineId }: { engineId: EngineId }) {
  const { state } = useEvents(engineId);
  const [filter, setFilter] = useState<EventFilter>({ types: [], action: '', object: '', search: '' });
  const facets = useMemo(() => eventFacets(state.events), [state.events]);
  const shown = useMemo(() => filterEvents(state.events, filter), [state.events, filter]);

  return (
    <>
      <Group gap="sm" className={classes.filters} align="flex-end">
        <MultiSelect
          className={classes.grow}
          label="Types"
          placeholder={filter.types.length === 0 ? 'All types' : undefined}
          data={facets.types}
          value={[...filter.types]}
          onChange={(types) => setFilter((current) => ({ ...current, types }))}
          clearable
        />
        <Select
          className={classes.grow}
          label="Action"
          placeholder="All actions"
          data={facets.actions}
          value={filter.action === '' ? null : filter.action}
          onChange={(action) => setFilter((current) => ({ ...current, action: action ?? '' }))}
          searchable
          clearable
        />
        <TextInput
          className={classes.grow}
          label="Object"
          placeholder="Name or id"
          value={filter.object}
          onChange={(event) => {
            const object = event.currentTarget.value;
            setFilter((current) => ({ ...current, object }));
          }}
        />
        <TextInput
          className={classes.grow}
          label="Search"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={filter.search}
          onChange={(event) => {
            const search = event.currentTarget.value;
            setFilter((current) => ({ ...current, search }));
          }}
        />
      </Group>
      <Text size="xs" c="dimmed" data-testid="events-count">
        {shown.length === state.events.length
          ? `${state.events.length} events`
          : `${shown.length} of ${state.events.length} events`}{' '}
        (the last {state.capacity} are kept)
      </Text>
      {state.error !== undefined && (
        <Alert color="red" title="Could not fetch the events">
          {state.error.message}
        </Alert>
      )}
      {state.phase === 'loading' && state.events.length === 0 ? (
        <Group gap="xs" role="status">
          <Loader size="sm" />
          <Text size="sm">Fetching the recent events…</Text>
        </Group>
      ) : (
        <VirtualTable
          items={shown}
          columns={COLUMNS}
          getKey={(event) => String(event.seq)}
          sort={{ key: 'time', direction: 'desc' }}
          onSortChange={() => undefined}
          label="Events"
          minWidth="48rem"
          rowHeight={36}
          rowData={(event) => ({ type: event.type, action: event.action })}
          testId="events-table"
          rowTestId="event-row"
        />
      )}
    </>
  );
}
