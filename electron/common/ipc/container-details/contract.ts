import { z } from 'zod';

import type {
  ContainerDirectoryListing,
  ContainerInspectView,
  ContainerProcessList,
  ContainerTransferResult,
  ExecStarted,
  LogsOpened,
  StatsOpened,
} from '../../containers/details';
import { channel } from '../define';
import { containerIdSchema, containerRefSchema, engineIdSchema } from '../schemas';
import { ContainerDetailsChannel } from './channels';

/** Ids of streams and sessions are ours (`logs-3-9f2c01ab`), never a path or a command. */
export const streamIdSchema = z
  .string()
  .regex(/^(logs|exec|stats)-[0-9]{1,12}-[0-9a-f]{8}$/, 'must be a stream id');

/** Unix seconds with an optional fraction, as the Engine API takes `since`/`until`. */
export const unixTimestampSchema = z
  .string()
  .regex(/^[0-9]{1,12}(\.[0-9]{1,9})?$/, 'must be Unix seconds, e.g. 1700000000.5');

/** An absolute path inside a container: `/`-separated, no `.`/`..` segments, no NUL. */
export const containerPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine(
    (path) =>
      path.startsWith('/') &&
      !path.includes('\0') &&
      path.split('/').every((part) => part !== '.' && part !== '..'),
    'must be an absolute path inside the container',
  );

const logQueryShape = {
  engineId: engineIdSchema,
  id: containerIdSchema,
  tail: z.union([z.number().int().min(0).max(10_000_000), z.literal('all')]).optional(),
  since: unixTimestampSchema.optional(),
  until: unixTimestampSchema.optional(),
};

export const logsOpenSchema = z
  .object({ ...logQueryShape, follow: z.boolean(), acknowledge: z.boolean().optional() })
  .strict();
export const logsSaveSchema = z.object({ ...logQueryShape, timestamps: z.boolean() }).strict();

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

/** An environment variable name as `docker run -e` accepts it. */
export const envKeySchema = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[^=\0]+$/, 'must be a variable name');

const containerPathRef = containerRefSchema.extend({ path: containerPathSchema }).strict();

export const containerDetailsContract = {
  [ContainerDetailsChannel.LogsOpen]: channel<LogsOpened>()(z.tuple([logsOpenSchema])),
  [ContainerDetailsChannel.LogsClose]: channel<void>()(z.tuple([streamIdSchema])),
  [ContainerDetailsChannel.LogsAck]: channel<void>()(z.tuple([streamIdSchema])),
  [ContainerDetailsChannel.LogsSave]: channel<ContainerTransferResult>()(z.tuple([logsSaveSchema])),
  [ContainerDetailsChannel.ExecStart]: channel<ExecStarted>()(z.tuple([execStartSchema])),
  [ContainerDetailsChannel.ExecInput]: channel<void>()(
    z.tuple([streamIdSchema, z.string().max(1024 * 1024)]),
  ),
  [ContainerDetailsChannel.ExecResize]: channel<void>()(z.tuple([execResizeSchema])),
  [ContainerDetailsChannel.ExecClose]: channel<void>()(z.tuple([streamIdSchema])),
  [ContainerDetailsChannel.StatsOpen]: channel<StatsOpened>()(z.tuple([containerRefSchema])),
  [ContainerDetailsChannel.StatsClose]: channel<void>()(z.tuple([streamIdSchema])),
  [ContainerDetailsChannel.ContainersInspect]: channel<ContainerInspectView>()(z.tuple([containerRefSchema])),
  [ContainerDetailsChannel.ContainersRevealEnv]: channel<string>()(
    z.tuple([containerRefSchema.extend({ key: envKeySchema }).strict()]),
  ),
  [ContainerDetailsChannel.ContainersTop]: channel<ContainerProcessList>()(z.tuple([containerRefSchema])),
  [ContainerDetailsChannel.ContainersListFiles]: channel<ContainerDirectoryListing>()(
    z.tuple([containerPathRef]),
  ),
  [ContainerDetailsChannel.ContainersDownload]: channel<ContainerTransferResult>()(
    z.tuple([containerPathRef]),
  ),
  [ContainerDetailsChannel.ContainersUpload]: channel<ContainerTransferResult>()(z.tuple([containerPathRef])),
};
