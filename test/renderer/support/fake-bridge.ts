import {
  type BerthApi,
  type BerthBridge,
  type ContainersChange,
  type ContainerSummary,
  defaultSettings,
  type EngineId,
  type EngineInfo,
  type EngineStatus,
  ErrorCode,
  type EventName,
  groupByDomain,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResult,
  IpcChannel,
  type IpcEnvelope,
  type IpcErrorData,
  type IpcEventMap,
  type OperationSummary,
  type Settings,
  type StoreReset,
} from '../../../electron/common';
import { ComposeChannel } from '../../../electron/common/ipc/compose/channels';
import { ContainersChannel } from '../../../electron/common/ipc/containers/channels';
import { ExecChannel } from '../../../electron/common/ipc/exec/channels';
import { HostsChannel } from '../../../electron/common/ipc/hosts/channels';
import { ImagesChannel } from '../../../electron/common/ipc/images/channels';
import { LogsChannel } from '../../../electron/common/ipc/logs/channels';
import { RegistriesChannel } from '../../../electron/common/ipc/registries/channels';
import { StatsChannel } from '../../../electron/common/ipc/stats/channels';
import { SwarmChannel } from '../../../electron/common/ipc/swarm/channels';
import { createApi } from '../../../renderer/lib/api';
import { FakeIpcFailure, FakeResources } from './fake-resources';
import { makeEngine } from './fixtures';

/** A call that is held until the test releases it. */
export interface Gate {
  /** Lets held calls (and later ones) through. */
  release(): void;
  /** Resolves once `count` calls are waiting at the gate. */
  waitingFor(count: number): Promise<void>;
}

interface EngineData {
  info: EngineInfo;
  revision: number;
  containers: Map<string, ContainerSummary>;
}

type Handler = (...args: never[]) => unknown;

class EnvelopeError extends Error {
  constructor(readonly data: IpcErrorData) {
    super(data.message);
  }
}

/**
 * An in-memory stand-in for main behind `window.berth`: it keeps engines, containers with a revision per
 * engine, and settings; actions mutate them and emit `containers:changed` as main would; tests can inject
 * failures, hold calls, and emit any event by hand.
 */
export class FakeBerth {
  readonly calls: Array<{ channel: InvokeChannel; args: unknown[] }> = [];
  readonly bridge: BerthBridge;
  /** The renderer API over this bridge, built exactly as the app builds it. */
  readonly api: BerthApi;
  settings: Settings = { ...defaultSettings };
  /** Damaged store files main reset at start (Settings → the notice in the window). */
  storeResets: StoreReset[] = [];
  /** When false, actions change the data but emit no change (a lost event). */
  emitChanges = true;

  /** Long-running operations the task list would show. */
  operations: OperationSummary[] = [];
  /** Volumes, networks and the host (see fake-resources.ts). */
  readonly resources: FakeResources;
  private readonly engines = new Map<EngineId, EngineData>();
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly scripted = new Map<InvokeChannel, Handler>();
  private readonly failures = new Map<InvokeChannel, IpcErrorData[]>();
  private readonly gates = new Map<
    InvokeChannel,
    { promise: Promise<void>; when: 'before' | 'after'; waiting: number; onWait: Set<() => void> }
  >();

