import {
  type CreatableNetworkDriver,
  creatableNetworkDrivers,
  type NetworkAttachment,
  type NetworkSummary,
  type SystemInfo,
} from '../../../electron/common/bridge';
import {
  collator,
  compareHosts,
  type HostNameOf,
  labelTexts,
  matchesAll,
  searchWords,
} from '../../components/ResourceList/presentation';
import type { SortDirection } from '../../components/VirtualTable/VirtualTable';

/** The columns the networks list can be sorted by (`host` only under "All hosts"). */
export type NetworkSortKey = 'host' | 'name' | 'driver' | 'scope' | 'containers' | 'created';

/**
 * The networks matching a search: name, id prefix, driver, subnets, labels, attached containers' names and,
 * given `hostName` ("All hosts"), the host's name.
 */
export function filterNetworks(
  items: readonly NetworkSummary[],
  search: string,
  hostName?: HostNameOf,
): NetworkSummary[] {
  const words = searchWords(search);
  if (words.length === 0) return [...items];
  return items.filter((network) =>
    matchesAll(
      [
        network.name,
        network.id.slice(0, 12),
        network.driver,
        network.scope,
        ...network.ipam.flatMap((pool) => [pool.subnet ?? '', pool.gateway ?? '']),
        ...labelTexts(network.labels),
        ...network.containers.map((container) => container.containerName),
        ...(hostName === undefined ? [] : [hostName(network.engineId)]),
      ],
      words,
    ),
  );
}

/** A sorted copy; ties break by name, then host, so rows do not jump between updates. */
export function sortNetworks(
  items: readonly NetworkSummary[],
  key: NetworkSortKey,
  direction: SortDirection,
  hostName?: HostNameOf,
): NetworkSummary[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: NetworkSummary, b: NetworkSummary): number => collator.compare(a.name, b.name);
  const byHost = (a: NetworkSummary, b: NetworkSummary): number =>
    compareHosts(hostName, a.engineId, b.engineId);
  const primary = (a: NetworkSummary, b: NetworkSummary): number => {
    switch (key) {
      case 'host':
        return byHost(a, b);
      case 'name':
        return byName(a, b);
      case 'driver':
        return collator.compare(a.driver, b.driver);
      case 'scope':
        return collator.compare(a.scope, b.scope);
      case 'containers':
        return a.containers.length - b.containers.length;
      case 'created':
        return (a.created ?? 0) - (b.created ?? 0);
    }
  };
  return [...items].sort((a, b) => sign * primary(a, b) || byName(a, b) || byHost(a, b));
}

/** The subnets, comma-separated (`—` when the network has none, like `host`). */
export function subnetsText(network: NetworkSummary): string {
  const subnets = network.ipam
    .map((pool) => pool.subnet)
    .filter((subnet): subnet is string => subnet !== undefined);
  return subnets.length === 0 ? '—' : subnets.join(', ');
}

export function gatewaysText(network: NetworkSummary): string {
  const gateways = network.ipam
    .map((pool) => pool.gateway)
    .filter((gateway): gateway is string => gateway !== undefined);
  return gateways.length === 0 ? '—' : gateways.join(', ');
}

/** The network's flags as badges read: `internal`, `attachable`, `ingress`, `IPv6`. */
export function networkFlags(network: NetworkSummary): string[] {
  const flags: string[] = [];
  if (network.internal) flags.push('internal');
  if (network.attachable) flags.push('attachable');
  if (network.ingress) flags.push('ingress');
  if (network.enableIPv6) flags.push('IPv6');
  return flags;
}

/** Containers with a live endpoint: the ones that keep a network from being removed or pruned. */
function runningAttachments(network: NetworkSummary): NetworkAttachment[] {
  return network.containers.filter(
    (container) =>
      container.state === 'running' || container.state === 'paused' || container.state === 'restarting',
  );
}

/** `web (10.0.0.2), db` — who is on a network. */
export function formatAttachments(attachments: readonly NetworkAttachment[]): string {
  return attachments
    .map((attachment) =>
      attachment.ipv4 !== undefined
        ? `${attachment.containerName} (${attachment.ipv4})`
        : attachment.containerName,
    )
    .join(', ');
}

/** Why a network cannot be removed now, or `undefined` when it can. */
export function removalProblem(network: NetworkSummary): string | undefined {
  if (network.predefined) return `${network.name} is predefined by Docker and cannot be removed.`;
  const attached = runningAttachments(network);
  if (attached.length > 0) {
    return `Disconnect or stop ${attached.map((attachment) => attachment.containerName).join(', ')} first.`;
  }
  return undefined;
}

/** A driver the create form offers, and why it is unavailable when it is. */
interface DriverOption {
  value: CreatableNetworkDriver;
  label: string;
  disabled: boolean;
  reason?: string;
}

const DRIVER_LABELS: Record<CreatableNetworkDriver, string> = {
  bridge: 'bridge',
  macvlan: 'macvlan',
  ipvlan: 'ipvlan',
  overlay: 'overlay (swarm)',
};

/**
 * The drivers Berth can create on this host: those the daemon has a plugin for, and overlay only on a swarm
 * manager. Without host info every driver is offered and the daemon has the last word.
 */
export function driverOptions(host: SystemInfo | undefined): DriverOption[] {
  return creatableNetworkDrivers.map((driver) => {
    const option: DriverOption = { value: driver, label: DRIVER_LABELS[driver], disabled: false };
    if (host === undefined) return option;
    if (!host.plugins.network.includes(driver)) {
      return { ...option, disabled: true, reason: `This host has no ${driver} network driver.` };
    }
    if (driver === 'overlay' && !(host.swarm.state === 'active' && host.swarm.controlAvailable)) {
      return { ...option, disabled: true, reason: 'Overlay networks need this host to be a swarm manager.' };
    }
    return option;
  });
}

/** Aliases typed as `db, primary` or one per line. */
export function parseAliases(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** Docker's network names, kept to what is safe in a URL. */
export function networkNameProblem(name: string): string | undefined {
  if (name === '') return 'Give the network a name.';
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) {
    return 'Use letters, digits, _ . or -, starting with a letter or digit.';
  }
  return undefined;
}

/** Aliases Docker accepts (DNS labels). */
export function aliasProblem(aliases: readonly string[]): string | undefined {
  const bad = aliases.find((alias) => !/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/.test(alias));
  return bad === undefined ? undefined : `${bad} is not a valid alias (letters, digits, _ . -).`;
}
