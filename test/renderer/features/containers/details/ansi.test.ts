import { describe, expect, it } from 'vitest';

import { parseAnsi, stripAnsi } from '../../../../../renderer/features/containers/details/logs/ansi';
import { timestampToUnix } from '../../../../../renderer/features/containers/details/logs/log-time';

describe('parseAnsi', () => {
  it.each([
    ['plain', [{ text: 'plain' }]],
    ['\u001b[31mred\u001b[0m ok', [{ text: 'red', fg: 1 }, { text: ' ok' }]],
    ['\u001b[1;92;44mx', [{ text: 'x', bold: true, fg: 10, bg: 4 }]],
    [
      '\u001b[38;5;196ma\u001b[38;2;1;2;3mb',
      [
        { text: 'a', fg: 'rgb(255, 0, 0)' },
        { text: 'b', fg: 'rgb(1, 2, 3)' },
      ],
    ],
    ['\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007', [{ text: 'link' }]],
    ['\u001b]0;title\u001b\\after', [{ text: 'after' }]],
    ['a\u001b[2Jb\u001b[10;5Hc\u0007d', [{ text: 'abcd' }]],
    ['<b>tag</b>', [{ text: '<b>tag</b>' }]],
  ])('%j', (input, expected) => {
    expect(parseAnsi(input)).toEqual(expected);
  });

  it('strips to the visible text', () => {
    expect(stripAnsi('\u001b[31mer\u001b[0mror')).toBe('error');
  });
});

describe('timestampToUnix', () => {
  it('keeps nanoseconds and subtracts an offset across a second boundary', () => {
    expect(timestampToUnix('2026-01-01T00:00:01.000000000Z', -1)).toBe(
      `${Date.UTC(2026, 0, 1) / 1000}.999999999`,
    );
    expect(timestampToUnix('2026-01-01T00:00:00.5Z')).toBe(`${Date.UTC(2026, 0, 1) / 1000}.500000000`);
    expect(timestampToUnix('nope')).toBeUndefined();
  });
});
