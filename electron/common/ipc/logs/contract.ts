import { z } from 'zod';

import type { ContainerTransferResult, LogsOpened } from '../../containers/details';
import { channel } from '../define';
import { containerIdSchema, engineIdSchema, streamIdSchema } from '../schemas';
import { LogsChannel } from './channels';

/** Unix seconds with an optional fraction, as the Engine API takes `since`/`until`. */
export const unixTimestampSchema = z
  .string()
  .regex(/^[0-9]{1,12}(\.[0-9]{1,9})?$/, 'must be Unix seconds, e.g. 1700000000.5');

const logQueryShape = {
  engineId: engineIdSchema,
  id: containerIdSchema,
  tail: z.union([z.number().int().min(0).max(10_000_000), z.literal('all')]).optional(),
  since: unixTimestampSchema.optional(),
  until: unixTimestampSchema.optional(),
  source: z.enum(['container', 'service']).optional(),
};

export const logsOpenSchema = z
  .object({ ...logQueryShape, follow: z.boolean(), acknowledge: z.boolean().optional() })
  .strict();
export const logsSaveSchema = z.object({ ...logQueryShape, timestamps: z.boolean() }).strict();

export const logsContract = {
  [LogsChannel.LogsOpen]: channel<LogsOpened>()(z.tuple([logsOpenSchema])),
  [LogsChannel.LogsClose]: channel<void>()(z.tuple([streamIdSchema])),
  [LogsChannel.LogsAck]: channel<void>()(z.tuple([streamIdSchema])),
  [LogsChannel.LogsSave]: channel<ContainerTransferResult>()(z.tuple([logsSaveSchema])),
};
