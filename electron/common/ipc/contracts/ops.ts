import { z } from 'zod';

import type { OperationSummary } from '../../types/ops';
import { channel } from '../define';
import { OpsChannel } from '../domains/ops';
import { operationIdSchema } from '../schemas';

export const opsContract = {
  [OpsChannel.OpsList]: channel<OperationSummary[]>()(z.tuple([])),
  [OpsChannel.OpsCancel]: channel<void>()(z.tuple([operationIdSchema])),
};
