import type { ResolveHook } from 'node:module';

let doubleUrl = '';

export function initialize(data: { doubleUrl: string }): void {
  doubleUrl = data.doubleUrl;
}

/** Resolves `electron` (and its main/common entry points) to the double. */
export const resolve: ResolveHook = (specifier, context, nextResolve) => {
  if (specifier === 'electron' || specifier === 'electron/main' || specifier === 'electron/common') {
    return { url: doubleUrl, format: 'module', shortCircuit: true };
  }
  return nextResolve(specifier, context);
};
