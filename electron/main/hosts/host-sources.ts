import type { EngineId } from '../../common';
import type { HostSummary } from '../../common/hosts/types';
import {
  DEFAULT_NAMED_PIPE,
  DEFAULT_UNIX_SOCKET,
  type DockerEnv,
  endpointForHost,
  type EngineEndpoint,
  resolveLocalEndpoint,
} from '../docker/engine/endpoint';
import type { DockerContext } from './contexts/context-store';
import type { EnginePrefs, HostRecord, HostsFile } from './host-store';

// Where hosts come from — the CLI's default, its contexts, Berth's own — each turned into what the user sees (a
// summary) and what the engine registry dials (an endpoint).

export const LOCAL_ENGINE_ID: EngineId = 'local';
const CONTEXT_PREFIX = 'context:';
export const DEFAULT_CONTEXT = 'default';

/** One host as the service knows it: what the user sees and what the registry dials. */
export interface Host {
  summary: Omit<HostSummary, 'counts'>;
  endpoint: EngineEndpoint;
}

export function contextEngineId(name: string): EngineId {
  return `${CONTEXT_PREFIX}${name}`;
}

export function contextNameOf(engineId: EngineId): string | undefined {
  return engineId.startsWith(CONTEXT_PREFIX) ? engineId.slice(CONTEXT_PREFIX.length) : undefined;
}

/** What building a host needs besides its source: the CLI's environment and the host's preferences. */
export interface HostSourceContext {
  env: DockerEnv;
  platform: NodeJS.Platform;
  homedir: string;
  prefs(engineId: EngineId): EnginePrefs;
  liveFlags(engineId: EngineId): Pick<HostSummary, 'disconnected' | 'passphraseSaved'>;
}

export function localEndpoint(context: HostSourceContext, allowInsecure: boolean): EngineEndpoint {
  return resolveLocalEndpoint(context.env, context.platform, context.homedir, {
    allowInsecure,
  });
}

/** The CLI's default host: DOCKER_HOST, or the platform's socket or pipe. */
export function localHost(context: HostSourceContext, file: HostsFile): Host {
  const prefs = file.engines[LOCAL_ENGINE_ID] ?? {};
  const endpoint = localEndpoint(context, prefs.allowInsecure === true);
  const fromEnv = (context.env.DOCKER_HOST ?? '').trim();
  const url =
    fromEnv !== ''
      ? fromEnv
      : context.platform === 'win32'
        ? `npipe://${DEFAULT_NAMED_PIPE}`
        : `unix://${DEFAULT_UNIX_SOCKET}`;
  const summary = hostSummary(context, endpoint, {
    name: endpoint.name,
    source: 'default',
    contextName: DEFAULT_CONTEXT,
    description: fromEnv !== '' ? 'DOCKER_HOST' : 'The docker CLI’s default socket',
    url,
    skipTlsVerify: endpoint.tls?.skipVerify === true,
    editable: false,
  });
  if (endpoint.tls) {
    const tls: HostSummary['tls'] = {};
    if (endpoint.tls.caFile !== undefined) tls.ca = endpoint.tls.caFile;
    if (endpoint.tls.certFile !== undefined) tls.cert = endpoint.tls.certFile;
    if (endpoint.tls.keyFile !== undefined) tls.key = endpoint.tls.keyFile;
    summary.tls = tls;
  }
  return { summary, endpoint };
}

/** A docker CLI context. */
export function contextHost(context: HostSourceContext, docker: DockerContext, file: HostsFile): Host {
  const engineId = contextEngineId(docker.name);
  const prefs = file.engines[engineId] ?? {};
  const endpoint = endpointForHost(
    engineId,
    docker.name,
    {
      url: docker.host,
      tls: docker.tls,
      skipTlsVerify: docker.skipTlsVerify,
      allowInsecure: prefs.allowInsecure === true,
    },
    context.homedir,
  );
  const summary = hostSummary(context, endpoint, {
    name: docker.name,
    source: 'context',
    contextName: docker.name,
    description: docker.description,
    url: docker.host,
    skipTlsVerify: docker.skipTlsVerify,
    editable: true,
  });
  if (Object.keys(docker.tls).length > 0) summary.tls = { ...docker.tls };
  return { summary, endpoint };
}

/** One of Berth's own hosts. */
export function berthHost(context: HostSourceContext, record: HostRecord, file: HostsFile): Host {
  const prefs = file.engines[record.id] ?? {};
  const endpoint = endpointForHost(
    record.id,
    record.name,
    {
      url: record.url,
      ...(record.tls ? { tls: record.tls } : {}),
      skipTlsVerify: record.skipTlsVerify,
      allowInsecure: prefs.allowInsecure === true,
    },
    context.homedir,
  );
  const summary = hostSummary(context, endpoint, {
    name: record.name,
    source: 'berth',
    description: record.description,
    url: record.url,
    skipTlsVerify: record.skipTlsVerify,
    editable: true,
  });
  if (record.tls) summary.tls = { ...record.tls };
  return { summary, endpoint };
}

function hostSummary(
  context: HostSourceContext,
  endpoint: EngineEndpoint,
  fields: Pick<HostSummary, 'name' | 'source' | 'description' | 'url' | 'skipTlsVerify' | 'editable'> & {
    contextName?: string;
  },
): Omit<HostSummary, 'counts'> {
  const prefs = context.prefs(endpoint.id);
  const summary: Omit<HostSummary, 'counts'> = {
    engineId: endpoint.id,
    kind: endpoint.kind,
    allowInsecure: prefs.allowInsecure === true,
    current: false,
    ...fields,
    ...context.liveFlags(endpoint.id),
  };
  if (endpoint.insecure !== undefined) summary.insecureReason = endpoint.insecure;
  if (endpoint.problem !== undefined) summary.problem = endpoint.problem;
  return summary;
}
