import type {
  ExecEnded,
  ExecOutput,
  LogsBatch,
  LogsEnded,
  StatsEnded,
  StatsSampled,
} from '../../containers/details';

/**
 * One container's details view: logs, terminal (exec/attach), stats, inspect, files and processes. Streams are
 * opened by invoke (returning an id), pushed as events carrying that id, and closed by invoke.
 */
export const ContainerDetailsChannel = {
  LogsOpen: 'logs:open',
  LogsClose: 'logs:close',
  LogsAck: 'logs:ack',
  LogsSave: 'logs:save',
  ExecStart: 'exec:start',
  ExecInput: 'exec:input',
  ExecResize: 'exec:resize',
  ExecClose: 'exec:close',
  StatsOpen: 'stats:open',
  StatsClose: 'stats:close',
  ContainersInspect: 'containers:inspect',
  ContainersRevealEnv: 'containers:revealEnv',
  ContainersTop: 'containers:top',
  ContainersListFiles: 'containers:listFiles',
  ContainersDownload: 'containers:download',
  ContainersUpload: 'containers:upload',
} as const;

export const ContainerDetailsEvent = {
  LogsReceived: 'logs:received',
  LogsEnded: 'logs:ended',
  ExecOutputReceived: 'exec:outputReceived',
  ExecEnded: 'exec:ended',
  StatsSampled: 'stats:sampled',
  StatsEnded: 'stats:ended',
} as const;

export interface ContainerDetailsEventMap {
  [ContainerDetailsEvent.LogsReceived]: LogsBatch;
  [ContainerDetailsEvent.LogsEnded]: LogsEnded;
  [ContainerDetailsEvent.ExecOutputReceived]: ExecOutput;
  [ContainerDetailsEvent.ExecEnded]: ExecEnded;
  [ContainerDetailsEvent.StatsSampled]: StatsSampled;
  [ContainerDetailsEvent.StatsEnded]: StatsEnded;
}
