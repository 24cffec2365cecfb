import { isAbsolute } from 'node:path';

/** What the app asked the OS to open; nothing is ever opened. */
export const shellRecords = {
  openedExternally: [] as string[],
  openedPaths: [] as string[],
  shownInFolder: [] as string[],
};

/**
 * `shell`: records instead of acting. `openExternal` validates its URL like Electron (a URL that does not
 * parse rejects) and resolves once recorded.
 */
export const shell = {
  openExternal(
    url: string,
    _options?: { activate?: boolean; workingDirectory?: string; logUsage?: boolean },
  ): Promise<void> {
    try {
      new URL(url);
    } catch {
      return Promise.reject(new Error('Invalid URL'));
    }
    shellRecords.openedExternally.push(url);
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    shellRecords.openedPaths.push(path);
    return Promise.resolve('');
  },
  showItemInFolder(fullPath: string): void {
    if (isAbsolute(fullPath)) shellRecords.shownInFolder.push(fullPath);
  },
  beep(): void {
    // Nothing to hear.
  },
};
