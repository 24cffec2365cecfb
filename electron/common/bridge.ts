/**
 * What the two sides of the context bridge (preload and renderer) may import as values: channel names, error
 * codes, DTO types and defaults. Deliberately free of zod: the schemas are main's business, and building zod
 * object schemas probes `new Function`, which the renderer's CSP forbids.
 */
export * from './containers/details';
export * from './containers/run';
export * from './containers/run-command';
export * from './containers/run-spec';
export * from './containers/types';
export * from './containers/usage';
export * from './hosts/engine';
export * from './hosts/types';
export * from './images/reference';
export * from './images/types';
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
export * from './lists/types';
export * from './networks/cidr';
export * from './networks/types';
export * from './ops/types';
export * from './registries/types';
export * from './settings/types';
export * from './system/types';
export * from './ui/types';
export * from './units';
export * from './volumes/types';
