import {
  type EngineId,
  ErrorCode,
  IpcError,
  STACK_NAMESPACE_LABEL,
  type SwarmObject,
  type SwarmObjectList,
  type SwarmObjectsChange,
  type SwarmService,
  type SwarmServiceList,
  type SwarmServicesChange,
  type SwarmStack,
  type SwarmTask,
  type SwarmTaskList,
  type SwarmTasksChange,
} from '../../../common';
import type {
  SwarmCreateObjectRequest,
  SwarmCreateServiceRequest,
  SwarmUpdateServiceRequest,
} from '../../../common/ipc/swarm/contract';
import type { EngineRegistry } from '../engine/engine-registry';
import type { DockerEvent } from '../engine/events';
import { record, text } from '../engine/readers';
import { RevisionedList } from '../lists/revisioned-list';
import { Convergence } from './convergence';
import { toSwarmObject, toSwarmService, toSwarmStacks, toSwarmTask, versionOf } from './mappers';
import { serviceSpec, updatedSpec } from './service-spec';
import { swarmRequest, writeWithVersion } from './swarm-requests';
import type { SwarmServiceOptions } from './swarm-service';

/** A container event of a swarm task (on the node Berth is connected to). */
function isTaskContainerEvent(event: DockerEvent): boolean {
  return event.type === 'container' && event.attributes['com.docker.swarm.service.id'] !== undefined;
}

const path = (kind: SwarmObject['kind']): string => (kind === 'secret' ? '/secrets' : '/configs');

/**
 * Services, their tasks, stacks, secrets and configs of the swarm a manager host belongs to, live: `service`,
 * `secret` and `config` events (and task containers' events) refresh the lists, and while a service converges —
 * a rolling update, a scale — its tasks are refreshed in a bounded follow-up (the daemon sends no task events;
 * see {@link Convergence}). Service updates send the version index they read and retry once when it is stale.
 */
