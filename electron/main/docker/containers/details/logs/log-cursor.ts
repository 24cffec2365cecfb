import type { UnixTimestamp } from '../../../../../common';

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** A daemon log timestamp (RFC 3339 with up to nine fraction digits) in nanoseconds since the epoch. */
export function timestampNanos(ts: string): bigint | undefined {
  const match = RFC3339.exec(ts);
  if (!match) return undefined;
  const [, seconds = '', fraction = '', zone = ''] = match;
  const ms = Date.parse(`${seconds}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt(fraction.padEnd(9, '0'));
}

/**
 * Where a followed log is, so it can resume after its connection broke with nothing lost and nothing twice: the
 * last delivered line's timestamp and how many lines carried exactly that timestamp. The daemon's `since` is
 * inclusive, so the resumed request starts at that timestamp and the lines already delivered there are dropped.
 */
export class LogCursor {
  private lastNanos: bigint | undefined;
  private atLast = 0;
  /** Lines at `lastNanos` still to drop from a resumed stream. */
  private skip = 0;
  private resuming = false;

  /** Whether `ts` starts a line to deliver; counts it when it does. A line without a timestamp always goes. */
  admit(ts: string | undefined): boolean {
    const nanos = ts === undefined ? undefined : timestampNanos(ts);
    if (nanos === undefined) return true;
    if (this.resuming && this.lastNanos !== undefined) {
      if (nanos < this.lastNanos) return false;
      if (nanos === this.lastNanos && this.skip > 0) {
        this.skip -= 1;
        return false;
      }
      this.resuming = false;
    }
    if (nanos === this.lastNanos) this.atLast += 1;
    else if (this.lastNanos === undefined || nanos > this.lastNanos) {
      this.lastNanos = nanos;
      this.atLast = 1;
    }
    return true;
  }

  /**
   * The `since` to resume from (undefined when nothing was delivered yet: resume as first opened), and from now
   * on the overlap is dropped.
   */
  resume(): UnixTimestamp | undefined {
    if (this.lastNanos === undefined) return undefined;
    this.resuming = true;
    this.skip = this.atLast;
    const seconds = this.lastNanos / 1_000_000_000n;
    const nanos = this.lastNanos % 1_000_000_000n;
    return `${seconds}.${nanos.toString().padStart(9, '0')}`;
  }
}
