interface BatchPacerOptions {
  /** Least time between two flushes: at most one batch per interval goes out. */
  intervalMs: number;
  /**
   * Input quiet for this long means a burst is over (a log tail has been read): its batch goes out then, rather
   * than a whole interval after it began, as long as the interval since the previous flush has passed.
   */
  quietMs: number;
  /** Sends one batch; returns true when items are still queued (the batch was full). */
  flush(): boolean;
  /** Milliseconds on a monotonic clock. Default `performance.now`. */
  now?: () => number;
}

/**
 * Decides when queued items go out as a batch. Two rules bound it: batches are at least `intervalMs` apart (so a
 * fast producer costs ≤ 1000/intervalMs messages a second), and an item waits at most `intervalMs` once that
 * allows. Within them a batch goes as soon as input has been quiet for `quietMs`: a log view's first 1,000 lines
 * arrive in one batch a few milliseconds after the daemon sent them, not a full interval later.
 */
export class BatchPacer {
  private timer: NodeJS.Timeout | undefined;
  private lastFlushAt = -Infinity;
  private lastInputAt = -Infinity;
  /** When the oldest item still queued arrived (or the previous full batch went out); undefined when idle. */
  private pendingSince: number | undefined;
  private readonly now: () => number;

  constructor(private readonly options: BatchPacerOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Items were queued. */
  notify(): void {
    const now = this.now();
    this.lastInputAt = now;
    this.pendingSince ??= now;
    if (this.timer === undefined) this.arm(now);
  }

  /** A flush is scheduled. */
  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  /** Drops the schedule (the stream closed); `notify` starts a new one. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pendingSince = undefined;
  }

  private arm(now: number): void {
    const { intervalMs, quietMs } = this.options;
    const earliest = this.lastFlushAt + intervalMs;
    const due = Math.max(earliest, (this.pendingSince ?? now) + intervalMs);
    const quiet = Math.max(earliest, this.lastInputAt + quietMs);
    this.timer = setTimeout(() => this.fire(), Math.max(0, Math.min(due, quiet) - now));
  }

  private fire(): void {
    this.timer = undefined;
    if (this.pendingSince === undefined) return;
    const now = this.now();
    const { intervalMs, quietMs } = this.options;
    const ready =
      now >= this.lastFlushAt + intervalMs &&
      (now >= this.lastInputAt + quietMs || now >= this.pendingSince + intervalMs);
    if (!ready) {
      this.arm(now);
      return;
    }
    this.lastFlushAt = now;
    const more = this.options.flush();
    // flush() may have cancelled (the stream finished) or queued again through notify().
    if (more) {
      this.pendingSince = now;
      if (this.timer === undefined) this.arm(now);
    } else if (this.timer === undefined) {
      this.pendingSince = undefined;
    }
  }
}
