import { type EngineId, ErrorCode, IpcError } from '../../../common';
import type {
  ContainerStatsWatch,
  ContainerUsage,
  ContainerUsageBatch,
} from '../../../common/containers/usage';
import type { EngineRegistry } from '../engine/engine-registry';
import { cpuPercentBetween, toUsageReading, type UsageReading } from './mappers';

interface StatsSamplerOptions {
  /** Pause between the end of one round of samples and the start of the next. Default 5 s (≤ 0.2 Hz per row). */
  intervalMs?: number;
  /** Stats requests in flight per engine at most. Default 4. */
  concurrency?: number;
  /** Previous readings kept for CPU deltas, across all engines. Default 1,000. */
  maxRemembered?: number;
  /** Where unexpected failures are reported. Default `console`. */
  logger?: Pick<Console, 'warn'>;
  /** Schedules the next round; `setTimeout`/`clearTimeout` by default (tests step rounds by hand). */
  timers?: SamplerTimers;
}

export interface SamplerTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: SamplerTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** One engine's watch list and the round that samples it. */
interface EngineWatch {
  engineId: EngineId;
  ids: string[];
  pageVisible: boolean;
  timer?: unknown;
  /** Aborts the round in flight. */
  round?: AbortController;
}

/**
 * CPU and memory for the container rows on screen, cheaply (design Part 3 §0, A-T5): one-shot stats
 * (`stream=false&one-shot=true`) only for the ids the list says are visible, at most `concurrency` requests in
 * flight per engine, one round every `intervalMs`, and nothing at all while the window or the page is hidden or
 * nothing is on screen. One-shot samples carry no previous sample, so CPU % comes from this sampler's own last
 * reading of the same container.
 */
