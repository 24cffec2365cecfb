import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';

import { type PageRuntimeConfig, WINDOW_OPEN_GATE_PATH } from './page-protocol.js';
import { installPageRuntime } from './page-runtime.js';
import { runtime } from './runtime.js';
import { createWireCodec } from './wire-codec.js';

export interface PreloadOptions {
  preloadPath: string | null;
  contextIsolation: boolean;
}

/**
 * The init script of one window: the page runtime, the wire codec and the preload's source, as one script
 * Chromium runs at the start of every document. The preload is inlined (not `eval`ed) so the page's CSP, which
 * forbids eval, does not apply to it — as Electron runs preloads outside the page's CSP.
 */
export function buildInitScript(options: PreloadOptions, windowToken: string): string {
  let preloadSource: string | null = null;
  let preloadLoadError: string | null = null;
  if (options.preloadPath !== null) {
    try {
      preloadSource = readFileSync(options.preloadPath, 'utf8');
      // Parse it here so a syntax error is reported like Electron does instead of breaking the whole script.
      new Script(wrapPreload(preloadSource), { filename: options.preloadPath });
    } catch (error) {
      preloadSource = null;
      preloadLoadError = error instanceof Error ? error.message : String(error);
    }
  }
  const config: PageRuntimeConfig = {
    bindingName: runtime.bindingName,
    windowOpenGate: { path: WINDOW_OPEN_GATE_PATH, token: windowToken },
    preloadPath: options.preloadPath,
    preloadLoadError,
    contextIsolation: options.contextIsolation,
    process: {
      platform: process.platform,
      arch: process.arch,
      pid: process.pid,
      argv: [],
      execPath: process.execPath,
      version: process.version,
      versions: { ...(process.versions as Record<string, string>) },
      type: 'renderer',
      sandboxed: true,
      contextIsolated: options.contextIsolation,
    },
  };
  const preload = preloadSource === null ? 'null' : wrapPreload(preloadSource);
  return `;(${installPageRuntime.toString()})(${JSON.stringify(config)}, ${createWireCodec.toString()}, ${preload});`;
}

function wrapPreload(source: string): string {
  return `(function (require, module, exports, process, global, setImmediate, clearImmediate) {\n${source}\n})`;
}
