import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  armDeadline,
  DeadlineExceededError,
  withDeadline,
} from '../../../../electron/main/docker/engine/deadline';

afterEach(() => {
  vi.useRealTimers();
});

describe('the one deadline mechanism', () => {
  it('aborts an armed controller with a DeadlineExceededError when time runs out', () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    armDeadline(controller, 1000);
    vi.advanceTimersByTime(999);
    expect(controller.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(controller.signal.reason).toBeInstanceOf(DeadlineExceededError);
    expect((controller.signal.reason as DeadlineExceededError).timeoutMs).toBe(1000);
  });

  it('leaves a disarmed controller alone', () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const disarm = armDeadline(controller, 1000);
    disarm();
    vi.advanceTimersByTime(5000);
    expect(controller.signal.aborted).toBe(false);
  });

  it('withDeadline hands the request a signal that a parent aborts with its own reason', async () => {
    const parent = new AbortController();
    const seen = withDeadline(
      60_000,
      (signal) =>
        new Promise<unknown>((resolve) => signal.addEventListener('abort', () => resolve(signal.reason))),
      parent.signal,
    );
    parent.abort('closed');
    await expect(seen).resolves.toBe('closed');
  });
});
