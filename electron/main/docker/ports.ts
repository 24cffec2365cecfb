import type { EventName, IpcEventMap } from '../../common';

// The ports main-process services are given by the composition root (electron/main/index.ts). Services stay plain
// Node: Electron is behind these, and tests pass fakes.

/** How a service pushes an event to the windows: the app's one event bus implements it (`AppEventBus.publish`). */
export type Publish = <E extends EventName>(name: E, payload: IpcEventMap[E]) => void;

/** A file type filter of a dialog (`{ name: 'Tar archives', extensions: ['tar'] }`). */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Asks the user where to save something; `undefined` when they cancel. */
export type ChooseSavePath = (request: {
  title: string;
  defaultName: string;
  filters?: FileFilter[];
}) => Promise<string | undefined>;

/** Asks the user for a file (the default) or a folder to open; `undefined` when they cancel. */
export type ChooseOpenPath = (request: {
  title: string;
  kind?: 'file' | 'directory';
  filters?: FileFilter[];
}) => Promise<string | undefined>;

/**
 * The native file dialogs: one port, implemented once over Electron in platform/file-dialogs.ts. Function-valued
 * properties (not methods) so a service can take just the one it needs.
 */
export interface FileDialogs {
  chooseSavePath: ChooseSavePath;
  chooseOpenPath: ChooseOpenPath;
}

/** Where main-process services write what a user (or support) needs when something goes wrong. */
export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
}
