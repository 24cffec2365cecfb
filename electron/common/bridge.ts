/**
 * What the two sides of the context bridge (preload and renderer) may import as values: channel names, error
 * codes, DTO types and defaults. Deliberately free of zod: the schemas are main's business, and building zod
 * object schemas probes `new Function`, which the renderer's CSP forbids.
 */
export * from './docker/image-reference';
export * from './docker/run-command';
export * from './docker/run-spec';
export * from './ip/cidr';
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
export * from './types/container-details';
export * from './types/container-usage';
export * from './types/engine';
export * from './types/host';
export * from './types/hosts';
export * from './types/image';
export * from './types/network';
export * from './types/ops';
export * from './types/registry';
export * from './types/resource-list';
export * from './types/run';
export * from './types/settings';
export * from './types/ui';
export * from './types/volume';
export * from './units';
