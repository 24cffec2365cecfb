import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { homedir, userInfo } from 'node:os';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

import Dockerode from 'dockerode';

import { ErrorCode, IpcError } from '../../../common';
import type { EngineEndpoint } from './endpoint';
import { refusingPrompts, type SshEnvironment } from './ssh/ssh-prompts';
import type { SshSession } from './ssh/ssh-session';

// How one engine connection carries its requests: local sockets, TLS, or channels of one SSH connection. The
// registry (engine-registry.ts) decides when to connect; this file only builds and closes what carries requests.

/** How `ssh://` engines are reached, from the registry's options. */
export interface TransportSettings {
  ssh: SshEnvironment;
  sshHandshakeTimeoutMs: number;
}

/** What carries one connection's requests. */
export interface Transport {
  client: Dockerode;
  agent: http.Agent;
  ssh?: SshSession;
}

/** The client and what carries its requests: sockets, TLS, or channels of one SSH connection. */
export async function createTransport(
  endpoint: EngineEndpoint,
  settings: TransportSettings,
  signal: AbortSignal,
): Promise<Transport> {
  const options: Dockerode.DockerOptions & { agent?: http.Agent } = { ...endpoint.dockerodeOptions };
  let agent: http.Agent;
  let ssh: SshSession | undefined;
  if (endpoint.ssh) {
    // ssh2 and the SSH code load only when an SSH host connects, not at startup.
    const { SshSession } = await import('./ssh/ssh-session');
    ssh = await SshSession.open(endpoint.id, endpoint.ssh, settings.ssh, {
      timeoutMs: settings.sshHandshakeTimeoutMs,
      // dispose() aborts every attempt's signal through teardown.
      signal,
    });
    agent = ssh.createAgent();
  } else if (endpoint.tls) {
    const tls = await readTlsOptions(endpoint);
    Object.assign(options, tls);
    // Verification is on unless the user explicitly allowed otherwise for this host; the agent's options win
    // over the request's, so nothing later can turn it off.
    agent = new https.Agent({
      keepAlive: true,
      ...tls,
      rejectUnauthorized: endpoint.tls.skipVerify !== true,
    });
  } else {
    // One agent per connection: keep-alive sockets belong to this engine and die with the connection.
    agent = new http.Agent({ keepAlive: true });
  }
  options.agent = agent;
  try {
    return { client: withoutDockerEnv(() => new Dockerode(options)), agent, ...(ssh ? { ssh } : {}) };
  } catch (error) {
    await closeTransport({ agent, ...(ssh ? { ssh } : {}) });
    throw error;
  }
}

/** Destroys an agent's sockets (or channels) and the SSH connection; resolves when they have closed. */
export async function closeTransport(transport: { agent: http.Agent; ssh?: SshSession }): Promise<void> {
  const sockets = agentSockets(transport.agent);
  transport.agent.destroy();
  await Promise.all([...sockets.map(whenClosed), transport.ssh?.close()]);
}

/**
 * Opens one raw byte stream to the engine's API over the connection `transport` already holds: a socket for
 * unix/npipe/tcp, TLS with the certificates the agent was built with, or a new channel of the SSH session. Nothing
 * is read from disk or asked again. For forwarding (engine/forward-socket.ts), where any HTTP (streams, hijack,
 * upgrade) must pass unchanged.
 */
export async function dialTransport(
  endpoint: EngineEndpoint,
  transport: { agent: http.Agent; ssh?: SshSession },
): Promise<Duplex> {
  if (transport.ssh) return transport.ssh.openChannel();
  const { socketPath, host, port } = endpoint.dockerodeOptions;
  if (typeof socketPath === 'string') {
    return whenConnected(net.connect({ path: socketPath, allowHalfOpen: true }), 'connect');
  }
  const target = { host: host ?? 'localhost', port: Number(port) };
  if (endpoint.tls) {
    // The agent's own options: the CA, client cert/key and verification it was created with.
    const options = (transport.agent as https.Agent).options;
    return whenConnected(
      tls.connect({
        ...options,
        ...target,
        servername: net.isIP(target.host) === 0 ? target.host : undefined,
      }),
      'secureConnect',
    );
  }
  return whenConnected(net.connect({ ...target, allowHalfOpen: true }), 'connect');
}

function whenConnected(socket: net.Socket, event: 'connect' | 'secureConnect'): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    socket.once('error', fail);
    socket.once(event, () => {
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

/** This process's home, user and environment; unknown host keys refused (nobody to ask). */
export function defaultSshEnvironment(): SshEnvironment {
  let localUser = process.env.USER ?? 'root';
  try {
    localUser = userInfo().username;
  } catch {
    // No passwd entry: keep $USER.
  }
  return { home: homedir(), localUser, env: process.env, prompts: refusingPrompts };
}

/** The variables docker-modem reads in its constructor to build defaults (and may throw on). */
const dockerModemEnv = [
  'DOCKER_HOST',
  'DOCKER_TLS_VERIFY',
  'DOCKER_CERT_PATH',
  'DOCKER_CLIENT_TIMEOUT',
  'DOCKER_PATH_PREFIX',
];

/**
 * Runs `construct` with docker-modem's environment variables hidden. Our options already say everything, but
 * docker-modem still derives defaults from the environment and, for a tcp DOCKER_HOST with DOCKER_CERT_PATH,
 * reads ca/cert/key.pem synchronously and throws when one is missing, though the CLI treats cert/key as optional.
 * Synchronous, so nothing else can observe the change.
 */
function withoutDockerEnv<T>(construct: () => T): T {
  const saved = new Map<string, string>();
  for (const name of dockerModemEnv) {
    const value = process.env[name];
    if (value !== undefined) saved.set(name, value);
    delete process.env[name];
  }
  try {
    return construct();
  } finally {
    for (const [name, value] of saved) process.env[name] = value;
  }
}

/** Reads an endpoint's TLS files; a missing optional client cert/key is left out, as the CLI does. */
async function readTlsOptions(
  endpoint: EngineEndpoint,
): Promise<{ ca?: Buffer; cert?: Buffer; key?: Buffer }> {
  const files = endpoint.tls ?? {};
  const optional = files.clientCertOptional === true;
  const options: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  if (files.caFile !== undefined) {
    const ca = await readTlsFile(files.caFile, 'CA certificate', endpoint.address);
    if (ca) options.ca = ca;
  }
  const cert =
    files.certFile !== undefined
      ? await readTlsFile(files.certFile, 'client certificate', endpoint.address, { optional })
      : undefined;
  const key =
    files.keyFile !== undefined
      ? await readTlsFile(files.keyFile, 'client key', endpoint.address, { optional })
      : undefined;
  if (cert && key) {
    options.cert = cert;
    options.key = key;
  }
  return options;
}

async function readTlsFile(
  file: string,
  what: string,
  address: string,
  options: { optional?: boolean } = {},
): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if (options.optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new IpcError(
      ErrorCode.EngineUnreachable,
      `Cannot connect to the Docker engine at ${address}: the ${what} ${file} cannot be read (${reason}).`,
    );
  }
}

function agentSockets(agent: http.Agent): Duplex[] {
  const sockets: Duplex[] = [];
  for (const pool of [agent.sockets, agent.freeSockets]) {
    for (const list of Object.values(pool)) sockets.push(...(list ?? []));
  }
  return sockets;
}

function whenClosed(socket: Duplex): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}
