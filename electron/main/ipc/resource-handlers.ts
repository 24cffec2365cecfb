import { IpcChannel } from '../../common';
import type { NetworksChannel } from '../../common/ipc/networks/channels';
import type { SystemChannel } from '../../common/ipc/system/channels';
import type { VolumesChannel } from '../../common/ipc/volumes/channels';
import type { NetworkService } from '../docker/networks/network-service';
import type { EventsService } from '../docker/system/events-service';
import type { SystemService } from '../docker/system/system-service';
import type { VolumeFileService } from '../docker/volumes/volume-file-service';
import type { VolumeService } from '../docker/volumes/volume-service';
import type { InvokeHandlers } from './invoke-router';

/** The services behind the volumes, networks and system channels. */
export interface ResourceServices {
  volumes: VolumeService;
  volumeFiles: VolumeFileService;
  networks: NetworkService;
  system: SystemService;
  events: EventsService;
}

type ResourceChannel =
  | (typeof VolumesChannel)[keyof typeof VolumesChannel]
  | (typeof NetworksChannel)[keyof typeof NetworksChannel]
  | (typeof SystemChannel)[keyof typeof SystemChannel];

/** The handlers of the `volumes:*`, `networks:*` and `system:*` channels, spread into the handler map. */
export function createResourceHandlers({
  volumes,
  volumeFiles,
  networks,
  system,
  events,
}: ResourceServices): Pick<InvokeHandlers, ResourceChannel> {
  return {
    [IpcChannel.VolumesList]: (engineId) => volumes.list(engineId),
    [IpcChannel.VolumesSizes]: (engineId) => volumes.sizes(engineId),
    [IpcChannel.VolumesCreate]: (request) => volumes.create(request),
    [IpcChannel.VolumesRemove]: ({ engineId, names }) => volumes.remove(engineId, names),
    [IpcChannel.VolumesPrunePreview]: (engineId) => volumes.prunePreview(engineId),
    [IpcChannel.VolumesPrune]: (engineId) => volumes.prune(engineId),
    [IpcChannel.VolumesBrowse]: (request) => volumeFiles.browse(request),
    [IpcChannel.VolumesDownload]: (request) => volumeFiles.download(request),
    [IpcChannel.VolumesExport]: (request) => volumeFiles.export(request),
    [IpcChannel.VolumesImport]: (request) => volumeFiles.import(request),
    [IpcChannel.NetworksList]: (engineId) => networks.list(engineId),
    [IpcChannel.NetworksCreate]: (request) => networks.create(request),
    [IpcChannel.NetworksRemove]: ({ engineId, id }) => networks.remove(engineId, id),
    [IpcChannel.NetworksPrunePreview]: (engineId) => networks.prunePreview(engineId),
    [IpcChannel.NetworksPrune]: (engineId) => networks.prune(engineId),
    [IpcChannel.NetworksConnect]: (request) => networks.connect(request),
    [IpcChannel.NetworksDisconnect]: (request) => networks.disconnect(request),
    [IpcChannel.SystemInfo]: (engineId) => system.info(engineId),
    [IpcChannel.SystemDiskUsage]: (engineId) => system.diskUsage(engineId),
    [IpcChannel.SystemPrunePreview]: (options) => system.prunePreview(options),
    [IpcChannel.SystemPrune]: (options) => system.prune(options),
    [IpcChannel.SystemEvents]: (request) => events.list(request),
  };
}
