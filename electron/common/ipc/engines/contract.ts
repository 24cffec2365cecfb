import { z } from 'zod';

import type { EngineInfo } from '../../hosts/engine';
import { channel } from '../define';
import { engineIdSchema } from '../schemas';
import { EnginesChannel } from './channels';

export const enginesContract = {
  [EnginesChannel.EnginesList]: channel<EngineInfo[]>()(z.tuple([])),
  [EnginesChannel.EnginesReconnect]: channel<void>()(z.tuple([engineIdSchema])),
};
