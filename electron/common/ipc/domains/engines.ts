import type { EngineInfo } from '../../types/engine';

export const EnginesChannel = {
  EnginesList: 'engines:list',
  EnginesReconnect: 'engines:reconnect',
} as const;

export const EnginesEvent = {
  EngineStatusChanged: 'engines:statusChanged',
} as const;

export interface EnginesEventMap {
  [EnginesEvent.EngineStatusChanged]: EngineInfo;
}
