import { z } from 'zod';

import { channel } from '../define';
import { ShellChannel } from './channels';

export const shellContract = {
  /** Main opens only plain http(s) URLs (isSafeExternalUrl); anything else is refused with VALIDATION. */
  [ShellChannel.ShellOpenExternal]: channel<void>()(z.tuple([z.string().min(1).max(2048)])),
};
