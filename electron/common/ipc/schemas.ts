import { z } from 'zod';

import { type Settings, themes } from '../settings/types';

export const engineIdSchema = z.string().min(1).max(128);

/** A container id (full or short) or name, as the Engine API accepts it. */
export const containerIdSchema = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/, 'must be a container id or name');

/** Ids of streams and sessions are ours (`logs-3-9f2c01ab`), never a path or a command. */
export const streamIdSchema = z
  .string()
  .regex(/^(logs|exec|stats)-[0-9]{1,12}-[0-9a-f]{8}$/, 'must be a stream id');

export const containerRefSchema = z.object({ engineId: engineIdSchema, id: containerIdSchema }).strict();

export const containerStopSchema = containerRefSchema
  .extend({ timeoutSeconds: z.number().int().min(0).max(3600).optional() })
  .strict();

export const containerRemoveSchema = containerRefSchema
  .extend({ force: z.boolean().optional(), removeVolumes: z.boolean().optional() })
  .strict();

export const themeSchema = z.enum(themes);

export const settingsSchema = z.object({
  theme: themeSchema,
  closeToTray: z.boolean(),
  startAtLogin: z.boolean(),
  notifications: z
    .object({ containerDied: z.boolean(), operationFinished: z.boolean(), hostConnection: z.boolean() })
    .strict(),
  activeEngineId: engineIdSchema,
  allHosts: z.boolean(),
  pinnedContainers: z
    .array(z.object({ engineId: engineIdSchema, name: containerIdSchema }).strict())
    .max(100),
}) satisfies z.ZodType<Settings>;

export const settingsPatchSchema = settingsSchema.partial().strict();

/** Operation ids are ours (`op-<n>-<random>`), never a path or a command. */
export const operationIdSchema = z.string().regex(/^op-[a-z0-9-]{1,64}$/, 'must be an operation id');

/** Labels or driver options: short string keys to string values, bounded in count. */
export const stringMapSchema = z
  .record(z.string().min(1).max(255), z.string().max(4096))
  .refine((map) => Object.keys(map).length <= 256, 'at most 256 entries');
