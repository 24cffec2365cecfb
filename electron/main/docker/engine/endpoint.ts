import { join } from 'node:path';

import type Dockerode from 'dockerode';

import type { EngineId, EngineKind } from '../../../common';

/** Where a TLS engine's certificates are read from (when connecting, so a missing file is a status, not a crash). */
export interface TlsFiles {
  /** The CA to verify the daemon with; the system's CAs when absent (the CLI's `--tls` without `--tlscacert`). */
  caFile?: string;
  /** Client certificate and key. */
  certFile?: string;
  keyFile?: string;
  /** Skip cert/key when the files do not exist (the CLI does so for its default `~/.docker/{cert,key}.pem`). */
  clientCertOptional?: boolean;
  /** Do not verify the daemon's certificate (`SkipTLSVerify`); only with the user's explicit opt-in. */
  skipVerify?: boolean;
}

/** An `ssh://[user@]host[:port][/path/to/remote.sock]` target, before `~/.ssh/config` is applied. */
export interface SshTarget {
  /** The host as written (may be a `Host` alias of ~/.ssh/config). */
  host: string;
  user?: string;
  port?: number;
  /** The daemon socket on the remote host; `docker system dial-stdio` uses the remote CLI's default when absent. */
  socketPath?: string;
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
  /** Present for `tcp` with TLS. */
  tls?: TlsFiles;
  /** Present for `ssh`: the registry opens one persistent SSH connection and a channel per request. */
  ssh?: SshTarget;
  /** Why this connection is not secure (plain tcp, unverified certificate), when the user allowed that. */
  insecure?: string;
  /** Set when this endpoint cannot be used at all; the engine then reports it as its reason and never dials. */
  problem?: string;
}

/** A host as the user (or a docker context) describes it; {@link endpointForHost} turns it into an endpoint. */
export interface HostSpec {
  url: string;
  /** TLS files (paths; `~/` is expanded). Any of them, or `skipTlsVerify`, means TLS, as for the CLI's contexts. */
  tls?: { ca?: string; cert?: string; key?: string };
  skipTlsVerify?: boolean;
  /** The explicit per-host opt-in for plain `tcp://` or an unverified certificate. */
  allowInsecure?: boolean;
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
/** The Host header sent over SSH channels: the daemon ignores it, and it never resolves (as the CLI's dummy host). */
const SSH_DUMMY_HOST = 'api.moby.localhost';

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

interface Naming {
  id: EngineId;
  /** The engine's name; derived from the address when absent. */
  name?: string;
}

function socketEndpoint(kind: 'unix' | 'npipe', path: string, naming: Naming): EngineEndpoint {
  return {
    id: naming.id,
    name: naming.name ?? 'Local',
    kind,
    address: `${kind}://${path}`,
    dockerodeOptions: { ...noTransport, socketPath: path, protocol: 'http' },
  };
}

function problemEndpoint(kind: EngineKind, address: string, problem: string, naming: Naming): EngineEndpoint {
  return {
    id: naming.id,
    name: naming.name ?? address,
    kind,
    address,
    dockerodeOptions: { ...noTransport },
    problem,
  };
}

/** TLS settings for a tcp endpoint: how they are decided differs between the environment and contexts. */
type TcpSecurity =
  | { mode: 'tls'; files: TlsFiles }
  | { mode: 'plain' }
  /** TLS was asked for in a way Berth refuses; the message says why. */
  | { mode: 'refused'; problem: string };

function tcpEndpoint(
  rest: string,
  raw: string,
  naming: Naming,
  security: TcpSecurity,
  allowInsecure: boolean,
): EngineEndpoint {
  let url: URL;
  try {
    url = new URL(`tcp://${rest}`);
  } catch {
    return problemEndpoint('tcp', raw, `Not a valid address: ${raw}`, naming);
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
      `A tcp address must be tcp://host:port (without a path or credentials): ${raw}`,
      naming,
    );
  }
  // WHATWG URL keeps IPv6 literals bracketed; Node's http wants them bare.
  const host = (url.hostname || 'localhost').replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? DEFAULT_TCP_PORT : Number(url.port);
  const hostForAddress = host.includes(':') ? `[${host}]` : host;
  const address = `tcp://${hostForAddress}:${port}`;
  const named: Naming = { id: naming.id, name: naming.name ?? host };
  if (security.mode === 'refused') return problemEndpoint('tcp', address, security.problem, named);