export class ContainerStatsSampler {
  private readonly intervalMs: number;
  private readonly concurrency: number;
  private readonly maxRemembered: number;
  private readonly logger: Pick<Console, 'warn'>;
  private readonly timers: SamplerTimers;
  private readonly watches = new Map<EngineId, EngineWatch>();
  /** Last reading per `engineId/containerId`, oldest first (a Map keeps insertion order). */
  private readonly previous = new Map<string, UsageReading>();
  private readonly listeners = new Set<(batch: ContainerUsageBatch) => void>();
  private windowVisible: boolean;
  private disposed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engines: EngineRegistry,
    options: StatsSamplerOptions & { windowVisible?: boolean } = {},
  ) {
    this.intervalMs = options.intervalMs ?? 5000;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxRemembered = options.maxRemembered ?? 1000;
    this.logger = options.logger ?? console;
    this.timers = options.timers ?? realTimers;
    this.windowVisible = options.windowVisible ?? true;
    this.unsubscribe = engines.onRemoved((engineId) => this.forget(engineId));
  }

  /** What the renderer shows: replaces the engine's watch list. An empty list or a hidden page stops it. */
  watch(request: ContainerStatsWatch): void {
    // A watch that crossed its engine's removal must not start sampling a host that is gone.
    if (this.disposed || !this.engines.has(request.engineId)) return;
    let watch = this.watches.get(request.engineId);
    if (watch === undefined) {
      watch = { engineId: request.engineId, ids: [], pageVisible: true };
      this.watches.set(request.engineId, watch);
    }
    const wasActive = this.isActive(watch);
    watch.ids = [...new Set(request.ids)];
    watch.pageVisible = request.visible;
    this.reconcile(watch, wasActive);
  }

  /** Whether the app's window is on screen (not hidden to the tray, not minimised). */
  setWindowVisible(visible: boolean): void {
    if (this.disposed || visible === this.windowVisible) return;
    const before = new Map([...this.watches.values()].map((watch) => [watch, this.isActive(watch)]));
    this.windowVisible = visible;
    for (const [watch, wasActive] of before) this.reconcile(watch, wasActive);
  }

  /** Whether a round is in flight or scheduled for the engine (false means no stats request will be made). */
  isSampling(engineId: EngineId): boolean {
    const watch = this.watches.get(engineId);
    return watch !== undefined && (watch.round !== undefined || watch.timer !== undefined);
  }

  onSampled(listener: (batch: ContainerUsageBatch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops every round and timer. */
  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    for (const watch of this.watches.values()) this.stop(watch);
    this.watches.clear();
    this.listeners.clear();
    this.previous.clear();
  }

  /** A removed engine: its round stops, and its watch and last readings go. */
  private forget(engineId: EngineId): void {
    const watch = this.watches.get(engineId);
    if (watch !== undefined) this.stop(watch);
    this.watches.delete(engineId);
    for (const key of [...this.previous.keys()]) {
      if (key.startsWith(`${engineId}/`)) this.previous.delete(key);
    }
  }

  private isActive(watch: EngineWatch): boolean {
    return !this.disposed && this.windowVisible && watch.pageVisible && watch.ids.length > 0;
  }

  /** Starts a round at once when the watch just became active; stops everything when it no longer is. */
  private reconcile(watch: EngineWatch, wasActive: boolean): void {
    if (!this.isActive(watch)) {
      this.stop(watch);
      return;
    }
    if (!wasActive && watch.round === undefined) {
      this.clearTimer(watch);
      void this.runRound(watch);
    }
  }

  private clearTimer(watch: EngineWatch): void {
    if (watch.timer !== undefined) this.timers.clear(watch.timer);
    watch.timer = undefined;
  }

  private stop(watch: EngineWatch): void {
    this.clearTimer(watch);
    watch.round?.abort(new IpcError(ErrorCode.Cancelled, 'Stats sampling stopped.'));
    watch.round = undefined;
  }

  private async runRound(watch: EngineWatch): Promise<void> {
    const round = new AbortController();
    watch.round = round;
    const queue = [...watch.ids];
    const worker = async (): Promise<void> => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        // The list may have scrolled, or the window hidden, while earlier samples were in flight.
        if (round.signal.aborted || !watch.ids.includes(id)) continue;
        await this.sample(watch.engineId, id, round.signal);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    if (watch.round !== round) return;
    watch.round = undefined;
    if (!this.isActive(watch)) return;
    watch.timer = this.timers.set(() => {
      watch.timer = undefined;
      if (this.isActive(watch) && watch.round === undefined) void this.runRound(watch);
    }, this.intervalMs);
  }

  private async sample(engineId: EngineId, id: string, signal: AbortSignal): Promise<void> {
    const key = `${engineId}/${id}`;
    let raw: unknown;
    try {
      raw = await this.engines.request(
        engineId,
        (client, abortSignal) =>
          client.getContainer(id).stats({ stream: false, 'one-shot': true, abortSignal } as {
            stream: false;
          }),
        { signal },
      );
    } catch (error) {
      const code = error instanceof IpcError ? error.code : undefined;
      // Gone, stopped meanwhile, unreachable or cancelled: nothing to show, nothing to report.
      if (
        code !== ErrorCode.NotFound &&
        code !== ErrorCode.Conflict &&
        code !== ErrorCode.EngineUnreachable &&
        code !== ErrorCode.Cancelled &&
        code !== ErrorCode.Timeout
      ) {
        this.logger.warn(`[stats] sampling ${id.slice(0, 12)} on ${engineId} failed:`, error);
      }
      this.previous.delete(key);
      return;
    }
    if (signal.aborted || this.disposed) return;
    const reading = toUsageReading(raw);
    if (reading === undefined) {
      this.previous.delete(key);
      return;
    }
    const before = this.previous.get(key);
    this.previous.delete(key);
    this.previous.set(key, reading);
    if (this.previous.size > this.maxRemembered) {
      const oldest = this.previous.keys().next().value;
      if (oldest !== undefined) this.previous.delete(oldest);
    }
    const usage: ContainerUsage = { id, sampledAt: reading.readAt };
    const cpuPercent = before === undefined ? undefined : cpuPercentBetween(before, reading);
    if (cpuPercent !== undefined) usage.cpuPercent = cpuPercent;
    if (reading.memoryBytes !== undefined) usage.memoryBytes = reading.memoryBytes;
    if (reading.memoryLimitBytes !== undefined) usage.memoryLimitBytes = reading.memoryLimitBytes;
    this.emit({ engineId, samples: [usage] });
  }

  private emit(batch: ContainerUsageBatch): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(batch);
      } catch (error) {
        this.logger.warn('[stats] a listener threw:', error);
      }
    }
  }
}
