import { describe, expect, it } from 'vitest';

import {
  byNameOrder,
  count,
  epochMs,
  flag,
  list,
  num,
  objectOrUndefined,
  record,
  stringMap,
  strings,
  text,
} from '../../../../electron/main/docker/engine/readers';

describe('defensive readers of the daemon JSON', () => {
  it.each([
    [{ a: 1 }, { a: 1 }],
    [[1], undefined],
    [null, undefined],
    ['text', undefined],
    [undefined, undefined],
  ])('objectOrUndefined(%j) → %j; record gives {} instead', (value, expected) => {
    expect(objectOrUndefined(value)).toEqual(expected);
    expect(record(value)).toEqual(expected ?? {});
  });

  it.each([
    ['a', 'x', 'a'],
    [1, 'x', 'x'],
    [undefined, '', ''],
  ])('text(%j, %j) → %j', (value, fallback, expected) => {
    expect(text(value, fallback)).toBe(expected);
  });

  it.each([
    [3, 3],
    [Number.NaN, -1],
    [Number.POSITIVE_INFINITY, -1],
    ['3', -1],
  ])('num(%j, -1) → %j', (value, expected) => {
    expect(num(value, -1)).toBe(expected);
  });

  it.each([
    [0, 0],
    [5, 5],
    [-1, undefined],
    [Number.NaN, undefined],
    ['5', undefined],
  ])('count(%j) → %j', (value, expected) => {
    expect(count(value)).toBe(expected);
  });

  it.each([
    [true, true],
    ['true', true],
    [false, false],
    ['false', false],
    [1, false],
  ])('flag(%j) → %j', (value, expected) => {
    expect(flag(value)).toBe(expected);
  });

  it('keeps only string entries and items', () => {
    expect(stringMap({ a: 'x', b: 1, c: null })).toEqual({ a: 'x' });
    expect(stringMap(['x'])).toEqual({});
    expect(strings(['a', 1, '', null])).toEqual(['a', '']);
    expect(strings('a')).toEqual([]);
    expect(list([1, 'a'])).toEqual([1, 'a']);
    expect(list({ 0: 'a' })).toEqual([]);
  });

  it.each([
    ['2026-11-29T20:00:00Z', Date.parse('2026-11-29T20:00:00Z')],
    ['0001-01-01T00:00:00Z', undefined],
    ['', undefined],
    ['not a date', undefined],
    [12, undefined],
  ])('epochMs(%j) → %j', (value, expected) => {
    expect(epochMs(value)).toBe(expected);
  });

  it('orders by name in code-unit order', () => {
    expect([{ name: 'b' }, { name: 'B' }, { name: 'a' }].sort(byNameOrder)).toEqual([
      { name: 'B' },
      { name: 'a' },
      { name: 'b' },
    ]);
  });
});
