import { ActionIcon, Button, Checkbox, Fieldset, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';

import {
  type CreatableNetworkDriver,
  type IpamFields,
  type NetworkSummary,
  validateIpamPools,
} from '../../../electron/common/bridge';
import { CreateModal } from '../../components/CreateModal/CreateModal';
import { type HostChoice, useHostChoice } from '../../components/HostPicker/HostPicker';
import { KeyValueField } from '../../components/KeyValue/KeyValue';
import { parseKeyValueLines } from '../../components/KeyValue/parse';
import { useSystem } from '../../stores/resource-hooks';
import { useStores } from '../../stores/StoresProvider';
import { driverOptions, networkNameProblem } from './presentation';

interface CreateNetworkModalProps {
  opened: boolean;
  /** The hosts it can create on; a picker under "All hosts". What the picked host supports (drivers, swarm)
   * narrows the drivers offered; every driver is offered until it is known. */
  hosts: HostChoice;
  onClose: () => void;
  onCreated: (network: NetworkSummary) => void;
}

const EMPTY_POOL: IpamFields = { subnet: '', gateway: '', ipRange: '' };

/** An address pool's fields, each with an example that fits the others. */
const POOL_FIELDS: ReadonlyArray<{ field: keyof IpamFields; label: string; placeholder: string }> = [
  { field: 'subnet', label: 'Subnet', placeholder: '172.28.0.0/16' },
  { field: 'gateway', label: 'Gateway', placeholder: '172.28.0.1' },
  { field: 'ipRange', label: 'IP range', placeholder: '172.28.5.0/24' },
];

/** Trims the pools and leaves out those without a subnet (Docker picks one) and empty fields. */
function ipamRequest(pools: readonly IpamFields[]) {
  return pools
    .map((pool) => ({
      subnet: (pool.subnet ?? '').trim(),
      gateway: (pool.gateway ?? '').trim(),
      ipRange: (pool.ipRange ?? '').trim(),
    }))
    .filter((pool) => pool.subnet !== '')
    .map((pool) => ({
      subnet: pool.subnet,
      ...(pool.gateway !== '' ? { gateway: pool.gateway } : {}),
      ...(pool.ipRange !== '' ? { ipRange: pool.ipRange } : {}),
    }));
}

function problemOf(problems: ReturnType<typeof validateIpamPools>, pool: number, field: keyof IpamFields) {
  return problems.find((problem) => problem.pool === pool && problem.field === field)?.message;
}

/** Up to four address pools (subnet, gateway, IP range), each with its problems; one can be removed while several. */
function AddressPools({
  pools,
  setPools,
  problems,
}: {
  pools: readonly IpamFields[];
  setPools: (update: (current: IpamFields[]) => IpamFields[]) => void;
  problems: ReturnType<typeof validateIpamPools>;
}) {
  const setPool = (index: number, field: keyof IpamFields, value: string) =>
    setPools((current) => current.map((pool, at) => (at === index ? { ...pool, [field]: value } : pool)));
  return (
    <>
      {pools.map((pool, index) => (
        <Fieldset
          key={index}
          legend={index === 0 ? 'Addresses (optional)' : `Addresses ${index + 1}`}
          data-testid="ipam-pool"
        >
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <SimpleGrid cols={3} style={{ flex: 1 }}>
              {POOL_FIELDS.map(({ field, label, placeholder }) => (
                <TextInput
                  key={field}
                  label={label}
                  placeholder={placeholder}
                  value={pool[field]}
                  onChange={(event) => setPool(index, field, event.currentTarget.value)}
                  error={problemOf(problems, index, field)}
                />
              ))}
            </SimpleGrid>
            {pools.length > 1 && (
              <ActionIcon
                mt={28}
                variant="subtle"
                aria-label={`Remove addresses ${index + 1}`}
                onClick={() => setPools((current) => current.filter((_, at) => at !== index))}
              >
                <IconX size={16} aria-hidden />
              </ActionIcon>
            )}
          </Group>
        </Fieldset>
      ))}
      {pools.length < 4 && (
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => setPools((current) => [...current, { ...EMPTY_POOL }])}
          w="fit-content"
        >
          Add a subnet (e.g. IPv6)
        </Button>
      )}
    </>
  );
}

