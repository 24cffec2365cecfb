import { join } from 'node:path';

// The Node flavour of electron-log on purpose: `electron-log/main` also registers its own `__ELECTRON_LOG__` IPC
// handlers for renderer logging, a channel past Berth's validated invoke router that nothing here needs. The
// folder comes from Electron's `app.getPath('logs')`, passed in by the composition root.
import electronLog from 'electron-log/node';

import type { Logger } from '../docker/ports';

/** The main process's log: a `Logger` port for the services, plus where its file is (Help → Open Log File). */
export interface MainLog extends Logger {
  readonly path: string;
}

interface MainLogOptions {
  /** The folder of the file: the user's logs folder (`app.getPath('logs')`). */
  dir: string;
  /** Past this size the file is renamed to `main.old.log` (replacing the previous one) and a new one begins. */
  maxBytes?: number;
  /** Also write to the console (stderr/stdout), as main did before it had a file. Default true. */
  echo?: boolean;
}

export const MAIN_LOG_FILE = 'main.log';
const DEFAULT_MAX_BYTES = 1024 * 1024;

let created = 0;

/** A rotating log file: `main.log` plus at most one `main.old.log`, so the logs folder stays bounded (~2 × max). */
export function createMainLog({ dir, maxBytes = DEFAULT_MAX_BYTES, echo = true }: MainLogOptions): MainLog {
  const path = join(dir, MAIN_LOG_FILE);
  // Each log gets its own electron-log instance, so a second one (tests) never shares paths or levels.
  created += 1;
  const log = electronLog.create({ logId: `berth-main-${created}` });
  log.transports.file.resolvePathFn = () => path;
  log.transports.file.maxSize = maxBytes;
  log.transports.file.level = 'info';
  log.transports.console.level = echo ? 'info' : false;
  return {
    path,
    error: (message, ...details) => log.error(message, ...details),
    warn: (message, ...details) => log.warn(message, ...details),
    info: (message, ...details) => log.info(message, ...details),
  };
}
