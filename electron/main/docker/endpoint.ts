import { join } from 'node:path';

import type Dockerode from 'dockerode';

import type { EngineId, EngineKind } from '../../common';

/** Where a TLS engine's certificates are read from (when connecting, so a missing file is a status, not a crash). */
export interface TlsFiles {
  caFile: string;
  /** Client certificate and key; the CLI skips them when the default files do not exist, and so do we. */
  certFile: string;
  keyFile: string;
}

/** How to reach one engine: everything the registry needs, decided before any I/O. */
export interface EngineEndpoint {
  id: EngineId;
  name: string;
  kind: EngineKind;
  /** The address as the docker CLI would print it (`unix:///var/run/docker.sock`). */
  address: string;
  /**
   * Options for `new Dockerode()`, built explicitly for the kind: every transport field is set (to a value or
   * `undefined`) because docker-modem merges them over defaults it reads from `process.env`, and a default
   * `socketPath` once overrode `host` (dockerode#540).
   */
  dockerodeOptions: Dockerode.DockerOptions;
  /** Present for `tcp` with TLS (`DOCKER_TLS_VERIFY`). */
  tls?: TlsFiles;
  /** Set when this endpoint cannot be used at all; the engine then reports it as its reason and never dials. */
  problem?: string;
}

/** The environment variables the docker CLI reads to choose its daemon. */
export interface DockerEnv {
  DOCKER_HOST?: string;
  DOCKER_TLS_VERIFY?: string;
  DOCKER_TLS?: string;
  DOCKER_CERT_PATH?: string;
  DOCKER_CONFIG?: string;
  [name: string]: string | undefined;
}

export const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';
export const DEFAULT_NAMED_PIPE = '//./pipe/docker_engine';
const DEFAULT_TCP_PORT = 2375;
const LOCAL_ID: EngineId = 'local';

/** Transport fields reset so nothing from docker-modem's env defaults leaks in. */
const noTransport: Dockerode.DockerOptions = {
  socketPath: undefined,
  host: undefined,
  port: undefined,
  protocol: undefined,
  ca: undefined,
  cert: undefined,
  key: undefined,
  // An inactivity timeout would also kill the idle /events stream (docker-modem#45); deadlines use AbortSignal.
  timeout: undefined,
};

function socketEndpoint(kind: 'unix' | 'npipe', path: string, name: string): EngineEndpoint {
  return {
    id: LOCAL_ID,
    name,
    kind,
    address: `${kind}://${path}`,
    dockerodeOptions: { ...noTransport, socketPath: path, protocol: 'http' },
  };
}

function problemEndpoint(kind: EngineKind, address: string, problem: string): EngineEndpoint {
  return { id: LOCAL_ID, name: 'DOCKER_HOST', kind, address, dockerodeOptions: { ...noTransport }, problem };
}

function tcpEndpoint(rest: string, env: DockerEnv, homedir: string, raw: string): EngineEndpoint {
  let url: URL;
  try {
    url = new URL(`tcp://${rest}`);
  } catch {
    return problemEndpoint('tcp', raw, `DOCKER_HOST is not a valid address: ${raw}`);
  }
  if (
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname !== '' && url.pathname !== '/')
  ) {
    return problemEndpoint(
      'tcp',
      raw,
      `DOCKER_HOST must be tcp://host:port (without a path or credentials): ${raw}`,
    );
  }
  // WHATWG URL keeps IPv6 literals bracketed; Node's http wants them bare.
  const host = (url.hostname || 'localhost').replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? DEFAULT_TCP_PORT : Number(url.port);
  const hostForAddress = host.includes(':') ? `[${host}]` : host;
  const address = `tcp://${hostForAddress}:${port}`;

  // The CLI treats any non-empty value as true (docker/cli flags/common.go); docker-modem wants '1' (#121).
  const verify = (env.DOCKER_TLS_VERIFY ?? '') !== '';
  const tlsWithoutVerify = !verify && (env.DOCKER_TLS ?? '') !== '';
  if (tlsWithoutVerify) {
    return problemEndpoint(
      'tcp',
      address,
      'DOCKER_TLS without DOCKER_TLS_VERIFY asks for TLS without checking the server certificate, which Berth does ' +
        'not do. Set DOCKER_TLS_VERIFY=1 and provide ca.pem.',
    );
  }
  const endpoint: EngineEndpoint = {
    id: LOCAL_ID,
    name: host,
    kind: 'tcp',
    address,
    dockerodeOptions: { ...noTransport, host, port, protocol: verify ? 'https' : 'http' },
  };
  if (verify) {
    // The CLI's default cert directory is its config directory: $DOCKER_CONFIG or ~/.docker.
    const certDir = env.DOCKER_CERT_PATH || env.DOCKER_CONFIG || join(homedir, '.docker');
    endpoint.tls = {
      caFile: join(certDir, 'ca.pem'),
      certFile: join(certDir, 'cert.pem'),
      keyFile: join(certDir, 'key.pem'),
    };
  }
  return endpoint;
}

/**
 * Resolves the daemon the docker CLI would talk to without `--host`/`--context`: `DOCKER_HOST` (unix://,
 * npipe://, tcp://, or a bare host:port), else the platform's default socket. Pure: reads only its arguments.
 * `ssh://` and unknown schemes resolve to an endpoint carrying a `problem` instead of throwing.
 */
export function resolveLocalEndpoint(
  env: DockerEnv,
  platform: NodeJS.Platform,
  homedir: string,
): EngineEndpoint {
  const raw = (env.DOCKER_HOST ?? '').trim();
  if (raw === '') {
    return platform === 'win32'
      ? socketEndpoint('npipe', DEFAULT_NAMED_PIPE, 'Local')
      : socketEndpoint('unix', DEFAULT_UNIX_SOCKET, 'Local');
  }
  const separator = raw.indexOf('://');
  const scheme = separator === -1 ? 'tcp' : raw.slice(0, separator).toLowerCase();
  const rest = separator === -1 ? raw : raw.slice(separator + 3);
  switch (scheme) {
    case 'unix':
      return socketEndpoint('unix', rest || DEFAULT_UNIX_SOCKET, 'Local');
    case 'npipe':
      return socketEndpoint('npipe', rest || DEFAULT_NAMED_PIPE, 'Local');
    case 'tcp':
      return tcpEndpoint(rest, env, homedir, raw);
    case 'ssh':
      return {
        ...problemEndpoint('ssh', raw, `SSH engines (${raw}) are not supported yet.`),
        name: rest.replace(/^[^@]*@/, '').replace(/[:/].*$/, '') || 'ssh',
      };
    default:
      return problemEndpoint('tcp', raw, `DOCKER_HOST uses a scheme Berth does not know: ${raw}`);
  }
}
