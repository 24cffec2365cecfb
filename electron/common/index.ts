export * from './ipc/channels';
export * from './ipc/contract';
export * from './ipc/errors';
export * from './ipc/schemas';
export * from './types/container';
export * from './types/engine';
export * from './types/settings';
export * from './types/ui';
