import type { Readable } from 'node:stream';

import type Dockerode from 'dockerode';

import { type EngineId, ErrorCode, IpcError, type OperationSummary } from '../../../common';
import type { RunSpec } from '../../../common/containers/run';
import { runSpecProblems } from '../../../common/containers/run-spec';
import {
  familiarReference,
  familiarRepository,
  type ImageReference,
  parseImageReference,
  withDefaultTag,
} from '../../../common/images/reference';
import type { RegistryAuth } from '../../credentials/registry-auth';
import { classifyFailure, DockerProgressTracker, followDockerProgress } from '../../ops/docker-progress';
import type { OperationContext, OperationRegistry } from '../../ops/operation-registry';
import type { EngineRegistry } from '../engine/engine-registry';
import { nameConflictError } from './container-service';

interface RunServiceOptions {
  /**
   * Credentials for a registry host (`registry.local:5000`, `docker.io`), when the user has some; pulls are
   * anonymous when it is absent or answers `undefined`. The app passes the registry credential store image pulls
   * use (see image-composition.ts), so a login stored in Berth or the docker config serves Run too.
   */
  registryAuth?: (registry: string) => Promise<RegistryAuth | undefined>;
}

/** The body of `POST /containers/create` for a run request (pure, so it can be checked field by field). */
export function toCreateOptions(spec: RunSpec, image: string): Dockerode.ContainerCreateOptions {
  const exposedPorts: Record<string, Record<string, never>> = {};
  const portBindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  const bind = (containerPort: number, protocol: string, hostIp: string, hostPort: string): void => {
    const key = `${containerPort}/${protocol}`;
    exposedPorts[key] = {};
    (portBindings[key] ??= []).push({ HostIp: hostIp, HostPort: hostPort });
  };
  for (const port of spec.ports) {
    const hostIp = port.hostIp ?? '';
    const { containerPort, hostPort } = port;
    if (containerPort.end === undefined) {
      // A host range for one container port lets the daemon pick a free port in it, as `-p 8000-8010:80` does.
      const host =
        hostPort === undefined
          ? ''
          : hostPort.end === undefined
            ? String(hostPort.start)
            : `${hostPort.start}-${hostPort.end}`;
      bind(containerPort.start, port.protocol, hostIp, host);
      continue;
    }
    for (let offset = 0; offset <= containerPort.end - containerPort.start; offset++) {
      bind(
        containerPort.start + offset,
        port.protocol,
        hostIp,
        hostPort === undefined ? '' : String(hostPort.start + offset),
      );
    }
  }
  const mounts = spec.mounts.map((mount) => ({
    Type: mount.type,
    Target: mount.target,
    ReadOnly: mount.readOnly,
    // An empty source on a volume mount asks for an anonymous volume.
    Source: mount.source,
  }));
  const restart = spec.restartPolicy;
  const options: Dockerode.ContainerCreateOptions = {
    Image: image,
    Env: [...spec.env],
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    StdinOnce: false,
    ExposedPorts: exposedPorts,
    HostConfig: {
      PortBindings: portBindings,
      Mounts: mounts,
      RestartPolicy: {
        Name: restart.name,
        MaximumRetryCount: restart.name === 'on-failure' ? (restart.maximumRetryCount ?? 0) : 0,
      },
      AutoRemove: spec.autoRemove,
      ...(spec.network !== undefined ? { NetworkMode: spec.network } : {}),
    },
  };
  if (spec.name !== undefined) options.name = spec.name;
  if (spec.command.length > 0) options.Cmd = [...spec.command];
  return options;
}

/**
 * What went wrong at each step of a run, in words that say what to change. The daemon's text is kept where it
 * is already the best explanation; codes are stable so the dialog can point at the right field.
 */
export function explainRunFailure(
  step: 'pull' | 'create' | 'start',
  error: IpcError,
  spec: RunSpec,
  image: string,
): IpcError {
  const message = error.message;
  if (step === 'pull') {
    // The daemon answers a registry's refusal with HTTP 404 or 500 and says what happened only in words.
    const classified = classifyFailure(message);
    const code = classified !== ErrorCode.Internal ? classified : error.code;
    if (code === ErrorCode.NotFound)
      return new IpcError(code, `The registry has no image ${image}: ${message}`, { cause: error });
    if (code === ErrorCode.Unauthorized) {
      return new IpcError(
        code,
        `The registry refused to let Berth pull ${image} (log in to it first, or check the name): ${message}`,
        { cause: error },
      );
    }
    return new IpcError(code, `Could not pull ${image}: ${message}`, { cause: error });
  }
  if (step === 'create') {
    if (spec.name !== undefined) {
      const conflict = nameConflictError(error, spec.name);
      if (conflict !== undefined) return conflict;
    }
    const missingPath = /bind source path does not exist:\s*(\S+)/i.exec(message);
    if (missingPath !== null) {
      return new IpcError(
        ErrorCode.Validation,
        `The host path ${missingPath[1] ?? ''} does not exist on the engine’s host. Create it first, or mount a named volume instead.`,
        { cause: error },
      );
    }
    if (/invalid mount config|invalid volume specification|mount denied|not a directory/i.test(message))
      return new IpcError(ErrorCode.Validation, `A mount is not valid: ${message}`, { cause: error });
    if (/network .* not found/i.test(message))
      return new IpcError(ErrorCode.NotFound, `${message}. Pick an existing network.`, { cause: error });
    return error;
  }
  const port =
    /Bind for (\S+?):(\d+) failed: port is already allocated/i.exec(message) ??
    /listen (?:tcp|udp|sctp)[46]? (\S+?):(\d+): bind: address already in use/i.exec(message);
  if (port !== null) {
    return new IpcError(
      ErrorCode.Conflict,
      `Port ${port[2] ?? ''} on ${port[1] ?? ''} is already allocated on the engine’s host (another container or program uses it). Publish a different host port.`,
      { cause: error },
    );
  }
  if (/port is already allocated|address already in use/i.test(message))
    return new IpcError(ErrorCode.Conflict, message, { cause: error });
  return error;
}

