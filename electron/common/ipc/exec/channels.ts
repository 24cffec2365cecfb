import type { ExecEnded, ExecOutput } from '../../containers/details';

/** A terminal session in a container (`docker exec -it` or attach): started by invoke, output pushed by its id. */
export const ExecChannel = {
  ExecStart: 'exec:start',
  ExecInput: 'exec:input',
  ExecResize: 'exec:resize',
  ExecClose: 'exec:close',
} as const;

export const ExecEvent = {
  ExecOutputReceived: 'exec:outputReceived',
  ExecEnded: 'exec:ended',
} as const;

export interface ExecEventMap {
  [ExecEvent.ExecOutputReceived]: ExecOutput;
  [ExecEvent.ExecEnded]: ExecEnded;
}
