import { Group, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';

import { type NetworkSummary, staticAddressProblem } from '../../../electron/common/bridge';
import { FormActions, FormFailure, useSubmitShowingFailure } from '../../components/FormActions/FormActions';
import type { NetworksStore } from './networks-store';
import { aliasProblem, parseAliases } from './presentation';

interface ConnectFormProps {
  store: NetworksStore;
  /** Networks to choose from, or the one network (a network's details). */
  networks: readonly NetworkSummary[];
  /** Containers to choose from, or the one container (a container's details). */
  containers: ReadonlyArray<{ id: string; name: string }>;
  /** Which side is given rather than chosen. */
  fixed: 'network' | 'container';
  onConnected?: () => void;
}

/**
 * Connects a container to a network, optionally under aliases and with static addresses. Addresses are
 * checked against the network's subnets before anything is sent.
 */
export function ConnectForm({ store, networks, containers, fixed, onConnected }: ConnectFormProps) {
  const [networkId, setNetworkId] = useState<string | null>(
    networks.length === 1 ? (networks[0]?.id ?? null) : null,
  );
  const [containerId, setContainerId] = useState<string | null>(
    fixed === 'container' ? (containers[0]?.id ?? null) : null,
  );
  const [aliases, setAliases] = useState('');
  const [ipv4, setIpv4] = useState('');
  const [ipv6, setIpv6] = useState('');

  const network = networks.find((candidate) => candidate.id === networkId);
  const subnets = network?.ipam.map((pool) => pool.subnet ?? '').filter(Boolean) ?? [];
  const ipv4Problem = ipv4.trim() === '' ? undefined : staticAddressProblem(ipv4.trim(), 4, subnets);
  const ipv6Problem = ipv6.trim() === '' ? undefined : staticAddressProblem(ipv6.trim(), 6, subnets);
  const aliasList = parseAliases(aliases);
  const aliasesProblem = aliasProblem(aliasList);
  const invalid =
    network === undefined ||
    containerId === null ||
    ipv4Problem !== undefined ||
    ipv6Problem !== undefined ||
    aliasesProblem !== undefined;

  const { busy, failure, onSubmit } = useSubmitShowingFailure(invalid, async () => {
    if (network === undefined || containerId === null) return;
    await store.connect({
      network: network.id,
      container: containerId,
      ...(aliasList.length > 0 ? { aliases: aliasList } : {}),
      ...(ipv4.trim() !== '' ? { ipv4Address: ipv4.trim() } : {}),
      ...(ipv6.trim() !== '' ? { ipv6Address: ipv6.trim() } : {}),
    });
    setAliases('');
    setIpv4('');
    setIpv6('');
    onConnected?.();
  });

  return (
    <form data-testid="connect-form" onSubmit={onSubmit}>
      <Stack gap="xs">
        <Group grow align="flex-start">
          {fixed !== 'network' && (
            <Select
              label="Network"
              placeholder="Choose a network"
              searchable
              allowDeselect={false}
              data={networks.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
              value={networkId}
              onChange={setNetworkId}
            />
          )}
          {fixed !== 'container' && (
            <Select
              label="Container"
              placeholder="Choose a container"
              searchable
              allowDeselect={false}
              data={containers.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
              value={containerId}
              onChange={setContainerId}
            />
          )}
          <TextInput
            label="Aliases"
            placeholder="db, primary"
            value={aliases}
            onChange={(event) => setAliases(event.currentTarget.value)}
            error={aliasesProblem}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label="IPv4 address"
            placeholder="automatic"
            value={ipv4}
            onChange={(event) => setIpv4(event.currentTarget.value)}
            error={ipv4Problem}
          />
          <TextInput
            label="IPv6 address"
            placeholder="automatic"
            value={ipv6}
            onChange={(event) => setIpv6(event.currentTarget.value)}
            error={ipv6Problem}
          />
        </Group>
        <FormFailure failure={failure} title="Could not connect" testId="connect-error" />
        <FormActions submit="Connect" busy={busy} disabled={invalid} />
      </Stack>
    </form>
  );
}
