import { IpcChannel } from '../../common';
import type { ContainerService } from '../docker/container-service';
import type { EngineRegistry } from '../docker/engine-registry';
import type { OperationRegistry } from '../ops/operation-registry';
import type { SettingsService } from '../settings/settings-service';
import type { InvokeHandlers } from './invoke-router';

export interface Services {
  engines: EngineRegistry;
  containers: ContainerService;
  settings: SettingsService;
  operations: OperationRegistry;
}

/** Maps every channel of the contract to the service method that answers it. */
export function createInvokeHandlers({
  engines,
  containers,
  settings,
  operations,
}: Services): InvokeHandlers {
  return {
    [IpcChannel.EnginesList]: () => engines.list(),
    [IpcChannel.EnginesReconnect]: (engineId) => engines.reconnect(engineId),
    [IpcChannel.ContainersList]: (engineId) => containers.list(engineId),
    [IpcChannel.ContainersStart]: (ref) => containers.start(ref),
    [IpcChannel.ContainersStop]: (ref) => containers.stop(ref),
    [IpcChannel.ContainersRemove]: (ref) => containers.remove(ref),
    [IpcChannel.SettingsGet]: () => settings.get(),
    [IpcChannel.SettingsSet]: (patch) => settings.update(patch),
    [IpcChannel.OpsList]: () => operations.list(),
    [IpcChannel.OpsCancel]: (id) => operations.cancel(id),
  };
}
