import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { ErrorCode, IpcError, type RegistryLogin } from '../../common';
import { record } from '../docker/engine/readers';
import { CredentialHelpers } from './credential-helper';
import { DOCKER_HUB_SERVER, type RegistryAuth, registryKey, toHostname } from './registry-auth';

/** The parts of the CLI's `config.json` that concern credentials. */
interface ConfigFile {
  auths: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers: Record<string, string>;
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

/** The user name a credential helper returns for an identity token instead of a password. */
const IDENTITY_TOKEN_USER = '<token>';

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function parseConfig(text: string): ConfigFile {
  const raw = record(JSON.parse(text));
  const auths: Record<string, AuthEntry> = {};
  for (const [server, entry] of Object.entries(record(raw.auths))) {
    const fields = record(entry);
    const auth: AuthEntry = {};
    for (const key of ['auth', 'username', 'password', 'identitytoken'] as const) {
      const value = optionalString(fields[key]);
      if (value !== undefined) auth[key] = value;
    }
    auths[server] = auth;
  }
  const credHelpers: Record<string, string> = {};
  for (const [server, helper] of Object.entries(record(raw.credHelpers))) {
    if (typeof helper === 'string' && helper !== '') credHelpers[server] = helper;
  }
  const credsStore = optionalString(raw.credsStore);
  return { auths, credHelpers, ...(credsStore !== undefined ? { credsStore } : {}) };
}

/** `auth` is base64 of `user:password`; the password may itself contain colons. */
function decodeAuthEntry(entry: AuthEntry): { username: string; password: string } | undefined {
  if (entry.auth !== undefined) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username !== undefined && entry.password !== undefined) {
    return { username: entry.username, password: entry.password };
  }
  return undefined;
}

/** The server address the daemon expects for a registry key. */
function serverAddress(key: string): string {
  return key === DOCKER_HUB_SERVER ? DOCKER_HUB_SERVER : key;
}

/**
 * The docker CLI's credentials, read as the CLI reads them: `$DOCKER_CONFIG/config.json` (else
 * `~/.docker/config.json`), `credHelpers` for the registry first, then `credsStore`, then `auths` (base64 `auth`,
 * `username`/`password`, `identitytoken`). Read fresh on every lookup, so `docker login` in a terminal is seen at
 * once; never written.
 */
export class DockerConfigCredentials {
  constructor(
    private readonly configDir: string,
    private readonly helpers: CredentialHelpers,
  ) {}

  get configPath(): string {
    return join(this.configDir, 'config.json');
  }

  /** The config, or an empty one when there is no file. A malformed file is an error with the path in it. */
  async read(): Promise<ConfigFile> {
    let text: string;
    try {
      text = await readFile(this.configPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { auths: {}, credHelpers: {} };
      throw new IpcError(
        ErrorCode.Internal,
        `Cannot read the docker config ${this.configPath} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      );
    }
    try {
      return parseConfig(text);
    } catch {
      throw new IpcError(ErrorCode.Internal, `The docker config ${this.configPath} is not valid JSON.`);
    }
  }

  /** The helper that holds a registry's credentials, if the config names one. */
  helperFor(config: ConfigFile, key: string): string | undefined {
    for (const [server, helper] of Object.entries(config.credHelpers)) {
      if (registryKey(server) === key) return helper;
    }
    return config.credsStore;
  }

  /** The credentials the CLI would send to `key` (a {@link registryKey}), or `undefined`. */
  async resolve(key: string): Promise<RegistryAuth | undefined> {
    const config = await this.read();
    const helper = this.helperFor(config, key);
    if (helper !== undefined) {
      const found = await this.helpers.get(helper, serverAddress(key));
      // The CLI keeps a file entry next to a store only for the e-mail; the store is the answer.
      if (found === undefined) return undefined;
      if (found.username === IDENTITY_TOKEN_USER) {
        return { identitytoken: found.secret, serveraddress: serverAddress(key) };
      }
      return { username: found.username, password: found.secret, serveraddress: serverAddress(key) };
    }
    const entry = this.authEntry(config, key);
    if (entry === undefined) return undefined;
    if (entry.identitytoken !== undefined) {
      const decoded = decodeAuthEntry(entry);
      return {
        ...(decoded !== undefined ? { username: decoded.username } : {}),
        identitytoken: entry.identitytoken,
        serveraddress: serverAddress(key),
      };
    }
    const decoded = decodeAuthEntry(entry);
    if (decoded === undefined) return undefined;
    return { ...decoded, serveraddress: serverAddress(key) };
  }

  /** Every registry the CLI has credentials for, with user names only. */
  async list(): Promise<RegistryLogin[]> {
    const config = await this.read();
    const logins = new Map<string, RegistryLogin>();
    const fromFile = (key: string, entry: AuthEntry): void => {
      const decoded = decodeAuthEntry(entry);
      if (decoded === undefined && entry.identitytoken === undefined) return;
      logins.set(key, {
        registry: key,
        username: decoded?.username ?? '',
        source: 'docker-config',
        store: 'config.json',
      });
    };
    if (config.credsStore !== undefined) {
      const store = config.credsStore;
      for (const [server, username] of Object.entries(await this.helpers.list(store))) {
        const key = registryKey(server);
        if (this.helperFor(config, key) !== store) continue;
        logins.set(key, {
          registry: key,
          username: username === IDENTITY_TOKEN_USER ? '' : username,
          source: 'docker-config',
          store: CredentialHelpers.programName(store),
        });
      }
    } else {
      for (const [server, entry] of Object.entries(config.auths)) fromFile(registryKey(server), entry);
    }
    for (const [server, helper] of Object.entries(config.credHelpers)) {
      const key = registryKey(server);
      const found = await this.helpers.get(helper, serverAddress(key));
      if (found === undefined) {
        logins.delete(key);
        continue;
      }
      logins.set(key, {
        registry: key,
        username: found.username === IDENTITY_TOKEN_USER ? '' : found.username,
        source: 'docker-config',
        store: CredentialHelpers.programName(helper),
      });
    }
    return [...logins.values()].sort((a, b) => a.registry.localeCompare(b.registry));
  }

  /** The `auths` entry for a key: an exact match first, then one whose host is the same (as the CLI). */
  private authEntry(config: ConfigFile, key: string): AuthEntry | undefined {
    const exact = config.auths[key];
    if (exact !== undefined) return exact;
    for (const [server, entry] of Object.entries(config.auths)) {
      if (registryKey(server) === key || toHostname(server) === key) return entry;
    }
    return undefined;
  }
}
