import { z } from 'zod';

import type { ComposeToolInfo } from '../../compose/types';
import { channel } from '../define';
import { ComposeChannel } from './channels';

export const composeContract = {
  /** `refresh`: look again (the user installed Compose meanwhile). */
  [ComposeChannel.ComposeTool]: channel<ComposeToolInfo>()(
    z.tuple([z.object({ refresh: z.boolean().optional() }).strict()]),
  ),
};
