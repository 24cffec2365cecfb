import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { type EngineId, ErrorCode, IpcError } from '../../common';
import type {
  HostCounts,
  HostInput,
  HostPromptAnswer,
  HostSummary,
  HostTestResult,
} from '../../common/hosts/types';
import {
  DEFAULT_NAMED_PIPE,
  DEFAULT_UNIX_SOCKET,
  type DockerEnv,
  endpointForHost,
  type EngineEndpoint,
  resolveLocalEndpoint,
} from '../docker/engine/endpoint';
import type { EngineRegistry } from '../docker/engine/engine-registry';
import {
  type DockerContext,
  type DockerContextInput,
  type DockerContextStore,
  resolveCurrentContextName,
  validateContextName,
} from './contexts/context-store';
import type { HostCredentials } from './host-credentials';
import { type EnginePrefs, type HostRecord, type HostsFile, type HostStore } from './host-store';
import type { PromptBroker } from './prompt-broker';

export const LOCAL_ENGINE_ID: EngineId = 'local';
const CONTEXT_PREFIX = 'context:';
const DEFAULT_CONTEXT = 'default';

export interface HostsServiceOptions {
  engines: EngineRegistry;
  contexts: DockerContextStore;
  store: HostStore;
  credentials: HostCredentials;
  broker: PromptBroker;
  /** The environment the docker CLI would see (DOCKER_HOST, DOCKER_CONTEXT, DOCKER_TLS_VERIFY, …). */
  env: DockerEnv;
  platform: NodeJS.Platform;
  homedir: string;
  /** Deadline of the `/info` that counts containers and images in `list()`. Default 3 s. */
  countsTimeoutMs?: number;
  logger?: Pick<Console, 'warn'>;
}

/** One host as the service knows it: what the user sees and what the registry dials. */
interface Host {
  summary: Omit<HostSummary, 'counts'>;
  endpoint: EngineEndpoint;
}

export function contextEngineId(name: string): EngineId {
  return `${CONTEXT_PREFIX}${name}`;
}

function contextNameOf(engineId: EngineId): string | undefined {
  return engineId.startsWith(CONTEXT_PREFIX) ? engineId.slice(CONTEXT_PREFIX.length) : undefined;
}

function expandHome(path: string, homedir: string): string {
  return path === '~' ? homedir : path.startsWith('~/') ? join(homedir, path.slice(2)) : path;
}

const knownSchemes = ['unix', 'npipe', 'tcp', 'ssh'];

/** Refuses addresses Berth cannot parse at all, before anything is saved. */
function validateUrl(url: string): void {
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  const scheme = match?.[1]?.toLowerCase();
  if (scheme === undefined || !knownSchemes.includes(scheme)) {
    throw new IpcError(
      ErrorCode.Validation,
      `"${url}" is not an address Berth knows: use unix:///path, npipe:////./pipe/name, tcp://host:port or ssh://[user@]host[:port][/socket].`,
    );
  }
  if (scheme === 'tcp' || scheme === 'ssh') {
    try {
      const parsed = new URL(url);
      if (parsed.hostname === '') throw new Error('no host');
    } catch {
      throw new IpcError(ErrorCode.Validation, `"${url}" is not a valid ${scheme}:// address.`);
    }
  }
}

/**
 * Every Docker host Berth knows, kept in the engine registry: the CLI's default (`DOCKER_HOST` or the socket),
 * every docker CLI context (followed live as the CLI changes them), and Berth's own hosts (persisted, nothing
 * secret in plain text). Adds, edits and removes them — contexts in the CLI's own format, touching only the
 * context the user named — and tests a connection before it is saved.
 */
