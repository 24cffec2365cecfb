import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  armDeadline,
  DeadlineExceededError,
  linkAbort,
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

  it('linkAbort passes on the first parent abort, at once for one already aborted, and not after unlinking', () => {
    const early = new AbortController();
    early.abort('already');
    const first = new AbortController();
    linkAbort(first, undefined, early.signal);
    expect(first.signal.reason).toBe('already');

    const parent = new AbortController();
    const linked = new AbortController();
    const unlink = linkAbort(linked, parent.signal);
    unlink();
    parent.abort('late');
    expect(linked.signal.aborted).toBe(false);

    const other = new AbortController();
    const child = new AbortController();
    linkAbort(child, other.signal);
    other.abort('stopped');
    expect(child.signal.reason).toBe('stopped');
  });
});
