import type { EngineId } from '../hosts/engine';

/** Docker's container states (`State` in `/containers/json`). */
export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface PortBinding {
  privatePort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  /** Host side; absent when the port is exposed but not published. */
  publicPort?: number;
  hostIp?: string;
}

/** One row of the containers list: only what `/containers/json` gives, never an inspect. */
export interface ContainerSummary {
  engineId: EngineId;
  id: string;
  /** Without the leading slash. */
  name: string;
  image: string;
  imageId: string;
  command: string;
  state: ContainerState;
  /** The daemon's human status text, e.g. `Up 3 minutes`. */
  status: string;
  /** Epoch milliseconds. */
  created: number;
  ports: PortBinding[];
  labels: Record<string, string>;
  /** How often its restart policy restarted it; read (with an inspect) only for restarting containers. */
  restartCount?: number;
}

/** The containers of one engine at one revision. */
export interface ContainerListSnapshot {
  engineId: EngineId;
  /** Increases by one with every change pushed for this engine. */
  revision: number;
  items: ContainerSummary[];
}

/** A change to one engine's containers: applies to `revision - 1` and yields `revision`. */
export interface ContainersChange {
  engineId: EngineId;
  revision: number;
  upserted: ContainerSummary[];
  removed: string[];
}
