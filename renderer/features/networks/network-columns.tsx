import { Badge, Group, Text } from '@mantine/core';

import type { NetworkSummary } from '../../../electron/common/bridge';
import type { TableColumn } from '../../components/VirtualTable/VirtualTable';
import layout from '../../styles/page.module.css';
import { formatCreated } from '../containers/presentation';
import {
  formatAttachments,
  gatewaysText,
  networkFlags,
  type NetworkSortKey,
  subnetsText,
} from './presentation';

/** The columns of one host's networks (the page adds Host under "All hosts" and Remove last). */
export function networkColumns(now: number): TableColumn<NetworkSummary, NetworkSortKey>[] {
  return [
    {
      id: 'name',
      label: 'Name',
      width: 'minmax(8rem, 2fr)',
      sortKey: 'name',
      title: (network) => `${network.name} (${network.id.slice(0, 12)})`,
      render: (network) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600} truncate>
            {network.name}
          </Text>
          {network.predefined && (
            <Badge size="xs" variant="light" color="gray">
              predefined
            </Badge>
          )}
        </Group>
      ),
    },
    {
      id: 'driver',
      label: 'Driver',
      width: '5rem',
      priority: 4,
      sortKey: 'driver',
      render: (network) => network.driver,
    },
    {
      id: 'scope',
      label: 'Scope',
      width: '4.5rem',
      priority: 6,
      sortKey: 'scope',
      render: (network) => network.scope,
    },
    {
      id: 'subnet',
      label: 'Subnet',
      width: 'minmax(7rem, 1.5fr)',
      priority: 3,
      title: subnetsText,
      render: (network) => <span className={layout.mono}>{subnetsText(network)}</span>,
    },
    {
      id: 'gateway',
      label: 'Gateway',
      width: 'minmax(6rem, 1fr)',
      priority: 5,
      title: gatewaysText,
      render: (network) => <span className={layout.mono}>{gatewaysText(network)}</span>,
    },
    {
      id: 'flags',
      label: 'Flags',
      width: 'minmax(4rem, 1fr)',
      priority: 7,
      render: (network) => networkFlags(network).join(', '),
    },
    {
      id: 'containers',
      label: 'Containers',
      width: 'minmax(7rem, 2fr)',
      priority: 2,
      sortKey: 'containers',
      title: (network) => formatAttachments(network.containers),
      render: (network) =>
        network.containers.length === 0 ? (
          <Text size="sm" c="dimmed">
            none
          </Text>
        ) : (
          formatAttachments(network.containers)
        ),
    },
    {
      id: 'created',
      label: 'Created',
      width: '7rem',
      priority: 8,
      sortKey: 'created',
      render: (network) => (network.created !== undefined ? formatCreated(network.created, now) : '—'),
    },
  ];
}
