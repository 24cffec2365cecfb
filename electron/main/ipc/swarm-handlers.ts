import { IpcChannel } from '../../common';
import type { SwarmChannel } from '../../common/ipc/swarm/channels';
import type { SwarmService } from '../docker/swarm/swarm-service';
import type { SwarmWorkloads } from '../docker/swarm/swarm-workloads';
import type { InvokeHandlers } from './invoke-router';

/** The services behind the `swarm:*` channels. */
export interface SwarmServices {
  cluster: SwarmService;
  workloads: SwarmWorkloads;
}

type SwarmChannelName = (typeof SwarmChannel)[keyof typeof SwarmChannel];

/** The handlers of the `swarm:*` channels, spread into the handler map. */
export function createSwarmHandlers({
  cluster,
  workloads,
}: SwarmServices): Pick<InvokeHandlers, SwarmChannelName> {
  return {
    [IpcChannel.SwarmState]: (engineId) => cluster.state(engineId),
    [IpcChannel.SwarmInit]: (request) => cluster.init(request),
    [IpcChannel.SwarmJoin]: (request) => cluster.join(request),
    [IpcChannel.SwarmLeave]: ({ engineId, force }) => cluster.leave(engineId, force === true),
    [IpcChannel.SwarmJoinTokens]: (engineId) => cluster.joinTokens(engineId),
    [IpcChannel.SwarmRotateToken]: ({ engineId, role }) => cluster.rotateToken(engineId, role),
    [IpcChannel.SwarmNodes]: (engineId) => cluster.listNodes(engineId),
    [IpcChannel.SwarmUpdateNode]: (request) => cluster.updateNode(request),
    [IpcChannel.SwarmRemoveNode]: ({ engineId, id, force }) =>
      cluster.removeNode(engineId, id, force === true),
    [IpcChannel.SwarmServices]: (engineId) => workloads.listServices(engineId),
    [IpcChannel.SwarmCreateService]: (request) => workloads.createService(request),
    [IpcChannel.SwarmUpdateService]: (request) => workloads.updateService(request),
    [IpcChannel.SwarmRollbackService]: ({ engineId, id }) => workloads.rollbackService(engineId, id),
    [IpcChannel.SwarmRemoveService]: ({ engineId, id }) => workloads.removeService(engineId, id),
    [IpcChannel.SwarmTasks]: (engineId) => workloads.listTasks(engineId),
    [IpcChannel.SwarmStacks]: (engineId) => workloads.stacks(engineId),
    [IpcChannel.SwarmRemoveStack]: ({ engineId, name }) => workloads.removeStack(engineId, name),
    [IpcChannel.SwarmObjects]: (engineId) => workloads.listObjects(engineId),
    [IpcChannel.SwarmCreateObject]: (request) => workloads.createObject(request),
    [IpcChannel.SwarmRemoveObject]: ({ engineId, kind, id }) => workloads.removeObject(engineId, kind, id),
  };
}
