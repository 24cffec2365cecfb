import { z } from 'zod';

import type { StatsOpened } from '../../containers/details';
import { channel } from '../define';
import { containerRefSchema, streamIdSchema } from '../schemas';
import { StatsChannel } from './channels';

export const statsContract = {
  [StatsChannel.StatsOpen]: channel<StatsOpened>()(z.tuple([containerRefSchema])),
  [StatsChannel.StatsClose]: channel<void>()(z.tuple([streamIdSchema])),
};