function asIpcError(error: unknown): IpcError {
  return error instanceof IpcError
    ? error
    : new IpcError(ErrorCode.Internal, String(error), { cause: error });
}

/**
 * `docker run` as one long-running operation: use the local image if there is one, else pull it (progress per
 * layer and overall), then create and start the container. The operation's result is the new container's id.
 */
export class RunService {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly operations: OperationRegistry,
    private readonly options: RunServiceOptions = {},
  ) {}

  /**
   * Checks the request and starts the operation; its progress and outcome arrive as `ops:updated`.
   * @throws IpcError VALIDATION for a bad request, NOT_FOUND / ENGINE_UNREACHABLE for the engine.
   */
  async run(spec: RunSpec): Promise<OperationSummary> {
    const problems = runSpecProblems(spec);
    if (problems.length > 0)
      throw new IpcError(ErrorCode.Validation, problems.map((problem) => problem.message).join(' '));
    const parsed = parseImageReference(spec.image);
    if (!parsed.ok) throw new IpcError(ErrorCode.Validation, parsed.error);
    const reference = withDefaultTag(parsed.reference);
    const image = familiarReference(reference);
    await this.engines.ready(spec.engineId);
    this.engines.client(spec.engineId);
    const title = spec.name !== undefined ? `Run ${image} as ${spec.name}` : `Run ${image}`;
    return this.operations.start({ kind: 'container.run', engineId: spec.engineId, title }, (context) =>
      this.execute(spec, reference, image, context),
    );
  }

  private async execute(
    spec: RunSpec,
    reference: ImageReference,
    image: string,
    context: OperationContext,
  ): Promise<{ resultId: string }> {
    const { engineId } = spec;
    const { signal } = context;
    context.report({ text: `Looking for ${image} on the engine` });
    if (!(await this.hasImage(engineId, image, signal))) {
      context.report({ text: `Pulling ${image}` });
      try {
        await this.pull(engineId, reference, context);
      } catch (error) {
        throw explainRunFailure('pull', asIpcError(error), spec, image);
      }
    }

    context.report({ text: spec.name !== undefined ? `Creating ${spec.name}` : 'Creating the container' });
    let id: string;
    try {
      const created = await this.engines.request(
        engineId,
        (client, abortSignal) => client.createContainer({ ...toCreateOptions(spec, image), abortSignal }),
        { signal },
      );
      id = created.id;
    } catch (error) {
      throw explainRunFailure('create', asIpcError(error), spec, image);
    }

    context.report({ text: 'Starting the container' });
    try {
      await this.engines.request(
        engineId,
        (client, abortSignal) => client.getContainer(id).start({ abortSignal }),
        { signal },
      );
    } catch (error) {
      // A container that never started would only block the name on the next try: `docker run` semantics
      // are "run it", so nothing half-made is left behind.
      await this.engines
        .request(engineId, (client, abortSignal) =>
          client.getContainer(id).remove({ force: true, v: true, abortSignal }),
        )
        .catch(() => undefined);
      throw explainRunFailure('start', asIpcError(error), spec, image);
    }
    context.report({ text: `Started ${spec.name ?? id.slice(0, 12)}` });
    return { resultId: id };
  }

  private async hasImage(engineId: EngineId, image: string, signal: AbortSignal): Promise<boolean> {
    try {
      await this.engines.request(
        engineId,
        (client, abortSignal) => client.getImage(image).inspect({ abortSignal }),
        { signal },
      );
      return true;
    } catch (error) {
      if (error instanceof IpcError && error.code === ErrorCode.NotFound) return false;
      throw error;
    }
  }

  private async pull(
    engineId: EngineId,
    reference: ImageReference,
    context: OperationContext,
  ): Promise<void> {
    const auth = await this.options.registryAuth?.(reference.domain);
    const tracker = new DockerProgressTracker();
    const query = {
      fromImage: familiarRepository(reference),
      tag: reference.digest ?? reference.tag ?? 'latest',
    };
    // Only the response headers have a deadline; the body runs as long as the pull does, until cancelled.
    const stream = await this.engines.request(
      engineId,
      (client, abortSignal) =>
        auth === undefined
          ? client.createImage({ ...query, abortSignal })
          : client.createImage(auth, { ...query, abortSignal }),
      { signal: context.signal },
    );
    await followDockerProgress(stream as Readable, tracker, {
      signal: context.signal,
      onProgress: () => context.report(tracker.snapshot()),
    });
    context.report(tracker.snapshot());
  }
}
