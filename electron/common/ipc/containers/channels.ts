import type { ContainersChange } from '../../containers/types';
import type { ContainerUsageBatch } from '../../containers/usage';

export const ContainersChannel = {
  ContainersList: 'containers:list',
  ContainersStart: 'containers:start',
  ContainersStop: 'containers:stop',
  ContainersRestart: 'containers:restart',
  ContainersPause: 'containers:pause',
  ContainersUnpause: 'containers:unpause',
  ContainersKill: 'containers:kill',
  ContainersRename: 'containers:rename',
  ContainersRemove: 'containers:remove',
  /** Pulls the image when it is not local, then creates and starts the container: a long-running operation. */
  ContainersRun: 'containers:run',
  /** Tells main which containers the list shows, so it samples their CPU and memory (and nothing else). */
  ContainersWatchStats: 'containers:watchStats',
  // One container's details view (the streams have their own prefixes: logs, exec, stats).
  ContainersInspect: 'containers:inspect',
  ContainersRevealEnv: 'containers:revealEnv',
  ContainersTop: 'containers:top',
  ContainersListFiles: 'containers:listFiles',
  ContainersDownload: 'containers:download',
  ContainersUpload: 'containers:upload',
} as const;

export const ContainersEvent = {
  ContainersChanged: 'containers:changed',
  ContainersStatsSampled: 'containers:statsSampled',
} as const;

export interface ContainersEventMap {
  [ContainersEvent.ContainersChanged]: ContainersChange;
  [ContainersEvent.ContainersStatsSampled]: ContainerUsageBatch;
}
