import { describe, expect, it } from 'vitest';

import { compareText } from '../../../renderer/lib/collate';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const sign = (value: number): number => Math.sign(value);

/** A deterministic generator (mulberry32), so a failure names a reproducible pair. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('compareText', () => {
  it('orders as the numeric, base-sensitivity collator on names, images and statuses', () => {
    const next = random(12);
    const alphabet = 'aAbBzZ0019 _-.:/()@~$';
    const texts: string[] = [
      '',
      'web-2',
      'web-10',
      'Web-10',
      'web-010',
      'web-0',
      'web-00',
      'a',
      'a ',
      'a-b',
      'ab',
    ];
    for (let index = 0; index < 400; index++) {
      const length = Math.floor(next() * 8);
      let text = '';
      for (let k = 0; k < length; k++) text += alphabet[Math.floor(next() * alphabet.length)];
      texts.push(text);
    }
    for (const a of texts) {
      for (const b of texts) {
        if (sign(compareText(a, b)) !== sign(collator.compare(a, b))) {
          expect.fail(
            `${JSON.stringify(a)} vs ${JSON.stringify(b)}: ${compareText(a, b)} ≠ ${collator.compare(a, b)}`,
          );
        }
      }
    }
  });

  it('falls back to the collator for other text (accents, other scripts)', () => {
    expect(compareText('été', 'ete')).toBe(0);
    expect(sign(compareText('Ärger', 'zebra'))).toBe(-1);
    expect(sign(compareText('東京', 'a'))).toBe(sign(collator.compare('東京', 'a')));
  });

  it('sorts numbers by value', () => {
    expect(['web-10', 'web-2', 'web-1'].sort(compareText)).toEqual(['web-1', 'web-2', 'web-10']);
  });
});
