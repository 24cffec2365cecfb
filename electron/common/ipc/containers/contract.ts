import { z } from 'zod';

import type {
  ContainerDirectoryListing,
  ContainerInspectView,
  ContainerProcessList,
  ContainerTransferResult,
} from '../../containers/details';
import { restartPolicyNames } from '../../containers/run';
import { runSpecProblems } from '../../containers/run-spec';
import type { ContainerListSnapshot } from '../../containers/types';
import type { OperationSummary } from '../../ops/types';
import { channel } from '../define';
import {
  containerIdSchema,
  containerRefSchema,
  containerRemoveSchema,
  containerStopSchema,
  engineIdSchema,
} from '../schemas';
import { ContainersChannel } from './channels';

/** A signal by name (`SIGTERM`, `HUP`, `SIGRTMIN+3`) or number, as `docker kill --signal` takes it. */
export const signalSchema = z
  .string()
  .regex(/^(?:(?:SIG)?[A-Z][A-Z0-9]{1,15}(?:[+-]\d{1,2})?|\d{1,2})$/, 'must be a signal like SIGTERM or 9');

export const containerKillSchema = containerRefSchema.extend({ signal: signalSchema.optional() }).strict();

export const containerRenameSchema = containerRefSchema
  .extend({
    name: z
      .string()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'must be a container name')
      .max(255),
  })
  .strict();

const portRangeSchema = z.object({ start: z.number().int(), end: z.number().int().optional() }).strict();

/**
 * A run request. The shapes are checked here and everything about their content by `runSpecProblems`, the
 * same function the Run dialog uses, so main refuses exactly what the dialog would.
 */
export const runSpecSchema = z
  .object({
    engineId: engineIdSchema,
    image: z.string().max(1024),
    name: z.string().max(255).optional(),
    command: z.array(z.string().max(65_536)).max(1024),
    env: z.array(z.string().max(65_536)).max(1024),
    ports: z
      .array(
        z
          .object({
            hostIp: z.string().max(64).optional(),
            hostPort: portRangeSchema.optional(),
            containerPort: portRangeSchema,
            protocol: z.enum(['tcp', 'udp', 'sctp']),
          })
          .strict(),
      )
      .max(256),
    mounts: z
      .array(
        z
          .object({
            type: z.enum(['volume', 'bind']),
            source: z.string().max(4096),
            target: z.string().max(4096),
            readOnly: z.boolean(),
          })
          .strict(),
      )
      .max(256),
    network: z.string().max(255).optional(),
    restartPolicy: z
      .object({
        name: z.enum(restartPolicyNames),
        maximumRetryCount: z.number().int().optional(),
      })
      .strict(),
    autoRemove: z.boolean(),
    interactive: z.boolean(),
    tty: z.boolean(),
  })
  .strict()
  .superRefine((spec, context) => {
    for (const problem of runSpecProblems(spec)) {
      context.addIssue({ code: 'custom', path: problem.field.split('.'), message: problem.message });
    }
  });

export const statsWatchSchema = z
  .object({
    engineId: engineIdSchema,
    // A screenful of rows; more than this is not "what is on screen".
    ids: z.array(containerIdSchema).max(200),
    visible: z.boolean(),
  })
  .strict();

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

/** An environment variable name as `docker run -e` accepts it. */
export const envKeySchema = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[^=\0]+$/, 'must be a variable name');

const containerPathRef = containerRefSchema.extend({ path: containerPathSchema }).strict();

export const containersContract = {
  [ContainersChannel.ContainersList]: channel<ContainerListSnapshot>()(z.tuple([engineIdSchema])),
  [ContainersChannel.ContainersStart]: channel<void>()(z.tuple([containerRefSchema])),
  [ContainersChannel.ContainersStop]: channel<void>()(z.tuple([containerStopSchema])),
  [ContainersChannel.ContainersRestart]: channel<void>()(z.tuple([containerStopSchema])),
  [ContainersChannel.ContainersPause]: channel<void>()(z.tuple([containerRefSchema])),
  [ContainersChannel.ContainersUnpause]: channel<void>()(z.tuple([containerRefSchema])),
  [ContainersChannel.ContainersKill]: channel<void>()(z.tuple([containerKillSchema])),
  [ContainersChannel.ContainersRename]: channel<void>()(z.tuple([containerRenameSchema])),
  [ContainersChannel.ContainersRemove]: channel<void>()(z.tuple([containerRemoveSchema])),
  [ContainersChannel.ContainersRun]: channel<OperationSummary>()(z.tuple([runSpecSchema])),
  [ContainersChannel.ContainersWatchStats]: channel<void>()(z.tuple([statsWatchSchema])),
  [ContainersChannel.ContainersInspect]: channel<ContainerInspectView>()(z.tuple([containerRefSchema])),
  [ContainersChannel.ContainersRevealEnv]: channel<string>()(
    z.tuple([containerRefSchema.extend({ key: envKeySchema }).strict()]),
  ),
  [ContainersChannel.ContainersTop]: channel<ContainerProcessList>()(z.tuple([containerRefSchema])),
  [ContainersChannel.ContainersListFiles]: channel<ContainerDirectoryListing>()(z.tuple([containerPathRef])),
  [ContainersChannel.ContainersDownload]: channel<ContainerTransferResult>()(z.tuple([containerPathRef])),
  [ContainersChannel.ContainersUpload]: channel<ContainerTransferResult>()(z.tuple([containerPathRef])),
};
