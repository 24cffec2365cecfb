import { IpcChannel } from '../../common';
import type { ContainerDetailsServices } from '../docker/container-details';
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
  details: ContainerDetailsServices;
}

/** Maps every channel of the contract to the service method that answers it. */
export function createInvokeHandlers({
  engines,
  containers,
  settings,
  operations,
  details,
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
    [IpcChannel.LogsOpen]: (request) => details.logs.open(request),
    [IpcChannel.LogsClose]: (streamId) => details.logs.close(streamId),
    [IpcChannel.LogsSave]: (request) => details.logs.save(request),
    [IpcChannel.ExecStart]: (request) => details.execs.start(request),
    [IpcChannel.ExecInput]: (sessionId, data) => details.execs.input(sessionId, data),
    [IpcChannel.ExecResize]: (request) => details.execs.resize(request),
    [IpcChannel.ExecClose]: (sessionId) => details.execs.close(sessionId),
    [IpcChannel.StatsOpen]: (ref) => details.stats.open(ref),
    [IpcChannel.StatsClose]: (streamId) => details.stats.close(streamId),
    [IpcChannel.ContainersInspect]: (ref) => details.inspector.inspect(ref),
    [IpcChannel.ContainersRevealEnv]: (request) => details.inspector.revealEnv(request),
    [IpcChannel.ContainersTop]: (ref) => details.inspector.top(ref),
    [IpcChannel.ContainersListFiles]: (request) => details.archives.list(request),
    [IpcChannel.ContainersDownload]: (request) => details.archives.download(request),
    [IpcChannel.ContainersUpload]: (request) => details.archives.upload(request),
  };
}
