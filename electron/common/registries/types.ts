import type { EngineId } from '../hosts/engine';

/**
 * Where a registry login comes from: stored by Berth (encrypted with the OS keyring), or the docker CLI's own
 * (`config.json` `auths`, `credsStore`, `credHelpers`), which Berth reads as the CLI does and never rewrites.
 */
export type CredentialSource = 'berth' | 'docker-config';

/** What the renderer may know about a login: who, where, and from where. Never the secret. */
export interface RegistryLogin {
  /** `host[:port]`, or `https://index.docker.io/v1/` for Docker Hub, as the CLI keys it. */
  registry: string;
  /** Empty when a credential helper has an entry but Berth did not ask it for the name. */
  username: string;
  source: CredentialSource;
  /** For `docker-config`: `config.json` or the helper, e.g. `docker-credential-pass`. */
  store?: string;
}

export interface RegistryList {
  logins: RegistryLogin[];
  /** Whether Berth can store a password safely (an OS keyring is available). */
  canStoreSecrets: boolean;
  /** Why it cannot, in plain words. */
  storageProblem?: string;
  /** A problem reading the docker CLI's config (it is then ignored), e.g. a malformed `config.json`. */
  dockerConfigProblem?: string;
}

export interface RegistryLoginRequest {
  /** The engine whose daemon checks the credentials against the registry (`POST /auth`). */
  engineId: EngineId;
  /** `host[:port]`; empty or `docker.io` means Docker Hub. */
  registry: string;
  username: string;
  /** Crosses to main once, is checked, encrypted and never sent back. */
  password: string;
}

export interface RegistryLogoutRequest {
  registry: string;
}
