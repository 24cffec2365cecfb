import type Dockerode from 'dockerode';

import {
  ErrorCode,
  IpcError,
  type RegistryList,
  type RegistryLogin,
  type RegistryLoginRequest,
  type RegistryLogoutRequest,
} from '../../common';
import type { EngineRegistry } from '../docker/engine/engine-registry';
import { abortable } from '../docker/engine/requests';
import type { AppCredentialStore } from './app-credential-store';
import type { DockerConfigCredentials } from './docker-config';
import {
  DOCKER_HUB_SERVER,
  type RegistryAuth,
  type RegistryCredentials,
  registryKey,
  registryLabel,
  toLoginError,
} from './registry-auth';

/**
 * Registry credentials for every Docker call that needs them: a login made in Berth first, else what the docker
 * CLI would use. Logging in checks the credentials against the registry (through the daemon's `POST /auth`) before
 * anything is stored. The renderer learns only "registry X: user Y, from Berth or from the docker config".
 */
export class RegistryCredentialsService implements RegistryCredentials {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly store: AppCredentialStore,
    private readonly dockerConfig: DockerConfigCredentials,
  ) {}

  async resolve(registry: string): Promise<RegistryAuth | undefined> {
    const key = registryKey(registry);
    const stored = await this.store.get(key);
    if (stored !== undefined) {
      return stored.kind === 'identitytoken'
        ? { username: stored.username, identitytoken: stored.secret, serveraddress: key }
        : { username: stored.username, password: stored.secret, serveraddress: key };
    }
    return this.dockerConfig.resolve(key);
  }

  async list(): Promise<RegistryList> {
    const problem = await this.store.unavailableReason();
    const logins: RegistryLogin[] = [];
    try {
      for (const entry of await this.store.list()) logins.push({ ...entry, source: 'berth' });
    } catch (error) {
      if (!(error instanceof IpcError)) throw error;
    }
    let dockerConfigProblem: string | undefined;
    try {
      logins.push(...(await this.dockerConfig.list()));
    } catch (error) {
      if (!(error instanceof IpcError)) throw error;
      dockerConfigProblem = error.message;
    }
    return {
      logins,
      canStoreSecrets: problem === undefined,
      ...(problem !== undefined ? { storageProblem: problem } : {}),
      ...(dockerConfigProblem !== undefined ? { dockerConfigProblem } : {}),
    };
  }

  /**
   * Checks the credentials against the registry, then stores them encrypted (an identity token instead of the
   * password when the registry gives one).
   * @throws IpcError FORBIDDEN when there is no OS keyring; UNAUTHORIZED when the registry refuses them.
   */
  async login(request: RegistryLoginRequest): Promise<RegistryLogin> {
    const key = registryKey(request.registry);
    const problem = await this.store.unavailableReason();
    if (problem !== undefined) throw new IpcError(ErrorCode.Forbidden, problem);
    await this.engines.ready(request.engineId);
    let answer: Dockerode.AuthCheckResponse;
    try {
      answer = await this.engines.request(request.engineId, (client, abortSignal) =>
        abortable(client).checkAuth({
          username: request.username,
          password: request.password,
          serveraddress: key === DOCKER_HUB_SERVER ? DOCKER_HUB_SERVER : key,
          abortSignal,
        }),
      );
    } catch (error) {
      throw toLoginError(
        error instanceof IpcError ? error : new IpcError(ErrorCode.Internal, 'Login failed.'),
        key,
      );
    }
    const token = typeof answer?.IdentityToken === 'string' ? answer.IdentityToken : '';
    await this.store.set(
      key,
      token !== ''
        ? { username: request.username, secret: token, kind: 'identitytoken' }
        : { username: request.username, secret: request.password, kind: 'password' },
    );
    return { registry: key, username: request.username, source: 'berth' };
  }

  /**
   * Forgets a login made in Berth. The docker CLI's own logins are its business: Berth never rewrites the CLI's
   * config or helpers, and says how to log out there instead.
   */
  async logout(request: RegistryLogoutRequest): Promise<void> {
    const key = registryKey(request.registry);
    if (await this.store.delete(key)) return;
    const fromCli = await this.dockerConfig.list().then(
      (logins) => logins.some((login) => login.registry === key),
      () => false,
    );
    if (fromCli) {
      const target = key === DOCKER_HUB_SERVER ? '' : ` ${key}`;
      throw new IpcError(
        ErrorCode.Validation,
        `Berth uses the docker CLI's login for ${registryLabel(key)}; run \`docker logout${target}\` to remove it.`,
      );
    }
    throw new IpcError(ErrorCode.NotFound, `Berth has no login for ${registryLabel(key)}.`);
  }
}
