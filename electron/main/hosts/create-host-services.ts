import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';

import type { DockerEnv } from '../docker/engine/endpoint';
import { EngineRegistry, type EngineRegistryOptions } from '../docker/engine/engine-registry';
import { dockerConfigDir, DockerContextStore } from './contexts/context-store';
import { HostCredentials } from './host-credentials';
import type { HostStore } from './host-store';
import { HostsService } from './hosts-service';
import { PromptBroker } from './prompt-broker';
import type { SecretBox } from './secret-box';

interface HostServicesOptions {
  store: HostStore;
  secrets: SecretBox;
  env: DockerEnv;
  platform: NodeJS.Platform;
  homedir: string;
  registry?: Omit<EngineRegistryOptions, 'ssh'>;
  logger?: Pick<Console, 'warn'>;
}

export interface HostServices {
  engines: EngineRegistry;
  hosts: HostsService;
  broker: PromptBroker;
  credentials: HostCredentials;
}

function localUser(env: DockerEnv): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? 'root';
  }
}

/**
 * Builds the engine registry and everything that decides what it connects to: the docker CLI's contexts (in
 * `$DOCKER_CONFIG` or `~/.docker`), Berth's own hosts, and the SSH prompts and saved passphrases. Call
 * `hosts.start()` to read the sources, then `engines.start()` to connect.
 */
export function createHostServices(options: HostServicesOptions): HostServices {
  ensureDockerConfigDir(options.env, options.homedir);
  const broker = new PromptBroker();
  // The credentials ask the hosts service for names; the service needs the registry, which needs the credentials.
  const late: { hosts?: HostsService } = {};
  const credentials = new HostCredentials({
    store: options.store,
    secrets: options.secrets,
    broker,
    nameOf: (engineId) => late.hosts?.nameOf(engineId) ?? engineId,
    isSaved: (engineId) => late.hosts?.isSaved(engineId) ?? false,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const engines = new EngineRegistry([], {
    ...options.registry,
    ssh: { home: options.homedir, localUser: localUser(options.env), env: options.env, prompts: credentials },
  });
  const hosts = new HostsService({
    engines,
    contexts: new DockerContextStore(dockerConfigDir(options.env, options.homedir)),
    store: options.store,
    credentials,
    broker,
    env: options.env,
    platform: options.platform,
    homedir: options.homedir,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  late.hosts = hosts;
  return { engines, hosts, broker, credentials };
}

/**
 * Creates the docker CLI's config folder when it does not exist yet (0700, as the CLI would), so the watch on it
 * starts now and a first `docker context create` later is followed too. Failing to create it only means no watch.
 */
function ensureDockerConfigDir(env: DockerEnv, homedir: string): void {
  try {
    mkdirSync(dockerConfigDir(env, homedir), { recursive: true, mode: 0o700 });
  } catch {
    // A read-only home: contexts are still read at start.
  }
}
