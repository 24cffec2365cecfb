import ipaddr from 'ipaddr.js';

/**
 * IP addresses and CIDR blocks, parsed strictly the way Docker's Go code does (`net.ParseIP`,
 * `net.ParseCIDR`): IPv4 as four decimal octets without leading zeros, IPv6 with `::` compression and an
 * optional dotted IPv4 tail, no zones. Parsing and the block maths are ipaddr.js's; the few rules where Go is
 * stricter than ipaddr.js (no zone, no leading zeros in a dotted tail, no surrounding space) are checked here.
 * Pure functions (ipaddr.js builds no code at run time, so the renderer's CSP holds), so the renderer validates
 * a network form before anything is sent and main validates the same way again.
 */

type IpVersion = 4 | 6;

interface IpAddress {
  version: IpVersion;
  /** The address as an unsigned integer (32 or 128 bits). */
  value: bigint;
}

interface Cidr {
  version: IpVersion;
  /** The address as written. */
  address: bigint;
  prefix: number;
  /** The first address of the block (host bits cleared). */
  network: bigint;
}

type Parsed = ipaddr.IPv4 | ipaddr.IPv6;

const bitsOf = (version: IpVersion): number => (version === 4 ? 32 : 128);

function toValue(parsed: Parsed): bigint {
  return parsed.toByteArray().reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

function fromValue(version: IpVersion, value: bigint): Parsed {
  const length = bitsOf(version) / 8;
  const bytes = Array.from({ length }, (_, index) =>
    Number((value >> BigInt(8 * (length - 1 - index))) & 0xffn),
  );
  return ipaddr.fromByteArray(bytes);
}

/** ipaddr.js's reading of `text`, or `undefined` where it or Go's stricter rules refuse it. */
function parseStrict(text: string): Parsed | undefined {
  if (!text.includes(':'))
    return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text) : undefined;
  // ipaddr.js takes zones (`fe80::1%eth0`) and leading zeros in a dotted tail (`::ffff:01.2.3.4`); Go does not.
  if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
  const tail = text.slice(text.lastIndexOf(':') + 1);
  if (tail.includes('.') && !ipaddr.IPv4.isValidFourPartDecimal(tail)) return undefined;
  return ipaddr.IPv6.parse(text);
}

/** Parses an IPv4 or IPv6 address; `undefined` when it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  if (text.trim() !== text) return undefined;
  const parsed = parseStrict(text);
  return parsed === undefined
    ? undefined
    : { version: parsed.kind() === 'ipv4' ? 4 : 6, value: toValue(parsed) };
}

/** Parses `address/prefix`; `undefined` when it is not a CIDR block. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === undefined || !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bitsOf(ip.version)) return undefined;
  const mask = (ip.version === 4 ? ipaddr.IPv4 : ipaddr.IPv6).subnetMaskFromPrefixLength(prefix);
  return { version: ip.version, address: ip.value, prefix, network: ip.value & toValue(mask) };
}

/** Whether `ip` lies inside `cidr` (same family only). */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  return (
    cidr.version === ip.version &&
    fromValue(ip.version, ip.value).match(fromValue(cidr.version, cidr.network), cidr.prefix)
  );
}

/** Whether `inner` lies entirely inside `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return (
    inner.prefix >= outer.prefix && cidrContains(outer, { version: inner.version, value: inner.network })
  );
}

/** Whether two blocks share any address: one of them holds the other (CIDR blocks never partly overlap). */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return cidrWithin(a, b) || cidrWithin(b, a);
}

/** Formats an address back to its canonical text (IPv6 compressed as RFC 5952 says). */
export function formatIp(ip: IpAddress): string {
  const parsed = fromValue(ip.version, ip.value);
  return parsed instanceof ipaddr.IPv6 ? parsed.toRFC5952String() : parsed.toString();
}

/** `network/prefix` as text, e.g. the block a user meant when they wrote `10.0.0.1/24`. */
function formatCidrNetwork(cidr: Cidr): string {
  return `${formatIp({ version: cidr.version, value: cidr.network })}/${cidr.prefix}`;
}

/** One IPAM pool of a network as a user fills it in: every field optional but `subnet` when any is set. */
export interface IpamFields {
  subnet?: string;
  gateway?: string;
  ipRange?: string;
}

/** A problem with one field of one pool, in words a user can act on. */
interface IpamProblem {
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
