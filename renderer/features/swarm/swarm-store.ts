import {
  type BerthApi,
  type EngineId,
  type InvokeArgs,
  type IpcChannel,
  type IpcError,
  IpcEvent,
  type SwarmNode,
  type SwarmObject,
  type SwarmService,
  type SwarmStack,
  type SwarmState,
  type SwarmTask,
} from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { createExternalStore, type ExternalStore } from '../../stores/external-store';
import type { ReportError } from '../../stores/report-error';
import { createRevisionedListStore, type RevisionedListState } from '../../stores/revisioned-list';

type SwarmInitRequest = InvokeArgs<typeof IpcChannel.SwarmInit>[0];
type SwarmJoinRequest = InvokeArgs<typeof IpcChannel.SwarmJoin>[0];
type SwarmUpdateNodeRequest = InvokeArgs<typeof IpcChannel.SwarmUpdateNode>[0];

/** The host's place in a swarm (`swarm:state`), read when the page shows and after init/join/leave. */
export interface SwarmStateView {
  phase: 'loading' | 'ready' | 'failed';
  state?: SwarmState;
  error?: IpcError;
}

type ListOf<T> = ExternalStore<RevisionedListState<T>> & { refresh: () => Promise<void> };

/** One host's swarm: its state, and (on a manager) its nodes, services, tasks, secrets and configs, live. */
export interface SwarmStore {
  state: ExternalStore<SwarmStateView>;
  nodes: ListOf<SwarmNode>;
  services: ListOf<SwarmService>;
  tasks: ListOf<SwarmTask>;
  objects: ListOf<SwarmObject>;
  /** Ids whose action is under way (their buttons wait). */
  pending: ExternalStore<ReadonlySet<string>>;
  refreshState: () => Promise<void>;
  /** Throw `IpcError` so the form can say why. */
  init: (request: Omit<SwarmInitRequest, 'engineId'>) => Promise<void>;
  join: (request: Omit<SwarmJoinRequest, 'engineId'>) => Promise<void>;
  leave: (force: boolean) => Promise<void>;
  stacks: () => Promise<SwarmStack[]>;
  createObject: (kind: 'secret' | 'config', name: string, value: string) => Promise<void>;
  /** These report their failure and resolve whether it worked. */
  updateNode: (node: SwarmNode, change: Omit<SwarmUpdateNodeRequest, 'engineId' | 'id'>) => Promise<boolean>;
  scaleService: (service: SwarmService, replicas: number) => Promise<boolean>;
  removeService: (service: SwarmService) => Promise<boolean>;
  removeObject: (object: SwarmObject) => Promise<boolean>;
  removeStack: (name: string) => Promise<boolean>;
  dispose: () => void;
}

const thrown = (error: unknown): never => {
  throw toIpcError(error);
};

/** Builds the swarm store of one engine over `swarm:*` and the four `swarm:*Changed` events. */
export function createSwarmStore(api: BerthApi, engineId: EngineId, reportError: ReportError): SwarmStore {
  let disposed = false;
  const state = createExternalStore<SwarmStateView>({ phase: 'loading' }, () => void refreshState());
  const pending = createExternalStore<ReadonlySet<string>>(new Set());
  const nodes = createRevisionedListStore<SwarmNode>({
    engineId,
    list: () => api.swarm.nodes(engineId),
    subscribe: (listener) => api.events.on(IpcEvent.SwarmNodesChanged, listener),
    keyOf: (node) => node.id,
  });
  const services = createRevisionedListStore<SwarmService>({
    engineId,
    list: () => api.swarm.services(engineId),
    subscribe: (listener) => api.events.on(IpcEvent.SwarmServicesChanged, listener),
    keyOf: (service) => service.id,
  });
  const tasks = createRevisionedListStore<SwarmTask>({
    engineId,
    list: () => api.swarm.tasks(engineId),
    subscribe: (listener) => api.events.on(IpcEvent.SwarmTasksChanged, listener),
    keyOf: (task) => task.id,
  });
  const objects = createRevisionedListStore<SwarmObject>({
    engineId,
    list: () => api.swarm.objects(engineId),
    subscribe: (listener) => api.events.on(IpcEvent.SwarmObjectsChanged, listener),
    keyOf: (object) => `${object.kind}:${object.id}`,
  });

  async function refreshState(): Promise<void> {
    try {
      const next = await api.swarm.state(engineId);
      if (!disposed) state.set({ phase: 'ready', state: next });
    } catch (error) {
      if (!disposed) state.update((current) => ({ ...current, phase: 'failed', error: toIpcError(error) }));
    }
  }

  /** Runs an action with `id` pending; a failure is reported under `title`. */
  async function act(id: string, title: string, call: () => Promise<unknown>): Promise<boolean> {
    pending.update((current) => new Set([...current, id]));
    try {
      await call();
      return true;
    } catch (error) {
      if (!disposed) reportError(toIpcError(error), title);
      return false;
    } finally {
      if (!disposed)
        pending.update((current) => new Set([...current].filter((candidate) => candidate !== id)));
    }
  }

  const changeState = async (call: () => Promise<SwarmState>): Promise<void> => {
    const next = await call().catch(thrown);
    if (!disposed) state.set({ phase: 'ready', state: next });
  };

  return {
    state,
    nodes,
    services,
    tasks,
    objects,
    pending,
    refreshState,
    init: (request) => changeState(() => api.swarm.init({ ...request, engineId })),
    join: (request) => changeState(() => api.swarm.join({ ...request, engineId })),
    leave: (force) => changeState(() => api.swarm.leave({ engineId, force })),
    stacks: () => api.swarm.stacks(engineId).catch(thrown),
    async createObject(kind, name, value) {
      await api.swarm.createObject({ engineId, kind, name, value }).catch(thrown);
    },
    updateNode: (node, change) =>
      act(node.id, `Could not update node ${node.hostname}`, () =>
        api.swarm.updateNode({ engineId, id: node.id, ...change }),
      ),
    scaleService: (service, replicas) =>
      act(service.id, `Could not scale ${service.name}`, () =>
        api.swarm.updateService({ engineId, id: service.id, replicas }),
      ),
    removeService: (service) =>
      act(service.id, `Could not remove service ${service.name}`, () =>
        api.swarm.removeService({ engineId, id: service.id }),
      ),
    removeObject: (object) =>
      act(`${object.kind}:${object.id}`, `Could not remove ${object.kind} ${object.name}`, () =>
        api.swarm.removeObject({ engineId, id: object.id, kind: object.kind }),
      ),
    removeStack: (name) =>
      act(`stack:${name}`, `Could not remove stack ${name}`, () => api.swarm.removeStack({ engineId, name })),
    dispose() {
      disposed = true;
      nodes.dispose();
      services.dispose();
      tasks.dispose();
      objects.dispose();
    },
  };
}
