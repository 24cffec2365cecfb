import type { OperationUpdate } from '../../ops/types';

export const OpsChannel = {
  OpsList: 'ops:list',
  OpsCancel: 'ops:cancel',
} as const;

export const OpsEvent = {
  OperationUpdated: 'ops:updated',
} as const;

export interface OpsEventMap {
  [OpsEvent.OperationUpdated]: OperationUpdate;
}
