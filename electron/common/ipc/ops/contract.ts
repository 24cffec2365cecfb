import { z } from 'zod';

import type { OperationSummary } from '../../ops/types';
import { channel } from '../define';
import { operationIdSchema } from '../schemas';
import { OpsChannel } from './channels';

export const opsContract = {
  [OpsChannel.OpsList]: channel<OperationSummary[]>()(z.tuple([])),
  [OpsChannel.OpsCancel]: channel<void>()(z.tuple([operationIdSchema])),
};
