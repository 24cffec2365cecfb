import type { EngineId } from '../../../common';
import type { EngineRegistry } from '../engine/engine-registry';
import { num, record, text } from '../engine/readers';
import { swarmRequest } from './swarm-requests';

/** How a service's log lines are read: its TTY setting, and the `name.slot@node` prefix for each line. */
export interface ServiceLogSource {
  tty: boolean;
  /** The line's text with its details replaced by `name.slot@node | `. */
  prefix: (text: string) => string;
}

/** `com.docker.swarm.node.id=…,com.docker.swarm.service.id=…,com.docker.swarm.task.id=… ` (`details=true`). */
const DETAILS = /^((?:[a-zA-Z0-9._-]+=[^,\s]*,?)+) /;

/**
 * Reads what a service's merged log needs: whether it has a TTY (raw vs multiplexed output) and, to prefix every
 * line as `docker service logs` does (`name.slot@node`), its tasks' slots and the nodes' hostnames. A task that
 * starts after the log was opened is named by its short id.
 */
export async function serviceLogSource(
  engines: EngineRegistry,
  engineId: EngineId,
  serviceId: string,
): Promise<ServiceLogSource> {
  const [service, tasks, nodes] = await Promise.all([
    swarmRequest<unknown>(engines, engineId, {
      method: 'GET',
      path: `/services/${encodeURIComponent(serviceId)}`,
    }),
    swarmRequest<unknown[]>(engines, engineId, {
      method: 'GET',
      path: '/tasks',
      query: { filters: JSON.stringify({ service: [serviceId] }) },
    }),
    swarmRequest<unknown[]>(engines, engineId, { method: 'GET', path: '/nodes' }),
  ]);
  const spec = record(record(service).Spec);
  const name = text(spec.Name, serviceId);
  const slots = new Map(tasks.map((task) => [text(record(task).ID), num(record(task).Slot)]));
  const hostnames = new Map(
    nodes.map((node) => [text(record(node).ID), text(record(record(node).Description).Hostname)]),
  );
  return {
    tty: record(record(spec.TaskTemplate).ContainerSpec).TTY === true,
    prefix: (line) => {
      const match = DETAILS.exec(line);
      if (!match) return line;
      const details = new Map(
        (match[1] ?? '').split(',').map((pair) => pair.split('=', 2) as [string, string]),
      );
      const taskId = details.get('com.docker.swarm.task.id') ?? '';
      const nodeId = details.get('com.docker.swarm.node.id') ?? '';
      const slot = slots.get(taskId);
      const task = slot !== undefined && slot > 0 ? String(slot) : taskId.slice(0, 12);
      const node = hostnames.get(nodeId) || nodeId.slice(0, 12);
      return `${name}.${task}@${node} | ${line.slice(match[0].length)}`;
    },
  };
}
