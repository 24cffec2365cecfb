import { EventEmitter } from 'node:events';

import type { Frame } from 'playwright-core';

import { protocol } from './protocol.js';
import type { WebContentsDouble } from './web-contents.js';

let nextRoutingId = 1;
const framesByPlaywrightFrame = new WeakMap<Frame, WebFrameMainDouble>();

/** `WebFrameMain`: one per Chromium frame, and always the same object for the same frame. */
export class WebFrameMainDouble extends EventEmitter {
  readonly routingId = nextRoutingId++;

  private constructor(
    private readonly frame: Frame,
    private readonly contents: WebContentsDouble,
  ) {
    super();
  }

  static of(frame: Frame, contents: WebContentsDouble): WebFrameMainDouble {
    let double = framesByPlaywrightFrame.get(frame);
    if (double === undefined) {
      double = new WebFrameMainDouble(frame, contents);
      framesByPlaywrightFrame.set(frame, double);
    }
    return double;
  }

  /** The frame's URL as the app sees it (`app://…`, not the loopback address Chromium loaded). */
  get url(): string {
    return protocol.toAppUrl(this.frame.url());
  }

  get origin(): string {
    const url = this.url;
    const custom = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)/.exec(url);
    if (custom !== null && !['http', 'https'].includes(custom[1].toLowerCase()))
      return `${custom[1]}://${custom[2]}`;
    try {
      return new URL(url).origin;
    } catch {
      return 'null';
    }
  }

  get name(): string {
    return this.frame.name();
  }

  get frameTreeNodeId(): number {
    return this.routingId;
  }

  get processId(): number {
    return this.contents.processId;
  }

  get osProcessId(): number {
    return this.contents.processId;
  }

  get frameToken(): string {
    return `frame-${this.routingId}`;
  }

  get detached(): boolean {
    return this.frame.isDetached();
  }

  get top(): WebFrameMainDouble | null {
    return this.contents.isDestroyed()
      ? null
      : WebFrameMainDouble.of(this.frame.page().mainFrame(), this.contents);
  }

  get parent(): WebFrameMainDouble | null {
    const parent = this.frame.parentFrame();
    return parent === null ? null : WebFrameMainDouble.of(parent, this.contents);
  }

  get frames(): WebFrameMainDouble[] {
    return this.frame.childFrames().map((child) => WebFrameMainDouble.of(child, this.contents));
  }

  get framesInSubtree(): WebFrameMainDouble[] {
    const all: WebFrameMainDouble[] = [this];
    for (const child of this.frames) all.push(...child.framesInSubtree);
    return all;
  }

  get visibilityState(): string {
    return this.contents.hostVisible() ? 'visible' : 'hidden';
  }

  isDestroyed(): boolean {
    return this.frame.isDetached() || this.contents.isDestroyed();
  }

  /** Runs `code` in the frame's main world and resolves with its (awaited) completion value. */
  executeJavaScript(code: string): Promise<unknown> {
    return this.frame.evaluate(code);
  }

  /** Only the main frame has a preload here, so only it can receive messages. */
  send(channel: string, ...args: unknown[]): void {
    if (this.frame !== this.frame.page().mainFrame()) {
      throw new Error('The e2e double delivers IPC only to the main frame (no preload runs in subframes)');
    }
    this.contents.send(channel, ...args);
  }

  reload(): boolean {
    void this.frame.evaluate('location.reload()');
    return true;
  }
}
