import { z } from 'zod';

import type {
  DiskUsage,
  EventsPage,
  SystemInfo,
  SystemPrunePreview,
  SystemPruneResult,
} from '../../system/types';
import { channel } from '../define';
import { engineIdSchema } from '../schemas';
import { SystemChannel } from './channels';

export const systemPruneSchema = z
  .object({ engineId: engineIdSchema, volumes: z.boolean(), allImages: z.boolean() })
  .strict();

export const systemContract = {
  [SystemChannel.SystemInfo]: channel<SystemInfo>()(z.tuple([engineIdSchema])),
  [SystemChannel.SystemDiskUsage]: channel<DiskUsage>()(z.tuple([engineIdSchema])),
  [SystemChannel.SystemPrunePreview]: channel<SystemPrunePreview>()(z.tuple([systemPruneSchema])),
  [SystemChannel.SystemPrune]: channel<SystemPruneResult>()(z.tuple([systemPruneSchema])),
  [SystemChannel.SystemEvents]: channel<EventsPage>()(
    z.tuple([z.object({ engineId: engineIdSchema, sinceSeq: z.number().int().min(0).optional() }).strict()]),
  ),
};
