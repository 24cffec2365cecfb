import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  List,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';

import type { EngineId, SwarmState } from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { useSwarmStore } from './use-swarm';

interface HostProps {
  engineId: EngineId;
  hostName: string;
  state: SwarmState;
}

/** A host outside any swarm: start one here, or join one through a manager. */
export function NotInSwarm({ engineId, hostName, state }: HostProps) {
  return (
    <Stack gap="md" data-testid="swarm-inactive">
      <Alert color="gray" title="This host is not part of a swarm">
        {hostName} runs containers on its own. Initialize a swarm to make it the first manager, or join an
        existing swarm with a token from one of its managers.
        {state.localState === 'error' && state.error !== undefined && ` The daemon says: ${state.error}`}
      </Alert>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <InitCard engineId={engineId} />
        <JoinCard engineId={engineId} />
      </SimpleGrid>
    </Stack>
  );
}

function InitCard({ engineId }: { engineId: EngineId }) {
  const store = useSwarmStore(engineId);
  const [advertise, setAdvertise] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await store.init({ advertiseAddress: advertise.trim() });
    } catch (failure) {
      setError(toIpcError(failure).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="form" onSubmit={(event) => (event.preventDefault(), void submit())}>
      <Stack gap="sm">
        <Title order={4}>Initialize a swarm</Title>
        <Text size="sm" c="dimmed">
          This host becomes the swarm’s first manager. Other nodes reach it at the advertise address: use an
          address of this machine they can reach (or its interface name, e.g. eth0), not 127.0.0.1.
        </Text>
        <TextInput
          label="Advertise address"
          placeholder="192.168.1.10 or eth0"
          required
          value={advertise}
          onChange={(event) => setAdvertise(event.currentTarget.value)}
          error={error}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={advertise.trim() === ''}>
            Initialize swarm
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function JoinCard({ engineId }: { engineId: EngineId }) {
  const store = useSwarmStore(engineId);
  const [token, setToken] = useState('');
  const [manager, setManager] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await store.join({ token: token.trim(), managerAddress: manager.trim() });
    } catch (failure) {
      setError(toIpcError(failure).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="form" onSubmit={(event) => (event.preventDefault(), void submit())}>
      <Stack gap="sm">
        <Title order={4}>Join a swarm</Title>
        <Text size="sm" c="dimmed">
          On a manager, <Code>docker swarm join-token worker</Code> (or Berth’s Swarm page of that manager)
          gives the token; it decides whether this host joins as a worker or a manager.
        </Text>
        <TextInput
          label="Join token"
          placeholder="SWMTKN-1-…"
          required
          value={token}
          onChange={(event) => setToken(event.currentTarget.value)}
        />
        <TextInput
          label="Manager address"
          placeholder="192.168.1.10:2377"
          required
          value={manager}
          onChange={(event) => setManager(event.currentTarget.value)}
          error={error}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={token.trim() === '' || manager.trim() === ''}>
            Join swarm
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A worker: the swarm is managed through a manager; name the ones this node knows, and offer to leave. */
export function WorkerHost({ engineId, hostName, state }: HostProps) {
  return (
    <Stack gap="md" data-testid="swarm-worker">
      <Alert color="blue" title={`${hostName} is a worker of a swarm`}>
        Managing a swarm (its nodes, services, secrets) needs a manager: a worker only runs the tasks it is
        given. Add one of its managers as a host in Berth and choose it here.
      </Alert>
      <div>
        <Text fw={500} mb="xs">
          Managers this node knows
        </Text>
        {state.remoteManagers.length === 0 ? (
          <Text c="dimmed" size="sm">
            None known yet.
          </Text>
        ) : (
          <List data-testid="swarm-remote-managers">
            {state.remoteManagers.map((manager) => (
              <List.Item key={manager.nodeId}>
                <Code>{manager.address}</Code>{' '}
                <Text span size="xs" c="dimmed">
                  node {manager.nodeId.slice(0, 12)}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </div>
      <Group>
        <LeaveButton engineId={engineId} manager={false} />
      </Group>
    </Stack>
  );
}

/** Leave the swarm, confirmed; a manager must force it (the last manager leaving ends the swarm). */
export function LeaveButton({ engineId, manager }: { engineId: EngineId; manager: boolean }) {
  const store = useSwarmStore(engineId);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const leave = async () => {
    setBusy(true);
    try {
      await store.leave(manager);
      setOpen(false);
    } catch (failure) {
      setError(toIpcError(failure).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="light" color="red" onClick={() => setOpen(true)}>
        Leave swarm
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Leave the swarm?">
        <Stack gap="sm">
          <Text size="sm">
            {manager
              ? 'This host is a manager: leaving is forced. If it is the last manager, the swarm ends and its services stop; otherwise the remaining managers must still hold a majority.'
              : 'The tasks running here are stopped and rescheduled on other nodes.'}
          </Text>
          {error !== undefined && (
            <Text size="sm" c="red">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button color="red" loading={busy} onClick={() => void leave()}>
              Leave swarm
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
