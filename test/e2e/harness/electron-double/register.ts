/**
 * `node --import <this file> out/main/index.js`: makes `electron` (import and require) resolve to the double and
 * gives the process Electron's main-process markers.
 */
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';

const doubleUrl = new URL('./index.js', import.meta.url).href;
const doublePath = fileURLToPath(doubleUrl);

register(new URL('./loader-hooks.js', import.meta.url).href, {
  parentURL: import.meta.url,
  data: { doubleUrl },
});

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: ResolveFilename };
const resolveFilename = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function resolveElectron(
  this: unknown,
  request: string,
  ...rest: unknown[]
): string {
  if (request === 'electron' || request === 'electron/main' || request === 'electron/common')
    return doublePath;
  return resolveFilename.call(this, request, ...rest);
};

const electronProcess = process as NodeJS.Process & { type?: string; resourcesPath?: string };
electronProcess.type = 'browser';
(process.versions as Record<string, string>).electron = '45.5.0';