/**
 * Creates a network. Subnets, gateways and IP ranges are checked as they are typed (CIDR syntax, inside the
 * subnet, no overlaps), and nothing is sent while any is wrong.
 */
export function CreateNetworkModal({ opened, hosts, onClose, onCreated }: CreateNetworkModalProps) {
  const { resources } = useStores();
  const { engineId, setEngineId } = useHostChoice(hosts, opened);
  const host = useSystem(engineId).state.info.value;
  const [name, setName] = useState('');
  const [driver, setDriver] = useState<CreatableNetworkDriver>('bridge');
  const [pools, setPools] = useState<IpamFields[]>([{ ...EMPTY_POOL }]);
  const [internal, setInternal] = useState(false);
  const [attachable, setAttachable] = useState(false);
  const [ipv6, setIpv6] = useState(false);
  const [labels, setLabels] = useState('');
  const [options, setOptions] = useState('');

  useEffect(() => {
    if (!opened) return;
    setName('');
    setDriver('bridge');
    setPools([{ ...EMPTY_POOL }]);
    setInternal(false);
    setAttachable(false);
    setIpv6(false);
    setLabels('');
    setOptions('');
  }, [opened]);

  const drivers = useMemo(() => driverOptions(host), [host]);
  const nameProblem = name === '' ? undefined : networkNameProblem(name.trim());
  const problems = validateIpamPools(pools);
  const parsedLabels = parseKeyValueLines(labels);
  const parsedOptions = parseKeyValueLines(options);
  const driverReason = drivers.find((option) => option.value === driver)?.reason;
  const invalid =
    networkNameProblem(name.trim()) !== undefined ||
    problems.length > 0 ||
    parsedLabels.errors.length > 0 ||
    parsedOptions.errors.length > 0 ||
    driverReason !== undefined;

  const submit = async () => {
    const network = await resources.networks(engineId).createNetwork({
      name: name.trim(),
      driver,
      ipam: ipamRequest(pools),
      internal,
      attachable,
      enableIPv6: ipv6,
      labels: parsedLabels.pairs,
      options: parsedOptions.pairs,
    });
    onCreated(network);
  };

  return (
    <CreateModal
      opened={opened}
      onClose={onClose}
      title="Create a network"
      size="lg"
      testId="create-network"
      failureTitle="Could not create the network"
      hosts={hosts}
      engineId={engineId}
      onEngineChange={setEngineId}
      invalid={invalid}
      onSubmit={submit}
      note="Without a subnet, Docker picks a free one."
    >
      <SimpleGrid cols={2}>
        <TextInput
          label="Name"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameProblem}
          data-autofocus
        />
        <Select
          label="Driver"
          data={drivers.map((option) => ({
            value: option.value,
            label: option.label,
            disabled: option.disabled,
          }))}
          value={driver}
          allowDeselect={false}
          onChange={(value) => {
            const option = drivers.find((candidate) => candidate.value === value);
            if (option !== undefined) setDriver(option.value);
          }}
          error={driverReason}
        />
      </SimpleGrid>
      <AddressPools pools={pools} setPools={setPools} problems={problems} />
      <Group gap="lg">
        <Checkbox
          label="Internal (no outside access)"
          checked={internal}
          onChange={(event) => setInternal(event.currentTarget.checked)}
        />
        <Checkbox
          label="Attachable"
          checked={attachable}
          onChange={(event) => setAttachable(event.currentTarget.checked)}
        />
        <Checkbox label="IPv6" checked={ipv6} onChange={(event) => setIpv6(event.currentTarget.checked)} />
      </Group>
      <SimpleGrid cols={2}>
        <KeyValueField label="Labels" value={labels} onChange={setLabels} />
        <KeyValueField
          label="Driver options"
          {...(driver === 'macvlan' || driver === 'ipvlan' ? { description: 'e.g. parent=eth0' } : {})}
          value={options}
          onChange={setOptions}
        />
      </SimpleGrid>
    </CreateModal>
  );
}
