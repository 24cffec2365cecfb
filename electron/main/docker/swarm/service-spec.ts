import type { SwarmObject } from '../../../common';
import type {
  SwarmCreateServiceRequest,
  SwarmUpdateServiceRequest,
} from '../../../common/ipc/swarm/contract';
import { num, record } from '../engine/readers';

type Spec = Record<string, unknown>;

function secretRefs(objects: readonly SwarmObject[]): Spec[] {
  return objects.map((object) => ({
    SecretID: object.id,
    SecretName: object.name,
    File: { Name: object.name, UID: '0', GID: '0', Mode: 0o444 },
  }));
}

function configRefs(objects: readonly SwarmObject[]): Spec[] {
  return objects.map((object) => ({
    ConfigID: object.id,
    ConfigName: object.name,
    File: { Name: `/${object.name}`, UID: '0', GID: '0', Mode: 0o444 },
  }));
}

/** The `ServiceSpec` of `POST /services/create` for the form's request. */
export function serviceSpec(
  request: SwarmCreateServiceRequest,
  objects: { secrets: readonly SwarmObject[]; configs: readonly SwarmObject[] },
): Spec {
  const container: Spec = { Image: request.image };
  if (request.command !== undefined && request.command.length > 0) container.Args = request.command;
  if (request.env !== undefined) container.Env = request.env;
  if (objects.secrets.length > 0) container.Secrets = secretRefs(objects.secrets);
  if (objects.configs.length > 0) container.Configs = configRefs(objects.configs);
  const template: Spec = { ContainerSpec: container };
  if (request.constraints !== undefined && request.constraints.length > 0) {
    template.Placement = { Constraints: request.constraints };
  }
  if (request.networks !== undefined && request.networks.length > 0) {
    template.Networks = request.networks.map((target) => ({ Target: target }));
  }
  if (request.restartCondition !== undefined)
    template.RestartPolicy = { Condition: request.restartCondition };
  if (request.limits !== undefined) {
    template.Resources = {
      Limits: {
        ...(request.limits.nanoCpus !== undefined ? { NanoCPUs: request.limits.nanoCpus } : {}),
        ...(request.limits.memoryBytes !== undefined ? { MemoryBytes: request.limits.memoryBytes } : {}),
      },
    };
  }
  const spec: Spec = {
    Name: request.name,
    Labels: request.labels ?? {},
    TaskTemplate: template,
    Mode: request.mode === 'global' ? { Global: {} } : { Replicated: { Replicas: request.replicas ?? 1 } },
  };
  if (request.update !== undefined) {
    spec.UpdateConfig = {
      ...(request.update.parallelism !== undefined ? { Parallelism: request.update.parallelism } : {}),
      ...(request.update.delaySeconds !== undefined
        ? { Delay: Math.round(request.update.delaySeconds * 1e9) }
        : {}),
      ...(request.update.failureAction !== undefined ? { FailureAction: request.update.failureAction } : {}),
    };
  }
  if (request.ports !== undefined && request.ports.length > 0) {
    spec.EndpointSpec = {
      Ports: request.ports.map((port) => ({
        Protocol: port.protocol ?? 'tcp',
        TargetPort: port.targetPort,
        ...(port.publishedPort !== undefined ? { PublishedPort: port.publishedPort } : {}),
        PublishMode: port.publishMode ?? 'ingress',
      })),
    };
  }
  return spec;
}

/** `KEY=value` lines with `set` applied (by key, in place or appended) and `remove` taken out. */
export function mergeEnv(
  current: readonly string[],
  set: readonly string[],
  remove: readonly string[],
): string[] {
  const keyOf = (line: string): string => line.split('=', 1)[0] ?? line;
  const removed = new Set(remove);
  const setByKey = new Map(set.map((line) => [keyOf(line), line]));
  const merged = current
    .filter((line) => !removed.has(keyOf(line)))
    .map((line) => setByKey.get(keyOf(line)) ?? line);
  const present = new Set(merged.map(keyOf));
  for (const [key, line] of setByKey) if (!present.has(key) && !removed.has(key)) merged.push(line);
  return merged;
}

/**
 * The current spec with the request's changes (a copy). `undefined` when replicas are asked of a service that
 * is not replicated.
 */
export function updatedSpec(current: Spec, request: SwarmUpdateServiceRequest): Spec | undefined {
  const spec: Spec = structuredClone(current);
  const template = { ...record(spec.TaskTemplate) };
  const container = { ...record(template.ContainerSpec) };
  if (request.image !== undefined) container.Image = request.image;
  if (request.envSet !== undefined || request.envRemove !== undefined) {
    const env = Array.isArray(container.Env) ? (container.Env as string[]) : [];
    container.Env = mergeEnv(env, request.envSet ?? [], request.envRemove ?? []);
  }
  template.ContainerSpec = container;
  if (request.force === true) template.ForceUpdate = num(template.ForceUpdate) + 1;
  spec.TaskTemplate = template;
  if (request.replicas !== undefined) {
    const mode = record(spec.Mode);
    if (mode.Replicated === undefined) return undefined;
    spec.Mode = { Replicated: { ...record(mode.Replicated), Replicas: request.replicas } };
  }
  return spec;
}
