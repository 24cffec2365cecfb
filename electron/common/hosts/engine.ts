/** Identifies one Docker daemon Berth talks to (`local` for the CLI's default choice). */
export type EngineId = string;

/** How Berth reaches a daemon. */
export type EngineKind = 'unix' | 'npipe' | 'tcp' | 'ssh';

/**
 * Connection state of one daemon as the user sees it. `notAnswering`: connected, but the daemon has not answered a
 * heartbeat for a few seconds (frozen or overloaded); Berth keeps the connection and waits, and it turns
 * `unreachable` if that lasts. `authFailed`: the host refused our credentials or we refused its identity (SSH key,
 * TLS client certificate); `hostKeyChanged`: the SSH host presented a key other than the one on file. Berth does
 * not retry either by itself, since retrying cannot help and may lock an account. `disconnected`: the user
 * disconnected it.
 */
export type EngineState =
  | 'connecting'
  | 'connected'
  | 'notAnswering'
  | 'unreachable'
  | 'authFailed'
  | 'hostKeyChanged'
  | 'disconnected';

/** Every {@link EngineState}, for exhaustive tables. */
export const engineStates: readonly EngineState[] = [
  'connecting',
  'connected',
  'notAnswering',
  'unreachable',
  'authFailed',
  'hostKeyChanged',
  'disconnected',
];

export interface EngineStatus {
  state: EngineState;
  /** Plain-words reason of the last failure; absent while connected. */
  lastError?: string;
  /** Epoch milliseconds of the last state change. */
  since: number;
  /** Engine API version negotiated with the daemon, e.g. `1.41`. */
  apiVersion?: string;
  /** Daemon version, e.g. `20.10.24`. */
  engineVersion?: string;
  /** Round-trip time of the last `/_ping` (at connect, then at every heartbeat), in milliseconds. */
  latencyMs?: number;
}

export interface EngineInfo {
  id: EngineId;
  name: string;
  kind: EngineKind;
  /** The address as the docker CLI would print it (`unix:///var/run/docker.sock`). */
  address: string;
  status: EngineStatus;
}
