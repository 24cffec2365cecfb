import type { LogsBatch, LogsEnded } from '../../containers/details';

/** A container's log stream: opened by invoke (returning its id), pushed as batches carrying that id, closed by invoke. */
export const LogsChannel = {
  LogsOpen: 'logs:open',
  LogsClose: 'logs:close',
  LogsAck: 'logs:ack',
  LogsSave: 'logs:save',
} as const;

export const LogsEvent = {
  LogsReceived: 'logs:received',
  LogsEnded: 'logs:ended',
} as const;

export interface LogsEventMap {
  [LogsEvent.LogsReceived]: LogsBatch;
  [LogsEvent.LogsEnded]: LogsEnded;
}
