import { z } from 'zod';

import { channel } from '../define';
import { ShellChannel } from './channels';

export const shellContract = {
  /** Main opens only plain http(s) URLs (isSafeExternalUrl); anything else is refused with VALIDATION. */
  [ShellChannel.ShellOpenExternal]: channel<void>()(z.tuple([z.string().min(1).max(2048)])),
  /** Opens the main process's log file (the same as Help → Open Log File). */
  [ShellChannel.ShellOpenLogFile]: channel<void>()(z.tuple([])),
};
