import type { Dialog } from 'electron';

import type { MainLog } from './main-log';

/**
 * Whatever threw during start: logged, then shown in a native error box with the reason and where the log is, so
 * Berth never exits silently (showErrorBox works before `ready` too).
 */
export function reportStartFailure(
  dialog: Pick<Dialog, 'showErrorBox'>,
  log: Pick<MainLog, 'error' | 'path'>,
  error: unknown,
): void {
  log.error('Berth failed to start:', error);
  const reason = error instanceof Error ? error.message : String(error);
  try {
    dialog.showErrorBox('Berth could not start', `${reason}\n\nDetails are in the log: ${log.path}`);
  } catch (dialogError) {
    log.error('The start-up error box could not be shown either:', dialogError);
  }
}
