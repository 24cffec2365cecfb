/**
 * IP addresses and CIDR blocks, parsed strictly the way Docker's Go code does (`net.ParseIP`,
 * `net.ParseCIDR`): IPv4 as four decimal octets without leading zeros, IPv6 with `::` compression and an
 * optional dotted IPv4 tail, no zones. Pure functions, so the renderer validates a network form before
 * anything is sent and main validates the same way again.
 */

export type IpVersion = 4 | 6;

export interface IpAddress {
  version: IpVersion;
  /** The address as an unsigned integer (32 or 128 bits). */
  value: bigint;
}

export interface Cidr {
  version: IpVersion;
  /** The address as written. */
  address: bigint;
  prefix: number;
  /** The first address of the block (host bits cleared). */
  network: bigint;
}

const bitsOf = (version: IpVersion): number => (version === 4 ? 32 : 128);

function parseIPv4Value(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Go rejects leading zeros since 1.17: `010` could be read as octal by other tools.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseHextets(groups: string[]): bigint[] | undefined {
  const values: bigint[] = [];
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    values.push(BigInt(`0x${group}`));
  }
  return values;
}

function parseIPv6Value(text: string): bigint | undefined {
  if (text === '' || text.includes('%')) return undefined;
  let body = text;
  // A dotted IPv4 tail (`::ffff:192.0.2.1`) stands for the last two groups: rewrite it as two hex groups.
  const lastColon = body.lastIndexOf(':');
  const last = body.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4Value(last);
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  let groups: bigint[];
  if (halves.length === 2) {
    const [head = '', rest = ''] = halves;
    const left = head === '' ? [] : parseHextets(head.split(':'));
    const right = rest === '' ? [] : parseHextets(rest.split(':'));
    if (left === undefined || right === undefined) return undefined;
    const missing = 8 - left.length - right.length;
    // `::` stands for at least one group of zeros.
    if (missing < 1) return undefined;
    groups = [...left, ...Array<bigint>(missing).fill(0n), ...right];
  } else {
    const parsed = parseHextets(body.split(':'));
    if (parsed === undefined || parsed.length !== 8) return undefined;
    groups = parsed;
  }
  return groups.reduce((value, group) => (value << 16n) | group, 0n);
}

/** Parses an IPv4 or IPv6 address; `undefined` when it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  const trimmed = text.trim();
  if (trimmed !== text) return undefined;
  if (text.includes(':')) {
    const value = parseIPv6Value(text);
    return value === undefined ? undefined : { version: 6, value };
  }
  const value = parseIPv4Value(text);
  return value === undefined ? undefined : { version: 4, value };
}

/** Parses `address/prefix`; `undefined` when it is not a CIDR block. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === undefined || !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = bitsOf(ip.version);
  if (prefix > bits) return undefined;
  return { version: ip.version, address: ip.value, prefix, network: ip.value & maskOf(bits, prefix) };
}

function maskOf(bits: number, prefix: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return prefix === 0 ? 0n : all ^ ((1n << BigInt(bits - prefix)) - 1n);
}

/** The last address of a block. */
export function lastAddress(cidr: Cidr): bigint {
  const bits = bitsOf(cidr.version);
  return cidr.network | ((1n << BigInt(bits - cidr.prefix)) - 1n);
}

/** Whether `ip` lies inside `cidr` (same family only). */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  return cidr.version === ip.version && ip.value >= cidr.network && ip.value <= lastAddress(cidr);
}

/** Whether `inner` lies entirely inside `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return (
    inner.version === outer.version &&
    inner.prefix >= outer.prefix &&
    inner.network >= outer.network &&
    lastAddress(inner) <= lastAddress(outer)
  );
}

/** Whether two blocks share any address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/** Formats an address back to its canonical text (IPv6 compressed as RFC 5952 says). */
export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, index) => (ip.value >> BigInt(112 - 16 * index)) & 0xffffn);
  // The longest run of two or more zero groups is written as `::` (the first one on a tie).
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8;) {
    if (groups[start] !== 0n) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0n) end += 1;
    if (end - start > bestLength && end - start >= 2) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** `network/prefix` as text, e.g. the block a user meant when they wrote `10.0.0.1/24`. */
export function formatCidrNetwork(cidr: Cidr): string {
  return `${formatIp({ version: cidr.version, value: cidr.network })}/${cidr.prefix}`;
}

