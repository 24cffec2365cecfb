import type { EngineId, EngineInfo } from '../../hosts/engine';

export const EnginesChannel = {
  EnginesList: 'engines:list',
  EnginesReconnect: 'engines:reconnect',
} as const;

export const EnginesEvent = {
  /** An engine's status changed, or an engine was added (hosts can be added at run time). */
  EngineStatusChanged: 'engines:statusChanged',
  /** An engine is gone (its host was removed). */
  EngineRemoved: 'engines:removed',
} as const;

export interface EnginesEventMap {
  [EnginesEvent.EngineStatusChanged]: EngineInfo;
  [EnginesEvent.EngineRemoved]: { id: EngineId };
}
