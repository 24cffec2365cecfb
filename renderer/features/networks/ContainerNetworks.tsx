import { Badge, Divider, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import { useNetworks } from '../../stores/resource-hooks';
import { ConnectForm } from './ConnectForm';
import { DisconnectButton } from './DisconnectButton';

interface ContainerNetworksProps {
  engineId: EngineId;
  containerId: string;
  containerName: string;
}

/**
 * The networks of one container, for its details: where it is attached (with addresses and aliases),
 * disconnecting it, and connecting it to another network with aliases and static addresses.
 */
export function ContainerNetworks({ engineId, containerId, containerName }: ContainerNetworksProps) {
  const { state, store } = useNetworks(engineId);
  const networks = useMemo(() => state.snapshot?.items ?? [], [state.snapshot]);
  const attached = useMemo(
    () =>
      networks.flatMap((network) =>
        network.containers
          .filter((attachment) => attachment.containerId === containerId)
          .map((attachment) => ({ network, attachment })),
      ),
    [networks, containerId],
  );
  const others = useMemo(
    () =>
      networks.filter(
        (network) =>
          !network.predefined &&
          !network.containers.some((attachment) => attachment.containerId === containerId),
      ),
    [networks, containerId],
  );

  return (
    <Stack gap="md" data-testid="container-networks">
      {state.snapshot === undefined ? (
        <Text size="sm" c="dimmed">
          {state.error?.message ?? 'Loading networks…'}
        </Text>
      ) : attached.length === 0 ? (
        <Text size="sm" c="dimmed">
          {containerName} is on no network.
        </Text>
      ) : (
        <Table fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Network</Table.Th>
              <Table.Th>IPv4</Table.Th>
              <Table.Th>IPv6</Table.Th>
              <Table.Th>Aliases</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {attached.map(({ network, attachment }) => (
              <Table.Tr key={network.id} data-testid="container-network">
                <Table.Td>
                  {network.name}{' '}
                  <Badge size="xs" variant="light">
                    {network.driver}
                  </Badge>
                </Table.Td>
                <Table.Td>{attachment.ipv4 ?? '—'}</Table.Td>
                <Table.Td>{attachment.ipv6 ?? '—'}</Table.Td>
                <Table.Td>{attachment.aliases.join(', ')}</Table.Td>
                <Table.Td>
                  {!network.predefined && (
                    <DisconnectButton
                      store={store}
                      networkId={network.id}
                      attachment={{ containerId, state: attachment.state }}
                      label={`Disconnect from ${network.name}`}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {others.length > 0 && (
        <>
          <Divider label="Connect to a network" labelPosition="left" />
          <ConnectForm
            store={store}
            networks={others}
            containers={[{ id: containerId, name: containerName }]}
            fixed="container"
          />
        </>
      )}
    </Stack>
  );
}
