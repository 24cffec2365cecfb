import { type EngineId, ErrorCode, IpcError } from '../../../common';

interface ConvergenceOptions {
  /** Whether every service of the engine has settled (tasks match the spec, no update under way). */
  converged: (engineId: EngineId) => boolean;
  /** Refreshes the services and tasks of the engine (one request each). */
  refresh: (engineId: EngineId) => Promise<void>;
  /** Delays between follow-up refreshes; the last repeats. Default 250 ms doubling to 2 s. */
  delaysMs?: readonly number[];
  /** Follow-up stops this long after the last trigger even if never settled (a service stuck failing). */
  maxMs?: number;
  logger?: Pick<Console, 'warn'> | undefined;
}

interface Following {
  timer?: NodeJS.Timeout;
  step: number;
  until: number;
}

/**
 * Task changes are not events: a manager emits `service` events for specs and update states, and container
 * events come only from the node Berth is connected to, so a task starting on another node says nothing. After
 * an event or a change of ours, the services and tasks of that engine are therefore refreshed a few more times,
 * backing off, until every service has settled (and for at most `maxMs`). Nothing runs while all is settled.
 */
export class Convergence {
  private readonly following = new Map<EngineId, Following>();
  private readonly delaysMs: readonly number[];
  private readonly maxMs: number;
  private disposed = false;

  constructor(private readonly options: ConvergenceOptions) {
    this.delaysMs = options.delaysMs ?? [250, 500, 1000, 2000];
    this.maxMs = options.maxMs ?? 5 * 60_000;
  }

  /** Starts (or restarts from the shortest delay) the follow-up of an engine. */
  follow(engineId: EngineId): void {
    if (this.disposed) return;
    const current = this.following.get(engineId);
    if (current) {
      current.step = 0;
      current.until = Date.now() + this.maxMs;
      return;
    }
    const following: Following = { step: 0, until: Date.now() + this.maxMs };
    this.following.set(engineId, following);
    this.schedule(engineId, following);
  }

  /** Engines followed right now (for tests). */
  get active(): number {
    return this.following.size;
  }

  dispose(): void {
    this.disposed = true;
    for (const following of this.following.values()) clearTimeout(following.timer);
    this.following.clear();
  }

  private schedule(engineId: EngineId, following: Following): void {
    const delay = this.delaysMs[Math.min(following.step, this.delaysMs.length - 1)] ?? 1000;
    following.step += 1;
    following.timer = setTimeout(() => void this.tick(engineId, following), delay);
  }

  private async tick(engineId: EngineId, following: Following): Promise<void> {
    try {
      await this.options.refresh(engineId);
    } catch (error) {
      // Not a manager (any more), gone or unreachable: the engine's status says so; stop following.
      const code = error instanceof IpcError ? error.code : undefined;
      if (
        code !== ErrorCode.Conflict &&
        code !== ErrorCode.EngineUnreachable &&
        code !== ErrorCode.Cancelled
      ) {
        this.options.logger?.warn(`[swarm] following ${engineId} failed:`, error);
      }
      this.stop(engineId, following);
      return;
    }
    if (this.disposed || this.following.get(engineId) !== following) return;
    // Two refreshes at least: the first may run before the daemon has even scheduled the new tasks.
    const settled = following.step >= 2 && this.options.converged(engineId);
    if (settled || Date.now() > following.until) this.stop(engineId, following);
    else this.schedule(engineId, following);
  }

  private stop(engineId: EngineId, following: Following): void {
    clearTimeout(following.timer);
    if (this.following.get(engineId) === following) this.following.delete(engineId);
  }
}