  constructor(engines: EngineInfo[] = [makeEngine()]) {
    for (const info of engines) this.engines.set(info.id, { info, revision: 0, containers: new Map() });

    this.resources = new FakeResources((name, payload) => this.emit(name, payload));
    // Saved hosts are readable unless a test scripts otherwise.
    this.scripted.set(HostsChannel.HostsFileProblem, () => null);
    this.scripted.set(HostsChannel.HostsRetryFile, () => null);
    const handlers: Record<InvokeChannel, Handler> = {
      ...this.resources.handlers(),
      // The container channels modelled below (list, actions) override these scripted defaults.
      ...this.scriptedHandlers([
        ...Object.values(LogsChannel),
        ...Object.values(ExecChannel),
        ...Object.values(StatsChannel),
        ...Object.values(ContainersChannel),
      ]),
      ...this.scriptedHandlers([...Object.values(ImagesChannel), ...Object.values(RegistriesChannel)]),
      ...this.scriptedHandlers(Object.values(HostsChannel)),
      ...this.scriptedHandlers(Object.values(SwarmChannel)),
      ...this.scriptedHandlers(Object.values(ComposeChannel)),
      [IpcChannel.EnginesList]: () => [...this.engines.values()].map((engine) => engine.info),
      [IpcChannel.EnginesReconnect]: (engineId: EngineId) => {
        this.engine(engineId);
      },
      [IpcChannel.ContainersList]: (engineId: EngineId) => {
        const engine = this.engine(engineId);
        if (engine.info.status.state === 'unreachable') {
          throw new EnvelopeError({
            code: ErrorCode.EngineUnreachable,
            message: engine.info.status.lastError ?? 'unreachable',
          });
        }
        return { engineId, revision: engine.revision, items: [...engine.containers.values()] };
      },
      [IpcChannel.ContainersStart]: ({ engineId, id }: { engineId: EngineId; id: string }) => {
        const container = this.container(engineId, id);
        if (container.state !== 'running') {
          this.upsert(engineId, { ...container, state: 'running', status: 'Up Less than a second' });
        }
      },
      [IpcChannel.ContainersStop]: ({ engineId, id }: { engineId: EngineId; id: string }) => {
        const container = this.container(engineId, id);
        if (container.state === 'running') {
          this.upsert(engineId, {
            ...container,
            state: 'exited',
            status: 'Exited (0) Less than a second ago',
          });
        }
      },
      [IpcChannel.ContainersRemove]: ({
        engineId,
        id,
        force,
      }: {
        engineId: EngineId;
        id: string;
        force?: boolean;
      }) => {
        const container = this.container(engineId, id);
        if (container.state === 'running' && force !== true) {
          throw new EnvelopeError({
            code: ErrorCode.Conflict,
            message: `You cannot remove a running container ${id}. Stop the container before attempting removal or force remove.`,
          });
        }
        this.remove(engineId, id);
      },
      [IpcChannel.SettingsGet]: () => this.settings,
      [IpcChannel.SettingsSet]: (patch: Partial<Settings>) => {
        this.settings = { ...this.settings, ...patch };
        this.emit('settings:changed', this.settings);
        return this.settings;
      },
      [IpcChannel.SettingsStoreResets]: () => this.storeResets,
      [IpcChannel.SettingsDismissStoreResets]: () => {
        this.storeResets = [];
        this.emit('settings:storeResetsChanged', []);
      },
      [IpcChannel.OpsList]: () => this.operations,
      [IpcChannel.OpsCancel]: (id: string) => {
        this.operations = this.operations.map((op) =>
          op.id === id && op.state === 'running' ? { ...op, state: 'cancelled' as const } : op,
        );
      },
      ...this.lifecycleHandlers(),
    };

    const domains = groupByDomain(
      (channel) =>
        (...args: unknown[]) =>
          this.invoke(channel, handlers[channel], args),
    );
    const events = {
      on: <E extends EventName>(name: E, listener: (payload: IpcEventMap[E]) => void) => {
        let set = this.listeners.get(name);
        if (set === undefined) {
          set = new Set();
          this.listeners.set(name, set);
        }
        set.add(listener);
        return () => {
          set.delete(listener);
        };
      },
    };
    this.bridge = { ...domains, events } as unknown as BerthBridge;
    this.api = createApi(() => this.bridge);
  }

  /**
   * Scripts the answer of a channel the fake has no model for (a container's logs, exec, files…): the handler
   * receives the call's arguments; throw `scriptedError(...)` to answer with an error envelope.
   */
  answer<C extends InvokeChannel>(
    channel: C,
    handler: (...args: InvokeArgs<C>) => InvokeResult<C> | Promise<InvokeResult<C>>,
  ): void {
    this.scripted.set(channel, handler);
  }

  private scriptedHandlers<C extends InvokeChannel>(channels: readonly C[]): Record<C, Handler> {
    const entries = channels.map((channel) => [
      channel,
      (...args: unknown[]) => {
        const handler = this.scripted.get(channel);
        if (handler === undefined) {
          throw new EnvelopeError({
            code: ErrorCode.NotFound,
            message: `No scripted answer for ${channel}.`,
          });
        }
        return handler(...(args as never[]));
      },
    ]);
    return Object.fromEntries(entries) as Record<C, Handler>;
  }

