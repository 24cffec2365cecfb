import { z } from 'zod';

import type {
  SwarmJoinTokens,
  SwarmNode,
  SwarmNodeList,
  SwarmObject,
  SwarmObjectList,
  SwarmService,
  SwarmServiceList,
  SwarmStack,
  SwarmState,
  SwarmTaskList,
} from '../../swarm/types';
import { channel } from '../define';
import { engineIdSchema, stringMapSchema } from '../schemas';
import { SwarmChannel } from './channels';

/** A swarm object's id or name: it lands in a URL path. */
export const swarmRefSchema = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/, 'must be an id or a name');

/** Service, secret and config names as the daemon accepts them (and the CLI's users use). */
const swarmNameSchema = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/, 'must be letters, digits, "_", "." or "-" (at most 63)');

/** `host`, `host:port`, `[v6]:port` or an interface name: what `--advertise-addr`/`--listen-addr` take. */
const swarmAddressSchema = z
  .string()
  .regex(/^[a-zA-Z0-9_.:[\]%-]{1,255}$/, 'must be an address, address:port or interface name');

const imageSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[^\s]+$/, 'must be an image reference without spaces');

/** `KEY=value` lines; the key cannot be empty. */
const envSchema = z
  .array(
    z
      .string()
      .max(32_768)
      .regex(/^[^=\s][^=]*=/s, 'must be KEY=value'),
  )
  .max(500);

const ref = { engineId: engineIdSchema, id: swarmRefSchema };

export const swarmInitSchema = z
  .object({
    engineId: engineIdSchema,
    advertiseAddress: swarmAddressSchema,
    listenAddress: swarmAddressSchema.optional(),
    dataPathPort: z.number().int().min(1024).max(49151).optional(),
  })
  .strict();

export const swarmJoinSchema = z
  .object({
    engineId: engineIdSchema,
    token: z
      .string()
      .regex(/^SWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25}$/, 'must be a swarm join token (SWMTKN-1-…)'),
    managerAddress: swarmAddressSchema,
    advertiseAddress: swarmAddressSchema.optional(),
    listenAddress: swarmAddressSchema.optional(),
  })
  .strict();

export const swarmUpdateNodeSchema = z
  .object({
    ...ref,
    availability: z.enum(['active', 'pause', 'drain']).optional(),
    role: z.enum(['manager', 'worker']).optional(),
    labels: stringMapSchema.optional(),
  })
  .strict();

const portSchema = z
  .object({
    targetPort: z.number().int().min(1).max(65535),
    publishedPort: z.number().int().min(1).max(65535).optional(),
    protocol: z.enum(['tcp', 'udp', 'sctp']).optional(),
    publishMode: z.enum(['ingress', 'host']).optional(),
  })
  .strict();

