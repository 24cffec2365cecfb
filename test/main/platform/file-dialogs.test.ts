import type { BrowserWindow, Dialog } from 'electron';
import { describe, expect, it } from 'vitest';

import { electronFileDialogs } from '../../../electron/main/platform/file-dialogs';

type Shown = { kind: 'open' | 'save'; parent: boolean; options: Record<string, unknown> };

function fakeDialog(answer: { canceled: boolean; path?: string }): {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  shown: Shown[];
} {
  const shown: Shown[] = [];
  const record = (kind: Shown['kind'], args: unknown[]): void => {
    const options = args.at(-1) as Record<string, unknown>;
    shown.push({ kind, parent: args.length === 2, options });
  };
  const dialog = {
    showOpenDialog: (...args: unknown[]) => {
      record('open', args);
      return Promise.resolve({ canceled: answer.canceled, filePaths: answer.path ? [answer.path] : [] });
    },
    showSaveDialog: (...args: unknown[]) => {
      record('save', args);
      return Promise.resolve({ canceled: answer.canceled, filePath: answer.path ?? '' });
    },
  } as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  return { dialog, shown };
}

const noWindow = (): BrowserWindow | undefined => undefined;

describe('electronFileDialogs (the one file-dialog port)', () => {
  it('saves into the default folder under the suggested name, with the filters asked for', async () => {
    const { dialog, shown } = fakeDialog({ canceled: false, path: '/home/me/Downloads/alpine.tar' });
    const dialogs = electronFileDialogs(dialog, noWindow, () => '/home/me/Downloads');
    const filters = [{ name: 'Tar archive', extensions: ['tar'] }];
    await expect(
      dialogs.chooseSavePath({ title: 'Save alpine', defaultName: 'alpine.tar', filters }),
    ).resolves.toBe('/home/me/Downloads/alpine.tar');
    expect(shown).toEqual([
      {
        kind: 'save',
        parent: false,
        options: { title: 'Save alpine', defaultPath: '/home/me/Downloads/alpine.tar', filters },
      },
    ]);
  });

  it('opens a file by default and a folder when asked', async () => {
    const { dialog, shown } = fakeDialog({ canceled: false, path: '/src/app' });
    const dialogs = electronFileDialogs(dialog, noWindow, () => '/home/me/Downloads');
    await dialogs.chooseOpenPath({ title: 'Upload' });
    await dialogs.chooseOpenPath({ title: 'Build', kind: 'directory' });
    expect(shown.map((entry) => entry.options.properties)).toEqual([
      ['openFile', 'createDirectory'],
      ['openDirectory', 'createDirectory'],
    ]);
  });

  it('answers undefined when the user cancels (or a save dialog returns no path)', async () => {
    const cancelled = electronFileDialogs(fakeDialog({ canceled: true }).dialog, noWindow, () => '/tmp');
    await expect(cancelled.chooseOpenPath({ title: 'Load' })).resolves.toBeUndefined();
    await expect(cancelled.chooseSavePath({ title: 'Save', defaultName: 'x' })).resolves.toBeUndefined();
    const empty = electronFileDialogs(fakeDialog({ canceled: false }).dialog, noWindow, () => '/tmp');
    await expect(empty.chooseSavePath({ title: 'Save', defaultName: 'x' })).resolves.toBeUndefined();
  });

  it('attaches the dialog to the main window when it is open', async () => {
    const { dialog, shown } = fakeDialog({ canceled: false, path: '/tmp/x' });
    const window = {} as BrowserWindow;
    await electronFileDialogs(
      dialog,
      () => window,
      () => '/tmp',
    ).chooseSavePath({ title: 'Save', defaultName: 'x' });
    expect(shown[0]?.parent).toBe(true);
  });
});