export class HostsService {
  private hosts: Host[] = [];
  private readonly listeners = new Set<(hosts: HostSummary[]) => void>();
  private readonly countsTimeoutMs: number;
  private readonly logger: Pick<Console, 'warn'>;
  private stopWatching: (() => void) | undefined;
  /** Reconciliations run one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: HostsServiceOptions) {
    this.countsTimeoutMs = options.countsTimeoutMs ?? 3_000;
    this.logger = options.logger ?? console;
  }

  /** Reads every source, adds the engines (disconnected ones stay so) and follows the CLI's contexts. */
  async start(): Promise<void> {
    await this.reconcile();
    this.stopWatching = this.options.contexts.watch(() => {
      void this.reconcile().catch((error: unknown) =>
        this.logger.warn('[hosts] re-reading contexts failed:', error),
      );
    });
  }

  /** The name of an engine for messages and prompts. */
  nameOf(engineId: EngineId): string {
    return this.hosts.find((host) => host.summary.engineId === engineId)?.summary.name ?? engineId;
  }

  /** Whether the engine is a saved host (not a connection test). */
  isSaved(engineId: EngineId): boolean {
    return this.hosts.some((host) => host.summary.engineId === engineId);
  }

  /**
   * Every host, with counts of containers and images from the engines that answer in time. Questions still
   * waiting for an answer are announced again, for a window that opened after they were asked.
   */
  async list(): Promise<HostSummary[]> {
    this.options.broker.replay();
    return Promise.all(
      this.hosts.map(async (host) => {
        const counts = await this.counts(host.summary.engineId);
        return counts ? { ...host.summary, counts } : { ...host.summary };
      }),
    );
  }

  /** Adds a host or edits one; see {@link HostInput}. */
  async save(input: HostInput): Promise<HostSummary> {
    const name = input.name.trim();
    const url = input.url.trim();
    const editing = input.engineId !== undefined ? this.host(input.engineId) : undefined;
    if (editing?.summary.source === 'default') return this.saveDefault(input);
    validateUrl(url);
    if (name === '') throw new IpcError(ErrorCode.Validation, 'A host needs a name.');
    const clash = this.hosts.find(
      (host) => host.summary.name === name && host.summary.engineId !== input.engineId,
    );
    if (clash) throw new IpcError(ErrorCode.Validation, `There is a host named "${name}" already.`);
    const tls = await this.readTlsFiles(input);

    let engineId: EngineId;
    if (editing?.summary.source === 'context') {
      const contextName = editing.summary.contextName ?? '';
      if (name !== contextName) {
        throw new IpcError(
          ErrorCode.Validation,
          'A docker context cannot be renamed; create a new one and remove this one instead.',
        );
      }
      await this.options.contexts.update(this.contextInput(contextName, input, url, tls));
      engineId = editing.summary.engineId;
    } else if (input.saveAsContext === true) {
      validateContextName(name);
      await this.options.contexts.create(this.contextInput(name, input, url, tls));
      engineId = contextEngineId(name);
      if (editing) this.moveBerthHostToContext(editing.summary.engineId, engineId);
    } else {
      const file = this.options.store.read();
      engineId = editing?.summary.engineId ?? `host:${randomBytes(6).toString('hex')}`;
      const record: HostRecord = {
        id: engineId,
        name,
        url,
        description: input.description?.trim() ?? '',
        skipTlsVerify: input.skipTlsVerify === true,
      };
      if (input.tls && Object.keys(input.tls).length > 0) record.tls = { ...input.tls };
      const index = file.hosts.findIndex((host) => host.id === engineId);
      if (index === -1) file.hosts.push(record);
      else file.hosts[index] = record;
      this.options.store.write(file);
    }
    this.setPrefs(engineId, { allowInsecure: input.allowInsecure === true ? true : undefined });
    const contextName = contextNameOf(engineId);
    if (input.makeCurrent === true) {
      if (contextName === undefined) {
        throw new IpcError(
          ErrorCode.Validation,
          'Only a docker context can be made the CLI’s current context.',
        );
      }
      await this.options.contexts.setCurrent(contextName);
    }
    await this.reconcile();
    return this.summaryOf(engineId);
  }