  const tls = security.mode === 'tls';
  const endpoint: EngineEndpoint = {
    id: named.id,
    name: named.name ?? host,
    kind: 'tcp',
    address,
    dockerodeOptions: { ...noTransport, host, port, protocol: tls ? 'https' : 'http' },
  };
  if (security.mode === 'tls') endpoint.tls = security.files;

  const insecure = !tls
    ? 'The connection is plain tcp: not encrypted, and anyone who can reach the port controls the daemon.'
    : security.mode === 'tls' && security.files.skipVerify
      ? 'The daemon’s TLS certificate is not verified: anyone on the network path could impersonate it.'
      : undefined;
  if (insecure !== undefined && !allowInsecure) {
    return problemEndpoint(
      'tcp',
      address,
      `Berth does not connect to ${address} as configured. ${insecure} Allow the insecure connection for this host ` +
        'on the Hosts page if you accept that' +
        (tls ? ', or give the CA certificate instead.' : ', or use TLS (or ssh://) instead.'),
      named,
    );
  }
  if (insecure !== undefined) endpoint.insecure = insecure;
  return endpoint;
}

/**
 * Parses `ssh://[user@]host[:port][/path/to/remote.sock]` as the docker CLI does (connhelper/ssh): a password,
 * query or fragment is refused.
 */
function parseSshUrl(raw: string): SshTarget | { problem: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: `Not a valid ssh address: ${raw}` };
  }
  if (url.protocol !== 'ssh:') return { problem: `Not an ssh:// address: ${raw}` };
  if (url.password)
    return { problem: `An ssh address must not contain a password: use a key or the ssh agent.` };
  if (url.search || url.hash) return { problem: `An ssh address has no query or fragment: ${raw}` };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') return { problem: `An ssh address needs a host: ${raw}` };
  const target: SshTarget = { host };
  if (url.username) target.user = decodeURIComponent(url.username);
  if (url.port !== '') target.port = Number(url.port);
  const path = decodeURIComponent(url.pathname);
  if (path !== '' && path !== '/') target.socketPath = path;
  return target;
}

function sshEndpoint(raw: string, naming: Naming): EngineEndpoint {
  const target = parseSshUrl(raw);
  if ('problem' in target) {
    return problemEndpoint('ssh', raw, target.problem, naming);
  }
  const hostForAddress = target.host.includes(':') ? `[${target.host}]` : target.host;
  const address =
    `ssh://${target.user !== undefined ? `${target.user}@` : ''}${hostForAddress}` +
    `${target.port !== undefined ? `:${target.port}` : ''}${target.socketPath ?? ''}`;
  return {
    id: naming.id,
    name: naming.name ?? target.host,
    kind: 'ssh',
    address,
    // The registry adds the agent that turns every request into a channel of the host's one SSH connection.
    dockerodeOptions: { ...noTransport, host: SSH_DUMMY_HOST, protocol: 'http' },
    ssh: target,
  };
}

function splitScheme(raw: string): { scheme: string; rest: string } {
  const separator = raw.indexOf('://');
  return separator === -1
    ? { scheme: 'tcp', rest: raw }
    : { scheme: raw.slice(0, separator).toLowerCase(), rest: raw.slice(separator + 3) };
}

function expandHome(path: string, homedir: string): string {
  return path === '~' ? homedir : path.startsWith('~/') ? join(homedir, path.slice(2)) : path;
}

/**
 * Resolves the daemon the docker CLI would talk to without `--host`/`--context`: `DOCKER_HOST` (unix://,
 * npipe://, tcp://, ssh://, or a bare host:port), else the platform's default socket. Pure: reads only its
 * arguments. Plain tcp (or TLS without verification) needs `allowInsecure`; refusals and unknown schemes resolve
 * to an endpoint carrying a `problem` instead of throwing.
 */
