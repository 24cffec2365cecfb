import type { EngineId } from '../hosts/engine';
import type { ResourceListChange, ResourceListSnapshot } from '../lists/types';

/** `Info.Swarm.LocalNodeState`: where this daemon stands towards a swarm. */
export type SwarmLocalState = 'inactive' | 'pending' | 'active' | 'error' | 'locked';

/** What one host's `/info` says about its swarm: the Swarm page decides from it what to offer. */
export interface SwarmState {
  engineId: EngineId;
  localState: SwarmLocalState;
  /** A manager: every swarm endpoint answers here. A worker (false while active) can only leave. */
  controlAvailable: boolean;
  nodeId?: string;
  /** This node's swarm address (`127.0.0.1`, `10.0.0.5`). */
  nodeAddress?: string;
  clusterId?: string;
  managers?: number;
  nodes?: number;
  /** The managers this node knows (`addr` is `host:port`): what a worker names when asked for management. */
  remoteManagers: Array<{ nodeId: string; address: string }>;
  /** The daemon's words when the local state is `error`. */
  error?: string;
}

export type SwarmNodeRole = 'manager' | 'worker';
export type SwarmNodeAvailability = 'active' | 'pause' | 'drain';

/** One node of the swarm (`/nodes`). */
export interface SwarmNode {
  engineId: EngineId;
  id: string;
  /** `Version.Index`: what an update must send back. */
  version: number;
  hostname: string;
  role: SwarmNodeRole;
  availability: SwarmNodeAvailability;
  /** `ready`, `down`, `unknown`, `disconnected`. */
  status: string;
  statusMessage?: string;
  address?: string;
  /** Managers only: `leader`, or the raft reachability (`reachable`, `unreachable`). */
  managerStatus?: { leader: boolean; reachability: string; address?: string };
  engineVersion?: string;
  nanoCpus?: number;
  memoryBytes?: number;
  os?: string;
  architecture?: string;
  labels: Record<string, string>;
  /** The node Berth asked (the manager the host points at). */
  self: boolean;
}

export type SwarmServiceMode = 'replicated' | 'global' | 'replicated-job' | 'global-job';

export interface SwarmPort {
  protocol: string;
  targetPort: number;
  publishedPort?: number;
  /** `ingress` or `host`. */
  publishMode?: string;
}

/** `UpdateStatus` of a service: a rolling update or rollback in progress or finished. */
export interface SwarmUpdateStatus {
  /** `updating`, `paused`, `completed`, `rollback_started`, `rollback_paused`, `rollback_completed`. */
  state: string;
  message?: string;
  startedAt?: string;
  completedAt?: string;
}

/** One service (`/services?status=true`): running/desired come from the daemon, no task listing needed. */
export interface SwarmService {
  engineId: EngineId;
  id: string;
  version: number;
  name: string;
  /** The image reference without the digest the manager pinned (`busybox:latest`). */
  image: string;
  mode: SwarmServiceMode;
  /** Replicated services: the replicas asked for. */
  replicas?: number;
  running: number;
  desired: number;
  ports: SwarmPort[];
  updateStatus?: SwarmUpdateStatus;
  /** `com.docker.stack.namespace`: the stack it belongs to. */
  stack?: string;
  labels: Record<string, string>;
  /** Names of the environment variables (values stay in main: they often hold secrets). */
  envNames: string[];
  command: string[];
  /** A previous spec exists: rollback is possible. */
  canRollback: boolean;
  createdAt?: string;
  updatedAt?: string;
}

/** One task of a service (`/tasks`). */
export interface SwarmTask {
  engineId: EngineId;
  id: string;
  serviceId: string;
  /** Replicated services number their tasks; global ones have none. */
  slot?: number;
  nodeId?: string;
  /** `running`, `shutdown`, `complete`, … */
  desiredState: string;
  /** `new` … `running`, `complete`, `failed`, `shutdown`, `rejected`, `orphaned`, `remove`. */
  state: string;
  message?: string;
  error?: string;
  exitCode?: number;
  containerId?: string;
  image?: string;
  updatedAt?: string;
}

/** A secret or a config: its value never leaves the daemon (Docker gives no way to read a secret back). */
export interface SwarmObject {
  engineId: EngineId;
  kind: 'secret' | 'config';
  id: string;
  version: number;
  name: string;
  labels: Record<string, string>;
  createdAt?: string;
  updatedAt?: string;
  stack?: string;
}

/** A stack as Docker knows it: services (and secrets, configs, networks) sharing `com.docker.stack.namespace`. */
export interface SwarmStack {
  engineId: EngineId;
  name: string;
  services: number;
  running: number;
  desired: number;
}

/** What a manager shows for adding nodes: the join command needs a token and a manager address. */
export interface SwarmJoinTokens {
  worker: string;
  manager: string;
  /** Addresses a new node can join through (`host:port` of the managers). */
  managerAddresses: string[];
}

export type SwarmNodeList = ResourceListSnapshot<SwarmNode>;
export type SwarmServiceList = ResourceListSnapshot<SwarmService>;
export type SwarmTaskList = ResourceListSnapshot<SwarmTask>;
export type SwarmObjectList = ResourceListSnapshot<SwarmObject>;
export type SwarmNodesChange = ResourceListChange<SwarmNode>;
export type SwarmServicesChange = ResourceListChange<SwarmService>;
export type SwarmTasksChange = ResourceListChange<SwarmTask>;
export type SwarmObjectsChange = ResourceListChange<SwarmObject>;

/** The label `docker stack deploy` puts on everything of a stack. */
export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';

/** A task state that is over for good (the task will not run again). */
export function isTerminalTaskState(state: string): boolean {
  return ['complete', 'failed', 'shutdown', 'rejected', 'orphaned', 'remove'].includes(state);
}
