import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  restoreWindowState,
  type WindowState,
  WindowStateKeeper,
} from '../../../electron/main/windows/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const external = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('restoreWindowState', () => {
  it.each([
    [
      'on the only display',
      { bounds: { x: 100, y: 100, width: 1000, height: 700 }, maximized: false },
      [laptop],
      true,
    ],
    [
      'on a second display that is still there',
      { bounds: { x: 2000, y: 50, width: 1000, height: 700 }, maximized: true },
      [laptop, external],
      true,
    ],
    [
      'on a display that is gone',
      { bounds: { x: 2000, y: 50, width: 1000, height: 700 }, maximized: false },
      [laptop],
      false,
    ],
    [
      'with the title bar above the screen',
      { bounds: { x: 100, y: -500, width: 1000, height: 400 }, maximized: false },
      [laptop],
      false,
    ],
    [
      'barely peeking in from the left',
      { bounds: { x: -990, y: 100, width: 1000, height: 700 }, maximized: false },
      [laptop],
      false,
    ],
  ])('keeps a window %s: %s', (_name, stored, displays, kept) => {
    expect(restoreWindowState(stored, displays)).toEqual(kept ? stored : undefined);
  });

  it.each([
    undefined,
    null,
    'x',
    { bounds: { x: 0, y: 0, width: -5, height: 10 }, maximized: false },
    { maximized: true },
  ])('ignores a corrupt record %j', (stored) => {
    expect(restoreWindowState(stored, [laptop])).toBeUndefined();
  });
});

describe('WindowStateKeeper', () => {
  afterEach(() => vi.useRealTimers());

  it('writes once per burst of moves, and right away on flush', () => {
    vi.useFakeTimers();
    const set = vi.fn();
    let state: WindowState = { bounds: { x: 1, y: 1, width: 800, height: 600 }, maximized: false };
    const keeper = new WindowStateKeeper({ get: () => undefined, set }, () => state, 500);
    for (let i = 0; i < 20; i++) keeper.schedule();
    expect(set).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(set).toHaveBeenCalledTimes(1);
    state = { ...state, maximized: true };
    keeper.schedule();
    keeper.flush();
    expect(set).toHaveBeenLastCalledWith('window', state);
    vi.advanceTimersByTime(1000);
    expect(set).toHaveBeenCalledTimes(2);
  });
});
