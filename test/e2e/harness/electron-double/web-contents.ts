import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

import type { BrowserWindowConstructorOptions, HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import type { CDPSession, ConsoleMessage, Frame, Page, Request, Route } from 'playwright-core';

import { createEvent, type Deferred, deferred } from './events.js';
import { buildInitScript, type PreloadOptions } from './init-script.js';
import { decodeArgs, encodeArgs, ipcMain, IpcMainDouble } from './ipc-main.js';
import type { PageRequest, PushedMessage } from './page-protocol.js';
import { protocol } from './protocol.js';
import { runtime } from './runtime.js';
import { session } from './session.js';
import { WebFrameMainDouble } from './web-frame-main.js';

/** What a webContents needs from the window that hosts it. */
export interface WebContentsHost {
  readonly id: number;
  isVisible(): boolean;
  focus(): void;
  /** The page went away without `close()` (closed from outside, or the target crashed beyond recovery). */
  onPageClosed(): void;
  onFirstPaint(): void;
}

/** Creates the BrowserWindow of a popup the window-open handler allowed (set by browser-window.ts). */
export type PopupWindowFactory = (
  page: Page,
  options: BrowserWindowConstructorOptions,
  opener: WebContentsDouble,
  outlivesOpener: boolean,
) => { webContents: WebContentsDouble };

let popupWindowFactory: PopupWindowFactory | undefined;

export function setPopupWindowFactory(factory: PopupWindowFactory): void {
  popupWindowFactory = factory;
}

type WindowOpenHandler = (details: HandlerDetails) => WindowOpenHandlerResponse;

interface PopupDecision {
  /** The URL Chromium opens (loopback form), to match the popup page with its decision. */
  pageUrl: string;
  allowed: boolean;
  opener: WebContentsDouble;
  details: HandlerDetails;
  response: WindowOpenHandlerResponse;
}

const NET_ERRORS: Record<string, number> = {
  ERR_FAILED: -2,
  ERR_ABORTED: -3,
  ERR_FILE_NOT_FOUND: -6,
  ERR_TIMED_OUT: -7,
  ERR_ACCESS_DENIED: -10,
  ERR_BLOCKED_BY_CLIENT: -20,
  ERR_BLOCKED_BY_RESPONSE: -27,
  ERR_CONNECTION_CLOSED: -100,
  ERR_CONNECTION_RESET: -101,
  ERR_CONNECTION_REFUSED: -102,
  ERR_CONNECTION_ABORTED: -103,
  ERR_CONNECTION_FAILED: -104,
  ERR_NAME_NOT_RESOLVED: -105,
  ERR_INTERNET_DISCONNECTED: -106,
  ERR_ADDRESS_UNREACHABLE: -109,
  ERR_INVALID_URL: -300,
  ERR_DISALLOWED_URL_SCHEME: -301,
  ERR_UNKNOWN_URL_SCHEME: -302,
  ERR_INVALID_RESPONSE: -320,
  ERR_EMPTY_RESPONSE: -324,
  ERR_CONTENT_DECODING_FAILED: -330,
};

function netErrorOf(error: unknown): { code: string; errno: number } {
  const message = error instanceof Error ? error.message : String(error);
  const match = /net::(ERR_[A-Z_]+)/.exec(message);
  if (match !== null) return { code: match[1], errno: NET_ERRORS[match[1]] ?? -2 };
  if (/interrupted by another navigation|navigation.*aborted|frame was detached/i.test(message)) {
    return { code: 'ERR_ABORTED', errno: -3 };
  }
  if (/invalid url|cannot navigate to invalid/i.test(message))
    return { code: 'ERR_INVALID_URL', errno: -300 };
  return { code: 'ERR_FAILED', errno: -2 };
}

function normalizeUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

const consoleLevels: Record<string, { name: 'info' | 'warning' | 'error' | 'debug'; number: number }> = {
  debug: { name: 'debug', number: 0 },
  log: { name: 'info', number: 1 },
  info: { name: 'info', number: 1 },
  warning: { name: 'warning', number: 2 },
  error: { name: 'error', number: 3 },
};

let nextWebContentsId = 1;
const liveContents = new Set<WebContentsDouble>();
const contentsByPage = new WeakMap<Page, WebContentsDouble>();
/** Popups announced by `Page.windowOpen`, waiting for their first navigation request or their page. */
type DecisionEntry = Deferred<PopupDecision> & { settled: boolean; taken: boolean };
const popupDecisions = new Map<string, DecisionEntry[]>();
const allowedPopups: PopupDecision[] = [];
/** Main-frame navigations in flight (loopback URL → window), so a redirect answer can be tied to its window. */
const documentNavigations = new Map<string, WebContentsDouble>();
const allowedPopupAdded = new EventEmitter();

function popupUrlsMatch(decisionUrl: string, pageUrl: string): boolean {
  const blank = (url: string) => url === '' || url === 'about:blank';
  if (blank(decisionUrl)) return blank(pageUrl);
  return normalizeUrl(decisionUrl) === normalizeUrl(pageUrl);
}

/** Takes the allowed decision for a popup page: same opener (unless noopener) and same URL. */
function takeAllowedPopup(page: Page, opener: Page | null): PopupDecision | undefined {
  const index = allowedPopups.findIndex(
    (decision) =>
      (opener === null || decision.opener.currentPage === opener) &&
      popupUrlsMatch(decision.pageUrl, page.url()),
  );
  return index < 0 ? undefined : allowedPopups.splice(index, 1)[0];
}
/** Pages the double itself is creating; a `page` event for them must not be taken for a popup. */
const pagesBeingCreated = new Set<Promise<Page>>();

function decisionEntry(): DecisionEntry {
  return Object.assign(deferred<PopupDecision>(), { settled: false, taken: false });
}

function decisionQueue(url: string): DecisionEntry[] {
  const key = normalizeUrl(url);
  let queue = popupDecisions.get(key);
  if (queue === undefined) {
    queue = [];
    popupDecisions.set(key, queue);
  }
  return queue;
}

/**
 * `webContents` of one window: the Playwright page it drives, navigation events and policy, IPC both ways, the
 * window-open handler, and permission requests.
 */
export class WebContentsDouble extends EventEmitter {
  readonly id = nextWebContentsId++;
  /** Stand-in for Electron's renderer process id (not an OS pid). */
  readonly processId = 1000 + this.id;
  /** `webContents.ipc`: handlers here take precedence over `ipcMain`'s for this webContents. */
  readonly ipc = new IpcMainDouble();
  readonly pageReady: Promise<Page>;
  targetId: string | null = null;
  private page: Page | undefined;
  private cdp: CDPSession | undefined;
  private destroyed = false;
  private windowOpenHandler: WindowOpenHandler | null = null;
  private readonly outbox: PushedMessage[] = [];
  private parkedPoll: { docId: string; resolve: (messages: PushedMessage[]) => void } | null = null;
  private flushScheduled = false;
  private readonly expectedNavigations: string[] = [];
  /** Opens the handler allowed through the page runtime, waiting for Chromium's `Page.windowOpen`. */
  private readonly preApprovedPopups: PopupDecision[] = [];
  /** Identifies this webContents to the loopback server's window-open gate. */
  readonly windowToken = randomBytes(16).toString('hex');
  private readonly childWindows = new Set<{
    webContents: WebContentsDouble;
    outlivesOpener: boolean;
    close(): void;
  }>();
  private cachedTitle = '';
  private loading = false;
  private everNavigated = false;
  private firstPaintSeen = false;
  private lastNavigationStatus: { code: number; text: string } = { code: 200, text: 'OK' };

  constructor(
    private readonly host: WebContentsHost,
    private readonly preload: PreloadOptions,
    adoptedPage?: Page,
  ) {
    super();
    liveContents.add(this);
    this.pageReady = this.attach(adoptedPage);
    // A failed page setup surfaces through loadURL and the logs; it must not be an unhandled rejection.
    this.pageReady.catch((error: unknown) => {
      if (!this.destroyed) console.error('[electron-double] could not set up a window page:', error);
    });
  }

  /** The Playwright page, once created. */
  get currentPage(): Page | undefined {
    return this.page;
  }

  static fromPage(page: Page): WebContentsDouble | undefined {
    return contentsByPage.get(page);
  }

  static byWindowToken(token: string): WebContentsDouble | undefined {
    return [...liveContents].find((contents) => contents.windowToken === token);
  }

  static all(): WebContentsDouble[] {
    return [...liveContents];
  }

  get session() {
    return session.defaultSession;
  }

  /** The page's main frame. Available once the page exists (it does before any IPC or navigation event). */
  get mainFrame(): WebFrameMainDouble {
    return WebFrameMainDouble.of(this.requirePage().mainFrame(), this);
  }

  get hostWindow(): WebContentsHost {
    return this.host;
  }

  hostVisible(): boolean {
    return this.host.isVisible();
  }

  private requirePage(): Page {
    if (this.page === undefined) {
      throw new Error('The e2e double creates pages asynchronously; this webContents has no page yet');
    }
    return this.page;
  }

  private async attach(adoptedPage: Page | undefined): Promise<Page> {
    let page = adoptedPage;
    if (page === undefined) {
      const creating = runtime.context.newPage();
      pagesBeingCreated.add(creating);
      try {
        page = await creating;
      } finally {
        pagesBeingCreated.delete(creating);
      }
    }
    this.page = page;
    contentsByPage.set(page, this);
    const cdp = await page.context().newCDPSession(page);
    this.cdp = cdp;
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    this.targetId = targetInfo.targetId;
    await cdp.send('Page.enable');
    cdp.on('Page.windowOpen', (event) => void this.onWindowOpen(event));
    cdp.on('Page.frameNavigated', (event) => {
      if (event.frame.parentId === undefined) this.onMainFrameNavigated(event.frame.url);
    });
    cdp.on('Page.navigatedWithinDocument', (event) => {
      if (this.isMainFrameId(event.frameId)) {
        this.emit(
          'did-navigate-in-page',
          createEvent(),
          protocol.toAppUrl(event.url),
          true,
          this.processId,
          this.mainFrame.routingId,
        );
      }
    });
    cdp.on('Page.frameStartedLoading', (event) => {
      if (this.isMainFrameId(event.frameId)) {
        this.loading = true;
        this.emit('did-start-loading');
      }
    });
    cdp.on('Page.frameStoppedLoading', (event) => {
      if (this.isMainFrameId(event.frameId)) {
        this.loading = false;
        this.emit('did-stop-loading');
      }
    });
    // Raw CDP rather than page.addInitScript: Playwright's per-page disposables race with a page closing.
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
      source: buildInitScript(this.preload, this.windowToken),
    });
    page.on('response', (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        this.lastNavigationStatus = { code: response.status(), text: response.statusText() };
      }
    });
    page.on('domcontentloaded', () => {
      this.emit('dom-ready', createEvent());
      if (!this.firstPaintSeen) {
        this.firstPaintSeen = true;
        this.host.onFirstPaint();
      }
    });
    await cdp
      .send('Target.setDiscoverTargets', { discover: true, filter: [{ type: 'page' }] })
      .catch(() => undefined);
    cdp.on('Target.targetInfoChanged', ({ targetInfo: info }) => {
      // Chromium titles an untitled page with its (loopback) URL; getTitle() then falls back to the app URL.
      const title = info.title === info.url ? '' : info.title;
      if (info.targetId !== this.targetId || title === this.cachedTitle) return;
      this.cachedTitle = title;
      this.emit('page-title-updated', createEvent(), title, true);
    });
    page.on('load', async () => {
      // Electron's getTitle() is current when did-finish-load fires.
      const title = await page.title().catch(() => this.cachedTitle);
      this.cachedTitle = title === page.url() ? '' : title;
      if (this.destroyed) return;
      this.emit('did-finish-load', createEvent());
      runtime.notify({
        type: 'window',
        event: 'loaded',
        windowId: this.host.id,
        targetId: this.targetId,
        url: this.getURL(),
      });
    });
    page.on('crash', () => {
      const details = { reason: 'crashed' as const, exitCode: -1 };
      this.emit('render-process-gone', createEvent(), details);
      appEvents.emit('render-process-gone', createEvent(), this, details);
    });
    page.on('console', (message) => this.onConsole(message));
    page.on('close', () => {
      if (!this.destroyed) this.host.onPageClosed();
    });
    page.on('pageerror', (error) => console.error(`[renderer ${this.id}] uncaught:`, error.message));
    return page;
  }

  private isMainFrameId(frameId: string): boolean {
    // Chromium names a page's main frame after its target.
    return frameId === this.targetId;
  }

  private onMainFrameNavigated(url: string): void {
    this.everNavigated = true;
    const appUrl = protocol.toAppUrl(url);
    const { code, text } = this.lastNavigationStatus;
    this.emit('did-navigate', createEvent(), appUrl, code, text);
    this.emit(
      'did-frame-navigate',
      createEvent(),
      appUrl,
      code,
      text,
      true,
      this.processId,
      this.mainFrame.routingId,
    );
  }

  private onConsole(message: ConsoleMessage): void {
    const level = consoleLevels[message.type()] ?? consoleLevels.log;
    const location = message.location();
    const frame = message.page() === this.page ? this.mainFrame : null;
    const event = createEvent({
      message: message.text(),
      level: level.name,
      lineNumber: location.lineNumber,
      sourceId: protocol.toAppUrl(location.url),
      frame,
    });
    this.emit('console-message', event, level.number, message.text(), location.lineNumber, event.sourceId);
  }

  // ---- navigation --------------------------------------------------------------------------------------------

  /** Loads `url` (custom schemes through their loopback origin); resolves when the page has loaded. */
  async loadURL(url: string): Promise<void> {
    this.assertAlive();
    const page = await this.pageReady;
    const pageUrl = await protocol.toPageUrl(url);
    const expected = normalizeUrl(pageUrl);
    this.expectedNavigations.push(expected);
    try {
      await page.goto(pageUrl, { waitUntil: 'load', timeout: 0 });
    } catch (error) {
      const { code, errno } = netErrorOf(error);
      if (!this.destroyed) {
        this.emit(
          'did-fail-load',
          createEvent(),
          errno,
          code,
          url,
          true,
          this.processId,
          this.mainFrame.routingId,
        );
      }
      throw Object.assign(new Error(`${code} (${errno}) loading '${url}'`), { code, errno, url });
    } finally {
      const index = this.expectedNavigations.indexOf(expected);
      if (index >= 0) this.expectedNavigations.splice(index, 1);
    }
  }

  loadFile(
    filePath: string,
    options: { query?: Record<string, string>; search?: string; hash?: string } = {},
  ): Promise<void> {
    const url = pathToFileURL(filePath);
    if (options.query !== undefined)
      for (const [key, value] of Object.entries(options.query)) url.searchParams.set(key, value);
    if (options.search !== undefined) url.search = options.search;
    if (options.hash !== undefined) url.hash = options.hash;
    return this.loadURL(url.href);
  }

  reload(): void {
    this.assertAlive();
    const page = this.requirePage();
    this.expectedNavigations.push(normalizeUrl(page.url()));
    void page.reload().catch(() => undefined);
  }

  reloadIgnoringCache(): void {
    this.reload();
  }

  /** Called by the context route for every navigation request of this page. */
  async routeNavigation(route: Route, request: Request, frame: Frame): Promise<void> {
    const page = this.requirePage();
    if (frame !== page.mainFrame()) {
      await route.fallback();
      return;
    }
    const url = normalizeUrl(request.url());
    const expectedIndex = this.expectedNavigations.indexOf(url);
    if (expectedIndex >= 0) {
      // Browser-initiated (loadURL, reload): Electron emits no will-navigate for those.
      this.expectedNavigations.splice(expectedIndex, 1);
      documentNavigations.set(url, this);
      await route.fallback();
      return;
    }
    const appUrl = protocol.toAppUrl(request.url());
    const mainFrame = this.mainFrame;
    const event = createEvent({
      url: appUrl,
      isSameDocument: false,
      isMainFrame: true,
      frame: mainFrame,
      initiator: mainFrame,
    });
    this.emit('will-navigate', event, appUrl, false, true, this.processId, mainFrame.routingId);
    if (event.defaultPrevented) {
      await route.abort('aborted');
      return;
    }
    documentNavigations.set(url, this);
    await route.fallback();
  }

  /** A protocol handler answered this window's navigation with a redirect; true when `will-redirect` cancels it. */
  redirectPrevented(location: string): boolean {
    if (this.destroyed) return false;
    const mainFrame = this.mainFrame;
    const event = createEvent({
      url: location,
      isSameDocument: false,
      isMainFrame: true,
      frame: mainFrame,
      initiator: mainFrame,
    });
    this.emit('will-redirect', event, location, false, true, this.processId, mainFrame.routingId);
    return event.defaultPrevented;
  }

  getURL(): string {
    if (this.page === undefined || this.page.isClosed()) return '';
    const url = this.page.url();
    if (!this.everNavigated && url === 'about:blank') return '';
    return protocol.toAppUrl(url);
  }

  getTitle(): string {
    return this.cachedTitle || this.getURL();
  }

  isLoading(): boolean {
    return this.loading;
  }

  isLoadingMainFrame(): boolean {
    return this.loading;
  }

  /** Runs `code` in the page's main world, like `executeJavaScript` (no user gesture is simulated). */
  async executeJavaScript(code: string): Promise<unknown> {
    const page = await this.pageReady;
    return page.evaluate(code);
  }

  // ---- window.open -------------------------------------------------------------------------------------------

  setWindowOpenHandler(handler: WindowOpenHandler | null): void {
    this.windowOpenHandler = handler;
  }

  /** Asks the window-open handler, validating its answer like Electron. */
  private askWindowOpenHandler(details: HandlerDetails): WindowOpenHandlerResponse {
    if (this.windowOpenHandler === null) return { action: 'allow' };
    let response: WindowOpenHandlerResponse;
    try {
      response = this.windowOpenHandler(details);
    } catch (error) {
      console.error('[electron-double] the window open handler threw:', error);
      return { action: 'deny' };
    }
    if (
      response === null ||
      typeof response !== 'object' ||
      (response.action !== 'allow' && response.action !== 'deny')
    ) {
      console.error('[electron-double] setWindowOpenHandler must return { action: "allow" | "deny" }');
      return { action: 'deny' };
    }
    return response;
  }

  private windowOpenDetails(
    pageUrl: string,
    frameName: string,
    features: string,
    disposition?: HandlerDetails['disposition'],
  ): HandlerDetails {
    const sized = /(^|,)\s*(width|height|left|top|popup)\s*=/i.test(features);
    return {
      url: protocol.toAppUrl(pageUrl),
      frameName: frameName === '_blank' ? '' : frameName,
      features,
      disposition: disposition ?? (sized ? 'new-window' : 'foreground-tab'),
      referrer: { url: this.getURL(), policy: 'strict-origin-when-cross-origin' },
    };
  }

  /**
   * The page runtime's synchronous question before `window.open` or a `target` link proceeds (as in Electron,
   * where the handler runs before the window exists): a denied open never reaches Chromium.
   */
  decideWindowOpenSync(request: {
    url: string;
    frameName: string;
    features: string;
    disposition?: HandlerDetails['disposition'];
  }): boolean {
    const details = this.windowOpenDetails(
      request.url,
      request.frameName,
      request.features,
      request.disposition,
    );
    const response = this.askWindowOpenHandler(details);
    if (response.action === 'allow') {
      this.preApprovedPopups.push({ pageUrl: request.url, allowed: true, opener: this, details, response });
    }
    return response.action === 'allow';
  }

  /** Chromium is opening a window for this page (any way, including ones the runtime did not see). */
  private async onWindowOpen(event: {
    url: string;
    windowName: string;
    windowFeatures: string[];
    userGesture: boolean;
  }): Promise<void> {
    const preApproved = this.preApprovedPopups.findIndex((candidate) =>
      popupUrlsMatch(candidate.pageUrl, event.url),
    );
    let decision: PopupDecision;
    if (preApproved >= 0) {
      decision = this.preApprovedPopups.splice(preApproved, 1)[0];
      decision.pageUrl = event.url;
    } else {
      const details = this.windowOpenDetails(event.url, event.windowName, event.windowFeatures.join(','));
      const response = this.askWindowOpenHandler(details);
      decision = {
        pageUrl: event.url,
        allowed: response.action === 'allow',
        opener: this,
        details,
        response,
      };
    }
    if (decision.allowed) {
      allowedPopups.push(decision);
      allowedPopupAdded.emit('added');
    }
    const queue = decisionQueue(event.url);
    const entry = queue.find((candidate) => !candidate.settled) ?? decisionEntry();
    if (!queue.includes(entry)) queue.push(entry);
    entry.settled = true;
    entry.resolve(decision);
    if (!decision.allowed) await this.closeStrayPopups(event.url);
  }

  /** Closes page targets opened by this page that no window owns (a denied popup Chromium already created). */
  private async closeStrayPopups(url: string): Promise<void> {
    if (this.cdp === undefined) return;
    try {
      const { targetInfos } = await this.cdp.send('Target.getTargets');
      const owned = new Set(WebContentsDouble.all().map((contents) => contents.targetId));
      for (const target of targetInfos) {
        if (target.type !== 'page' || owned.has(target.targetId)) continue;
        const blank =
          target.url === '' || target.url === 'about:blank' || normalizeUrl(target.url) === normalizeUrl(url);
        if (target.openerId === this.targetId || blank) {
          await this.cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
        }
      }
    } catch {
      // The opener went away; its popups go with it.
    }
  }

  /** Adopts a popup page the handler allowed, as a new BrowserWindow. */
  static adoptPopup(page: Page, decision: PopupDecision): void {
    if (popupWindowFactory === undefined) throw new Error('BrowserWindow is not loaded');
    const { opener, details, response } = decision;
    const options: BrowserWindowConstructorOptions = {
      ...response.overrideBrowserWindowOptions,
      webPreferences: {
        preload: opener.preload.preloadPath ?? undefined,
        contextIsolation: opener.preload.contextIsolation,
        ...response.overrideBrowserWindowOptions?.webPreferences,
      },
    };
    const outlivesOpener = response.outlivesOpener === true;
    const window = popupWindowFactory(page, options, opener, outlivesOpener);
    opener.childWindows.add({
      webContents: window.webContents,
      outlivesOpener,
      close: () => (window as unknown as { close(): void }).close(),
    });
    opener.emit('did-create-window', window, {
      url: details.url,
      frameName: details.frameName,
      options,
      referrer: details.referrer,
      disposition: details.disposition,
    });
  }

  // ---- IPC ---------------------------------------------------------------------------------------------------

  /** `webContents.send`: structured-clones now (throwing like Electron), delivers to the current document. */
  send(channel: string, ...args: unknown[]): void {
    this.assertAlive();
    if (typeof channel !== 'string') throw new TypeError('Missing required channel argument');
    this.outbox.push({ channel, args: encodeArgs(args) });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      if (this.parkedPoll === null || this.outbox.length === 0) return;
      const { resolve } = this.parkedPoll;
      this.parkedPoll = null;
      resolve(this.outbox.splice(0));
    });
  }

  private poll(docId: string): Promise<PushedMessage[]> {
    if (this.parkedPoll !== null) {
      // A newer document (or a repeated poll) replaces the parked one; the old document is gone.
      this.parkedPoll.resolve([]);
      this.parkedPoll = null;
    }
    if (this.outbox.length > 0) return Promise.resolve(this.outbox.splice(0));
    return new Promise((resolve) => {
      this.parkedPoll = { docId, resolve };
    });
  }

  /** A message from this page's runtime (through the context-wide binding). */
  async onPageRequest(frame: Frame, payload: string): Promise<string> {
    const request = JSON.parse(payload) as PageRequest;
    const sender = { contents: this, frame: WebFrameMainDouble.of(frame, this) };
    switch (request.kind) {
      case 'invoke': {
        const args = decodeArgs(request.args);
        const target = this.ipc.hasHandler(request.channel) ? this.ipc : ipcMain;
        return JSON.stringify(await target.invoke(sender, request.channel, args));
      }
      case 'send': {
        const args = decodeArgs(request.args);
        this.emit(
          'ipc-message',
          createEvent({ sender: this, senderFrame: sender.frame }),
          request.channel,
          ...args,
        );
        this.ipc.deliverMessage(sender, request.channel, args);
        ipcMain.deliverMessage(sender, request.channel, args);
        return 'null';
      }
      case 'poll':
        return JSON.stringify(await this.poll(request.docId));
      case 'preload-error': {
        const error = new Error(request.message);
        if (request.stack !== undefined) error.stack = request.stack;
        console.error(
          `Unable to load preload script: ${this.preload.preloadPath ?? ''}\n${error.stack ?? error.message}`,
        );
        this.emit('preload-error', createEvent(), this.preload.preloadPath ?? '', error);
        return 'null';
      }
      case 'permission-request': {
        const granted = await session.defaultSession.requestPermission(
          this,
          sender.frame,
          request.permission,
          request.details,
        );
        return JSON.stringify(granted);
      }
      case 'permission-check': {
        const granted = await session.defaultSession.checkPermission(this, sender.frame, request.permission);
        return JSON.stringify(granted);
      }
    }
  }

  /** The page's CDP session (for permission overrides). */
  cdpSession(): CDPSession | undefined {
    return this.cdp;
  }

  // ---- misc API ----------------------------------------------------------------------------------------------

  getOwnerBrowserWindow(): WebContentsHost {
    return this.host;
  }

  focus(): void {
    this.host.focus();
  }

  isFocused(): boolean {
    return focusedContents === this;
  }

  openDevTools(): void {
    // No DevTools window in headless Chromium; the harness attaches over CDP instead.
  }

  closeDevTools(): void {
    // See openDevTools.
  }

  toggleDevTools(): void {
    // See openDevTools.
  }

  isDevToolsOpened(): boolean {
    return false;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isCrashed(): boolean {
    return false;
  }

  getType(): 'window' {
    return 'window';
  }

  private assertAlive(): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
  }

  /** Tears down after the hosting window is destroyed; closes the page if it is still open. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    liveContents.delete(this);
    this.parkedPoll?.resolve([]);
    this.parkedPoll = null;
    for (const child of this.childWindows) {
      if (!child.outlivesOpener && !child.webContents.isDestroyed()) child.close();
    }
    // Closing a page while Playwright is still setting it up (bindings, init scripts) crashes Playwright's client:
    // let the setup settle first.
    const closePage = () => {
      const page = this.page;
      if (page !== undefined && !page.isClosed())
        void page.close({ runBeforeUnload: false }).catch(() => undefined);
    };
    void this.pageReady.then(closePage, closePage);
    this.emit('destroyed');
  }
}

protocol.setRedirectGate((requestUrl, location) => {
  const key = normalizeUrl(requestUrl);
  const contents = documentNavigations.get(key);
  documentNavigations.delete(key);
  if (contents === undefined) return false;
  const prevented = contents.redirectPrevented(location);
  if (!prevented) documentNavigations.set(normalizeUrl(location), contents);
  return prevented;
});

protocol.setWindowOpenGate((request) => {
  const contents = WebContentsDouble.byWindowToken(request.token);
  if (contents === undefined) throw new Error('window-open question from an unknown window');
  return contents.decideWindowOpenSync(request);
});

let focusedContents: WebContentsDouble | null = null;

/** Tracks which webContents has focus (the focused window's). */
export function setFocusedContents(contents: WebContentsDouble | null): void {
  focusedContents = contents;
}

