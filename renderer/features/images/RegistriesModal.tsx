import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';

import type { IpcError, RegistryLogin } from '../../../electron/common/bridge';
import { type HostChoice, HostPicker, useHostChoice } from '../../components/HostPicker/HostPicker';
import { toIpcError } from '../../lib/api';
import { useRegistries, useRegistryActions } from '../../stores/hooks';

export interface RegistriesModalProps {
  opened: boolean;
  onClose: () => void;
  /** The engine whose daemon checks a login against the registry (a picker under "All hosts"). */
  host: HostChoice;
}

const DOCKER_HUB = 'https://index.docker.io/v1/';

function registryName(registry: string): string {
  return registry === DOCKER_HUB ? 'Docker Hub' : registry;
}

function sourceLabel(login: RegistryLogin): string {
  if (login.source === 'berth') return 'Stored by Berth';
  return `Docker CLI (${login.store ?? 'config.json'})`;
}

/**
 * Registry logins: who Berth is logged in as where, from Berth's own encrypted store or the docker CLI's config.
 * Logging in checks the password with the registry before it is stored; the password field is cleared as soon
 * as it was sent and is never shown again.
 */
export function RegistriesModal({ opened, onClose, host }: RegistriesModalProps) {
  const { engineId, setEngineId } = useHostChoice(host, opened);
  const { phase, list, error } = useRegistries();
  const { login, logout, refresh } = useRegistryActions();
  const [registry, setRegistry] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<IpcError | undefined>();
  const [done, setDone] = useState<RegistryLogin | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setFailure(undefined);
    setDone(undefined);
    setPassword('');
    void refresh();
  }, [opened, refresh]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (username.trim() === '' || password === '') return;
    const secret = password;
    // The password is not kept in the form once it has been handed to main.
    setPassword('');
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    try {
      setDone(
        await login({ engineId, registry: registry.trim(), username: username.trim(), password: secret }),
      );
    } catch (caught) {
      setFailure(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  const logins = list?.logins ?? [];

  return (
    <Modal opened={opened} onClose={onClose} title="Registries" size="lg" data-testid="registries-modal">
      <Stack gap="md">
        {phase === 'failed' && error !== undefined && <Alert color="red">{error.message}</Alert>}
        {logins.length === 0 ? (
          <Text size="sm" c="dimmed">
            {phase === 'ready' ? 'No registry logins yet.' : 'Loading…'}
          </Text>
        ) : (
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
                    {entry.source === 'berth' ? (
                      <Tooltip label="Log out">
                        <ActionIcon
                          aria-label={`Log out of ${registryName(entry.registry)}`}
                          onClick={() => void logout(entry.registry)}
                        >
                          <IconLogout size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    ) : (
                      <Tooltip label={`docker logout ${entry.registry === DOCKER_HUB ? '' : entry.registry}`}>
                        <Text size="xs" c="dimmed">
                          via the CLI
                        </Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {list?.dockerConfigProblem !== undefined && (
          <Alert color="yellow" title="The docker CLI's credentials could not be read">
            {list.dockerConfigProblem}
          </Alert>
        )}

        <Title order={4}>Log in</Title>
        {list !== undefined && !list.canStoreSecrets ? (
          <Alert color="orange" title="Berth cannot store passwords here" data-testid="no-keyring">
            {list.storageProblem}
          </Alert>
        ) : (
          <form onSubmit={(event) => void submit(event)} noValidate>
            <Stack gap="sm">
              <HostPicker
                choice={host}
                value={engineId}
                onChange={setEngineId}
                description="Its daemon checks the login with the registry"
              />
              <TextInput
                label="Registry"
                placeholder="registry.example.com:5000 (empty for Docker Hub)"
                value={registry}
                onChange={(event) => setRegistry(event.currentTarget.value)}
                autoComplete="off"
                spellCheck={false}
              />
              <TextInput
                label="User name"
                value={username}
                onChange={(event) => setUsername(event.currentTarget.value)}
                autoComplete="username"
                spellCheck={false}
              />
              <PasswordInput
                label="Password or access token"
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                autoComplete="current-password"
              />
              <Text size="xs" c="dimmed">
                Berth checks the login with the registry, then keeps it encrypted with your system keyring. It
                is used for pulls and pushes and never shown again.
              </Text>
              {failure !== undefined && (
                <Alert
                  color="red"
                  title="Login failed"
                  data-testid="login-error"
                  data-error-code={failure.code}
                >
                  {failure.message}
                </Alert>
              )}
              {done !== undefined && (
                <Alert color="green" data-testid="login-done">
                  Logged in to {registryName(done.registry)} as {done.username}.
                </Alert>
              )}
              <Group justify="flex-end">
                <Button type="submit" loading={busy} disabled={username.trim() === '' || password === ''}>
                  Log in
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Modal>
  );
}
