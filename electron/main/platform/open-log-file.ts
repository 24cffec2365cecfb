import type { Shell } from 'electron';

import { ErrorCode, IpcError } from '../../common';

/** Opens the log file in the system's viewer for `.log` files; a failure (no viewer, file gone) is reported. */
export async function openLogFile(shell: Pick<Shell, 'openPath'>, path: string): Promise<void> {
  // openPath resolves with an error message instead of rejecting.
  const failure = await shell.openPath(path);
  if (failure !== '')
    throw new IpcError(ErrorCode.Internal, `Could not open the log file ${path}: ${failure}`);
}
