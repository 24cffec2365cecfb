/**
 * What the two sides of the context bridge (preload and renderer) may import as values: channel names, error
 * codes, DTO types and defaults. Deliberately free of zod, which is why every `ipc/<prefix>/` folder keeps its
 * names (`channels.ts`, imported here) apart from its schemas (`contract.ts`, imported only as types): the
 * schemas are main's business (main validates every call with them), and building zod object schemas probes
 * `new Function`, which the renderer's CSP (no eval) forbids. It would also put zod in the sandboxed preload.
 *
 * Glossary — one name per concept, the same in common/, main/, renderer/ and test/:
 * - host: a configured connection (local socket, a docker CLI context, Berth's SSH/TLS/socket entries);
 *   `hosts:*` channels, `HostSummary`, `electron/common/hosts/`, the Hosts settings.
 * - engine: the live connection to one host's daemon, keyed by that host's id (`EngineId` === the host's id);
 *   its state is `EngineInfo`/`EngineStatus` on the `engines:*` channels. Every per-daemon call takes an engineId.
 * - system: the daemon's own description — info, version, disk usage, system prune (`system:*`, `SystemInfo`,
 *   `SystemService`, `renderer/features/system/`).
 * - events: the daemon's event timeline (`EventsService`, `EventsStore`, `EventsTimeline`). Its channels stay
 *   under `system:` (`system:events`, `system:eventsReceived`) because `berth.events` is already the
 *   subscription API (`berth.events.on`); an `events:` prefix would put invoke methods into that object.
 */
export * from './compose/types';
export * from './containers/condition';
export * from './containers/details';
export * from './containers/log-batch';
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
export * from './swarm/types';
export * from './system/types';
export * from './ui/types';
export * from './units';
export * from './volumes/types';
