import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { IpcChannel } from '../../../../electron/common';
import { createContainerUsageStore } from '../../../../renderer/features/containers/usage-store';
import { FakeBerth } from '../../support/fake-bridge';

/** A page whose visibility the test sets, like switching to another app. */
class FakePage {
  visibilityState: DocumentVisibilityState = 'visible';
  private readonly listeners = new Set<() => void>();
  addEventListener(_type: string, listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: string, listener: () => void): void {
    this.listeners.delete(listener);
  }
  set(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    for (const listener of this.listeners) listener();
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
}

describe('container usage store', () => {
  let berth: FakeBerth;
  let page: FakePage;

  beforeEach(() => {
    vi.useFakeTimers();
    berth = new FakeBerth();
    page = new FakePage();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const create = () =>
    createContainerUsageStore(berth.api, 'local', { debounceMs: 300, page: page as unknown as Document });
  const watches = () => berth.callsTo(IpcChannel.ContainersWatchStats).map(([request]) => request);

  it('sends the visible ids once scrolling settles, sorted and without repeats', async () => {
    const store = create();
    store.watch(['b', 'a']);
    store.watch(['c', 'b']);
    store.watch(['b', 'c', 'b']);
    expect(watches()).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(watches()).toEqual([{ engineId: 'local', ids: ['b', 'c'], visible: true }]);

    // The same set again (a re-render) sends nothing.
    store.watch(['c', 'b']);
    await vi.advanceTimersByTimeAsync(300);
    expect(watches()).toHaveLength(1);
  });

  it('stops main at once when nothing is on screen, and says when the page is hidden or shown again', async () => {
    const store = create();
    store.watch(['a']);
    await vi.advanceTimersByTimeAsync(300);
    page.set('hidden');
    await vi.advanceTimersByTimeAsync(0);
    page.set('visible');
    await vi.advanceTimersByTimeAsync(0);
    store.watch([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(watches()).toEqual([
      { engineId: 'local', ids: ['a'], visible: true },
      { engineId: 'local', ids: ['a'], visible: false },
      { engineId: 'local', ids: ['a'], visible: true },
      { engineId: 'local', ids: [], visible: true },
    ]);
  });

  it('sends nothing for an empty list it never watched', async () => {
    const store = create();
    store.watch([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(watches()).toEqual([]);
  });

  it('keeps the latest sample per container of its engine only', () => {
    const store = create();
    store.start();
    berth.emit('containers:statsSampled', {
      engineId: 'local',
      samples: [{ id: 'a', memoryBytes: 1, sampledAt: 1 }],
    });
    berth.emit('containers:statsSampled', {
      engineId: 'local',
      samples: [{ id: 'a', cpuPercent: 12, memoryBytes: 2, sampledAt: 2 }],
    });
    berth.emit('containers:statsSampled', {
      engineId: 'remote',
      samples: [{ id: 'b', memoryBytes: 3, sampledAt: 3 }],
    });
    expect([...store.getSnapshot().samples.entries()]).toEqual([
      ['a', { id: 'a', cpuPercent: 12, memoryBytes: 2, sampledAt: 2 }],
    ]);
  });

  it('tells main to stop and lets go of the page when disposed', async () => {
    const store = create();
    store.watch(['a']);
    await vi.advanceTimersByTimeAsync(300);
    expect(page.listenerCount).toBe(1);
    store.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(watches().at(-1)).toEqual({ engineId: 'local', ids: [], visible: true });
    expect(page.listenerCount).toBe(0);
    expect(berth.listenerCount('containers:statsSampled')).toBe(0);
  });
});
