/**
 * What main imports from common: everything the bridge side may use, plus the IPC contract with its zod schemas
 * (main validates with them; the bridge side must not load zod, see bridge.ts).
 */
export * from './bridge';
export * from './ipc/contract';
export * from './ipc/schemas';
