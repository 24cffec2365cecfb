import {
  type BerthApi,
  type EngineId,
  type EngineState,
  type HostInput,
  type HostPrompt,
  type HostPromptAnswer,
  type HostSummary,
  type HostTestResult,
  type IpcError,
  IpcEvent,
} from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { createExternalStore, type ExternalStore, type WritableStore } from '../../stores/external-store';
import { createLiveLifecycle, phaseAfterFailure, phaseWhileLoading } from '../../stores/live-store';
import type { ReportError } from '../../stores/report-error';

/** What the hosts store knows: every configured host and the questions main is waiting on. */
export interface HostsState {
  /** `loading` until `hosts:list` answered once; `failed` when it never did. */
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  hosts: readonly HostSummary[];
  error?: IpcError;
  /** Host-key and passphrase questions, oldest first. */
  prompts: readonly HostPrompt[];
}

export interface HostsStore extends ExternalStore<HostsState> {
  /** Subscribes to host events, then lists; idempotent (the first subscriber calls it). */
  start: () => void;
  /** Lists again (with fresh container and image counts). */
  refresh: () => Promise<void>;
  /** Adds or edits a host. @throws IpcError so a form can show why, next to the fields. */
  save: (input: HostInput) => Promise<HostSummary>;
  /** Connects once with what the form says; nothing is saved. @throws IpcError for invalid input. */
  test: (input: HostInput) => Promise<HostTestResult>;
  /** Each resolves `true` on success; a failure is reported and resolves `false`. */
  remove: (engineId: EngineId) => Promise<boolean>;
  connect: (engineId: EngineId) => Promise<boolean>;
  disconnect: (engineId: EngineId) => Promise<boolean>;
  /** Answers a prompt; it leaves the list at once (main confirms with `hosts:promptClosed`). */
  answerPrompt: (answer: HostPromptAnswer) => Promise<void>;
  dispose: () => void;
}

/** Keeps counts the list had, since `hosts:changed` carries none. */
function withCounts(next: readonly HostSummary[], previous: readonly HostSummary[]): HostSummary[] {
  const counts = new Map(previous.map((host) => [host.engineId, host.counts]));
  return next.map((host) => {
    const kept = counts.get(host.engineId);
    return host.counts === undefined && kept !== undefined ? { ...host, counts: kept } : host;
  });
}

/** Adds a question main asks, once. */
function withPrompt(current: HostsState, prompt: HostPrompt): HostsState {
  return current.prompts.some((open) => open.id === prompt.id)
    ? current
    : { ...current, prompts: [...current.prompts, prompt] };
}

/** Drops a question (answered, expired or closed by main); the same state when it was not open. */
function withoutPrompt(current: HostsState, id: string): HostsState {
  return current.prompts.some((open) => open.id === id)
    ? { ...current, prompts: current.prompts.filter((open) => open.id !== id) }
    : current;
}

/**
 * Follows main's host events: the list as pushed (then listed again for counts), a list when an engine has just
 * connected, and the questions asked and closed. Returns the unsubscribers.
 */
function listen(
  api: BerthApi,
  state: WritableStore<HostsState>,
  refresh: () => Promise<void>,
): Array<() => void> {
  const states = new Map<EngineId, EngineState>();
  return [
    api.events.on(IpcEvent.HostsChanged, (hosts) => {
      state.update((current) => ({
        ...current,
        phase: 'ready',
        hosts: withCounts(hosts, current.hosts),
      }));
      void refresh();
    }),
    api.events.on(IpcEvent.EngineStatusChanged, (engine) => {
      const before = states.get(engine.id);
      states.set(engine.id, engine.status.state);
      // Counts are worth a list when an engine has just (re)connected, not on every latency update.
      if (engine.status.state === 'connected' && before !== 'connected') void refresh();
    }),
    api.events.on(IpcEvent.HostPromptRequested, (prompt) =>
      state.update((current) => withPrompt(current, prompt)),
    ),
    api.events.on(IpcEvent.HostPromptClosed, ({ id }) =>
      state.update((current) => withoutPrompt(current, id)),
    ),
  ];
}

/**
 * Builds the hosts store over `hosts:*`: the list (refreshed when hosts change and when an engine connects, so
 * counts follow) and the prompts main pushes while connecting.
 */
export function createHostsStore(api: BerthApi, reportError: ReportError): HostsStore {
  let inFlight: Promise<void> | undefined;
  let again = false;
  const state = createExternalStore<HostsState>({ phase: 'idle', hosts: [], prompts: [] }, () =>
    life.start(),
  );
  const life = createLiveLifecycle({
    subscribe: () => listen(api, state, refresh),
    fetch: () => refresh(),
    onSubscribeFailed: (error) => state.set({ phase: 'failed', hosts: [], prompts: [], error }),
  });

  function refresh(): Promise<void> {
    // One list at a time; a request while one runs asks for one more afterwards.
    if (inFlight !== undefined) {
      again = true;
      return inFlight;
    }
    state.update((current) => ({ ...current, phase: phaseWhileLoading(current.phase) }));
    inFlight = (async () => {
      try {
        const hosts = await api.hosts.list();
        if (life.isDisposed()) return;
        state.update((current) => {
          const { error: _dropped, ...rest } = current;
          return { ...rest, phase: 'ready', hosts };
        });
      } catch (error) {
        if (life.isDisposed()) return;
        const ipcError = toIpcError(error);
        state.update((current) => ({
          ...current,
          phase: phaseAfterFailure(current.phase),
          error: ipcError,
        }));
      } finally {
        inFlight = undefined;
        if (again && !life.isDisposed()) {
          again = false;
          void refresh();
        }
      }
    })();
    return inFlight;
  }

  async function act(title: string, call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      if (!life.isDisposed()) reportError(toIpcError(error), title);
      return false;
    }
  }

  const nameOf = (engineId: EngineId): string =>
    state.getSnapshot().hosts.find((host) => host.engineId === engineId)?.name ?? engineId;

  return {
    getSnapshot: state.getSnapshot,
    subscribe: state.subscribe,
    start: life.start,
    refresh,
    async save(input) {
      try {
        const saved = await api.hosts.save(input);
        void refresh();
        return saved;
      } catch (error) {
        throw toIpcError(error);
      }
    },
    async test(input) {
      try {
        return await api.hosts.test(input);
      } catch (error) {
        throw toIpcError(error);
      }
    },
    remove: (engineId) => act(`Could not remove ${nameOf(engineId)}`, () => api.hosts.remove(engineId)),
    connect: (engineId) => act(`Could not connect ${nameOf(engineId)}`, () => api.hosts.connect(engineId)),
    disconnect: (engineId) =>
      act(`Could not disconnect ${nameOf(engineId)}`, () => api.hosts.disconnect(engineId)),
    async answerPrompt(answer) {
      state.update((current) => withoutPrompt(current, answer.id));
      try {
        await api.hosts.answerPrompt(answer);
      } catch (error) {
        // An expired question is gone already; anything else is worth saying.
        const ipcError = toIpcError(error);
        if (!life.isDisposed() && ipcError.code !== 'NOT_FOUND')
          reportError(ipcError, 'Could not send the answer');
      }
    },
    dispose: life.dispose,
  };
}
