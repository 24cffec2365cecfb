import { Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';

import type { EngineId, SwarmService, SwarmTask } from '../../../electron/common/bridge';
import { isTerminalTaskState } from '../../../electron/common/bridge';
import layout from '../../styles/page.module.css';
import { portsText } from './ServicesTab';
import { useStoreValue, useSwarmStore } from './use-swarm';

/** Running tasks first, then the newest. */
function orderTasks(tasks: readonly SwarmTask[]): SwarmTask[] {
  return [...tasks].sort(
    (a, b) =>
      Number(isTerminalTaskState(a.state)) - Number(isTerminalTaskState(b.state)) ||
      (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''),
  );
}

/** A service's summary and its tasks (node, state, error, exit code), live. */
export function ServiceTasks({ engineId, service }: { engineId: EngineId; service: SwarmService }) {
  const store = useSwarmStore(engineId);
  const tasks = useStoreValue(store.tasks);
  const nodes = useStoreValue(store.nodes);
  const hostname = useMemo(() => {
    const names = new Map((nodes.snapshot?.items ?? []).map((node) => [node.id, node.hostname]));
    return (id: string | undefined) => (id === undefined ? '' : (names.get(id) ?? id.slice(0, 12)));
  }, [nodes.snapshot]);
  const own = useMemo(
    () => orderTasks((tasks.snapshot?.items ?? []).filter((task) => task.serviceId === service.id)),
    [tasks.snapshot, service.id],
  );
  return (
    <Stack gap="sm">
      <Text size="sm">
        {service.mode} · {service.running}/{service.desired} running ·{' '}
        <span className={layout.mono}>{service.image}</span>
      </Text>
      {service.ports.length > 0 && <Text size="sm">Ports: {portsText(service.ports)}</Text>}
      {service.updateStatus !== undefined && (
        <Text size="sm">
          Update: {service.updateStatus.state.replace('_', ' ')}
          {service.updateStatus.message !== undefined && ` — ${service.updateStatus.message}`}
        </Text>
      )}
      <Text fw={500}>Tasks</Text>
      {tasks.snapshot === undefined ? (
        <Text size="sm" c="dimmed">
          Loading tasks…
        </Text>
      ) : (
        <Table striped data-testid="task-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Task</Table.Th>
              <Table.Th>Node</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Error</Table.Th>
              <Table.Th>Exit</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {own.map((task) => (
              <Table.Tr key={task.id} data-testid="task-row" data-state={task.state}>
                <Table.Td>{`${service.name}.${task.slot ?? task.nodeId?.slice(0, 12) ?? ''}`}</Table.Td>
                <Table.Td>{hostname(task.nodeId)}</Table.Td>
                <Table.Td title={task.message}>
                  {task.state}
                  {task.desiredState !== task.state && ` → ${task.desiredState}`}
                </Table.Td>
                <Table.Td>{task.error ?? ''}</Table.Td>
                <Table.Td>{isTerminalTaskState(task.state) ? (task.exitCode ?? '') : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
