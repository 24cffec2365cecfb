import type { ContainerState } from '../containers/types';
import type { EngineId } from '../hosts/engine';
import type { ResourceListChange, ResourceListSnapshot } from '../lists/types';

/** One IPAM pool of a network. */
export interface NetworkIpamPool {
  subnet?: string;
  gateway?: string;
  ipRange?: string;
}

/** A container on a network, with its addresses there. */
export interface NetworkAttachment {
  containerId: string;
  containerName: string;
  state: ContainerState;
  /** Without prefix length. */
  ipv4?: string;
  ipv6?: string;
  macAddress?: string;
  aliases: string[];
  /** Addresses the user pinned (`--ip`, `--ip6`). */
  staticIpv4?: string;
  staticIpv6?: string;
}

/** The networks Docker creates itself; they can neither be removed nor pruned. */
export const predefinedNetworkNames = ['bridge', 'host', 'none'] as const;

/** One row of the networks list: `/networks` joined with `/containers/json` (no inspect per network). */
export interface NetworkSummary {
  engineId: EngineId;
  /** A network's id is its key. */
  id: string;
  name: string;
  driver: string;
  /** `local`, `global` or `swarm`. */
  scope: string;
  /** Epoch milliseconds, when known. */
  created?: number;
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  enableIPv6: boolean;
  ipamDriver: string;
  ipam: NetworkIpamPool[];
  options: Record<string, string>;
  labels: Record<string, string>;
  /** `bridge`, `host`, `none`: created by Docker and not removable. */
  predefined: boolean;
  /** Containers configured on it (running or not), in name order. */
  containers: NetworkAttachment[];
}

export type NetworkListSnapshot = ResourceListSnapshot<NetworkSummary>;
export type NetworksChange = ResourceListChange<NetworkSummary>;

/** Drivers Berth offers when creating a network (each only where the host allows it). */
export const creatableNetworkDrivers = ['bridge', 'macvlan', 'ipvlan', 'overlay'] as const;
export type CreatableNetworkDriver = (typeof creatableNetworkDrivers)[number];

export interface NetworkCreateRequest {
  engineId: EngineId;
  name: string;
  driver: CreatableNetworkDriver;
  ipam: NetworkIpamPool[];
  internal?: boolean;
  attachable?: boolean;
  enableIPv6?: boolean;
  labels?: Record<string, string>;
  /** Driver options (`-o`), e.g. `parent=eth0` for macvlan. */
  options?: Record<string, string>;
}

export interface NetworkRef {
  engineId: EngineId;
  /** Id or name. */
  id: string;
}

export interface NetworkConnectRequest {
  engineId: EngineId;
  /** Network id or name. */
  network: string;
  /** Container id or name. */
  container: string;
  aliases?: string[];
  ipv4Address?: string;
  ipv6Address?: string;
}

export interface NetworkDisconnectRequest {
  engineId: EngineId;
  network: string;
  container: string;
  /** Disconnect even when the container is not running on it any more. */
  force?: boolean;
}

/** What a network prune would remove: user networks with no running container attached. */
export interface NetworkPrunePreview {
  engineId: EngineId;
  networks: Array<{ id: string; name: string; driver: string }>;
}
