import Store from 'electron-store';

import {
  emptyHostsFile,
  type HostsFile,
  hostsJsonSchema,
  type HostStore,
  MemoryHostStore,
  parseHostsFile,
} from './host-store';

/**
 * `hosts.json` in Berth's user data, through electron-store with a JSON schema. An invalid file is never cleared
 * (electron-store's default would wipe the user's hosts): it is left as it is, reported, and this session runs
 * with an empty list in memory.
 */
export function openHostsStore(logger: Pick<Console, 'error'> = console): HostStore {
  let store: Store<HostsFile>;
  try {
    store = new Store<HostsFile>({
      name: 'hosts',
      schema: hostsJsonSchema(),
      defaults: emptyHostsFile(),
      clearInvalidConfig: false,
    });
  } catch (error) {
    logger.error('[hosts] hosts.json is not valid; it is left untouched and not used this session:', error);
    return new MemoryHostStore();
  }
  return {
    read: () => parseHostsFile(store.store),
    write: (file) => {
      store.store = file;
    },
  };
}
