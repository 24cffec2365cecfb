import { randomBytes } from 'node:crypto';

import {
  type EngineId,
  ErrorCode,
  IpcError,
  type IpcErrorData,
  type OperationKind,
  type OperationProgress,
  type OperationSummary,
  type OperationUpdate,
} from '../../common';

/** What an operation's body gets: a signal that fires on cancel, and ways to report progress and output. */
export interface OperationContext {
  readonly signal: AbortSignal;
  /** Replaces the fields given; cheap to call on every progress message (updates are throttled). */
  report(progress: Partial<OperationProgress>): void;
  /** Appends output lines (build output); bounded per update. */
  appendLines(lines: readonly string[]): void;
}

interface OperationSpec {
  kind: OperationKind;
  engineId: EngineId;
  title: string;
}

interface OperationRegistryOptions {
  /** Minimum time between two updates of one operation (default 100 ms, i.e. ≤ 10 Hz). */
  throttleMs?: number;
  /** How many finished operations the task list keeps (default 50). */
  keepFinished?: number;
  /** How many output lines one update carries at most; older ones are counted as dropped (default 2,000). */
  maxLinesPerUpdate?: number;
  /** Receives failures that are not IpcErrors (never shown to the user verbatim). */
  onUnexpectedError?: (operation: OperationSummary, error: unknown) => void;
  now?: () => number;
}

type Body = (context: OperationContext) => Promise<{ resultId?: string } | void>;

interface Running {
  summary: OperationSummary;
  controller: AbortController;
  timer: ReturnType<typeof setTimeout> | undefined;
  lines: string[];
  dropped: number;
  lastEmit: number;
  done: Promise<OperationSummary>;
}

/**
 * Owns every long-running operation (pull, push, build, export…): starts it, throttles its progress to the
 * renderer, cancels it on request, and remembers the last finished ones for the task list.
 */
export class OperationRegistry {
  private readonly operations = new Map<string, Running>();
  private readonly listeners = new Set<(update: OperationUpdate) => void>();
  private readonly throttleMs: number;
  private readonly keepFinished: number;
  private readonly maxLines: number;
  private readonly now: () => number;
  private counter = 0;

  constructor(private readonly options: OperationRegistryOptions = {}) {
    this.throttleMs = options.throttleMs ?? 100;
    this.keepFinished = options.keepFinished ?? 50;
    this.maxLines = options.maxLinesPerUpdate ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /** Starts `body` and returns its summary right away; the outcome arrives as updates. */
  start(spec: OperationSpec, body: Body): OperationSummary {
    this.counter += 1;
    const id = `op-${this.counter}-${randomBytes(4).toString('hex')}`;
    const summary: OperationSummary = {
      id,
      kind: spec.kind,
      engineId: spec.engineId,
      title: spec.title,
      state: 'running',
      startedAt: this.now(),
      progress: { items: [] },
    };
    const controller = new AbortController();
    const running: Running = {
      summary,
      controller,
      timer: undefined,
      lines: [],
      dropped: 0,
      lastEmit: 0,
      done: Promise.resolve(summary),
    };
    this.operations.set(id, running);
    const context: OperationContext = {
      signal: controller.signal,
      report: (progress) => {
        if (running.summary.state !== 'running') return;
        running.summary = { ...running.summary, progress: { ...running.summary.progress, ...progress } };
        this.schedule(running);
      },
      appendLines: (lines) => {
        if (running.summary.state !== 'running' || lines.length === 0) return;
        running.lines.push(...lines);
        const excess = running.lines.length - this.maxLines;
        if (excess > 0) {
          running.lines.splice(0, excess);
          running.dropped += excess;
        }
        this.schedule(running);
      },
    };
    this.emit(running);
    running.done = this.run(running, body, context);
    return summary;
  }

  list(): OperationSummary[] {
    return [...this.operations.values()].map((running) => running.summary);
  }

  get(id: string): OperationSummary {
    const running = this.operations.get(id);
    if (running === undefined) throw new IpcError(ErrorCode.NotFound, `No such operation: ${id}`);
    return running.summary;
  }

  /** Asks a running operation to stop; a finished one is left as it is. */
  cancel(id: string): void {
    const running = this.operations.get(id);
    if (running === undefined) throw new IpcError(ErrorCode.NotFound, `No such operation: ${id}`);
    if (running.summary.state === 'running') running.controller.abort();
  }

  /** Resolves with the final summary (for callers that chain work, and for tests). */
  whenFinished(id: string): Promise<OperationSummary> {
    const running = this.operations.get(id);
    if (running === undefined)
      return Promise.reject(new IpcError(ErrorCode.NotFound, `No such operation: ${id}`));
    return running.done;
  }

  onUpdated(listener: (update: OperationUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels what still runs on one engine (its host was removed: nothing it does could reach the user any more). */
  cancelEngine(engineId: EngineId): void {
    this.cancelWhere((summary) => summary.engineId === engineId);
  }

  /** Cancels everything still running (app quit). */
  dispose(): void {
    this.cancelWhere(() => true);
  }

  private cancelWhere(matches: (summary: OperationSummary) => boolean): void {
    for (const running of this.operations.values()) {
      if (running.summary.state === 'running' && matches(running.summary)) running.controller.abort();
    }
  }

  private async run(running: Running, body: Body, context: OperationContext): Promise<OperationSummary> {
    let state: OperationSummary['state'] = 'succeeded';
    let error: IpcErrorData | undefined;
    let resultId: string | undefined;
    try {
      const result = await body(context);
      if (running.controller.signal.aborted) state = 'cancelled';
      else if (result !== undefined) resultId = result.resultId;
    } catch (caught) {
      if (running.controller.signal.aborted) {
        state = 'cancelled';
      } else {
        state = 'failed';
        if (caught instanceof IpcError) {
          error = caught.toData();
        } else {
          this.options.onUnexpectedError?.(running.summary, caught);
          error = {
            code: ErrorCode.Internal,
            message: `${running.summary.title} failed unexpectedly; details are in Berth's log.`,
          };
        }
      }
    }
    if (running.timer !== undefined) clearTimeout(running.timer);
    running.timer = undefined;
    running.summary = {
      ...running.summary,
      state,
      finishedAt: this.now(),
      ...(error !== undefined ? { error } : {}),
      ...(resultId !== undefined ? { resultId } : {}),
      ...(state === 'cancelled' ? { error: { code: ErrorCode.Cancelled, message: 'Cancelled.' } } : {}),
    };
    this.emit(running);
    this.forgetOldFinished();
    return running.summary;
  }

  private schedule(running: Running): void {
    if (running.timer !== undefined) return;
    const wait = Math.max(0, running.lastEmit + this.throttleMs - this.now());
    running.timer = setTimeout(() => {
      running.timer = undefined;
      if (running.summary.state === 'running') this.emit(running);
    }, wait);
  }

  private emit(running: Running): void {
    running.lastEmit = this.now();
    const update: OperationUpdate = {
      operation: running.summary,
      appendedLines: running.lines.splice(0),
      droppedLines: running.dropped,
    };
    running.dropped = 0;
    for (const listener of this.listeners) listener(update);
  }

  private forgetOldFinished(): void {
    const finished = [...this.operations.values()].filter((running) => running.summary.state !== 'running');
    for (const running of finished.slice(0, Math.max(0, finished.length - this.keepFinished))) {
      this.operations.delete(running.summary.id);
    }
  }
}