  /** URLs main was asked to open in the system browser (only http/https are accepted, as in main). */
  readonly openedUrls: string[] = [];

  /**
   * The containers lifecycle, run and stats channels, modelled like the daemon: state changes emit
   * `containers:changed`, a run starts an operation (the test drives it with {@link updateOperation}).
   */
  private lifecycleHandlers() {
    type Ref = { engineId: EngineId; id: string };
    const conflict = (message: string) => new EnvelopeError({ code: ErrorCode.Conflict, message });
    const set = ({ engineId, id }: Ref, patch: Partial<ContainerSummary>) =>
      this.upsert(engineId, { ...this.container(engineId, id), ...patch });
    return {
      [IpcChannel.ContainersRestart]: (ref: Ref) => {
        set(ref, { state: 'running', status: 'Up Less than a second' });
      },
      [IpcChannel.ContainersPause]: (ref: Ref) => {
        const container = this.container(ref.engineId, ref.id);
        if (container.state !== 'running') throw conflict(`Container ${ref.id} is not running`);
        set(ref, { state: 'paused', status: 'Up 1 minute (Paused)' });
      },
      [IpcChannel.ContainersUnpause]: (ref: Ref) => {
        const container = this.container(ref.engineId, ref.id);
        if (container.state !== 'paused') throw conflict(`Container ${ref.id} is not paused`);
        set(ref, { state: 'running', status: 'Up 1 minute' });
      },
      [IpcChannel.ContainersKill]: (ref: Ref) => {
        const container = this.container(ref.engineId, ref.id);
        if (container.state !== 'running' && container.state !== 'paused')
          throw conflict(`Container ${ref.id} is not running`);
        set(ref, { state: 'exited', status: 'Exited (137) Less than a second ago' });
      },
      [IpcChannel.ContainersRename]: (ref: Ref & { name: string }) => {
        const owner = this.containersOf(ref.engineId).find((container) => container.name === ref.name);
        if (owner !== undefined && owner.id !== ref.id) {
          throw conflict(
            `The name “${ref.name}” is already in use by container ${owner.id.slice(0, 12)}. Remove or rename that container, or pick another name.`,
          );
        }
        set(ref, { name: ref.name });
      },
      [IpcChannel.ContainersRun]: (spec: { engineId: EngineId; image: string; name?: string }) => {
        const operation: OperationSummary = {
          id: `op-${this.operations.length + 1}-fake`,
          kind: 'container.run',
          engineId: spec.engineId,
          title: `Run ${spec.image}${spec.name === undefined ? '' : ` as ${spec.name}`}`,
          state: 'running',
          startedAt: 1,
          progress: { items: [] },
        };
        this.operations = [...this.operations, operation];
        return operation;
      },
      [IpcChannel.ContainersWatchStats]: () => undefined,
      [IpcChannel.ShellOpenExternal]: (url: string) => {
        if (!/^https?:\/\/[^/@]+/i.test(url))
          throw new EnvelopeError({
            code: ErrorCode.Validation,
            message: 'Berth opens only http and https links.',
          });
        this.openedUrls.push(url);
      },
      [IpcChannel.ShellOpenLogFile]: () => undefined,
    };
  }

  /** Changes an operation as main would and emits `ops:updated`. */
  updateOperation(
    id: string,
    patch: Partial<OperationSummary>,
    appendedLines: string[] = [],
  ): OperationSummary {
    const current = this.operations.find((operation) => operation.id === id);
    if (current === undefined) throw new Error(`no operation ${id}`);
    const next = { ...current, ...patch };
    this.operations = this.operations.map((operation) => (operation.id === id ? next : operation));
    this.emit('ops:updated', { operation: next, appendedLines, droppedLines: 0 });
    return next;
  }

