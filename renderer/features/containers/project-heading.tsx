import { ActionIcon, Menu } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';

import type { TableHeading } from '../../components/VirtualTable/VirtualTable';
import { itemKey } from '../../lib/merge';
import type { BulkAction } from './containers-store';
import type { ProjectRow } from './list-model';

/** A Compose project's heading: fold/unfold, select all its containers, and act on all of them. */
export function projectHeading(
  row: ProjectRow,
  selected: ReadonlySet<string>,
  stale: boolean,
  onSelect: (keys: readonly string[], selected: boolean) => void,
  onToggle: (group: string) => void,
  onAction: (action: BulkAction, row: ProjectRow) => void,
): TableHeading {
  const { project, host, containers, allContainers, active, collapsed } = row;
  const keys = containers.map(itemKey);
  const total = allContainers.length;
  // In All hosts a project on two hosts is two groups: the labels say which.
  const label = host === undefined ? project : `${project} on ${host}`;
  return {
    title: project,
    meta: `Compose${host === undefined ? '' : ` on ${host}`} · ${active} of ${total} running${
      containers.length < total ? ` · ${containers.length} shown` : ''
    }`,
    collapsed,
    toggleLabel: `${collapsed ? 'Show' : 'Hide'} the containers of ${label}`,
    onToggle: () => onToggle(row.group),
    check: {
      label: `Select the containers of ${label}`,
      selected: keys.filter((key) => selected.has(key)).length,
      total: keys.length,
      onChange: (checked) => onSelect(keys, checked),
    },
    actions: (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon aria-label={`Actions for project ${label}`} disabled={stale}>
            <IconDots size={18} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>All {total} containers</Menu.Label>
          <Menu.Item onClick={() => onAction('start', row)}>Start all</Menu.Item>
          <Menu.Item onClick={() => onAction('stop', row)}>Stop all</Menu.Item>
          <Menu.Item onClick={() => onAction('restart', row)}>Restart all</Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" onClick={() => onAction('remove', row)}>
            Remove all…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    ),
    data: { project, 'engine-id': row.engineId },
    testId: 'project-row',
  };
}
