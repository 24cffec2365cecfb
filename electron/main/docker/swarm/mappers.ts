import {
  type EngineId,
  STACK_NAMESPACE_LABEL,
  type SwarmLocalState,
  type SwarmNode,
  type SwarmObject,
  type SwarmPort,
  type SwarmService,
  type SwarmServiceMode,
  type SwarmStack,
  type SwarmState,
  type SwarmTask,
} from '../../../common';
import { count, list, num, objectOrUndefined, record, stringMap, strings, text } from '../engine/readers';

const localStates: readonly SwarmLocalState[] = ['inactive', 'pending', 'active', 'error', 'locked'];

/** `Info.Swarm` of `/info`. */
export function toSwarmState(engineId: EngineId, info: unknown): SwarmState {
  const swarm = record(record(info).Swarm);
  const raw = text(swarm.LocalNodeState, 'inactive');
  const localState = (localStates as readonly string[]).includes(raw) ? (raw as SwarmLocalState) : 'inactive';
  const cluster = objectOrUndefined(swarm.Cluster);
  const state: SwarmState = {
    engineId,
    localState,
    controlAvailable: swarm.ControlAvailable === true,
    remoteManagers: list(swarm.RemoteManagers).map((entry) => ({
      nodeId: text(record(entry).NodeID),
      address: text(record(entry).Addr),
    })),
  };
  if (text(swarm.NodeID) !== '') state.nodeId = text(swarm.NodeID);
  if (text(swarm.NodeAddr) !== '') state.nodeAddress = text(swarm.NodeAddr);
  if (cluster && text(cluster.ID) !== '') state.clusterId = text(cluster.ID);
  if (count(swarm.Managers) !== undefined && localState === 'active') state.managers = count(swarm.Managers);
  if (count(swarm.Nodes) !== undefined && localState === 'active') state.nodes = count(swarm.Nodes);
  if (text(swarm.Error) !== '') state.error = text(swarm.Error);
  return state;
}

export function versionOf(value: unknown): number {
  return num(record(record(value).Version).Index);
}

/** One `/nodes` entry; `selfId` is the node the host itself is. */
export function toSwarmNode(engineId: EngineId, raw: unknown, selfId: string | undefined): SwarmNode {
  const node = record(raw);
  const spec = record(node.Spec);
  const description = record(node.Description);
  const resources = record(description.Resources);
  const status = record(node.Status);
  const manager = objectOrUndefined(node.ManagerStatus);
  const id = text(node.ID);
  const result: SwarmNode = {
    engineId,
    id,
    version: versionOf(node),
    hostname: text(description.Hostname),
    role: text(spec.Role) === 'manager' ? 'manager' : 'worker',
    availability:
      text(spec.Availability) === 'drain'
        ? 'drain'
        : text(spec.Availability) === 'pause'
          ? 'pause'
          : 'active',
    status: text(status.State, 'unknown'),
    labels: stringMap(spec.Labels),
    self: selfId !== undefined && id === selfId,
  };
  if (text(status.Message) !== '') result.statusMessage = text(status.Message);
  if (text(status.Addr) !== '') result.address = text(status.Addr);
  if (manager) {
    result.managerStatus = {
      leader: manager.Leader === true,
      reachability: text(manager.Reachability, 'unknown'),
      ...(text(manager.Addr) !== '' ? { address: text(manager.Addr) } : {}),
    };
  }
  const engineVersion = text(record(description.Engine).EngineVersion);
  if (engineVersion !== '') result.engineVersion = engineVersion;
  if (count(resources.NanoCPUs) !== undefined) result.nanoCpus = count(resources.NanoCPUs);
  if (count(resources.MemoryBytes) !== undefined) result.memoryBytes = count(resources.MemoryBytes);
  const platform = record(description.Platform);
  if (text(platform.OS) !== '') result.os = text(platform.OS);
  if (text(platform.Architecture) !== '') result.architecture = text(platform.Architecture);
  return result;
}

/** `busybox:latest@sha256:…` → `busybox:latest` (the manager pins digests it could resolve). */
export function withoutDigest(image: string): string {
  const at = image.indexOf('@');
  return at > 0 ? image.slice(0, at) : image;
}

function modeOf(mode: Record<string, unknown>): SwarmServiceMode {
  if (objectOrUndefined(mode.Global)) return 'global';
  if (objectOrUndefined(mode.ReplicatedJob)) return 'replicated-job';
  if (objectOrUndefined(mode.GlobalJob)) return 'global-job';
  return 'replicated';
}

function portsOf(service: Record<string, unknown>): SwarmPort[] {
  const fromEndpoint = list(record(service.Endpoint).Ports);
  const source =
    fromEndpoint.length > 0 ? fromEndpoint : list(record(record(service.Spec).EndpointSpec).Ports);
  return source.map((entry) => {
    const port = record(entry);
    const result: SwarmPort = { protocol: text(port.Protocol, 'tcp'), targetPort: num(port.TargetPort) };
    if (count(port.PublishedPort)) result.publishedPort = count(port.PublishedPort);
    if (text(port.PublishMode) !== '') result.publishMode = text(port.PublishMode);
    return result;
  });
}

