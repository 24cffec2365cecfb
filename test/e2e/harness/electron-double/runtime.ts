import { randomBytes } from 'node:crypto';

import type { BrowserContext } from 'playwright-core';

import { readDoubleConfig } from './config.js';
import type { ChildNotice } from './control-protocol.js';
import { deferred } from './events.js';

/**
 * Process-wide state of the double: its configuration, whether the app is ready, and the Chromium it drives.
 * Every module of the double reads it; only app.ts moves it forward.
 */
export class DoubleRuntime {
  readonly config = readDoubleConfig(process.env, process.argv[1]);
  /** Name of the per-page binding; random so a page cannot guess it before the runtime hides it. */
  readonly bindingName = `__berth_ipc_${randomBytes(8).toString('hex')}`;
  readonly readyGate = deferred<void>();
  isReady = false;
  private browserContext: BrowserContext | undefined;

  get context(): BrowserContext {
    if (this.browserContext === undefined) throw new Error('Chromium is not running (is the app ready?)');
    return this.browserContext;
  }

  get hasContext(): boolean {
    return this.browserContext !== undefined;
  }

  setContext(context: BrowserContext | undefined): void {
    this.browserContext = context;
  }

  /** Tells the harness (the test process) something, when there is one. */
  notify(notice: ChildNotice): void {
    if (process.send !== undefined && process.connected) process.send(notice);
  }
}

export const runtime = new DoubleRuntime();