export const swarmCreateServiceSchema = z
  .object({
    engineId: engineIdSchema,
    name: swarmNameSchema,
    image: imageSchema,
    mode: z.enum(['replicated', 'global']),
    replicas: z.number().int().min(0).max(10_000).optional(),
    command: z.array(z.string().max(32_768)).max(500).optional(),
    env: envSchema.optional(),
    ports: z.array(portSchema).max(100).optional(),
    constraints: z.array(z.string().min(1).max(512)).max(50).optional(),
    networks: z.array(swarmRefSchema).max(50).optional(),
    secrets: z.array(swarmNameSchema).max(100).optional(),
    configs: z.array(swarmNameSchema).max(100).optional(),
    labels: stringMapSchema.optional(),
    restartCondition: z.enum(['none', 'on-failure', 'any']).optional(),
    limits: z
      .object({
        nanoCpus: z.number().int().min(0).max(1e15).optional(),
        memoryBytes: z.number().int().min(0).max(1e15).optional(),
      })
      .strict()
      .optional(),
    update: z
      .object({
        parallelism: z.number().int().min(0).max(10_000).optional(),
        delaySeconds: z.number().min(0).max(86_400).optional(),
        failureAction: z.enum(['pause', 'continue', 'rollback']).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const swarmUpdateServiceSchema = z
  .object({
    ...ref,
    image: imageSchema.optional(),
    /** Variables to set (`KEY=value`) and names to remove. */
    envSet: envSchema.optional(),
    envRemove: z.array(z.string().min(1).max(1024)).max(500).optional(),
    replicas: z.number().int().min(0).max(10_000).optional(),
    /** Redeploy every task even without a change (`TaskTemplate.ForceUpdate` + 1). */
    force: z.boolean().optional(),
  })
  .strict();

export const swarmCreateObjectSchema = z
  .object({
    engineId: engineIdSchema,
    kind: z.enum(['secret', 'config']),
    name: swarmNameSchema,
    /** Sent once to the daemon; Berth neither logs, keeps nor returns it. Docker caps secrets at 500 KB. */
    value: z
      .string()
      .min(1)
      .max(500 * 1024),
    labels: stringMapSchema.optional(),
  })
  .strict();

const refSchema = z.object(ref).strict();

export const swarmContract = {
  [SwarmChannel.SwarmState]: channel<SwarmState>()(z.tuple([engineIdSchema])),
  [SwarmChannel.SwarmInit]: channel<SwarmState>()(z.tuple([swarmInitSchema])),
  [SwarmChannel.SwarmJoin]: channel<SwarmState>()(z.tuple([swarmJoinSchema])),
  [SwarmChannel.SwarmLeave]: channel<SwarmState>()(
    z.tuple([z.object({ engineId: engineIdSchema, force: z.boolean().optional() }).strict()]),
  ),
  [SwarmChannel.SwarmJoinTokens]: channel<SwarmJoinTokens>()(z.tuple([engineIdSchema])),
  [SwarmChannel.SwarmRotateToken]: channel<SwarmJoinTokens>()(
    z.tuple([z.object({ engineId: engineIdSchema, role: z.enum(['worker', 'manager']) }).strict()]),
  ),
  [SwarmChannel.SwarmNodes]: channel<SwarmNodeList>()(z.tuple([engineIdSchema])),
  [SwarmChannel.SwarmUpdateNode]: channel<SwarmNode>()(z.tuple([swarmUpdateNodeSchema])),
  [SwarmChannel.SwarmRemoveNode]: channel<void>()(
    z.tuple([z.object({ ...ref, force: z.boolean().optional() }).strict()]),
  ),
  [SwarmChannel.SwarmServices]: channel<SwarmServiceList>()(z.tuple([engineIdSchema])),
  [SwarmChannel.SwarmCreateService]: channel<SwarmService>()(z.tuple([swarmCreateServiceSchema])),
  [SwarmChannel.SwarmUpdateService]: channel<SwarmService>()(z.tuple([swarmUpdateServiceSchema])),
  [SwarmChannel.SwarmRollbackService]: channel<SwarmService>()(z.tuple([refSchema])),
  [SwarmChannel.SwarmRemoveService]: channel<void>()(z.tuple([refSchema])),
  [SwarmChannel.SwarmTasks]: channel<SwarmTaskList>()(z.tuple([engineIdSchema])),
  [SwarmChannel.SwarmStacks]: channel<SwarmStack[]>()(z.tuple([engineIdSchema])),
  [SwarmChannel.SwarmRemoveStack]: channel<void>()(
    z.tuple([z.object({ engineId: engineIdSchema, name: swarmNameSchema }).strict()]),
  ),
  [SwarmChannel.SwarmObjects]: channel<SwarmObjectList>()(z.tuple([engineIdSchema])),
  [SwarmChannel.SwarmCreateObject]: channel<SwarmObject>()(z.tuple([swarmCreateObjectSchema])),
  [SwarmChannel.SwarmRemoveObject]: channel<void>()(
    z.tuple([z.object({ ...ref, kind: z.enum(['secret', 'config']) }).strict()]),
  ),
};

export type SwarmInitRequest = z.infer<typeof swarmInitSchema>;
export type SwarmJoinRequest = z.infer<typeof swarmJoinSchema>;
export type SwarmUpdateNodeRequest = z.infer<typeof swarmUpdateNodeSchema>;
export type SwarmCreateServiceRequest = z.infer<typeof swarmCreateServiceSchema>;
export type SwarmUpdateServiceRequest = z.infer<typeof swarmUpdateServiceSchema>;
export type SwarmCreateObjectRequest = z.infer<typeof swarmCreateObjectSchema>;