  /** Removes a host: a context from the CLI's store (that one only), or one of Berth's own. */
  async remove(engineId: EngineId): Promise<void> {
    const host = this.host(engineId);
    if (host.summary.source === 'default') {
      throw new IpcError(
        ErrorCode.Validation,
        'The default host comes from DOCKER_HOST or the local socket; it cannot be removed, only disconnected.',
      );
    }
    if (host.summary.source === 'context') {
      await this.options.contexts.remove(host.summary.contextName ?? '');
    } else {
      const file = this.options.store.read();
      file.hosts = file.hosts.filter((record) => record.id !== engineId);
      this.options.store.write(file);
    }
    this.forgetEngine(engineId);
    await this.reconcile();
  }

  /** Connects once with what the user entered, without saving anything. */
  async test(input: HostInput): Promise<HostTestResult> {
    let endpoint: EngineEndpoint;
    const editing =
      input.engineId !== undefined
        ? this.hosts.find((host) => host.summary.engineId === input.engineId)
        : undefined;
    if (editing?.summary.source === 'default') {
      endpoint = this.localEndpoint(input.allowInsecure === true);
    } else {
      validateUrl(input.url.trim());
      await this.readTlsFiles(input);
      endpoint = endpointForHost(
        editing?.summary.engineId ?? 'candidate',
        input.name.trim() || input.url.trim(),
        {
          url: input.url.trim(),
          ...(input.tls ? { tls: input.tls } : {}),
          skipTlsVerify: input.skipTlsVerify === true,
          allowInsecure: input.allowInsecure === true,
        },
        this.options.homedir,
      );
    }
    const info = await this.options.engines.probe(endpoint);
    const { status } = info;
    const result: HostTestResult = { state: status.state };
    if (status.lastError !== undefined) result.message = status.lastError;
    if (status.engineVersion !== undefined) result.engineVersion = status.engineVersion;
    if (status.apiVersion !== undefined) result.apiVersion = status.apiVersion;
    if (status.latencyMs !== undefined) result.latencyMs = status.latencyMs;
    return result;
  }

  /** Connects a host (and remembers that it should be connected). */
  async connect(engineId: EngineId): Promise<void> {
    this.host(engineId);
    this.setPrefs(engineId, { disconnected: undefined });
    this.publish();
    await this.options.engines.connect(engineId);
  }

  /** Disconnects a host until the user connects it again, across restarts too. */
  async disconnect(engineId: EngineId): Promise<void> {
    this.host(engineId);
    this.setPrefs(engineId, { disconnected: true });
    this.publish();
    await this.options.engines.disconnect(engineId);
  }

  answerPrompt(answer: HostPromptAnswer): void {
    this.options.broker.answer(answer);
  }

