import { ActionIcon, Badge, Table, Text, Tooltip } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';

import type { RegistryLogin } from '../../../electron/common/bridge';

const DOCKER_HUB = 'https://index.docker.io/v1/';

export function registryName(registry: string): string {
  return registry === DOCKER_HUB ? 'Docker Hub' : registry;
}

function sourceLabel(login: RegistryLogin): string {
  if (login.source === 'berth') return 'Stored by Berth';
  return `Docker CLI (${login.store ?? 'config.json'})`;
}

/** How to log out: Berth's own logins here, the docker CLI's with the CLI. */
function LogoutCell({ entry, onLogout }: { entry: RegistryLogin; onLogout: (registry: string) => void }) {
  if (entry.source === 'berth') {
    return (
      <Tooltip label="Log out">
        <ActionIcon
          aria-label={`Log out of ${registryName(entry.registry)}`}
          onClick={() => onLogout(entry.registry)}
        >
          <IconLogout size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
    );
  }
  return (
    <Tooltip label={`docker logout ${entry.registry === DOCKER_HUB ? '' : entry.registry}`}>
      <Text size="xs" c="dimmed">
        via the CLI
      </Text>
    </Tooltip>
  );
}

/** Who Berth is logged in as where, and from which store. */
export function RegistryLogins({
  logins,
  onLogout,
}: {
  logins: readonly RegistryLogin[];
  onLogout: (registry: string) => void;
}) {
  return (
    <Table aria-label="Registry logins" data-testid="registry-logins">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Registry</Table.Th>
          <Table.Th>User</Table.Th>
          <Table.Th>From</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {logins.map((entry) => (
          <Table.Tr
            key={`${entry.source}|${entry.registry}`}
            data-testid="registry-login"
            data-registry={entry.registry}
          >
            <Table.Td>{registryName(entry.registry)}</Table.Td>
            <Table.Td>{entry.username === '' ? '—' : entry.username}</Table.Td>
            <Table.Td>
              <Badge color={entry.source === 'berth' ? 'blue' : 'gray'}>{sourceLabel(entry)}</Badge>
            </Table.Td>
            <Table.Td>
              <LogoutCell entry={entry} onLogout={onLogout} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