/** One entry of `/services?status=true`. */
export function toSwarmService(engineId: EngineId, raw: unknown): SwarmService {
  const service = record(raw);
  const spec = record(service.Spec);
  const container = record(record(spec.TaskTemplate).ContainerSpec);
  const mode = record(spec.Mode);
  const status = record(service.ServiceStatus);
  const labels = stringMap(spec.Labels);
  const result: SwarmService = {
    engineId,
    id: text(service.ID),
    version: versionOf(service),
    name: text(spec.Name),
    image: withoutDigest(text(container.Image)),
    mode: modeOf(mode),
    running: num(status.RunningTasks),
    desired: num(status.DesiredTasks),
    ports: portsOf(service),
    labels,
    envNames: strings(container.Env).map((line) => line.split('=', 1)[0] ?? line),
    command: [...strings(container.Command), ...strings(container.Args)],
    canRollback: objectOrUndefined(service.PreviousSpec) !== undefined,
  };
  const replicas = count(record(mode.Replicated).Replicas);
  if (result.mode === 'replicated') result.replicas = replicas ?? 1;
  const update = objectOrUndefined(service.UpdateStatus);
  if (update && text(update.State) !== '') {
    result.updateStatus = {
      state: text(update.State),
      ...(text(update.Message) !== '' ? { message: text(update.Message) } : {}),
      ...(text(update.StartedAt) !== '' ? { startedAt: text(update.StartedAt) } : {}),
      ...(text(update.CompletedAt) !== '' ? { completedAt: text(update.CompletedAt) } : {}),
    };
  }
  if (labels[STACK_NAMESPACE_LABEL]) result.stack = labels[STACK_NAMESPACE_LABEL];
  if (text(service.CreatedAt) !== '') result.createdAt = text(service.CreatedAt);
  if (text(service.UpdatedAt) !== '') result.updatedAt = text(service.UpdatedAt);
  return result;
}

/** One `/tasks` entry. */
export function toSwarmTask(engineId: EngineId, raw: unknown): SwarmTask {
  const task = record(raw);
  const status = record(task.Status);
  const containerStatus = record(status.ContainerStatus);
  const result: SwarmTask = {
    engineId,
    id: text(task.ID),
    serviceId: text(task.ServiceID),
    desiredState: text(task.DesiredState),
    state: text(status.State, 'unknown'),
  };
  if (count(task.Slot)) result.slot = count(task.Slot);
  if (text(task.NodeID) !== '') result.nodeId = text(task.NodeID);
  if (text(status.Message) !== '') result.message = text(status.Message);
  if (text(status.Err) !== '') result.error = text(status.Err);
  if (typeof containerStatus.ExitCode === 'number') result.exitCode = containerStatus.ExitCode;
  if (text(containerStatus.ContainerID) !== '') result.containerId = text(containerStatus.ContainerID);
  const image = text(record(record(task.Spec).ContainerSpec).Image);
  if (image !== '') result.image = withoutDigest(image);
  if (text(task.UpdatedAt) !== '') result.updatedAt = text(task.UpdatedAt);
  return result;
}

/** One `/secrets` or `/configs` entry: only metadata (the daemon never returns a secret's data). */
export function toSwarmObject(engineId: EngineId, kind: SwarmObject['kind'], raw: unknown): SwarmObject {
  const object = record(raw);
  const spec = record(object.Spec);
  const labels = stringMap(spec.Labels);
  const result: SwarmObject = {
    engineId,
    kind,
    id: text(object.ID),
    version: versionOf(object),
    name: text(spec.Name),
    labels,
  };
  if (text(object.CreatedAt) !== '') result.createdAt = text(object.CreatedAt);
  if (text(object.UpdatedAt) !== '') result.updatedAt = text(object.UpdatedAt);
  if (labels[STACK_NAMESPACE_LABEL]) result.stack = labels[STACK_NAMESPACE_LABEL];
  return result;
}

/** Stacks as `docker stack ls` shows them: the namespaces of the services, in name order. */
export function toSwarmStacks(engineId: EngineId, services: readonly SwarmService[]): SwarmStack[] {
  const stacks = new Map<string, SwarmStack>();
  for (const service of services) {
    if (service.stack === undefined) continue;
    const stack = stacks.get(service.stack) ?? {
      engineId,
      name: service.stack,
      services: 0,
      running: 0,
      desired: 0,
    };
    stack.services += 1;
    stack.running += service.running;
    stack.desired += service.desired;
    stacks.set(service.stack, stack);
  }
  return [...stacks.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