export function resolveLocalEndpoint(
  env: DockerEnv,
  platform: NodeJS.Platform,
  homedir: string,
  options: { allowInsecure?: boolean } = {},
): EngineEndpoint {
  const naming: Naming = { id: LOCAL_ID };
  const raw = (env.DOCKER_HOST ?? '').trim();
  if (raw === '') {
    return platform === 'win32'
      ? socketEndpoint('npipe', DEFAULT_NAMED_PIPE, naming)
      : socketEndpoint('unix', DEFAULT_UNIX_SOCKET, naming);
  }
  const { scheme, rest } = splitScheme(raw);
  switch (scheme) {
    case 'unix':
      return socketEndpoint('unix', rest || DEFAULT_UNIX_SOCKET, naming);
    case 'npipe':
      return socketEndpoint('npipe', rest || DEFAULT_NAMED_PIPE, naming);
    case 'tcp': {
      // The CLI treats any non-empty value as true (docker/cli flags/common.go); docker-modem wants '1' (#121).
      const verify = (env.DOCKER_TLS_VERIFY ?? '') !== '';
      const tlsOnly = !verify && (env.DOCKER_TLS ?? '') !== '';
      // The CLI's default cert directory is its config directory: $DOCKER_CONFIG or ~/.docker.
      const certDir = env.DOCKER_CERT_PATH || env.DOCKER_CONFIG || join(homedir, '.docker');
      const files: TlsFiles = {
        caFile: join(certDir, 'ca.pem'),
        certFile: join(certDir, 'cert.pem'),
        keyFile: join(certDir, 'key.pem'),
        clientCertOptional: true,
      };
      let security: TcpSecurity;
      if (verify) security = { mode: 'tls', files };
      else if (tlsOnly) {
        // DOCKER_TLS alone is TLS without checking the daemon's certificate.
        const { caFile: _unused, ...withoutCa } = files;
        security = { mode: 'tls', files: { ...withoutCa, skipVerify: true } };
      } else security = { mode: 'plain' };
      return tcpEndpoint(rest, raw, naming, security, options.allowInsecure === true);
    }
    case 'ssh':
      return sshEndpoint(raw, naming);
    default:
      return problemEndpoint('tcp', raw, `DOCKER_HOST uses a scheme Berth does not know: ${raw}`, {
        ...naming,
        name: 'DOCKER_HOST',
      });
  }
}

/**
 * The endpoint for a host given by URL, as a docker CLI context or Berth's own host list describes it. As for the
 * CLI's contexts, any TLS file or `skipTlsVerify` means TLS; TLS files are ignored for sockets and ssh.
 */
export function endpointForHost(id: EngineId, name: string, spec: HostSpec, homedir: string): EngineEndpoint {
  const naming: Naming = { id, name };
  const raw = spec.url.trim();
  if (raw === '') return problemEndpoint('tcp', raw, 'The host has no address.', naming);
  const { scheme, rest } = splitScheme(raw);
  switch (scheme) {
    case 'unix':
      if (rest === '') return problemEndpoint('unix', raw, 'A unix:// address needs a socket path.', naming);
      return socketEndpoint('unix', expandHome(rest, homedir), naming);
    case 'npipe':
      if (rest === '') return problemEndpoint('npipe', raw, 'An npipe:// address needs a pipe path.', naming);
      return socketEndpoint('npipe', rest, naming);
    case 'tcp': {
      const tls = spec.tls ?? {};
      const wantsTls =
        spec.skipTlsVerify === true ||
        tls.ca !== undefined ||
        tls.cert !== undefined ||
        tls.key !== undefined;
      let security: TcpSecurity;
      if (!wantsTls) security = { mode: 'plain' };
      else if ((tls.cert === undefined) !== (tls.key === undefined)) {
        security = {
          mode: 'refused',
          problem: 'A client certificate needs its key, and a key its certificate: give both or neither.',
        };
      } else {
        const files: TlsFiles = {};
        if (tls.ca !== undefined) files.caFile = expandHome(tls.ca, homedir);
        if (tls.cert !== undefined) files.certFile = expandHome(tls.cert, homedir);
        if (tls.key !== undefined) files.keyFile = expandHome(tls.key, homedir);
        if (spec.skipTlsVerify === true) files.skipVerify = true;
        security = { mode: 'tls', files };
      }
      return tcpEndpoint(rest, raw, naming, security, spec.allowInsecure === true);
    }
    case 'ssh':
      return sshEndpoint(raw, naming);
    default:
      return problemEndpoint('tcp', raw, `Berth does not know the scheme of ${raw}.`, naming);
  }
}
