/** The daemon's RFC 3339 timestamp (nanoseconds) → Unix seconds with the fraction, as `since`/`until` take it. */
export function timestampToUnix(ts: string, offsetNanos = 0): string | undefined {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!match) return undefined;
  const millis = Date.parse(`${match[1]}${match[3]}`);
  if (!Number.isFinite(millis)) return undefined;
  let seconds = BigInt(Math.floor(millis / 1000));
  let nanos = BigInt((match[2] ?? '').padEnd(9, '0')) + BigInt(offsetNanos);
  while (nanos < 0n) {
    nanos += 1_000_000_000n;
    seconds -= 1n;
  }
  seconds += nanos / 1_000_000_000n;
  nanos %= 1_000_000_000n;
  return `${seconds}.${nanos.toString().padStart(9, '0')}`;
}

/** A `datetime-local` input value (local time) → Unix seconds, or undefined when empty or invalid. */
export function localInputToUnix(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const millis = new Date(value).getTime();
  return Number.isFinite(millis) ? String(Math.floor(millis / 1000)) : undefined;
}

/** How a timestamp is shown next to a line: local date and time with milliseconds. */
export function formatTimestamp(ts: string | undefined): string {
  if (ts === undefined) return '';
  const millis = Date.parse(ts);
  if (!Number.isFinite(millis)) return ts;
  const date = new Date(millis);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
