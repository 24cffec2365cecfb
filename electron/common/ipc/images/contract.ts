import { z } from 'zod';

import { parseImageReference } from '../../images/reference';
import type {
  ImageDetails,
  ImageListSnapshot,
  ImagePrunePreview,
  ImagePruneResult,
  ImageRemoveOutcome,
} from '../../images/types';
import type { OperationSummary } from '../../ops/types';
import { channel } from '../define';
import { engineIdSchema } from '../schemas';
import { ImagesChannel } from './channels';

/** `[registry/]repository[:tag]`: a name an image can be given (Docker's reference grammar, no digest). */
export const imageNameSchema = z
  .string()
  .max(512)
  .superRefine((text, context) => {
    const parsed = parseImageReference(text);
    if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.error });
    else if (parsed.reference.digest !== undefined)
      context.addIssue({ code: 'custom', message: 'A name cannot contain a digest.' });
  });

/**
 * An image id (`sha256:…`, full or short) or `[registry/]repository[:tag][@digest]`. The grammar also keeps refs
 * that land in URL paths free of `?`, `#`, `%`, `..` and whitespace.
 */
export const imageRefSchema = z
  .string()
  .max(512)
  .superRefine((text, context) => {
    if (/^sha256:[0-9a-f]{12,64}$/.test(text)) return;
    const parsed = parseImageReference(text);
    if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.error });
  });

/** Build arguments: `ARG` names to values. */
const buildArgsSchema = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,254}$/, 'must be an ARG name'), z.string().max(32_768))
  .refine((args) => Object.keys(args).length <= 256, 'at most 256 build arguments');

export const imageRemoveSchema = z
  .object({
    engineId: engineIdSchema,
    refs: z.array(imageRefSchema).min(1).max(1000),
    force: z.boolean().optional(),
  })
  .strict();

export const imageTagSchema = z
  .object({ engineId: engineIdSchema, source: imageRefSchema, target: imageNameSchema })
  .strict();

export const imagePruneSchema = z
  .object({ engineId: engineIdSchema, mode: z.enum(['dangling', 'unused']) })
  .strict();

export const imageBuildSchema = z
  .object({
    engineId: engineIdSchema,
    context: z.string().min(1).max(4096),
    dockerfile: z
      .string()
      .min(1)
      .max(1024)
      .refine((path) => !path.includes('\0'), 'must be a path')
      .optional(),
    tags: z.array(imageNameSchema).max(32),
    buildArgs: buildArgsSchema,
    target: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,127}$/, 'must be a stage name')
      .optional(),
    noCache: z.boolean(),
    pull: z.boolean(),
  })
  .strict();

const imageRefRequestSchema = z.object({ engineId: engineIdSchema, ref: imageRefSchema }).strict();

export const imagesContract = {
  [ImagesChannel.ImagesList]: channel<ImageListSnapshot>()(z.tuple([engineIdSchema])),
  [ImagesChannel.ImagesInspect]: channel<ImageDetails>()(
    z.tuple([z.object({ engineId: engineIdSchema, id: imageRefSchema }).strict()]),
  ),
  [ImagesChannel.ImagesRemove]: channel<ImageRemoveOutcome[]>()(z.tuple([imageRemoveSchema])),
  [ImagesChannel.ImagesTag]: channel<void>()(z.tuple([imageTagSchema])),
  [ImagesChannel.ImagesPrunePreview]: channel<ImagePrunePreview>()(z.tuple([imagePruneSchema])),
  [ImagesChannel.ImagesPrune]: channel<ImagePruneResult>()(z.tuple([imagePruneSchema])),
  [ImagesChannel.ImagesPull]: channel<OperationSummary>()(z.tuple([imageRefRequestSchema])),
  [ImagesChannel.ImagesPush]: channel<OperationSummary>()(
    z.tuple([z.object({ engineId: engineIdSchema, ref: imageNameSchema }).strict()]),
  ),
  /** Opens a folder dialog; `null` when the user cancelled. */
  [ImagesChannel.ImagesChooseBuildContext]: channel<{ path: string } | null>()(z.tuple([])),
  [ImagesChannel.ImagesBuild]: channel<OperationSummary>()(z.tuple([imageBuildSchema])),
  /** Opens a save dialog, then starts writing the tar; `null` when the user cancelled the dialog. */
  [ImagesChannel.ImagesSave]: channel<OperationSummary | null>()(
    z.tuple([z.object({ engineId: engineIdSchema, refs: z.array(imageRefSchema).min(1).max(256) }).strict()]),
  ),
  /** Opens a file dialog, then starts loading the tar; `null` when the user cancelled the dialog. */
  [ImagesChannel.ImagesLoad]: channel<OperationSummary | null>()(
    z.tuple([z.object({ engineId: engineIdSchema }).strict()]),
  ),
};
