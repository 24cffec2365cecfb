import { z } from 'zod';

import type { EngineInfo } from '../../types/engine';
import { channel } from '../define';
import { EnginesChannel } from '../domains/engines';
import { engineIdSchema } from '../schemas';

export const enginesContract = {
  [EnginesChannel.EnginesList]: channel<EngineInfo[]>()(z.tuple([])),
  [EnginesChannel.EnginesReconnect]: channel<void>()(z.tuple([engineIdSchema])),
};
