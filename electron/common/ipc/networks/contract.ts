import { z } from 'zod';

import type { PruneReport } from '../../lists/types';
import { parseIp, validateIpamPools } from '../../networks/cidr';
import {
  creatableNetworkDrivers,
  type NetworkListSnapshot,
  type NetworkPrunePreview,
  type NetworkSummary,
} from '../../networks/types';
import { channel } from '../define';
import { containerIdSchema, engineIdSchema, stringMapSchema } from '../schemas';
import { NetworksChannel } from './channels';

/**
 * A network id or name. Docker itself accepts nearly any name, but the id lands in a URL path, so Berth
 * keeps to the characters the CLI's users use.
 */
export const networkRefSchema = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/, 'must be a network id or name');

const ipamPoolSchema = z
  .object({
    subnet: z.string().max(64).optional(),
    gateway: z.string().max(64).optional(),
    ipRange: z.string().max(64).optional(),
  })
  .strict();

export const networkCreateSchema = z
  .object({
    engineId: engineIdSchema,
    name: networkRefSchema,
    driver: z.enum(creatableNetworkDrivers),
    ipam: z.array(ipamPoolSchema).max(8),
    internal: z.boolean().optional(),
    attachable: z.boolean().optional(),
    enableIPv6: z.boolean().optional(),
    labels: stringMapSchema.optional(),
    options: stringMapSchema.optional(),
  })
  .strict()
  .superRefine((request, context) => {
    for (const problem of validateIpamPools(request.ipam)) {
      context.addIssue({
        code: 'custom',
        path: ['ipam', problem.pool, problem.field],
        message: problem.message,
      });
    }
  });

const ipOf = (version: 4 | 6) =>
  z
    .string()
    .max(64)
    .refine((text) => parseIp(text)?.version === version, `must be an IPv${version} address`);

export const networkConnectSchema = z
  .object({
    engineId: engineIdSchema,
    network: networkRefSchema,
    container: containerIdSchema,
    aliases: z
      .array(z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/, 'must be a DNS name'))
      .max(32)
      .optional(),
    ipv4Address: ipOf(4).optional(),
    ipv6Address: ipOf(6).optional(),
  })
  .strict();

export const networkDisconnectSchema = z
  .object({
    engineId: engineIdSchema,
    network: networkRefSchema,
    container: containerIdSchema,
    force: z.boolean().optional(),
  })
  .strict();

export const networksContract = {
  [NetworksChannel.NetworksList]: channel<NetworkListSnapshot>()(z.tuple([engineIdSchema])),
  [NetworksChannel.NetworksCreate]: channel<NetworkSummary>()(z.tuple([networkCreateSchema])),
  [NetworksChannel.NetworksRemove]: channel<void>()(
    z.tuple([z.object({ engineId: engineIdSchema, id: networkRefSchema }).strict()]),
  ),
  [NetworksChannel.NetworksPrunePreview]: channel<NetworkPrunePreview>()(z.tuple([engineIdSchema])),
  [NetworksChannel.NetworksPrune]: channel<PruneReport>()(z.tuple([engineIdSchema])),
  [NetworksChannel.NetworksConnect]: channel<void>()(z.tuple([networkConnectSchema])),
  [NetworksChannel.NetworksDisconnect]: channel<void>()(z.tuple([networkDisconnectSchema])),
};