  /** Arguments of every call to one channel, in order. */
  callsTo(channel: InvokeChannel): unknown[][] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.args);
  }

  /** Delivers an event to the renderer's listeners, as the event transport would. */
  emit<E extends EventName>(name: E, payload: IpcEventMap[E]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])])
      (listener as (p: IpcEventMap[E]) => void)(payload);
  }

  listenerCount(name: EventName): number {
    return this.listeners.get(name)?.size ?? 0;
  }

  /** The next call to `channel` answers with this error envelope. */
  failNext(channel: InvokeChannel, error: IpcErrorData): void {
    const queue = this.failures.get(channel) ?? [];
    queue.push(error);
    this.failures.set(channel, queue);
  }

  /**
   * Holds every call to `channel` until the returned gate is released. `before` holds the request (main has
   * not acted yet); `after` lets main act at once and holds only the reply (an answer in transit).
   */
  hold(channel: InvokeChannel, when: 'before' | 'after' = 'before'): Gate {
    let release!: () => void;
    const promise = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gate = { promise, when, waiting: 0, onWait: new Set<() => void>() };
    this.gates.set(channel, gate);
    return {
      release: () => {
        this.gates.delete(channel);
        release();
      },
      waitingFor: (count) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (gate.waiting >= count) {
              gate.onWait.delete(check);
              resolve();
            }
          };
          gate.onWait.add(check);
          check();
        }),
    };
  }

  /** Current containers of an engine (the daemon's truth). */
  containersOf(engineId: EngineId = 'local'): ContainerSummary[] {
    return [...this.engine(engineId).containers.values()];
  }

  revisionOf(engineId: EngineId = 'local'): number {
    return this.engine(engineId).revision;
  }

  /** Adds containers without emitting changes, as the state main already had before the renderer asked. */
  seed(engineId: EngineId, containers: ContainerSummary[]): void {
    const engine = this.engine(engineId);
    for (const container of containers) engine.containers.set(container.id, container);
  }

  /** Creates or updates one container as a daemon event would: next revision, change emitted. */
  upsert(engineId: EngineId, container: ContainerSummary): ContainersChange {
    const engine = this.engine(engineId);
    engine.containers.set(container.id, container);
    return this.change(engine, { upserted: [container], removed: [] });
  }

  /** Removes one container as a daemon event would. */
  remove(engineId: EngineId, id: string): ContainersChange {
    const engine = this.engine(engineId);
    engine.containers.delete(id);
    return this.change(engine, { upserted: [], removed: [id] });
  }

  /** Changes an engine's status and emits `engines:statusChanged`. */
  setStatus(engineId: EngineId, status: Partial<EngineStatus> & Pick<EngineStatus, 'state'>): EngineInfo {
    const engine = this.engine(engineId);
    const previous = engine.info.status;
    engine.info = { ...engine.info, status: { ...status, since: previous.since + 1 } };
    this.emit('engines:statusChanged', engine.info);
    return engine.info;
  }

  private change(engine: EngineData, body: Pick<ContainersChange, 'upserted' | 'removed'>): ContainersChange {
    engine.revision += 1;
    const change: ContainersChange = { engineId: engine.info.id, revision: engine.revision, ...body };
    if (this.emitChanges) this.emit('containers:changed', change);
    return change;
  }

  private engine(engineId: EngineId): EngineData {
    const engine = this.engines.get(engineId);
    if (engine === undefined) {
      throw new EnvelopeError({ code: ErrorCode.NotFound, message: `No engine called ${engineId}.` });
    }
    return engine;
  }

  private container(engineId: EngineId, id: string): ContainerSummary {
    const container = this.engine(engineId).containers.get(id);
    if (container === undefined) {
      throw new EnvelopeError({ code: ErrorCode.NotFound, message: `No such container: ${id}` });
    }
    return container;
  }

  private async invoke(
    channel: InvokeChannel,
    handler: Handler,
    args: unknown[],
  ): Promise<IpcEnvelope<unknown>> {
    this.calls.push({ channel, args });
    const gate = this.gates.get(channel);
    const wait = async () => {
      if (gate === undefined) return;
      gate.waiting += 1;
      for (const notify of [...gate.onWait]) notify();
      await gate.promise;
    };
    if (gate?.when !== 'after') await wait();
    const envelope = this.handle(channel, handler, args);
    if (gate?.when === 'after') await wait();
    return envelope;
  }

  private handle(channel: InvokeChannel, handler: Handler, args: unknown[]): IpcEnvelope<unknown> {
    const failure = this.failures.get(channel)?.shift();
    if (failure !== undefined) return { ok: false, error: failure };
    try {
      return { ok: true, value: (handler as (...a: unknown[]) => unknown)(...args) };
    } catch (error) {
      if (error instanceof EnvelopeError || error instanceof FakeIpcFailure)
        return { ok: false, error: error.data };
      throw error;
    }
  }
}
