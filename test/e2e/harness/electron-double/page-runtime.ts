import type { PageRuntimeConfig } from './page-protocol.js';
import type { WireCodec, WireValue } from './wire-codec.js';

/** The sandboxed preload, wrapped as a function of what Electron's sandbox hands it. */
export type PreloadFunction = (
  require: (id: string) => unknown,
  module: { exports: unknown },
  exports: unknown,
  process: unknown,
  global: unknown,
  setImmediate: (callback: () => void) => unknown,
  clearImmediate: (handle: unknown) => void,
) => void;

/**
 * Runs in every document of a window, before any page script (a Playwright init script): hosts the sandboxed
 * preload with a stand-in `require('electron')` whose `contextBridge` and `ipcRenderer` talk to Node through a
 * binding, and wires the page's permission requests to the session's handlers.
 *
 * It must stay self-contained: it is injected as source text (see `buildInitScript`). It runs in the page's main
 * world, so it captures the binding and every global it needs before page scripts exist, and removes the binding
 * from `window`.
 */
export function installPageRuntime(
  config: PageRuntimeConfig,
  createWireCodec: () => WireCodec,
  preload: PreloadFunction | null,
): void {
  interface PageGlobals {
    top: unknown;
    console: { error(...args: unknown[]): void; warn(...args: unknown[]): void };
    structuredClone<T>(value: T): T;
    crypto: { randomUUID?: () => string };
    setTimeout(callback: () => void, ms?: number): number;
    clearTimeout(handle: number): void;
    navigator?: {
      permissions?: { query(descriptor: { name: string }): Promise<unknown> };
      geolocation?: Record<string, unknown>;
      mediaDevices?: Record<string, unknown>;
      clipboard?: Record<string, unknown>;
    };
    Notification?: { requestPermission?: (callback?: (result: string) => void) => Promise<string> };
    [key: string]: unknown;
  }
  type Binding = (payload: string) => Promise<string>;
  type Listener = (event: unknown, ...args: unknown[]) => void;

  const page = globalThis as unknown as PageGlobals;
  const binding = page[config.bindingName] as Binding | undefined;
  try {
    delete page[config.bindingName];
  } catch {
    // A non-configurable binding stays visible; nothing else depends on hiding it.
  }
  // Electron runs a preload only in the main frame (nodeIntegrationInSubFrames is off).
  if (page.top !== globalThis || typeof binding !== 'function') return;

  const codec = createWireCodec();
  const defineProperty = Object.defineProperty;
  const freeze = Object.freeze;
  const call = (request: object): Promise<string> => binding(JSON.stringify(request));
  const consoleError = page.console.error.bind(page.console);

  function cloneArgs(args: unknown[]): WireValue {
    let cloned: unknown[];
    try {
      cloned = page.structuredClone(args);
    } catch {
      // Electron's wording when an argument (a function, a DOM node, …) cannot be serialised.
      throw new Error('An object could not be cloned.');
    }
    return codec.encode(cloned);
  }

  // ---- ipcRenderer -------------------------------------------------------------------------------------------
  const listeners = new Map<string, { listener: Listener; once: boolean }[]>();

  function addListener(channel: string, listener: Listener, once: boolean): void {
    if (typeof listener !== 'function')
      throw new TypeError('The "listener" argument must be of type function');
    const list = listeners.get(channel) ?? [];
    list.push({ listener, once });
    listeners.set(channel, list);
  }

  function removeListener(channel: string, listener: Listener): void {
    const list = listeners.get(channel);
    if (list === undefined) return;
    const index = list.findIndex((entry) => entry.listener === listener);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) listeners.delete(channel);
  }

  const ipcRenderer = {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      return (async () => {
        if (typeof channel !== 'string') throw new TypeError('Channel must be a string');
        const encoded = cloneArgs(args);
        const reply = JSON.parse(await call({ kind: 'invoke', channel, args: encoded })) as
          { ok: true; value: WireValue } | { ok: false; error: string };
        if (!reply.ok) throw new Error(`Error invoking remote method '${channel}': ${reply.error}`);
        return codec.decode(reply.value);
      })();
    },
    send(channel: string, ...args: unknown[]): void {
      const encoded = cloneArgs(args);
      void call({ kind: 'send', channel, args: encoded }).catch(() => undefined);
    },
    on(channel: string, listener: Listener) {
      addListener(channel, listener, false);
      return ipcRenderer;
    },
    addListener(channel: string, listener: Listener) {
      addListener(channel, listener, false);
      return ipcRenderer;
    },
    once(channel: string, listener: Listener) {
      addListener(channel, listener, true);
      return ipcRenderer;
    },
    off(channel: string, listener: Listener) {
      removeListener(channel, listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      removeListener(channel, listener);
      return ipcRenderer;
    },
    removeAllListeners(channel?: string) {
      if (channel === undefined) listeners.clear();
      else listeners.delete(channel);
      return ipcRenderer;
    },
    listenerCount(channel: string): number {
      return listeners.get(channel)?.length ?? 0;
    },
    listeners(channel: string): Listener[] {
      return (listeners.get(channel) ?? []).map((entry) => entry.listener);
    },
  };

  function dispatch(channel: string, args: unknown[]): void {
    const list = listeners.get(channel);
    if (list === undefined) return;
    let defaultPrevented = false;
    const event = {
      sender: ipcRenderer,
      ports: [] as unknown[],
      preventDefault() {
        defaultPrevented = true;
      },
      get defaultPrevented() {
        return defaultPrevented;
      },
    };
    for (const entry of [...list]) {
      if (entry.once) removeListener(channel, entry.listener);
      try {
        entry.listener(event, ...args);
      } catch (error) {
        consoleError(error);
      }
    }
  }

  // ---- contextBridge -----------------------------------------------------------------------------------------
  function bridgeError(error: unknown): Error {
    return new Error(error instanceof Error ? error.message : String(error));
  }

  /** Copies a value across the (imitated) world boundary the way contextBridge does. */
  function bridge(value: unknown, depth: number): unknown {
    if (depth > 1000) throw new Error('Object graph too deep to cross the context bridge');
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
      return typeof value === 'symbol' ? undefined : value;
    }
    if (typeof value === 'function') {
      const target = value as (...args: unknown[]) => unknown;
      return function bridged(...args: unknown[]) {
        const copied = args.map((arg) => bridge(arg, 0));
        let result: unknown;
        try {
          result = target(...copied);
        } catch (error) {
          throw bridgeError(error);
        }
        return bridge(result, 0);
      };
    }
    if (value instanceof Promise) {
      return new Promise((resolve, reject) => {
        value.then(
          (result: unknown) => resolve(bridge(result, 0)),
          (error: unknown) => reject(bridgeError(error)),
        );
      });
    }
    if (value instanceof Error) return bridgeError(value);
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    if (Array.isArray(value)) return freeze(value.map((item: unknown) => bridge(item, depth + 1)));
    if (tag !== 'Object') {
      // DOM nodes cross by reference; other cloneable values (Date, Map, typed arrays, …) are cloned.
      const isNode = typeof (value as { nodeType?: unknown }).nodeType === 'number';
      return isNode ? value : page.structuredClone(value);
    }
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value))
      copy[key] = bridge((value as Record<string, unknown>)[key], depth + 1);
    return freeze(copy);
  }

  const contextBridge = {
    exposeInMainWorld(apiKey: string, api: unknown): void {
      if (!config.contextIsolation) {
        throw new Error('contextBridge API can only be used when contextIsolation is enabled');
      }
      if (apiKey in page) {
        throw new Error('Cannot bind an API on top of an existing property on the window object');
      }
      defineProperty(page, apiKey, {
        value: bridge(api, 0),
        enumerable: true,
        writable: false,
        configurable: false,
      });
    },
  };

  // ---- permissions -------------------------------------------------------------------------------------------
  async function askPermission(permission: string, details: Record<string, unknown>): Promise<void> {
    await call({ kind: 'permission-request', permission, details });
  }

  function wrapAsync(
    target: Record<string, unknown> | undefined,
    name: string,
    before: (args: unknown[]) => Promise<void>,
  ): void {
    if (target === undefined) return;
    const original = target[name];
    if (typeof original !== 'function') return;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      return before(args).then(() => (original as (...a: unknown[]) => unknown).apply(this, args));
    };
    try {
      defineProperty(target, name, { value: wrapped, configurable: true, writable: true });
    } catch {
      // Leave the platform function in place when it cannot be replaced.
    }
  }

  function wrapCallbackStyle(
    target: Record<string, unknown> | undefined,
    name: string,
    permission: string,
  ): void {
    if (target === undefined) return;
    const original = target[name];
    if (typeof original !== 'function') return;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      void askPermission(permission, {}).then(() =>
        (original as (...a: unknown[]) => unknown).apply(this, args),
      );
    };
    try {
      defineProperty(target, name, { value: wrapped, configurable: true, writable: true });
    } catch {
      // As above.
    }
  }

  const navigatorObject = page.navigator;
  const NotificationConstructor = page.Notification as Record<string, unknown> | undefined;
  wrapAsync(NotificationConstructor, 'requestPermission', () => askPermission('notifications', {}));
  if (navigatorObject !== undefined) {
    const geolocationPrototype = navigatorObject.geolocation
      ? (Object.getPrototypeOf(navigatorObject.geolocation) as Record<string, unknown>)
      : undefined;
    wrapCallbackStyle(geolocationPrototype, 'getCurrentPosition', 'geolocation');
    const mediaPrototype = navigatorObject.mediaDevices
      ? (Object.getPrototypeOf(navigatorObject.mediaDevices) as Record<string, unknown>)
      : undefined;
    wrapAsync(mediaPrototype, 'getUserMedia', (args) => {
      const constraints = (args[0] ?? {}) as { audio?: unknown; video?: unknown };
      const mediaTypes: string[] = [];
      if (constraints.video) mediaTypes.push('video');
      if (constraints.audio) mediaTypes.push('audio');
      return askPermission('media', { mediaTypes });
    });
    const clipboardPrototype = navigatorObject.clipboard
      ? (Object.getPrototypeOf(navigatorObject.clipboard) as Record<string, unknown>)
      : undefined;
    wrapAsync(clipboardPrototype, 'readText', () => askPermission('clipboard-read', {}));
    wrapAsync(clipboardPrototype, 'read', () => askPermission('clipboard-read', {}));
    const permissionsObject = navigatorObject.permissions;
    if (permissionsObject !== undefined) {
      const permissionsPrototype = Object.getPrototypeOf(permissionsObject) as Record<string, unknown>;
      wrapAsync(permissionsPrototype, 'query', async (args) => {
        const descriptor = (args[0] ?? {}) as { name?: unknown };
        if (typeof descriptor.name !== 'string') return;
        await call({ kind: 'permission-check', permission: descriptor.name, details: {} });
      });
    }
  }

  // ---- window.open and target links: asked synchronously, before Chromium creates anything ------------------
  interface XhrLike {
    open(method: string, url: string, async: boolean): void;
    setRequestHeader(name: string, value: string): void;
    send(body: string): void;
    status: number;
    responseText: string;
  }
  const XhrConstructor = page.XMLHttpRequest as (new () => XhrLike) | undefined;
  const originalOpen = page.open as ((...args: unknown[]) => unknown) | undefined;
  const locationObject = page.location as { href: string; protocol: string };
  const UrlConstructor = page.URL as typeof URL;

  /** true/false from the window-open handler; null when it cannot be asked (then Chromium + CDP decide). */
  function askWindowOpen(
    url: string,
    frameName: string,
    features: string,
    disposition?: string,
  ): boolean | null {
    if (XhrConstructor === undefined || !/^https?:$/.test(locationObject.protocol)) return null;
    try {
      const request = new XhrConstructor();
      request.open('POST', config.windowOpenGate.path, false);
      request.setRequestHeader('content-type', 'application/json');
      const absolute = url === '' ? 'about:blank' : new UrlConstructor(url, locationObject.href).href;
      request.send(
        JSON.stringify({
          token: config.windowOpenGate.token,
          url: absolute,
          frameName,
          features,
          disposition,
        }),
      );
      if (request.status !== 200) return null;
      return (JSON.parse(request.responseText) as { allow: boolean }).allow;
    } catch {
      return null; // The page's CSP forbids the request, or the page is not served by the double.
    }
  }

  if (typeof originalOpen === 'function') {
    // window.open stringifies its arguments; so does this check.
    const asText = (value: unknown, fallback: string): string => {
      if (value === undefined) return fallback;
      return value === null ? 'null' : (value as { toString(): string }).toString();
    };
    const open = function (this: unknown, url?: unknown, target?: unknown, features?: unknown) {
      const allowed = askWindowOpen(asText(url, ''), asText(target, '_blank'), asText(features, ''));
      if (allowed === false) return null; // Electron: a denied window.open returns null.
      return originalOpen.call(this, url, target, features);
    };
    defineProperty(page, 'open', { value: open, writable: true, configurable: true, enumerable: true });
  }

  interface ClickLike {
    defaultPrevented: boolean;
    button: number;
    ctrlKey: boolean;
    metaKey: boolean;
    shiftKey: boolean;
    target: unknown;
    preventDefault(): void;
  }
  const addPageListener = page.addEventListener as (
    type: string,
    listener: (event: ClickLike) => void,
    capture?: boolean,
  ) => void;
  const linkHandler = (event: ClickLike) => {
    if (event.defaultPrevented) return;
    const target = event.target as {
      closest?: (selector: string) => { href: string; target: string } | null;
    } | null;
    const anchor = target?.closest?.('a[href]') ?? null;
    if (anchor === null) return;
    const newTab = event.ctrlKey || event.metaKey || event.button === 1;
    const named = anchor.target !== '' && !['_self', '_top', '_parent'].includes(anchor.target.toLowerCase());
    if (!newTab && !event.shiftKey && !named) return;
    const disposition = event.shiftKey ? 'new-window' : newTab ? 'background-tab' : 'foreground-tab';
    if (askWindowOpen(anchor.href, named ? anchor.target : '_blank', '', disposition) === false)
      event.preventDefault();
  };
  // Registered first, in the bubble phase on window: runs after the page's own handlers could cancel the click.
  addPageListener.call(page, 'click', linkHandler, false);
  addPageListener.call(page, 'auxclick', linkHandler, false);

  // ---- the preload -------------------------------------------------------------------------------------------
  const electronForPreload = freeze({ contextBridge: freeze(contextBridge), ipcRenderer });

  function preloadRequire(id: string): unknown {
    if (id === 'electron' || id === 'electron/renderer' || id === 'electron/common')
      return electronForPreload;
    const error = new Error(`module not found: ${id}`);
    throw error;
  }

  function reportPreloadError(error: unknown): void {
    consoleError(`Unable to load preload script: ${config.preloadPath ?? ''}`);
    consoleError(error);
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error ? error.stack : undefined;
    void call({ kind: 'preload-error', message, stack }).catch(() => undefined);
  }

  if (config.preloadLoadError !== null) {
    reportPreloadError(new Error(config.preloadLoadError));
  } else if (preload !== null) {
    const module = { exports: {} as unknown };
    const processForPreload = freeze({ ...config.process, env: freeze({}) });
    const setImmediateForPreload = (callback: () => void) => page.setTimeout(callback, 0);
    const clearImmediateForPreload = (handle: unknown) => page.clearTimeout(handle as number);
    try {
      preload(
        preloadRequire,
        module,
        module.exports,
        processForPreload,
        globalThis,
        setImmediateForPreload,
        clearImmediateForPreload,
      );
    } catch (error) {
      reportPreloadError(error);
    }
  }

  // ---- main → renderer messages: one long poll at a time, per document ---------------------------------------
  // randomUUID exists only in secure contexts (not on Chromium's error pages).
  const docId =
    typeof page.crypto.randomUUID === 'function'
      ? page.crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  void (async () => {
    for (;;) {
      let messages: { channel: string; args: WireValue }[];
      try {
        messages = JSON.parse(await call({ kind: 'poll', docId })) as { channel: string; args: WireValue }[];
      } catch {
        return; // The document is going away.
      }
      for (const message of messages) dispatch(message.channel, codec.decode(message.args) as unknown[]);
    }
  })();
}
