import {
  type ContainerInspectView,
  type ContainerProcessList,
  ErrorCode,
  IpcError,
} from '../../../../common';
import type { EngineRegistry } from '../../engine/engine-registry';
import type { ContainerRef } from '../container-service';
import { envValueOf, toContainerInspectView, toProcessList } from './mappers';

/** `docker inspect` (environment values masked, one revealed on request) and `docker top` of one container. */
export class InspectService {
  constructor(private readonly engines: EngineRegistry) {}

  async inspect(ref: ContainerRef): Promise<ContainerInspectView> {
    return toContainerInspectView(ref.engineId, await this.raw(ref));
  }

  /** One environment variable's value, fetched fresh on the user's explicit request. */
  async revealEnv(ref: ContainerRef & { key: string }): Promise<string> {
    const value = envValueOf(await this.raw(ref), ref.key);
    if (value === undefined) {
      throw new IpcError(ErrorCode.NotFound, `The container has no environment variable ${ref.key}.`);
    }
    return value;
  }

  /** The container's processes (`ps -ef` columns); the container must be running. */
  async top(ref: ContainerRef): Promise<ContainerProcessList> {
    await this.engines.ready(ref.engineId);
    const raw: unknown = await this.engines.request(ref.engineId, (client, abortSignal) =>
      client.getContainer(ref.id).top({ abortSignal }),
    );
    return toProcessList(raw);
  }

  private async raw(ref: ContainerRef): Promise<unknown> {
    await this.engines.ready(ref.engineId);
    return this.engines.request(ref.engineId, (client, abortSignal) =>
      client.getContainer(ref.id).inspect({ abortSignal }),
    );
  }
}
