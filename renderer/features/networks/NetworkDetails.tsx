import { ActionIcon, Badge, Code, Divider, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';

import type { NetworkSummary } from '../../../electron/common/bridge';
import { KeyValuePairs } from '../../components/KeyValue/KeyValue';
import { DetailsDrawer } from '../../components/ResourceList/DetailsDrawer';
import { itemKey } from '../../lib/merge';
import { useContainers } from '../../stores/hooks';
import { ConnectForm } from './ConnectForm';
import { DisconnectButton } from './DisconnectButton';
import type { NetworksStore } from './networks-store';
import { networkFlags, removalProblem } from './presentation';

interface NetworkDetailsProps {
  /** The network shown; `null` keeps the drawer closed. */
  network: NetworkSummary | null;
  /** The network's host, named under "All hosts". */
  host?: string | undefined;
  store: NetworksStore;
  onClose: () => void;
  onRemove: (network: NetworkSummary) => void;
}

/** The network's id, IPAM driver, address pools and creation time. */
function NetworkFacts({ network }: { network: NetworkSummary }) {
  return (
    <Table variant="vertical" withTableBorder fz="sm">
      <Table.Tbody>
        <Table.Tr>
          <Table.Th w={140}>ID</Table.Th>
          <Table.Td>
            <Code>{network.id}</Code>
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>IPAM driver</Table.Th>
          <Table.Td>{network.ipamDriver}</Table.Td>
        </Table.Tr>
        {network.ipam.map((pool, index) => (
          <Table.Tr key={index}>
            <Table.Th>{network.ipam.length > 1 ? `Subnet ${index + 1}` : 'Subnet'}</Table.Th>
            <Table.Td>
              {pool.subnet ?? '—'}
              {pool.gateway !== undefined && ` · gateway ${pool.gateway}`}
              {pool.ipRange !== undefined && ` · range ${pool.ipRange}`}
            </Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Th>Created</Table.Th>
          <Table.Td>
            {network.created !== undefined ? new Date(network.created).toLocaleString() : '—'}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

/** The containers on the network, with their addresses, each with Disconnect. */
function AttachedContainers({ network, store }: { network: NetworkSummary; store: NetworksStore }) {
  if (network.containers.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="network-no-containers">
        No container is on this network.
      </Text>
    );
  }
  return (
    <Table fz="sm" data-testid="network-containers">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Container</Table.Th>
          <Table.Th>State</Table.Th>
          <Table.Th>IPv4</Table.Th>
          <Table.Th>IPv6</Table.Th>
          <Table.Th>MAC</Table.Th>
          <Table.Th aria-label="Actions" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {network.containers.map((attachment) => (
          <Table.Tr key={attachment.containerId} data-testid="network-container">
            <Table.Td>
              {attachment.containerName}
              {attachment.aliases.length > 0 && (
                <Text size="xs" c="dimmed">
                  aliases: {attachment.aliases.join(', ')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{attachment.state}</Table.Td>
            <Table.Td>
              {attachment.ipv4 ?? '—'}
              {attachment.staticIpv4 !== undefined && (
                <Badge size="xs" ml={4} variant="light">
                  static
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{attachment.ipv6 ?? '—'}</Table.Td>
            <Table.Td>{attachment.macAddress ?? '—'}</Table.Td>
            <Table.Td>
              <DisconnectButton
                store={store}
                networkId={network.id}
                attachment={attachment}
                label={`Disconnect ${attachment.containerName}`}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A network's details: its addresses, options, the containers on it (disconnect), and connecting another. */
export function NetworkDetails({ network, host, store, onClose, onRemove }: NetworkDetailsProps) {
  const containers = useContainers(network?.engineId ?? 'local');
  const candidates = useMemo(() => {
    const attached = new Set(network?.containers.map((attachment) => attachment.containerId) ?? []);
    return (containers.snapshot?.items ?? [])
      .filter((container) => !attached.has(container.id))
      .map((container) => ({ id: container.id, name: container.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [containers.snapshot, network]);
  const problem = network === null ? undefined : removalProblem(network);

  return (
    <DetailsDrawer
      title={network?.name}
      {...(host === undefined ? {} : { host })}
      onClose={onClose}
      testId="network-details"
    >
      {network !== null && (
        <Stack gap="md">
          <Group gap="xs">
            <Badge variant="light">{network.driver}</Badge>
            <Badge variant="light" color="gray">
              {network.scope}
            </Badge>
            {networkFlags(network).map((flag) => (
              <Badge key={flag} variant="outline">
                {flag}
              </Badge>
            ))}
            {network.predefined && <Badge color="gray">predefined</Badge>}
          </Group>
          <NetworkFacts network={network} />
          <KeyValuePairs title="Options" pairs={network.options} />
          <KeyValuePairs title="Labels" pairs={network.labels} />
          <Group>
            <Tooltip label={problem} disabled={problem === undefined}>
              <ActionIcon
                variant="light"
                color="red"
                size="lg"
                aria-label={`Remove network ${network.name}`}
                disabled={network.predefined}
                onClick={() => onRemove(network)}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>

          <Divider label="Containers" labelPosition="left" />
          <AttachedContainers network={network} store={store} />
          {!network.predefined && (
            <>
              <Divider label="Connect a container" labelPosition="left" />
              <ConnectForm
                key={itemKey(network)}
                store={store}
                networks={[network]}
                containers={candidates}
                fixed="network"
              />
            </>
          )}
        </Stack>
      )}
    </DetailsDrawer>
  );
}
