import { afterEach, describe, expect, it, vi } from 'vitest';

import { ErrorCode, IpcError } from '../../../../electron/common';
import { Convergence } from '../../../../electron/main/docker/swarm/convergence';

describe('Convergence (task follow-up without task events)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refreshes with backoff until settled (at least twice), then nothing more', async () => {
    vi.useFakeTimers();
    let settled = false;
    const refresh = vi.fn(() => Promise.resolve());
    const convergence = new Convergence({ converged: () => settled, refresh, delaysMs: [10, 20, 40] });
    convergence.follow('m');
    await vi.advanceTimersByTimeAsync(10);
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(20 + 40 + 40);
    expect(refresh).toHaveBeenCalledTimes(4);
    settled = true;
    await vi.advanceTimersByTimeAsync(40);
    expect(refresh).toHaveBeenCalledTimes(5);
    expect(convergence.active).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(refresh).toHaveBeenCalledTimes(5);
    convergence.dispose();
  });

  it('stops following an engine that is not a manager any more, and after maxMs', async () => {
    vi.useFakeTimers();
    const notManager = vi.fn(() => Promise.reject(new IpcError(ErrorCode.Conflict, 'not a swarm manager')));
    const first = new Convergence({ converged: () => false, refresh: notManager, delaysMs: [10] });
    first.follow('w');
    await vi.advanceTimersByTimeAsync(100);
    expect(notManager).toHaveBeenCalledTimes(1);
    expect(first.active).toBe(0);

    const refresh = vi.fn(() => Promise.resolve());
    const bounded = new Convergence({ converged: () => false, refresh, delaysMs: [10], maxMs: 55 });
    bounded.follow('m');
    await vi.advanceTimersByTimeAsync(200);
    expect(bounded.active).toBe(0);
    expect(refresh.mock.calls.length).toBeLessThanOrEqual(6);
  });
});
