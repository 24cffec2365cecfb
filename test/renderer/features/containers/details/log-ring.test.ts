import { describe, expect, it } from 'vitest';

import { type LogLine, packLogLines } from '../../../../../electron/common';
import { LogRing } from '../../../../../renderer/features/containers/details/logs/log-ring';

const lines = (...texts: string[]): LogLine[] => texts.map((text) => ({ stream: 'stdout', text }));
const pack = (...texts: string[]) => packLogLines(lines(...texts));
const texts = (ring: LogRing) => ring.toArray().map((line) => line.text);

describe('LogRing', () => {
  it('keeps at most its capacity across batches, dropping the oldest, and reads lines back whole', () => {
    const ring = new LogRing(3);
    ring.append(pack('a', 'b'));
    ring.append(packLogLines([{ stream: 'stderr', text: 'c', ts: '2026-01-01T00:00:00.5Z', cut: 7 }]));
    ring.append(pack('d'));
    expect(texts(ring)).toEqual(['b', 'c', 'd']);
    expect(ring.dropped).toBe(1);
    expect(ring.received).toBe(4);
    expect(ring.at(1)).toMatchObject({ stream: 'stderr', text: 'c', ts: '2026-01-01T00:00:00.5Z', cut: 7 });
    expect(ring.textAt(2)).toBe('d');
    expect(ring.at(3)).toBeUndefined();
    expect(ring.at(-1)).toBeUndefined();
  });

  it('gives a drawn line the same object until it is evicted, and a new sequence number to every line', () => {
    const ring = new LogRing(2);
    ring.append(pack('a', 'b'));
    const b = ring.at(1);
    expect(ring.at(1)).toBe(b);
    ring.append(pack('c'));
    expect(ring.at(0)).toBe(b);
    expect(ring.at(1)?.seq).toBe((b?.seq ?? 0) + 1);
  });

  it('stays bounded over many batches (the chunks array is compacted)', () => {
    const ring = new LogRing(1000);
    for (let batch = 0; batch < 5000; batch++) {
      ring.append(pack(...Array.from({ length: 10 }, (_, i) => String(batch * 10 + i))));
    }
    expect(ring.length).toBe(1000);
    expect(ring.textAt(0)).toBe('49000');
    expect(ring.textAt(999)).toBe('49999');
    expect(ring.dropped).toBe(49_000);
  });

  it('drops whole oldest batches beyond its character bound, always keeping the newest', () => {
    const ring = new LogRing(100, 12);
    ring.append(pack('aaaa', 'bbbb'));
    ring.append(pack('cccc'));
    expect(texts(ring)).toEqual(['aaaa', 'bbbb', 'cccc']);
    ring.append(pack('dddd'));
    expect(texts(ring)).toEqual(['cccc', 'dddd']);
    ring.append(pack('x'.repeat(50)));
    expect(texts(ring)).toEqual(['x'.repeat(50)]);
  });

  it('prepends earlier lines into free room only, and keeps order after evictions', () => {
    const full = new LogRing(3);
    full.append(pack('b', 'c', 'd'));
    expect(full.prepend(pack('z'))).toBe(0);
    const roomy = new LogRing(4);
    roomy.append(pack('c'));
    expect(roomy.prepend(pack('w', 'x', 'a', 'b'))).toBe(3);
    expect(texts(roomy)).toEqual(['x', 'a', 'b', 'c']);
    expect(roomy.prepended).toBe(3);

    // A batch partly evicted by the character bound is narrowed when lines go in front of it.
    const narrowed = new LogRing(10, 6);
    narrowed.append(pack('aa', 'bb', 'cc'));
    narrowed.append(pack('dd'));
    expect(texts(narrowed)).toEqual(['dd']);
    const stale = narrowed.at(0);
    expect(narrowed.prepend(pack('p', 'q'))).toBe(2);
    expect(texts(narrowed)).toEqual(['p', 'q', 'dd']);
    expect(narrowed.at(2)?.text).toBe(stale?.text);
  });

  it('clears to empty and keeps counting from there', () => {
    const ring = new LogRing(5);
    ring.append(pack('a', 'b'));
    const before = ring.at(0)?.seq ?? 0;
    ring.clear();
    expect(ring.length).toBe(0);
    ring.append(pack('c'));
    expect(texts(ring)).toEqual(['c']);
    expect(ring.at(0)?.seq).toBeGreaterThan(before);
  });
});
