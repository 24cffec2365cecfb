import { describe, expect, it } from 'vitest';

import {
  LogCursor,
  timestampNanos,
} from '../../../../../../electron/main/docker/containers/details/logs/log-cursor';

describe('timestampNanos', () => {
  it('reads RFC 3339 with 0 to 9 fraction digits and a zone', () => {
    expect(timestampNanos('2026-12-08T03:20:03Z')).toBe(1796700003000000000n);
    expect(timestampNanos('2026-12-08T03:20:03.1Z')).toBe(1796700003100000000n);
    expect(timestampNanos('2026-12-08T03:20:03.123456789Z')).toBe(1796700003123456789n);
    expect(timestampNanos('2026-12-08T04:20:03.5+01:00')).toBe(1796700003500000000n);
    expect(timestampNanos('yesterday')).toBeUndefined();
  });
});

describe('LogCursor', () => {
  it('resumes at the last timestamp and drops exactly the lines already delivered there', () => {
    const cursor = new LogCursor();
    const a = '2026-12-08T03:20:03.1Z';
    const b = '2026-12-08T03:20:03.12Z'; // later than a, though it sorts before it as text
    for (const ts of [a, b, b]) expect(cursor.admit(ts)).toBe(true);
    expect(cursor.resume()).toBe('1796700003.120000000');
    // The daemon's since is inclusive: it sends both b lines again, then a third b line and what follows.
    expect([b, b, b, '2026-12-08T03:20:04Z'].map((ts) => cursor.admit(ts))).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('resumes as first opened when nothing was delivered, and lets lines without a timestamp through', () => {
    const cursor = new LogCursor();
    expect(cursor.resume()).toBeUndefined();
    expect(cursor.admit(undefined)).toBe(true);
  });
});
