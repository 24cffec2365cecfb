import { describe, expect, it } from 'vitest';

import { heartbeatDelay } from '../../../../electron/main/docker/engine/engine-connector';

describe('heartbeatDelay', () => {
  it('waits the whole quiet period at the low end of the jitter', () => {
    expect(heartbeatDelay(1_000, 6_000, 1_000, 0)).toBe(6_000);
  });

  it('comes at most 20 % early, so a fleet that connected together spreads its pings', () => {
    expect(heartbeatDelay(1_000, 6_000, 1_000, 1)).toBeCloseTo(4_800);
    const delays = Array.from({ length: 50 }, (_, i) => heartbeatDelay(0, 6_000, 0, i / 50));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(4_800);
    expect(Math.max(...delays)).toBeLessThanOrEqual(6_000);
    expect(new Set(delays.map(Math.round)).size).toBe(50);
  });

  it('counts from the last sign of life and is never negative', () => {
    expect(heartbeatDelay(1_000, 6_000, 4_000, 0)).toBe(3_000);
    expect(heartbeatDelay(1_000, 6_000, 60_000, 0.5)).toBe(0);
  });
});