export class SwarmWorkloads {
  private readonly services: RevisionedList<SwarmService, unknown>;
  private readonly tasks: RevisionedList<SwarmTask, unknown>;
  private readonly objects: RevisionedList<SwarmObject, { kind: 'secret' | 'config'; raw: unknown }>;
  private readonly convergence: Convergence;
  /** Engines whose services were listed: managers someone looks at. */
  private readonly managed = new Set<EngineId>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly options: SwarmServiceOptions = {},
  ) {
    this.services = new RevisionedList(
      engines,
      {
        name: 'swarm services',
        affects: (event) => event.type === 'service',
        keyOf: (service) => service.id,
        fetch: (engineId) =>
          swarmRequest<unknown[]>(engines, engineId, {
            method: 'GET',
            path: '/services',
            query: { status: true },
          }),
        row: toSwarmService,
      },
      options,
    );
    this.tasks = new RevisionedList(
      engines,
      {
        name: 'swarm tasks',
        affects: (event) => event.type === 'service' || event.type === 'node',
        keyOf: (task) => task.id,
        fetch: (engineId) => swarmRequest<unknown[]>(engines, engineId, { method: 'GET', path: '/tasks' }),
        row: toSwarmTask,
      },
      options,
    );
    this.objects = new RevisionedList(
      engines,
      {
        name: 'swarm secrets and configs',
        affects: (event) => event.type === 'secret' || event.type === 'config',
        keyOf: (object) => object.id,
        fetch: async (engineId) => {
          const [secrets, configs] = await Promise.all([
            swarmRequest<unknown[]>(engines, engineId, { method: 'GET', path: '/secrets' }),
            swarmRequest<unknown[]>(engines, engineId, { method: 'GET', path: '/configs' }),
          ]);
          return [
            ...secrets.map((raw) => ({ kind: 'secret' as const, raw })),
            ...configs.map((raw) => ({ kind: 'config' as const, raw })),
          ];
        },
        row: (engineId, item) => toSwarmObject(engineId, item.kind, item.raw),
      },
      options,
    );
    this.convergence = new Convergence({
      converged: (engineId) => this.services.cached(engineId).every(isSettled),
      refresh: async (engineId) => {
        await Promise.all([this.services.refreshNow(engineId), this.tasks.refreshNow(engineId)]);
      },
      logger: options.logger,
    });
    // Only engines listed as managers are followed: a worker runs task containers too, but answers no list.
    this.unsubscribe = engines.onEvent((engineId, event) => {
      if (!this.managed.has(engineId)) return;
      if (event.type === 'service' || isTaskContainerEvent(event)) this.convergence.follow(engineId);
    });
  }

  async listServices(engineId: EngineId): Promise<SwarmServiceList> {
    const list = await this.services.list(engineId);
    this.managed.add(engineId);
    return list;
  }

  listTasks(engineId: EngineId): Promise<SwarmTaskList> {
    return this.tasks.list(engineId);
  }

  listObjects(engineId: EngineId): Promise<SwarmObjectList> {
    return this.objects.list(engineId);
  }

  async stacks(engineId: EngineId): Promise<SwarmStack[]> {
    return toSwarmStacks(engineId, (await this.services.list(engineId)).items);
  }

  onServicesChanged(listener: (change: SwarmServicesChange) => void): () => void {
    return this.services.onChanged(listener);
  }

  onTasksChanged(listener: (change: SwarmTasksChange) => void): () => void {
    return this.tasks.onChanged(listener);
  }

  onObjectsChanged(listener: (change: SwarmObjectsChange) => void): () => void {
    return this.objects.onChanged(listener);
  }

  /** Creates a service; secrets and configs are named, and found by name here (the API wants their ids). */
  async createService(request: SwarmCreateServiceRequest): Promise<SwarmService> {
    const objects = await this.objectsByName(request.engineId, request.secrets, request.configs);
    const created = await swarmRequest<{ ID?: string }>(this.engines, request.engineId, {
      method: 'POST',
      path: '/services/create',
      body: serviceSpec(request, objects),
    });
    return this.settle(request.engineId, text(created.ID));
  }

  /** Image, environment, replicas or a forced redeploy: one rolling update, sent with the current version. */
  async updateService(request: SwarmUpdateServiceRequest): Promise<SwarmService> {
    const { engineId, id } = request;
    const current = await writeWithVersion(
      `Service ${id}`,
      () => this.inspectService(engineId, id),
      async (service) => {
        const spec = updatedSpec(record(record(service).Spec), request);
        if (request.replicas !== undefined && spec === undefined) {
          throw new IpcError(ErrorCode.Validation, `${id} is a global service: it has no replica count.`);
        }
        await swarmRequest(this.engines, engineId, {
          method: 'POST',
          path: `/services/${encodeURIComponent(id)}/update`,
          query: { version: versionOf(service) },
          body: spec ?? {},
        });
      },
      this.options.beforeWrite,
    );
    return this.settle(engineId, text(record(current).ID));
  }

  /** Back to the previous spec (`rollback=previous`; the daemon ignores the body then). */
  async rollbackService(engineId: EngineId, id: string): Promise<SwarmService> {
    const current = await writeWithVersion(
      `Service ${id}`,
      () => this.inspectService(engineId, id),
      async (service) => {
        if (record(service).PreviousSpec === undefined) {
          throw new IpcError(ErrorCode.Conflict, `${id} has no previous version to roll back to.`);
        }
        await swarmRequest(this.engines, engineId, {
          method: 'POST',
          path: `/services/${encodeURIComponent(id)}/update`,
          query: { version: versionOf(service), rollback: 'previous' },
          body: record(record(service).Spec),
        });
      },
      this.options.beforeWrite,
    );
    return this.settle(engineId, text(record(current).ID));
  }

  async removeService(engineId: EngineId, id: string): Promise<void> {
    await swarmRequest(this.engines, engineId, {
      method: 'DELETE',
      path: `/services/${encodeURIComponent(id)}`,
    });
    await Promise.all([this.services.refreshNow(engineId), this.tasks.refreshNow(engineId)]);
    this.convergence.follow(engineId);
  }

  /**
   * Removes a stack as `docker stack rm` does: its services, then its secrets and configs (networks go once
   * their tasks are gone; the daemon refuses to remove them before, so they are left to the user's prune).
   */
  async removeStack(engineId: EngineId, name: string): Promise<void> {
    const services = (await this.services.refreshNow(engineId)).items.filter(
      (service) => service.stack === name,
    );
    const objects = (await this.objects.refreshNow(engineId)).items.filter((object) => object.stack === name);
    if (services.length === 0 && objects.length === 0) {
      throw new IpcError(
        ErrorCode.NotFound,
        `No stack named ${name} (no service carries ${STACK_NAMESPACE_LABEL}=${name}).`,
      );
    }
    for (const service of services) await this.removeService(engineId, service.id);
    for (const object of objects) await this.removeObject(engineId, object.kind, object.id);
  }

  /**
   * Creates a secret or a config. The value goes to the daemon once, base64 in the body, and nowhere else:
   * Berth does not log, keep or return it, and Docker never gives a secret's value back.
   */
  async createObject(request: SwarmCreateObjectRequest): Promise<SwarmObject> {
    const created = await swarmRequest<{ ID?: string }>(this.engines, request.engineId, {
      method: 'POST',
      path: `${path(request.kind)}/create`,
      body: {
        Name: request.name,
        Labels: request.labels ?? {},
        Data: Buffer.from(request.value, 'utf8').toString('base64'),
      },
    });
    const id = text(created.ID);
    const object = (await this.objects.refreshNow(request.engineId)).items.find((item) => item.id === id);
    if (!object)
      throw new IpcError(ErrorCode.Internal, `The daemon created ${request.name} but does not list it.`);
    return object;
  }

  async removeObject(engineId: EngineId, kind: SwarmObject['kind'], id: string): Promise<void> {
    await swarmRequest(this.engines, engineId, {
      method: 'DELETE',
      path: `${path(kind)}/${encodeURIComponent(id)}`,
    });
    await this.objects.refreshNow(engineId);
  }

  dispose(): void {
    this.unsubscribe();
    this.convergence.dispose();
    this.services.dispose();
    this.tasks.dispose();
    this.objects.dispose();
  }

  private inspectService(engineId: EngineId, id: string): Promise<unknown> {
    return swarmRequest<unknown>(this.engines, engineId, {
      method: 'GET',
      path: `/services/${encodeURIComponent(id)}`,
    });
  }

  /** The lists after a change of ours, and the follow-up that tracks the tasks until the service converges. */
  private async settle(engineId: EngineId, id: string): Promise<SwarmService> {
    const [services] = await Promise.all([
      this.services.refreshNow(engineId),
      this.tasks.refreshNow(engineId),
    ]);
    this.convergence.follow(engineId);
    const service = services.items.find((item) => item.id === id || item.name === id);
    if (!service) throw new IpcError(ErrorCode.NotFound, `No such service: ${id}`);
    return service;
  }

  private async objectsByName(
    engineId: EngineId,
    secrets: readonly string[] = [],
    configs: readonly string[] = [],
  ): Promise<{ secrets: SwarmObject[]; configs: SwarmObject[] }> {
    if (secrets.length === 0 && configs.length === 0) return { secrets: [], configs: [] };
    const { items } = await this.objects.refreshNow(engineId);
    const find = (kind: SwarmObject['kind'], name: string): SwarmObject => {
      const object = items.find((item) => item.kind === kind && item.name === name);
      if (!object) throw new IpcError(ErrorCode.NotFound, `No ${kind} named ${name}.`);
      return object;
    };
    return {
      secrets: secrets.map((name) => find('secret', name)),
      configs: configs.map((name) => find('config', name)),
    };
  }
}

/** Nothing to follow: the tasks match the replicas asked for and no update or rollback is under way. */
function isSettled(service: SwarmService): boolean {
  const updating =
    service.updateStatus?.state === 'updating' || service.updateStatus?.state === 'rollback_started';
  return !updating && service.running === service.desired;
}
