import type { NetworksChange } from '../../networks/types';

export const NetworksChannel = {
  NetworksList: 'networks:list',
  NetworksCreate: 'networks:create',
  NetworksRemove: 'networks:remove',
  NetworksPrunePreview: 'networks:prunePreview',
  NetworksPrune: 'networks:prune',
  NetworksConnect: 'networks:connect',
  NetworksDisconnect: 'networks:disconnect',
} as const;

export const NetworksEvent = {
  NetworksChanged: 'networks:changed',
} as const;

export interface NetworksEventMap {
  [NetworksEvent.NetworksChanged]: NetworksChange;
}
