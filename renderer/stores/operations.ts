import {
  type BerthApi,
  type IpcError,
  IpcEvent,
  type OperationSummary,
  type OperationUpdate,
} from '../../electron/common/bridge';
import { toIpcError } from '../lib/api';
import { createExternalStore, type ExternalStore } from './external-store';
import type { ReportError } from './report-error';

/** How many finished operations the renderer remembers (main keeps fewer). */
const KEEP_FINISHED = 100;

/** How many output lines the renderer keeps per operation (build output); older ones are counted, not kept. */
export const MAX_OUTPUT_LINES = 5000;

/** One long-running operation as the task list shows it, with its output so far. */
export interface OperationEntry {
  summary: OperationSummary;
  /** The last {@link MAX_OUTPUT_LINES} output lines. */
  lines: readonly string[];
  /** Lines main or this store dropped to stay bounded. */
  droppedLines: number;
}

export interface OperationsState {
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  /** Newest first. */
  operations: readonly OperationEntry[];
  error?: IpcError;
}

export interface OperationsStore extends ExternalStore<OperationsState> {
  /** Subscribes to `ops:updated`, then lists what main already runs; idempotent. */
  start: () => void;
  /** Asks main to cancel; the outcome arrives as an update. A refusal is reported. */
  cancel: (id: string) => Promise<void>;
  /** Hides a finished operation from the list (main forgets it on its own). */
  dismiss: (id: string) => void;
  /** Hides every finished operation, or those of the given kinds. */
  clearFinished: (kinds?: readonly string[]) => void;
  dispose: () => void;
}

function byNewest(a: OperationEntry, b: OperationEntry): number {
  return b.summary.startedAt - a.summary.startedAt || (a.summary.id < b.summary.id ? 1 : -1);
}

/** Folds one update into an entry: the summary is replaced, lines are appended and bounded. */
export function applyOperationUpdate(
  entry: OperationEntry | undefined,
  update: OperationUpdate,
): OperationEntry {
  const previous = entry?.lines ?? [];
  let lines = update.appendedLines.length > 0 ? [...previous, ...update.appendedLines] : previous;
  let dropped = (entry?.droppedLines ?? 0) + update.droppedLines;
  if (lines.length > MAX_OUTPUT_LINES) {
    dropped += lines.length - MAX_OUTPUT_LINES;
    lines = lines.slice(lines.length - MAX_OUTPUT_LINES);
  }
  return { summary: update.operation, lines, droppedLines: dropped };
}

/**
 * Every long-running operation (pull, push, build, save, load, run…) of every engine, current through
 * `ops:updated`: the generic task list any page can show a filtered view of.
 */
export function createOperationsStore(api: BerthApi, reportError: ReportError): OperationsStore {
  let started = false;
  let disposed = false;
  const dismissed = new Set<string>();
  const entries = new Map<string, OperationEntry>();
  const disposers: Array<() => void> = [];
  const state = createExternalStore<OperationsState>({ phase: 'idle', operations: [] }, () => start());

  function publish(patch: Partial<OperationsState> = {}): void {
    const finished = [...entries.values()]
      .filter((entry) => entry.summary.state !== 'running')
      .sort(byNewest);
    for (const entry of finished.slice(KEEP_FINISHED)) {
      entries.delete(entry.summary.id);
      dismissed.delete(entry.summary.id);
    }
    const operations = [...entries.values()]
      .filter((entry) => !dismissed.has(entry.summary.id))
      .sort(byNewest);
    state.update((current) => ({ ...current, ...patch, operations }));
  }

  function start(): void {
    if (started) return;
    started = true;
    try {
      disposers.push(
        api.events.on(IpcEvent.OperationUpdated, (update) => {
          entries.set(update.operation.id, applyOperationUpdate(entries.get(update.operation.id), update));
          publish();
        }),
      );
    } catch (error) {
      state.update((current) => ({ ...current, phase: 'failed', error: toIpcError(error) }));
      return;
    }
    state.update((current) => ({ ...current, phase: 'loading' }));
    api.ops.list().then(
      (summaries) => {
        if (disposed) return;
        for (const summary of summaries) {
          const known = entries.get(summary.id);
          // An update that arrived while listing is newer than the list.
          if (known === undefined) entries.set(summary.id, { summary, lines: [], droppedLines: 0 });
        }
        publish({ phase: 'ready' });
      },
      (error: unknown) => {
        if (!disposed) publish({ phase: 'failed', error: toIpcError(error) });
      },
    );
  }

  return {
    getSnapshot: state.getSnapshot,
    subscribe: state.subscribe,
    start,
    async cancel(id) {
      try {
        await api.ops.cancel(id);
      } catch (error) {
        if (!disposed) reportError(toIpcError(error), 'Could not cancel the task');
      }
    },
    dismiss(id) {
      if (entries.get(id)?.summary.state === 'running') return;
      dismissed.add(id);
      publish();
    },
    clearFinished(kinds) {
      for (const entry of entries.values()) {
        if (entry.summary.state === 'running') continue;
        if (kinds === undefined || kinds.includes(entry.summary.kind)) dismissed.add(entry.summary.id);
      }
      publish();
    },
    dispose() {
      disposed = true;
      for (const dispose of disposers.splice(0)) dispose();
    },
  };
}
