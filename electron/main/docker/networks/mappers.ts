import type Dockerode from 'dockerode';

import {
  type EngineId,
  type NetworkAttachment,
  type NetworkIpamPool,
  type NetworkSummary,
  predefinedNetworkNames,
} from '../../../common';
import { HELPER_LABEL, toContainerName, toContainerState } from '../containers/mappers';
import { byNameOrder, epochMs, flag, list, record, stringMap, strings, text } from '../engine/readers';

// Docker networks (`/networks`, the endpoints of `/containers/json`) mapped to Berth's DTOs.

function withoutPrefix(address: string): string | undefined {
  if (address === '') return undefined;
  const slash = address.indexOf('/');
  return slash < 0 ? address : address.slice(0, slash);
}

/**
 * Which containers are on which network, from `/containers/json` (`NetworkSettings.Networks`). A stopped
 * container has no `NetworkID`, so attachments are keyed both by network id and by network name.
 */
export function toNetworkAttachments(containers: readonly Dockerode.ContainerInfo[]): {
  byId: Map<string, NetworkAttachment[]>;
  byName: Map<string, NetworkAttachment[]>;
} {
  const byId = new Map<string, NetworkAttachment[]>();
  const byName = new Map<string, NetworkAttachment[]>();
  const add = (map: Map<string, NetworkAttachment[]>, key: string, attachment: NetworkAttachment): void => {
    const attached = map.get(key) ?? [];
    attached.push(attachment);
    map.set(key, attached);
  };
  for (const container of containers) {
    if (record(container.Labels)[HELPER_LABEL] !== undefined) continue;
    const networks = record(record(container.NetworkSettings).Networks);
    for (const [networkName, raw] of Object.entries(networks)) {
      const endpoint = record(raw);
      const ipam = record(endpoint.IPAMConfig);
      const attachment: NetworkAttachment = {
        containerId: container.Id,
        containerName: toContainerName(container.Names),
        state: toContainerState(container.State),
        aliases: strings(endpoint.Aliases),
      };
      const ipv4 = withoutPrefix(text(endpoint.IPAddress));
      const ipv6 = withoutPrefix(text(endpoint.GlobalIPv6Address));
      const mac = text(endpoint.MacAddress);
      const staticIpv4 = text(ipam.IPv4Address);
      const staticIpv6 = text(ipam.IPv6Address);
      if (ipv4 !== undefined) attachment.ipv4 = ipv4;
      if (ipv6 !== undefined) attachment.ipv6 = ipv6;
      if (mac !== '') attachment.macAddress = mac;
      if (staticIpv4 !== '') attachment.staticIpv4 = staticIpv4;
      if (staticIpv6 !== '') attachment.staticIpv6 = staticIpv6;
      const networkId = text(endpoint.NetworkID);
      if (networkId !== '') add(byId, networkId, attachment);
      else add(byName, networkName, attachment);
    }
  }
  return { byId, byName };
}

const predefinedNetworks: ReadonlySet<string> = new Set(predefinedNetworkNames);

/** The one place a `/networks` entry becomes our {@link NetworkSummary}. */
export function toNetworkSummary(
  engineId: EngineId,
  raw: unknown,
  attachments: ReturnType<typeof toNetworkAttachments>,
): NetworkSummary {
  const network = record(raw);
  const id = text(network.Id);
  const name = text(network.Name);
  const ipamRecord = record(network.IPAM);
  const ipam = list(ipamRecord.Config).map((entry): NetworkIpamPool => {
    const config = record(entry);
    const pool: NetworkIpamPool = {};
    if (text(config.Subnet) !== '') pool.subnet = text(config.Subnet);
    if (text(config.Gateway) !== '') pool.gateway = text(config.Gateway);
    if (text(config.IPRange) !== '') pool.ipRange = text(config.IPRange);
    return pool;
  });
  const containers = [...(attachments.byId.get(id) ?? []), ...(attachments.byName.get(name) ?? [])];
  containers.sort((a, b) => byNameOrder({ name: a.containerName }, { name: b.containerName }));
  const summary: NetworkSummary = {
    engineId,
    id,
    name,
    driver: text(network.Driver),
    scope: text(network.Scope, 'local'),
    internal: flag(network.Internal),
    attachable: flag(network.Attachable),
    ingress: flag(network.Ingress),
    enableIPv6: flag(network.EnableIPv6),
    ipamDriver: text(ipamRecord.Driver, 'default'),
    ipam,
    options: stringMap(network.Options),
    labels: stringMap(network.Labels),
    predefined: predefinedNetworks.has(name) && text(network.Scope, 'local') === 'local',
    containers,
  };
  const created = epochMs(network.Created);
  if (created !== undefined) summary.created = created;
  return summary;
}
