import { z } from 'zod';

import type { HostInput, HostsFileProblem, HostSummary, HostTestResult } from '../../hosts/types';
import { channel } from '../define';
import { engineIdSchema } from '../schemas';
import { HostsChannel } from './channels';

/** A file path on this machine (`~` allowed); read by main only. */
const filePathSchema = z.string().trim().min(1).max(4096);

export const hostTlsFilesSchema = z
  .object({ ca: filePathSchema.optional(), cert: filePathSchema.optional(), key: filePathSchema.optional() })
  .strict();

export const hostInputSchema = z
  .object({
    engineId: engineIdSchema.optional(),
    name: z.string().trim().min(1).max(128),
    url: z.string().trim().min(1).max(2048),
    description: z.string().max(1024).optional(),
    tls: hostTlsFilesSchema.optional(),
    skipTlsVerify: z.boolean().optional(),
    allowInsecure: z.boolean().optional(),
    saveAsContext: z.boolean().optional(),
    makeCurrent: z.boolean().optional(),
  })
  .strict() satisfies z.ZodType<HostInput>;

export const hostPromptAnswerSchema = z
  .object({
    id: z.string().regex(/^prompt-[a-z0-9-]{1,64}$/, 'must be a prompt id'),
    accept: z.boolean(),
    passphrase: z.string().max(4096).optional(),
    remember: z.boolean().optional(),
    responses: z.array(z.string().max(4096)).max(16).optional(),
  })
  .strict();

export const hostsContract = {
  [HostsChannel.HostsList]: channel<HostSummary[]>()(z.tuple([])),
  [HostsChannel.HostsSave]: channel<HostSummary>()(z.tuple([hostInputSchema])),
  [HostsChannel.HostsRemove]: channel<void>()(z.tuple([engineIdSchema])),
  [HostsChannel.HostsTest]: channel<HostTestResult>()(z.tuple([hostInputSchema])),
  [HostsChannel.HostsConnect]: channel<void>()(z.tuple([engineIdSchema])),
  [HostsChannel.HostsDisconnect]: channel<void>()(z.tuple([engineIdSchema])),
  [HostsChannel.HostsAnswerPrompt]: channel<void>()(z.tuple([hostPromptAnswerSchema])),
  [HostsChannel.HostsFileProblem]: channel<HostsFileProblem | null>()(z.tuple([])),
  [HostsChannel.HostsRetryFile]: channel<HostsFileProblem | null>()(z.tuple([])),
};
