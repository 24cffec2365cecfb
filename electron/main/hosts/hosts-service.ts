import { randomBytes } from 'node:crypto';

import { type EngineId, ErrorCode, IpcError } from '../../common';
import type {
  HostInput,
  HostPromptAnswer,
  HostsFileProblem,
  HostSummary,
  HostTestResult,
} from '../../common/hosts/types';
import { type DockerEnv, endpointForHost, type EngineEndpoint } from '../docker/engine/endpoint';
import type { EngineRegistry } from '../docker/engine/engine-registry';
import {
  type DockerContextStore,
  resolveCurrentContextName,
  validateContextName,
} from './contexts/context-store';
import { hostCounts } from './host-counts';
import type { HostCredentials } from './host-credentials';
import { contextInput, readTlsFiles, validateUrl } from './host-input';
import { forgetEngine, moveBerthHostToContext, readPrefs, setPrefs } from './host-prefs';
import {
  berthHost,
  contextEngineId,
  contextHost,
  contextNameOf,
  DEFAULT_CONTEXT,
  type Host,
  type HostSourceContext,
  LOCAL_ENGINE_ID,
  localEndpoint,
  localHost,
} from './host-sources';
import type { HostRecord, HostStore } from './host-store';
import type { PromptBroker } from './prompt-broker';

export { contextEngineId } from './host-sources';

interface HostsServiceOptions {
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

  private readonly sources: HostSourceContext;

  constructor(private readonly options: HostsServiceOptions) {
    this.countsTimeoutMs = options.countsTimeoutMs ?? 3_000;
    this.logger = options.logger ?? console;
    this.sources = {
      env: options.env,
      platform: options.platform,
      homedir: options.homedir,
      prefs: (engineId) => readPrefs(options.store, engineId),
      liveFlags: (engineId) => this.liveFlags(engineId),
    };
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
        const counts = await hostCounts(this.options.engines, host.summary.engineId, this.countsTimeoutMs);
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
    const tls = await readTlsFiles(input, this.options.homedir);

    let engineId: EngineId;
    if (editing?.summary.source === 'context') {
      const contextName = editing.summary.contextName ?? '';
      if (name !== contextName) {
        throw new IpcError(
          ErrorCode.Validation,
          'A docker context cannot be renamed; create a new one and remove this one instead.',
        );
      }
      await this.options.contexts.update(contextInput(contextName, input, url, tls));
      engineId = editing.summary.engineId;
    } else if (input.saveAsContext === true) {
      validateContextName(name);
      await this.options.contexts.create(contextInput(name, input, url, tls));
      engineId = contextEngineId(name);
      if (editing) moveBerthHostToContext(this.options.store, editing.summary.engineId, engineId);
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
    forgetEngine(this.options.store, engineId);
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
      endpoint = localEndpoint(this.sources, input.allowInsecure === true);
    } else {
      validateUrl(input.url.trim());
      await readTlsFiles(input, this.options.homedir);
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
    this.rememberIfPossible(engineId, { disconnected: undefined });
    this.publish();
    await this.options.engines.connect(engineId);
  }

  /** Disconnects a host until the user connects it again, across restarts too. */
  async disconnect(engineId: EngineId): Promise<void> {
    this.host(engineId);
    this.rememberIfPossible(engineId, { disconnected: true });
    this.publish();
    await this.options.engines.disconnect(engineId);
  }

  /** Why the saved hosts cannot be read (Hosts shows it with Retry), or undefined. */
  fileProblem(): HostsFileProblem | undefined {
    return this.options.store.problem?.();
  }

  /** Reads the saved hosts again after the user fixed the file; returns the problem that remains, if any. */
  async retryFile(): Promise<HostsFileProblem | undefined> {
    const problem = this.options.store.retry?.();
    await this.reconcile();
    this.publish();
    return problem;
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
      localHost(this.sources, file),
      ...contexts.map((context) => contextHost(this.sources, context, file)),
      ...file.hosts.map((record) => berthHost(this.sources, record, file)),
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

  /** The default host: only the insecure opt-in can be changed (the rest comes from the environment). */
  private async saveDefault(input: HostInput): Promise<HostSummary> {
    this.setPrefs(LOCAL_ENGINE_ID, { allowInsecure: input.allowInsecure === true ? true : undefined });
    if (input.makeCurrent === true) await this.options.contexts.setCurrent(DEFAULT_CONTEXT);
    await this.reconcile();
    return this.summaryOf(LOCAL_ENGINE_ID);
  }

  private host(engineId: EngineId): Host {
    const host = this.hosts.find((candidate) => candidate.summary.engineId === engineId);
    if (!host) throw new IpcError(ErrorCode.NotFound, `There is no host ${engineId}.`);
    return host;
  }

  private liveFlags(engineId: EngineId): Pick<HostSummary, 'disconnected' | 'passphraseSaved'> {
    return {
      disconnected: readPrefs(this.options.store, engineId).disconnected === true,
      passphraseSaved: this.options.credentials.hasSaved(engineId),
    };
  }

  private setPrefs(engineId: EngineId, patch: Parameters<typeof setPrefs>[2]): void {
    setPrefs(this.options.store, engineId, patch);
  }

  /** Connect and disconnect still act while `hosts.json` cannot be read; only remembering them is skipped. */
  private rememberIfPossible(engineId: EngineId, patch: Parameters<typeof setPrefs>[2]): void {
    try {
      this.setPrefs(engineId, patch);
    } catch (error) {
      if (this.fileProblem() === undefined) throw error;
      this.logger.warn(`[hosts] not remembered (${engineId}): the saved hosts file cannot be read.`);
    }
  }

  private summaryOf(engineId: EngineId): HostSummary {
    return { ...this.host(engineId).summary };
  }
}
