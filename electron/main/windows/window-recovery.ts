import type { BrowserWindow, Dialog } from 'electron';

/** The slice of Electron's dialog the recovery prompts use (a double in tests). */
export type RecoveryDialog = Pick<Dialog, 'showMessageBox'>;

interface RecoveryOptions {
  dialog: RecoveryDialog;
  /** Where main's log is, named in the message so a crash can be reported. */
  logPath: string;
  logger: { warn: (message: string, ...details: unknown[]) => void };
}

/**
 * A window whose page crashed (`render-process-gone`) or stopped answering (`unresponsive`) offers Reload instead
 * of staying blank or frozen. One prompt at a time per window; a page that answers again closes nothing by itself
 * (the user's choice stands), but a pending "unresponsive" prompt's Reload is then harmless.
 */
export function offerReloadOnFailure(
  window: BrowserWindow,
  { dialog, logPath, logger }: RecoveryOptions,
): void {
  let asking = false;
  const ask = async (message: string, detail: string, waitLabel: string): Promise<void> => {
    if (asking || window.isDestroyed()) return;
    asking = true;
    try {
      const { response } = await dialog.showMessageBox(window, {
        type: 'error',
        title: 'Berth',
        message,
        detail: `${detail}\n\nThe log is at ${logPath}.`,
        buttons: ['Reload', waitLabel],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      });
      if (response === 0 && !window.isDestroyed()) window.webContents.reload();
    } finally {
      asking = false;
    }
  };
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    logger.warn(`[window] the page is gone (${details.reason}, exit code ${details.exitCode})`);
    void ask(
      'Berth’s window stopped working.',
      `Its page ended (${details.reason}). Reload it to carry on; nothing running on your hosts was affected.`,
      'Close',
    );
  });
  window.on('unresponsive', () => {
    logger.warn('[window] the page is not responding');
    void ask(
      'Berth’s window is not responding.',
      'Reload it, or wait a little longer for it to answer.',
      'Wait',
    );
  });
}
