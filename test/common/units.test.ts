import { describe, expect, it } from 'vitest';

import { type ByteStyle, formatBytes } from '../../electron/common/units';

describe('formatBytes', () => {
  it.each<[number, ByteStyle | undefined, string]>([
    [0, undefined, '0B'],
    [1_985_000, 'cli', '1.985MB'],
    [-2_100_000_000, 'cli', '-2.1GB'],
    [Number.NaN, 'cli', '—'],
    [512, 'rounded', '512 B'],
    [1_500, 'rounded', '1.5 KB'],
    [-1, 'rounded', '—'],
    [0, 'binary', '0 B'],
    [1536, 'binary', '1.5 KiB'],
    [12 * 1024 ** 2, 'binary', '12 MiB'],
    [512, 'cli-memory', '512B'],
    [25_276_059_648, 'cli-memory', '23.54GiB'],
    [1023, 'transfer', '1023 B'],
    [1536, 'transfer', '1.5 KB'],
    [20 * 1024 ** 3, 'transfer', '20 GB'],
  ])('%d in style %s → %s', (bytes, style, text) => {
    expect(formatBytes(bytes, style)).toBe(text);
  });
});
