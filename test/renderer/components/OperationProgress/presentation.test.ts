import { describe, expect, it } from 'vitest';

import { formatBytes } from '../../../../electron/common';
import {
  itemAmount,
  lineKind,
  percent,
} from '../../../../renderer/components/OperationProgress/presentation';

describe('operation presentation', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1_500, '1.5 KB'],
    [23_400_000, '23 MB'],
    [2_000_000_000, '2.0 GB'],
    [-1, '—'],
  ])('formatBytes(%d) = %s', (bytes, text) => {
    expect(formatBytes(bytes, 'rounded')).toBe(text);
  });

  it('turns a fraction into a percentage, unknown stays unknown', () => {
    expect(percent(0.5)).toBe(50);
    expect(percent(1.2)).toBe(100);
    expect(percent(undefined)).toBeUndefined();
    expect(percent(Number.NaN)).toBeUndefined();
  });

  it('shows byte amounts of an item when Docker gave them', () => {
    expect(itemAmount({ id: 'a', status: 'Downloading', current: 1_000, total: 2_000, done: false })).toBe(
      '1.0 KB / 2.0 KB',
    );
    expect(itemAmount({ id: 'a', status: 'Waiting', done: false })).toBe('');
  });

  it('tells build steps and errors from plain output', () => {
    expect(lineKind('Step 1/3 : FROM scratch')).toBe('step');
    expect(lineKind('ERROR: Step 2/3 failed')).toBe('error');
    expect(lineKind(' ---> Running in 123')).toBe('plain');
  });
});
