import { join } from 'node:path';

import Store from 'electron-store';

import { guardedHostStore } from './guarded-host-store';
import {
  emptyHostsFile,
  type HostsFile,
  hostsJsonSchema,
  type HostStore,
  parseHostsFile,
} from './host-store';

/**
 * `hosts.json` in Berth's user data, through electron-store with a JSON schema, guarded: a file that cannot be
 * read is never cleared (electron-store's default would wipe the user's hosts) nor written; see guardedHostStore.
 */
export function openHostsStore(dir: string, logger: Pick<Console, 'error'> = console): HostStore {
  return guardedHostStore(
    join(dir, 'hosts.json'),
    () => {
      const store = new Store<HostsFile>({
        cwd: dir,
        name: 'hosts',
        schema: hostsJsonSchema(),
        defaults: emptyHostsFile(),
        clearInvalidConfig: false,
      });
      return {
        read: () => parseHostsFile(store.store),
        write: (file) => {
          store.store = file;
        },
      };
    },
    logger,
  );
}
