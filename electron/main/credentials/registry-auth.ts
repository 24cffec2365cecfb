import { ErrorCode, IpcError } from '../../common';

/** Docker Hub's key in `config.json` and the server address the daemon expects for it. */
export const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';

const hubHostnames = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * What goes into `X-Registry-Auth` (and `X-Registry-Config`): a user and password, or an identity token. Built and
 * used only in main; it never crosses to the renderer and is never logged.
 */
export interface RegistryAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

/** Resolves the credentials for a registry, as the docker CLI would (or `undefined` to go anonymous). */
export interface RegistryCredentials {
  resolve(registry: string): Promise<RegistryAuth | undefined>;
}

/** An image reference taken apart: `registry` is `docker.io` when the reference names none. */
interface ParsedReference {
  registry: string;
  /** The name without tag or digest, as written (`busybox`, `127.0.0.1:5000/berth/busybox`). */
  repository: string;
  tag?: string;
  digest?: string;
}

/**
 * Splits `[registry/]repository[:tag][@digest]` like distribution/reference: the first path component is a
 * registry when it contains a `.` or a `:`, is `localhost`, or has upper-case letters. The input is assumed valid
 * (the IPC schemas check the grammar); this only takes it apart.
 */
export function parseReference(reference: string): ParsedReference {
  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon !== -1 && !rest.slice(colon + 1).includes('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  // An upper-case first part cannot be a repository path, so it names a registry too (splitDockerDomain).
  const registry =
    first !== '' &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first.toLowerCase() !== first)
      ? first
      : 'docker.io';
  return {
    registry,
    repository: rest,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** `scheme://host[:port]/path` → `host[:port]`, as the CLI's `ConvertToHostname`. */
export function toHostname(server: string): string {
  let host = server.trim();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = host.indexOf('/');
  return slash === -1 ? host : host.slice(0, slash);
}

/**
 * The key a registry has in `config.json`, credential helpers and Berth's store: `https://index.docker.io/v1/`
 * for Docker Hub (and an empty address), the lower-cased `host[:port]` otherwise.
 */
export function registryKey(server: string): string {
  const host = toHostname(server).toLowerCase();
  if (host === '' || hubHostnames.has(host)) return DOCKER_HUB_SERVER;
  return host;
}

/** The registry key of the registry an image reference lives in. */
export function registryOfReference(reference: string): string {
  return registryKey(parseReference(reference).registry);
}

/** How a registry is shown: `Docker Hub` instead of its URL. */
export function registryLabel(key: string): string {
  return key === DOCKER_HUB_SERVER ? 'Docker Hub' : key;
}

/**
 * Rewrites what the daemon or a registry said about a refused login into a sentence a user can act on, keeping the
 * daemon's words (never the request).
 */
export function toLoginError(error: IpcError, registry: string): IpcError {
  const refused =
    error.code === ErrorCode.Unauthorized ||
    /unauthorized|incorrect username or password|authentication required|401/i.test(error.message);
  if (refused) {
    return new IpcError(
      ErrorCode.Unauthorized,
      `${registryLabel(registry)} refused the user name or password (${error.message}).`,
      { cause: error },
    );
  }
  return error;
}
