import { Alert, Badge, Code, Group, List, SimpleGrid, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

import { formatBytes, type SystemInfo } from '../../../electron/common/bridge';
import { formatPlatform, formatSwarm } from './presentation';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={190}>{label}</Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function Names({ names, empty = 'none' }: { names: readonly string[]; empty?: string }) {
  if (names.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Group gap={4}>
      {names.map((name) => (
        <Badge key={name} variant="light" tt="none">
          {name}
        </Badge>
      ))}
    </Group>
  );
}

/** What `docker info` and `docker version` say about a host, grouped for reading. */
export function SystemOverview({ host }: { host: SystemInfo }) {
  return (
    <>
      {host.warnings.length > 0 && (
        <Alert color="orange" title="The daemon reports warnings" data-testid="host-warnings">
          <List size="sm">
            {host.warnings.map((warning) => (
              <List.Item key={warning}>{warning}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Table variant="vertical" withTableBorder fz="sm" data-testid="host-engine">
          <Table.Tbody>
            <Fact label="Engine">
              {host.engineVersion}
              {host.experimental && <Badge ml={6}>experimental</Badge>}
            </Fact>
            <Fact label="API version">
              {host.apiVersion}
              {host.minApiVersion !== undefined && (
                <Text span c="dimmed" size="sm">{` (minimum ${host.minApiVersion})`}</Text>
              )}
            </Fact>
            <Fact label="Components">
              {host.components.map((component) => `${component.name} ${component.version}`).join(', ') || '—'}
            </Fact>
            <Fact label="Host name">{host.name}</Fact>
            <Fact label="Operating system">{formatPlatform(host)}</Fact>
            <Fact label="CPUs and memory">
              {host.cpus} CPUs, {formatBytes(host.memoryBytes, 'cli-memory')}
            </Fact>
            <Fact label="Containers">
              {host.containers.total} ({host.containers.running} running, {host.containers.paused} paused,{' '}
              {host.containers.stopped} stopped)
            </Fact>
            <Fact label="Images">{host.images}</Fact>
            <Fact label="Swarm">{formatSwarm(host)}</Fact>
          </Table.Tbody>
        </Table>
        <Table variant="vertical" withTableBorder fz="sm" data-testid="host-config">
          <Table.Tbody>
            <Fact label="Storage driver">
              {host.storageDriver}
              {host.storageDriverStatus.length > 0 && (
                <Text size="xs" c="dimmed" data-testid="host-storage-status">
                  {host.storageDriverStatus.map(([key, value]) => `${key}: ${value}`).join(' · ')}
                </Text>
              )}
            </Fact>
            <Fact label="Logging driver">{host.loggingDriver}</Fact>
            <Fact label="Cgroups">
              {host.cgroupDriver} driver, version {host.cgroupVersion}
            </Fact>
            <Fact label="Data root">
              <Code>{host.dataRoot}</Code>
            </Fact>
            <Fact label="Runtimes">
              <Names
                names={host.runtimes.map((runtime) =>
                  runtime === host.defaultRuntime ? `${runtime} (default)` : runtime,
                )}
              />
            </Fact>
            <Fact label="Registry">{host.indexServerAddress}</Fact>
            <Fact label="Mirrors">
              <Names names={host.registryMirrors} />
            </Fact>
            <Fact label="Insecure registries">
              <Names names={host.insecureRegistries} />
            </Fact>
            <Fact label="Live restore">{host.liveRestore ? 'on' : 'off'}</Fact>
            <Fact label="Security options">
              <Names names={host.securityOptions} />
            </Fact>
          </Table.Tbody>
        </Table>
      </SimpleGrid>
      <Table variant="vertical" withTableBorder fz="sm" data-testid="host-plugins">
        <Table.Tbody>
          <Fact label="Volume plugins">
            <Names names={host.plugins.volume} />
          </Fact>
          <Fact label="Network plugins">
            <Names names={host.plugins.network} />
          </Fact>
          <Fact label="Log plugins">
            <Names names={host.plugins.log} />
          </Fact>
          <Fact label="Authorization plugins">
            <Names names={host.plugins.authorization} />
          </Fact>
        </Table.Tbody>
      </Table>
    </>
  );
}