/** Where app-level events raised by a webContents go (set by app.ts, avoiding an import cycle). */
export const appEvents = new EventEmitter();

/**
 * The route every request of the app's Chromium passes through: navigations of a window go to its
 * `will-navigate`/`will-redirect` policy; the first navigation of a popup waits for the window-open handler.
 */
export async function routeRequest(route: Route, request: Request): Promise<void> {
  if (!request.isNavigationRequest()) {
    await route.fallback();
    return;
  }
  let frame: Frame | undefined;
  try {
    frame = request.frame();
  } catch {
    frame = undefined; // A popup's first request is issued before its frame exists.
  }
  const contents = frame === undefined ? undefined : WebContentsDouble.fromPage(frame.page());
  if (frame !== undefined && contents !== undefined) {
    await contents.routeNavigation(route, request, frame);
    return;
  }
  const queue = decisionQueue(request.url());
  let entry = queue.find((candidate) => !candidate.taken);
  if (entry === undefined) {
    entry = decisionEntry();
    queue.push(entry);
  }
  entry.taken = true;
  const decision = await entry.promise;
  queue.splice(queue.indexOf(entry), 1);
  if (decision.allowed) await route.fallback();
  else await route.abort('blockedbyclient');
}

/** The context-wide binding every page runtime talks through; routes each call to its window's webContents. */
export function dispatchPageRequest(source: { page: Page; frame: Frame }, payload: string): Promise<string> {
  const contents = WebContentsDouble.fromPage(source.page);
  if (contents === undefined) return Promise.reject(new Error('This page is not a window of the app'));
  return contents.onPageRequest(source.frame, payload);
}

/** A page appeared in the app's Chromium: adopt it if it is an allowed popup, close it otherwise. */
export async function onContextPage(page: Page): Promise<void> {
  await Promise.allSettled([...pagesBeingCreated]);
  if (WebContentsDouble.fromPage(page) !== undefined || page.isClosed()) return;
  const opener = await page.opener().catch(() => null);
  let decision = takeAllowedPopup(page, opener);
  if (decision === undefined) {
    // The handler's answer and the page can arrive in either order (e.g. an about:blank popup): wait a little.
    decision = await new Promise<PopupDecision | undefined>((resolve) => {
      const retry = () => {
        const found = takeAllowedPopup(page, opener);
        if (found !== undefined) finish(found);
      };
      const finish = (found: PopupDecision | undefined) => {
        clearTimeout(timer);
        allowedPopupAdded.off('added', retry);
        resolve(found);
      };
      const timer = setTimeout(() => finish(undefined), 2000);
      allowedPopupAdded.on('added', retry);
    });
  }
  if (decision === undefined || page.isClosed()) {
    await page.close({ runBeforeUnload: false }).catch(() => undefined);
    return;
  }
  WebContentsDouble.adoptPopup(page, decision);
}