  /** Fires with every host whenever the set or a configuration changes. */
  onChanged(listener: (hosts: HostSummary[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    this.stopWatching?.();
    this.listeners.clear();
  }

  /** Re-reads every source and brings the registry in line; serialized. */
  reconcile(): Promise<void> {
    const run = this.queue.then(() => this.reconcileNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reconcileNow(): Promise<void> {
    if (this.disposed) return;
    const file = this.options.store.read();
    const contexts = await this.options.contexts.list();
    const current = resolveCurrentContextName(this.options.env, await this.options.contexts.currentContext());
    const currentId = current === DEFAULT_CONTEXT ? LOCAL_ENGINE_ID : contextEngineId(current);
    const next: Host[] = [
      this.localHost(file),
      ...contexts.map((context) => this.contextHost(context, file)),
      ...file.hosts.map((record) => this.berthHost(record, file)),
    ].map((host) => ({
      ...host,
      summary: { ...host.summary, current: host.summary.engineId === currentId },
    }));

    const { engines } = this.options;
    const wanted = new Set(next.map((host) => host.summary.engineId));
    for (const host of this.hosts) {
      if (!wanted.has(host.summary.engineId)) await engines.remove(host.summary.engineId);
    }
    for (const host of next) {
      const { engineId } = host.summary;
      if (!engines.has(engineId)) engines.add(host.endpoint, { disconnected: host.summary.disconnected });
      else await engines.update(host.endpoint);
    }
    const changed =
      JSON.stringify(next.map((host) => host.summary)) !==
      JSON.stringify(this.hosts.map((host) => host.summary));
    this.hosts = next;
    if (changed) this.publish();
  }

  private publish(): void {
    this.hosts = this.hosts.map((host) => ({
      ...host,
      summary: { ...host.summary, ...this.liveFlags(host.summary.engineId) },
    }));
    const summaries = this.hosts.map((host) => ({ ...host.summary }));
    for (const listener of [...this.listeners]) {
      try {
        listener(summaries);
      } catch (error) {
        this.logger.warn('[hosts] a listener threw:', error);
      }
    }
  }

  private liveFlags(engineId: EngineId): Pick<HostSummary, 'disconnected' | 'passphraseSaved'> {
    return {
      disconnected: this.prefs(engineId).disconnected === true,
      passphraseSaved: this.options.credentials.hasSaved(engineId),
    };
  }

  private localEndpoint(allowInsecure: boolean): EngineEndpoint {
    return resolveLocalEndpoint(this.options.env, this.options.platform, this.options.homedir, {
      allowInsecure,
    });
  }

  private localHost(file: HostsFile): Host {
    const prefs = file.engines[LOCAL_ENGINE_ID] ?? {};
    const endpoint = this.localEndpoint(prefs.allowInsecure === true);
    const fromEnv = (this.options.env.DOCKER_HOST ?? '').trim();
    const url =
      fromEnv !== ''
        ? fromEnv
        : this.options.platform === 'win32'
          ? `npipe://${DEFAULT_NAMED_PIPE}`
          : `unix://${DEFAULT_UNIX_SOCKET}`;
    const summary = this.summary(endpoint, {
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

  private contextHost(context: DockerContext, file: HostsFile): Host {
    const engineId = contextEngineId(context.name);
    const prefs = file.engines[engineId] ?? {};
    const endpoint = endpointForHost(
      engineId,
      context.name,
      {
        url: context.host,
        tls: context.tls,
        skipTlsVerify: context.skipTlsVerify,
        allowInsecure: prefs.allowInsecure === true,
      },
      this.options.homedir,
    );
    const summary = this.summary(endpoint, {
      name: context.name,
      source: 'context',
      contextName: context.name,
      description: context.description,
      url: context.host,
      skipTlsVerify: context.skipTlsVerify,
      editable: true,
    });
    if (Object.keys(context.tls).length > 0) summary.tls = { ...context.tls };
    return { summary, endpoint };
  }

  private berthHost(record: HostRecord, file: HostsFile): Host {
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
      this.options.homedir,
    );
    const summary = this.summary(endpoint, {
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

  private summary(
    endpoint: EngineEndpoint,
    fields: Pick<HostSummary, 'name' | 'source' | 'description' | 'url' | 'skipTlsVerify' | 'editable'> & {
      contextName?: string;
    },
  ): Omit<HostSummary, 'counts'> {
    const prefs = this.prefs(endpoint.id);
    const summary: Omit<HostSummary, 'counts'> = {
      engineId: endpoint.id,
      kind: endpoint.kind,
      allowInsecure: prefs.allowInsecure === true,
      current: false,
      ...fields,
      ...this.liveFlags(endpoint.id),
    };
    if (endpoint.insecure !== undefined) summary.insecureReason = endpoint.insecure;
    if (endpoint.problem !== undefined) summary.problem = endpoint.problem;
    return summary;
  }

  /** The default host: only the insecure opt-in can be changed (the rest comes from the environment). */
  private async saveDefault(input: HostInput): Promise<HostSummary> {
    this.setPrefs(LOCAL_ENGINE_ID, { allowInsecure: input.allowInsecure === true ? true : undefined });
    if (input.makeCurrent === true) await this.options.contexts.setCurrent(DEFAULT_CONTEXT);
    await this.reconcile();
    return this.summaryOf(LOCAL_ENGINE_ID);
  }

  private contextInput(
    name: string,
    input: HostInput,
    url: string,
    tls: { ca?: string; cert?: string; key?: string },
  ): DockerContextInput {
    const context: DockerContextInput = { name, host: url, skipTlsVerify: input.skipTlsVerify === true };
    if (input.description !== undefined) context.description = input.description.trim();
    if (Object.keys(tls).length > 0) context.tls = tls;
    return context;
  }

  /** Reads the TLS files the user named (PEM), so a typo is refused before anything is saved. */
  private async readTlsFiles(input: HostInput): Promise<{ ca?: string; cert?: string; key?: string }> {
    const contents: { ca?: string; cert?: string; key?: string } = {};
    const what = { ca: 'CA certificate', cert: 'client certificate', key: 'client key' } as const;
    for (const kind of ['ca', 'cert', 'key'] as const) {
      const path = input.tls?.[kind];
      if (path === undefined) continue;
      const file = expandHome(path, this.options.homedir);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new IpcError(
          ErrorCode.Validation,
          `The ${what[kind]} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
        );
      }
      if (!text.includes('-----BEGIN ')) {
        throw new IpcError(ErrorCode.Validation, `The ${what[kind]} ${path} is not a PEM file.`);
      }
      contents[kind] = text;
    }
    if ((contents.cert === undefined) !== (contents.key === undefined)) {
      throw new IpcError(
        ErrorCode.Validation,
        'A client certificate needs its key, and a key its certificate.',
      );
    }
    return contents;
  }

  private moveBerthHostToContext(from: EngineId, to: EngineId): void {
    const file = this.options.store.read();
    file.hosts = file.hosts.filter((record) => record.id !== from);
    const prefs = file.engines[from];
    if (prefs) file.engines[to] = prefs;
    delete file.engines[from];
    const passphrases = file.passphrases[from];
    if (passphrases) file.passphrases[to] = passphrases;
    delete file.passphrases[from];
    this.options.store.write(file);
  }

  private forgetEngine(engineId: EngineId): void {
    const file = this.options.store.read();
    delete file.engines[engineId];
    delete file.passphrases[engineId];
    this.options.store.write(file);
  }

  private prefs(engineId: EngineId): EnginePrefs {
    return this.options.store.read().engines[engineId] ?? {};
  }

  private setPrefs(engineId: EngineId, patch: Partial<Record<keyof EnginePrefs, true | undefined>>): void {
    const file = this.options.store.read();
    const next: EnginePrefs = { ...file.engines[engineId] };
    for (const [key, value] of Object.entries(patch) as [keyof EnginePrefs, true | undefined][]) {
      if (value === undefined) delete next[key];
      else next[key] = value;
    }
    if (Object.keys(next).length === 0) delete file.engines[engineId];
    else file.engines[engineId] = next;
    this.options.store.write(file);
  }

  private host(engineId: EngineId): Host {
    const host = this.hosts.find((candidate) => candidate.summary.engineId === engineId);
    if (!host) throw new IpcError(ErrorCode.NotFound, `There is no host ${engineId}.`);
    return host;
  }

  private summaryOf(engineId: EngineId): HostSummary {
    return { ...this.host(engineId).summary };
  }

  /** Containers and images from `/info`, when the engine is connected and answers in time. */
  private async counts(engineId: EngineId): Promise<HostCounts | undefined> {
    const { engines } = this.options;
    if (!engines.has(engineId) || engines.info(engineId).status.state !== 'connected') return undefined;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.countsTimeoutMs);
    try {
      const info = await engines.request(
        engineId,
        (client, abortSignal) =>
          (
            client as unknown as {
              info(options: { abortSignal: AbortSignal }): Promise<{
                Containers?: number;
                ContainersRunning?: number;
                Images?: number;
              }>;
            }
          ).info({ abortSignal }),
        { signal: controller.signal },
      );
      return {
        containers: info.Containers ?? 0,
        running: info.ContainersRunning ?? 0,
        images: info.Images ?? 0,
      };
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
