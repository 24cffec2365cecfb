/**
 * What the two sides of the context bridge (preload and renderer) may import as values: channel names, error
 * codes, DTO types and defaults. Deliberately free of zod: the schemas are main's business, and building zod
 * object schemas probes `new Function`, which the renderer's CSP forbids.
 */
export * from './ipc/channels';
export type {
  BerthApi,
  BerthBridge,
  EventMessage,
  EventsApi,
  InvokeArgs,
  InvokeResult,
  IpcEventMap,
} from './ipc/contract';
export * from './ipc/errors';
export * from './types/container';
export * from './types/engine';
export * from './types/ops';
export * from './types/settings';
export * from './types/ui';
