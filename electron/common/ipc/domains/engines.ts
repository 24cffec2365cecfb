import { z } from 'zod';

import type { EngineInfo } from '../../types/engine';
import { channel } from '../define';
import { engineIdSchema } from '../schemas';

export const EnginesChannel = {
  EnginesList: 'engines:list',
  EnginesReconnect: 'engines:reconnect',
} as const;

export const EnginesEvent = {
  EngineStatusChanged: 'engines:statusChanged',
} as const;

export const enginesContract = {
  [EnginesChannel.EnginesList]: channel<EngineInfo[]>()(z.tuple([])),
  [EnginesChannel.EnginesReconnect]: channel<void>()(z.tuple([engineIdSchema])),
};

export interface EnginesEventMap {
  [EnginesEvent.EngineStatusChanged]: EngineInfo;
}