/** One IPAM pool of a network as a user fills it in: every field optional but `subnet` when any is set. */
export interface IpamFields {
  subnet?: string;
  gateway?: string;
  ipRange?: string;
}

/** A problem with one field of one pool, in words a user can act on. */
export interface IpamProblem {
  /** Index of the pool in the list. */
  pool: number;
  field: keyof IpamFields;
  message: string;
}

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

/**
 * Validates the IPAM pools of a network to be created, as the daemon would, before anything is sent: each
 * subnet a CIDR with no host bits set, the gateway an address inside its subnet (and not its network
 * address), the IP range a CIDR inside its subnet, no two subnets overlapping. Empty list: no problems.
 */
export function validateIpamPools(pools: readonly IpamFields[]): IpamProblem[] {
  const problems: IpamProblem[] = [];
  const subnets: Array<{ pool: number; cidr: Cidr }> = [];
  pools.forEach((pool, index) => {
    const add = (field: keyof IpamFields, message: string): void => {
      problems.push({ pool: index, field, message });
    };
    if (blank(pool.subnet)) {
      if (!blank(pool.gateway)) add('subnet', 'A gateway needs a subnet.');
      else if (!blank(pool.ipRange)) add('subnet', 'An IP range needs a subnet.');
      return;
    }
    const subnetText = (pool.subnet ?? '').trim();
    const subnet = parseCidr(subnetText);
    if (subnet === undefined) {
      add('subnet', `${subnetText} is not a subnet in CIDR notation, like 172.28.0.0/16 or fd00::/64.`);
      return;
    }
    if (subnet.address !== subnet.network) {
      add('subnet', `${subnetText} has host bits set; did you mean ${formatCidrNetwork(subnet)}?`);
      return;
    }
    const overlapping = subnets.find((other) => cidrOverlaps(other.cidr, subnet));
    if (overlapping !== undefined) {
      add('subnet', `${subnetText} overlaps ${formatCidrNetwork(overlapping.cidr)}.`);
    }
    subnets.push({ pool: index, cidr: subnet });
    const family = subnet.version === 4 ? 'IPv4' : 'IPv6';

    if (!blank(pool.gateway)) {
      const gatewayText = (pool.gateway ?? '').trim();
      const gateway = parseIp(gatewayText);
      if (gateway === undefined) add('gateway', `${gatewayText} is not an IP address.`);
      else if (gateway.version !== subnet.version)
        add('gateway', `${gatewayText} is not an ${family} address like its subnet.`);
      else if (!cidrContains(subnet, gateway))
        add('gateway', `${gatewayText} is outside the subnet ${subnetText}.`);
      else if (gateway.value === subnet.network && subnet.prefix < bitsOf(subnet.version) - 1)
        add('gateway', `${gatewayText} is the subnet's network address; use a host address.`);
    }

    if (!blank(pool.ipRange)) {
      const rangeText = (pool.ipRange ?? '').trim();
      const range = parseCidr(rangeText);
      if (range === undefined) add('ipRange', `${rangeText} is not an IP range in CIDR notation.`);
      else if (range.version !== subnet.version)
        add('ipRange', `${rangeText} is not an ${family} range like its subnet.`);
      else if (range.address !== range.network)
        add('ipRange', `${rangeText} has host bits set; did you mean ${formatCidrNetwork(range)}?`);
      else if (!cidrWithin(range, subnet))
        add('ipRange', `${rangeText} is outside the subnet ${subnetText}.`);
    }
  });
  return problems;
}

/**
 * Checks a static address for a container on a network: a valid address of the right family inside one of
 * the network's subnets. Returns the problem in words, or `undefined` when it is fine.
 */
export function staticAddressProblem(
  address: string,
  version: IpVersion,
  subnets: readonly string[],
): string | undefined {
  const ip = parseIp(address.trim());
  const family = version === 4 ? 'IPv4' : 'IPv6';
  if (ip === undefined || ip.version !== version) return `${address} is not an ${family} address.`;
  const blocks = subnets.map(parseCidr).filter((cidr): cidr is Cidr => cidr?.version === version);
  if (blocks.length === 0) {
    return `This network has no ${family} subnet of its own; a static ${family} address needs one (set at creation).`;
  }
  if (!blocks.some((cidr) => cidrContains(cidr, ip))) {
    return `${address} is outside the network's ${family} subnet ${blocks.map(formatCidrNetwork).join(', ')}.`;
  }
  return undefined;
}
