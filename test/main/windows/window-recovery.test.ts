import { EventEmitter } from 'node:events';

import type { BrowserWindow } from 'electron';
import { describe, expect, it, vi } from 'vitest';

import { reportStartFailure } from '../../../electron/main/platform/start-failure';
import { offerReloadOnFailure, type RecoveryDialog } from '../../../electron/main/windows/window-recovery';

/** A window whose page can crash or hang, as Electron emits it. */
function fakeWindow() {
  const webContents = Object.assign(new EventEmitter(), { reload: vi.fn() });
  const window = Object.assign(new EventEmitter(), { webContents, isDestroyed: () => false });
  return { window, webContents, asWindow: window as unknown as BrowserWindow };
}

function answering(response: number) {
  const calls: Array<{ message: string; detail?: string; buttons?: string[] }> = [];
  const dialog = {
    showMessageBox: vi.fn((_window: unknown, options: (typeof calls)[number]) => {
      calls.push(options);
      return Promise.resolve({ response, checkboxChecked: false });
    }),
  } as unknown as RecoveryDialog;
  return { dialog, calls };
}

const logger = { warn: () => undefined };
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a crashed or hung window offers Reload', () => {
  it('a page that crashed: the reason and the log are named, Reload reloads', async () => {
    const { window, webContents, asWindow } = fakeWindow();
    const { dialog, calls } = answering(0);
    offerReloadOnFailure(asWindow, { dialog, logPath: '/logs/main.log', logger });
    webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await settle();
    expect(calls[0]).toMatchObject({
      message: expect.stringMatching(/stopped working/) as unknown,
      buttons: ['Reload', 'Close'],
    });
    expect(calls[0]?.detail).toMatch(/crashed[\s\S]*\/logs\/main\.log/);
    expect(webContents.reload).toHaveBeenCalledTimes(1);
    expect(window.listenerCount('unresponsive')).toBe(1);
  });

  it('a hung page: Wait leaves it alone; one question at a time', async () => {
    const { window, webContents, asWindow } = fakeWindow();
    const { dialog, calls } = answering(1);
    offerReloadOnFailure(asWindow, { dialog, logPath: '/logs/main.log', logger });
    window.emit('unresponsive');
    window.emit('unresponsive');
    await settle();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.buttons).toEqual(['Reload', 'Wait']);
    expect(webContents.reload).not.toHaveBeenCalled();
    window.emit('unresponsive');
    await settle();
    expect(calls).toHaveLength(2);
  });

  it('a page that ended cleanly (the window closed) asks nothing', async () => {
    const { webContents, asWindow } = fakeWindow();
    const { dialog, calls } = answering(0);
    offerReloadOnFailure(asWindow, { dialog, logPath: '/l', logger });
    webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    await settle();
    expect(calls).toEqual([]);
  });
});

describe('a start-up failure is shown, never silent', () => {
  it('an error box names the reason and the log file', () => {
    const showErrorBox = vi.fn();
    const errors: unknown[] = [];
    reportStartFailure(
      { showErrorBox },
      { path: '/logs/main.log', error: (...a) => errors.push(a) },
      new SyntaxError('Unexpected token'),
    );
    expect(showErrorBox).toHaveBeenCalledWith(
      'Berth could not start',
      expect.stringMatching(/Unexpected token[\s\S]*\/logs\/main\.log/),
    );
    expect(errors).toHaveLength(1);
  });

  it('a dialog that cannot be shown is logged too (and does not throw)', () => {
    const errors: unknown[] = [];
    const showErrorBox = () => {
      throw new Error('no display');
    };
    expect(() =>
      reportStartFailure({ showErrorBox }, { path: '/l', error: (...a) => errors.push(a) }, 'boom'),
    ).not.toThrow();
    expect(errors).toHaveLength(2);
  });
});
