import { z } from 'zod';

import type { PruneReport } from '../../lists/types';
import type {
  VolumeDirectoryListing,
  VolumeListSnapshot,
  VolumePrunePreview,
  VolumeRemoveOutcome,
  VolumeSizes,
  VolumeSummary,
  VolumeTransferStart,
} from '../../volumes/types';
import { channel } from '../define';
import { engineIdSchema, stringMapSchema } from '../schemas';
import { VolumesChannel } from './channels';

/** Docker's own rule for volume names (`[a-zA-Z0-9][a-zA-Z0-9_.-]+`), which also keeps URLs intact. */
export const volumeNameSchema = z
  .string()
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,254}$/,
    'must be a volume name: letters, digits, and _ . - after the first',
  );

/** A plugin driver name like `local` or `vieux/sshfs:latest`. */
export const driverNameSchema = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/@-]{0,254}$/, 'must be a driver name');

/**
 * A path inside a volume, from its root: `/`-separated, no `.`/`..` segments, no NUL. The root is `''`.
 * Checked again in main before it reaches a request.
 */
export const volumePathSchema = z
  .string()
  .max(4096)
  .refine(
    (path) => !path.includes('\0') && path.split('/').every((part) => part !== '.' && part !== '..'),
    'must be a path inside the volume',
  );

const volumeRefSchema = z.object({ engineId: engineIdSchema, volume: volumeNameSchema }).strict();

export const volumeCreateSchema = z
  .object({
    engineId: engineIdSchema,
    name: z.union([volumeNameSchema, z.literal('')]).optional(),
    driver: driverNameSchema.optional(),
    driverOptions: stringMapSchema.optional(),
    labels: stringMapSchema.optional(),
  })
  .strict();

export const volumesContract = {
  [VolumesChannel.VolumesList]: channel<VolumeListSnapshot>()(z.tuple([engineIdSchema])),
  [VolumesChannel.VolumesSizes]: channel<VolumeSizes>()(z.tuple([engineIdSchema])),
  [VolumesChannel.VolumesCreate]: channel<VolumeSummary>()(z.tuple([volumeCreateSchema])),
  [VolumesChannel.VolumesRemove]: channel<VolumeRemoveOutcome[]>()(
    z.tuple([
      z.object({ engineId: engineIdSchema, names: z.array(volumeNameSchema).min(1).max(1000) }).strict(),
    ]),
  ),
  [VolumesChannel.VolumesPrunePreview]: channel<VolumePrunePreview>()(z.tuple([engineIdSchema])),
  [VolumesChannel.VolumesPrune]: channel<PruneReport>()(z.tuple([engineIdSchema])),
  [VolumesChannel.VolumesBrowse]: channel<VolumeDirectoryListing>()(
    z.tuple([volumeRefSchema.extend({ path: volumePathSchema }).strict()]),
  ),
  [VolumesChannel.VolumesDownload]: channel<VolumeTransferStart>()(
    z.tuple([
      volumeRefSchema.extend({ path: volumePathSchema.min(1), kind: z.enum(['file', 'directory']) }).strict(),
    ]),
  ),
  [VolumesChannel.VolumesExport]: channel<VolumeTransferStart>()(z.tuple([volumeRefSchema])),
  [VolumesChannel.VolumesImport]: channel<VolumeTransferStart>()(z.tuple([volumeRefSchema])),
};
