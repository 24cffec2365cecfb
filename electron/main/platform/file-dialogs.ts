import { join } from 'node:path';

import type { BrowserWindow, Dialog } from 'electron';

import type { FileDialogs } from '../docker/ports';

/**
 * The app's one implementation of the file-dialog port, over Electron's dialogs: attached to the main window when
 * it is open, starting in `defaultDir()` (the downloads folder).
 */
export function electronFileDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  parent: () => BrowserWindow | undefined,
  defaultDir: () => string,
): FileDialogs {
  return {
    async chooseSavePath({ title, defaultName, filters }) {
      const options: Electron.SaveDialogOptions = { title, defaultPath: join(defaultDir(), defaultName) };
      if (filters !== undefined) options.filters = filters;
      const window = parent();
      const result =
        window !== undefined
          ? await dialog.showSaveDialog(window, options)
          : await dialog.showSaveDialog(options);
      return result.canceled || result.filePath === '' ? undefined : result.filePath;
    },
    async chooseOpenPath({ title, kind = 'file', filters }) {
      const options: Electron.OpenDialogOptions = {
        title,
        defaultPath: defaultDir(),
        properties: [kind === 'directory' ? 'openDirectory' : 'openFile', 'createDirectory'],
      };
      if (filters !== undefined) options.filters = filters;
      const window = parent();
      const result =
        window !== undefined
          ? await dialog.showOpenDialog(window, options)
          : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
  };
}
