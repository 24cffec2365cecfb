import { z } from 'zod';

import type { ExecStarted } from '../../containers/details';
import { channel } from '../define';
import { containerIdSchema, engineIdSchema, streamIdSchema } from '../schemas';
import { ExecChannel } from './channels';

const terminalSize = {
  engineId: engineIdSchema,
  id: containerIdSchema,
  cols: z.number().int().min(1).max(1000),
  rows: z.number().int().min(1).max(1000),
};

export const execStartSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...terminalSize,
      kind: z.literal('exec'),
      cmd: z.array(z.string().min(1).max(4096)).min(1).max(64),
      user: z.string().max(256).optional(),
      workingDir: z.string().max(4096).optional(),
    })
    .strict(),
  z.object({ ...terminalSize, kind: z.literal('attach') }).strict(),
]);

export const execResizeSchema = z
  .object({
    sessionId: streamIdSchema,
    cols: z.number().int().min(1).max(1000),
    rows: z.number().int().min(1).max(1000),
  })
  .strict();

export const execContract = {
  [ExecChannel.ExecStart]: channel<ExecStarted>()(z.tuple([execStartSchema])),
  [ExecChannel.ExecInput]: channel<void>()(z.tuple([streamIdSchema, z.string().max(1024 * 1024)])),
  [ExecChannel.ExecResize]: channel<void>()(z.tuple([execResizeSchema])),
  [ExecChannel.ExecClose]: channel<void>()(z.tuple([streamIdSchema])),
};
