import type {
  SwarmNodesChange,
  SwarmObjectsChange,
  SwarmServicesChange,
  SwarmTasksChange,
} from '../../swarm/types';

/** Swarm mode through a manager host: state, init/join/leave, nodes, services, tasks, stacks, secrets, configs. */
export const SwarmChannel = {
  SwarmState: 'swarm:state',
  SwarmInit: 'swarm:init',
  SwarmJoin: 'swarm:join',
  SwarmLeave: 'swarm:leave',
  SwarmJoinTokens: 'swarm:joinTokens',
  SwarmRotateToken: 'swarm:rotateToken',
  SwarmNodes: 'swarm:nodes',
  SwarmUpdateNode: 'swarm:updateNode',
  SwarmRemoveNode: 'swarm:removeNode',
  SwarmServices: 'swarm:services',
  SwarmCreateService: 'swarm:createService',
  SwarmUpdateService: 'swarm:updateService',
  SwarmRollbackService: 'swarm:rollbackService',
  SwarmRemoveService: 'swarm:removeService',
  SwarmTasks: 'swarm:tasks',
  SwarmStacks: 'swarm:stacks',
  SwarmRemoveStack: 'swarm:removeStack',
  SwarmObjects: 'swarm:objects',
  SwarmCreateObject: 'swarm:createObject',
  SwarmRemoveObject: 'swarm:removeObject',
} as const;

export const SwarmEvent = {
  SwarmNodesChanged: 'swarm:nodesChanged',
  SwarmServicesChanged: 'swarm:servicesChanged',
  SwarmTasksChanged: 'swarm:tasksChanged',
  SwarmObjectsChanged: 'swarm:objectsChanged',
} as const;

export interface SwarmEventMap {
  [SwarmEvent.SwarmNodesChanged]: SwarmNodesChange;
  [SwarmEvent.SwarmServicesChanged]: SwarmServicesChange;
  [SwarmEvent.SwarmTasksChanged]: SwarmTasksChange;
  [SwarmEvent.SwarmObjectsChanged]: SwarmObjectsChange;
}
