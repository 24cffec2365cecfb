import { IpcChannel } from '../../common';
import type { ComposeService } from '../docker/compose/compose-service';
import type { ContainerService } from '../docker/containers/container-service';
import type { ContainerDetailsServices } from '../docker/containers/details/index';
import type { RunService } from '../docker/containers/run-service';
import type { ContainerStatsSampler } from '../docker/containers/stats-sampler';
import type { EngineRegistry } from '../docker/engine/engine-registry';
import type { HostsService } from '../hosts/hosts-service';
import type { OperationRegistry } from '../ops/operation-registry';
import type { ExternalLinks } from '../security/external-links';
import type { SettingsService } from '../settings/settings-service';
import type { StoreResets } from '../settings/store-files';
import { createHostsHandlers } from './hosts-handlers';
import { createImageHandlers, type ImageServices } from './image-handlers';
import type { InvokeHandlers } from './invoke-router';
import { createResourceHandlers, type ResourceServices } from './resource-handlers';
import { createSwarmHandlers, type SwarmServices } from './swarm-handlers';

interface Services {
  engines: EngineRegistry;
  containers: ContainerService;
  settings: SettingsService;
  storeResets: StoreResets;
  operations: OperationRegistry;
  images: ImageServices;
  runs: RunService;
  stats: ContainerStatsSampler;
  links: ExternalLinks;
  resources: ResourceServices;
  hosts: HostsService;
  details: ContainerDetailsServices;
  swarm: SwarmServices;
  compose: ComposeService;
  /** Opens the main process's log file in the system's viewer. */
  openLogFile: () => Promise<void>;
}

/** Maps every channel of the contract to the service method that answers it. */
export function createInvokeHandlers({
  engines,
  containers,
  settings,
  storeResets,
  operations,
  runs,
  stats,
  links,
  resources,
  details,
  hosts,
  images,
  swarm,
  compose,
  openLogFile,
}: Services): InvokeHandlers {
  return {
    ...createImageHandlers(images),
    ...createResourceHandlers(resources),
    ...createHostsHandlers(hosts),
    ...createSwarmHandlers(swarm),
    [IpcChannel.ComposeTool]: ({ refresh }) => compose.tool(refresh === true),
    [IpcChannel.EnginesList]: () => engines.list(),
    [IpcChannel.EnginesReconnect]: (engineId) => engines.reconnect(engineId),
    [IpcChannel.ContainersList]: (engineId) => containers.list(engineId),
    [IpcChannel.ContainersStart]: (ref) => containers.start(ref),
    [IpcChannel.ContainersStop]: (ref) => containers.stop(ref),
    [IpcChannel.ContainersRestart]: (ref) => containers.restart(ref),
    [IpcChannel.ContainersPause]: (ref) => containers.pause(ref),
    [IpcChannel.ContainersUnpause]: (ref) => containers.unpause(ref),
    [IpcChannel.ContainersKill]: (ref) => containers.kill(ref),
    [IpcChannel.ContainersRename]: (ref) => containers.rename(ref),
    [IpcChannel.ContainersRemove]: (ref) => containers.remove(ref),
    [IpcChannel.ContainersRun]: (spec) => runs.run(spec),
    [IpcChannel.ContainersWatchStats]: (request) => stats.watch(request),
    [IpcChannel.SettingsGet]: () => settings.get(),
    [IpcChannel.SettingsSet]: (patch) => settings.update(patch),
    [IpcChannel.SettingsStoreResets]: () => storeResets.list(),
    [IpcChannel.SettingsDismissStoreResets]: () => storeResets.dismiss(),
    [IpcChannel.OpsList]: () => operations.list(),
    [IpcChannel.OpsCancel]: (id) => operations.cancel(id),
    // Gated by ExternalLinks (http/https only, parsed with new URL).
    [IpcChannel.ShellOpenExternal]: (url) => links.openExternal(url) /* eng-disable OPEN_EXTERNAL_JS_CHECK */,
    [IpcChannel.ShellOpenLogFile]: () => openLogFile(),
    [IpcChannel.LogsOpen]: (request) => details.logs.open(request),
    [IpcChannel.LogsClose]: (streamId) => details.logs.close(streamId),
    [IpcChannel.LogsAck]: (streamId) => details.logs.ack(streamId),
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
