import type { LogLine } from '../../../../../electron/common/bridge';

/** The default number of lines a log view keeps (Docker Desktop's cap). */
export const DEFAULT_LOG_CAPACITY = 100_000;

/**
 * The lines of one log view, bounded: appending past `capacity` drops the oldest lines, so memory stays flat
 * however long a container is followed. Indexes are 0 = oldest kept line. `dropped` counts lines evicted.
 */
export class LogBuffer {
  private lines: LogLine[] = [];
  private start = 0;
  dropped = 0;
  /** Increases on every change, for views that re-render on it. */
  revision = 0;

  constructor(readonly capacity = DEFAULT_LOG_CAPACITY) {}

  get length(): number {
    return this.lines.length - this.start;
  }

  at(index: number): LogLine | undefined {
    return this.lines[this.start + index];
  }

  /** The oldest line kept (where "load earlier" continues from). */
  first(): LogLine | undefined {
    return this.at(0);
  }

  append(lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    for (const line of lines) this.lines.push(line);
    const excess = this.length - this.capacity;
    if (excess > 0) {
      this.start += excess;
      this.dropped += excess;
    }
    // Compact now and then rather than shifting on every append.
    if (this.start > this.capacity) {
      this.lines = this.lines.slice(this.start);
      this.start = 0;
    }
    this.revision += 1;
  }

  /** Puts older lines in front (load earlier); what does not fit is dropped from the old end. */
  prepend(lines: readonly LogLine[]): number {
    const room = Math.max(0, this.capacity - this.length);
    const kept = lines.slice(Math.max(0, lines.length - room));
    if (kept.length === 0) return 0;
    this.lines = [...kept, ...this.lines.slice(this.start)];
    this.start = 0;
    this.revision += 1;
    return kept.length;
  }

  clear(): void {
    this.lines = [];
    this.start = 0;
    this.dropped = 0;
    this.revision += 1;
  }

  /** Every kept line, oldest first (copy, search). */
  toArray(): LogLine[] {
    return this.lines.slice(this.start);
  }
}
