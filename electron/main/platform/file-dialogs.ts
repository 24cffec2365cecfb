import type { BrowserWindow, Dialog } from 'electron';

import type { FileDialogs } from '../docker/images/image-transfers';

/** Berth's file choosers over Electron's dialogs, attached to the main window when it is open. */
export function electronFileDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  parent: () => BrowserWindow | undefined,
  defaultDir: () => string,
): FileDialogs {
  const open = (options: Electron.OpenDialogOptions) => {
    const window = parent();
    return window !== undefined ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
  };
  return {
    async chooseFolder({ title }) {
      const result = await open({ title, properties: ['openDirectory'] });
      return result.canceled ? undefined : result.filePaths[0];
    },
    async chooseOpenFile({ title, filters }) {
      const result = await open({ title, filters, properties: ['openFile'] });
      return result.canceled ? undefined : result.filePaths[0];
    },
    async chooseSaveFile({ title, defaultName, filters }) {
      const options: Electron.SaveDialogOptions = {
        title,
        defaultPath: `${defaultDir()}/${defaultName}`,
        filters,
      };
      const window = parent();
      const result =
        window !== undefined
          ? await dialog.showSaveDialog(window, options)
          : await dialog.showSaveDialog(options);
      return result.canceled || result.filePath === '' ? undefined : result.filePath;
    },
  };
}
