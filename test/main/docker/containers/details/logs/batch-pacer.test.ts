import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { BatchPacer } from '../../../../../../electron/main/docker/containers/details/logs/batch-pacer';

/** A queue drained by a pacer, recording when each batch went out (fake-timer milliseconds). */
function pacedQueue(options: { intervalMs?: number; quietMs?: number; batchSize?: number } = {}) {
  const { intervalMs = 33, quietMs = 4, batchSize = Infinity } = options;
  const queue: number[] = [];
  const batches: Array<{ at: number; items: number[] }> = [];
  const pacer = new BatchPacer({
    intervalMs,
    quietMs,
    now: () => Date.now(),
    flush: () => {
      batches.push({ at: Date.now(), items: queue.splice(0, batchSize) });
      return queue.length > 0;
    },
  });
  const push = (...items: number[]): void => {
    queue.push(...items);
    pacer.notify();
  };
  return { pacer, queue, batches, push };
}

describe('BatchPacer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a burst once the input has been quiet, not a whole interval after it began', async () => {
    const { batches, push } = pacedQueue();
    const start = Date.now();
    // A tail arriving in chunks 1 ms apart, then nothing.
    for (let chunk = 0; chunk < 5; chunk++) {
      push(chunk);
      await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([{ at: start + 4 + 4, items: [0, 1, 2, 3, 4] }]);
  });

  it('keeps batches at least one interval apart while a producer never goes quiet', async () => {
    const { batches, push } = pacedQueue();
    for (let ms = 0; ms < 1000; ms++) {
      push(ms);
      await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(100);
    const gaps = batches.slice(1).map((batch, index) => batch.at - (batches[index]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(33);
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(1000 / 33) + 1);
    // Nothing lost or reordered, and no item waited more than an interval past the previous batch.
    expect(batches.flatMap((batch) => batch.items)).toEqual(Array.from({ length: 1000 }, (_, ms) => ms));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(33 + 1);
  });

  it('holds a quiet trickle to the interval after a batch has just gone out', async () => {
    const { batches, push } = pacedQueue();
    const start = Date.now();
    push(1);
    await vi.advanceTimersByTimeAsync(10);
    push(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(batches.map((batch) => batch.at - start)).toEqual([4, 4 + 33]);
  });

  it('sends what a full batch left behind one interval later', async () => {
    const { batches, push } = pacedQueue({ batchSize: 2 });
    const start = Date.now();
    push(1, 2, 3, 4, 5);
    await vi.advanceTimersByTimeAsync(200);
    expect(batches.map((batch) => [batch.at - start, batch.items])).toEqual([
      [4, [1, 2]],
      [4 + 33, [3, 4]],
      [4 + 66, [5]],
    ]);
  });

  it('sends nothing after cancel, and starts afresh on the next notify', async () => {
    const { pacer, batches, push, queue } = pacedQueue();
    push(1);
    pacer.cancel();
    expect(pacer.scheduled).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([]);
    queue.length = 0;
    push(2);
    expect(pacer.scheduled).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(batches.map((batch) => batch.items)).toEqual([[2]]);
  });
});
