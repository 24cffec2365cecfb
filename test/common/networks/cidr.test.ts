import { describe, expect, it } from 'vitest';

import {
  cidrContains,
  cidrOverlaps,
  cidrWithin,
  formatIp,
  type IpamFields,
  parseCidr,
  parseIp,
  staticAddressProblem,
  validateIpamPools,
} from '../../../electron/common/networks/cidr';

const ip = (text: string) => {
  const parsed = parseIp(text);
  if (parsed === undefined) throw new Error(`not an address: ${text}`);
  return parsed;
};
const cidr = (text: string) => {
  const parsed = parseCidr(text);
  if (parsed === undefined) throw new Error(`not a CIDR: ${text}`);
  return parsed;
};

describe('parseIp', () => {
  it.each([
    ['0.0.0.0', 4, '0.0.0.0'],
    ['192.168.1.254', 4, '192.168.1.254'],
    ['255.255.255.255', 4, '255.255.255.255'],
    ['::', 6, '::'],
    ['::1', 6, '::1'],
    ['fd00::', 6, 'fd00::'],
    ['2001:db8:0:0:1:0:0:1', 6, '2001:db8::1:0:0:1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', 6, '2001:db8::1'],
    ['FE80::ABCD', 6, 'fe80::abcd'],
    ['::ffff:192.0.2.1', 6, '::ffff:c000:201'],
    ['1:2:3:4:5:6:7:8', 6, '1:2:3:4:5:6:7:8'],
    ['1:2:3:4:5:6:1.2.3.4', 6, '1:2:3:4:5:6:102:304'],
    ['1::', 6, '1::'],
  ])('reads %s as IPv%i %s', (text, version, canonical) => {
    const parsed = ip(text);
    expect(parsed.version).toBe(version);
    expect(formatIp(parsed)).toBe(canonical);
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3.-4',
    ' 1.2.3.4',
    '1.2.3.4 ',
    'a.b.c.d',
    ':::',
    '1:::2',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    '12345::',
    'fe80::1%eth0',
    '::ffff:1.2.3.256',
    'g::1',
  ])('rejects %j', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });
});

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', 4, 8],
    ['172.28.0.0/16', 4, 16],
    ['192.168.1.7/32', 4, 32],
    ['0.0.0.0/0', 4, 0],
    ['fd00::/64', 6, 64],
    ['2001:db8::/128', 6, 128],
  ])('reads %s', (text, version, prefix) => {
    expect(cidr(text)).toMatchObject({ version, prefix });
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/08', 'fd00::/129', '/24', '10.0.0.0/', 'x/8'])(
    'rejects %j',
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );

  it('clears host bits into the network address', () => {
    expect(cidr('10.1.2.3/16').network).toBe(ip('10.1.0.0').value);
  });
});

describe('containment', () => {
  it.each([
    ['10.0.0.0/24', '10.0.0.0', true],
    ['10.0.0.0/24', '10.0.0.255', true],
    ['10.0.0.0/24', '10.0.1.0', false],
    ['fd00::/64', 'fd00::ffff', true],
    ['fd00::/64', 'fd00:0:0:1::', false],
    ['10.0.0.0/24', '::a00:1', false],
  ])('%s contains %s: %s', (block, address, expected) => {
    expect(cidrContains(cidr(block), ip(address))).toBe(expected);
  });

  it.each([
    ['10.0.0.128/25', '10.0.0.0/24', true],
    ['10.0.0.0/24', '10.0.0.0/24', true],
    ['10.0.0.0/23', '10.0.0.0/24', false],
    ['10.0.1.0/25', '10.0.0.0/24', false],
  ])('%s within %s: %s', (inner, outer, expected) => {
    expect(cidrWithin(cidr(inner), cidr(outer))).toBe(expected);
  });

  it.each([
    ['10.0.0.0/24', '10.0.0.128/25', true],
    ['10.0.0.0/24', '10.0.1.0/24', false],
    ['10.0.0.0/8', '10.200.0.0/16', true],
    ['10.0.0.0/8', 'fd00::/8', false],
  ])('%s overlaps %s: %s', (a, b, expected) => {
    expect(cidrOverlaps(cidr(a), cidr(b))).toBe(expected);
    expect(cidrOverlaps(cidr(b), cidr(a))).toBe(expected);
  });
});

describe('validateIpamPools', () => {
  it.each<[string, IpamFields[], Array<[number, keyof IpamFields, RegExp]>]>([
    ['no pools', [], []],
    ['an empty pool', [{}], []],
    ['a subnet alone', [{ subnet: '172.28.0.0/16' }], []],
    ['a full pool', [{ subnet: '172.28.0.0/16', gateway: '172.28.0.1', ipRange: '172.28.5.0/24' }], []],
    ['an IPv6 pool', [{ subnet: 'fd00:1::/64', gateway: 'fd00:1::1' }], []],
    ['IPv4 and IPv6 pools', [{ subnet: '10.9.0.0/24' }, { subnet: 'fd00:2::/64' }], []],
    ['a malformed subnet', [{ subnet: '172.28.0/16' }], [[0, 'subnet', /not a subnet in CIDR notation/]]],
    ['a subnet without prefix', [{ subnet: '172.28.0.0' }], [[0, 'subnet', /CIDR/]]],
    ['host bits set', [{ subnet: '10.0.0.1/24' }], [[0, 'subnet', /did you mean 10\.0\.0\.0\/24/]]],
    ['a gateway without subnet', [{ gateway: '10.0.0.1' }], [[0, 'subnet', /gateway needs a subnet/]]],
    ['an IP range without subnet', [{ ipRange: '10.0.0.0/25' }], [[0, 'subnet', /IP range needs a subnet/]]],
    [
      'a gateway outside',
      [{ subnet: '10.0.0.0/24', gateway: '10.0.1.1' }],
      [[0, 'gateway', /outside the subnet/]],
    ],
    ['a gateway not an IP', [{ subnet: '10.0.0.0/24', gateway: 'router' }], [[0, 'gateway', /not an IP/]]],
    [
      'a gateway of the other family',
      [{ subnet: '10.0.0.0/24', gateway: 'fd00::1' }],
      [[0, 'gateway', /not an IPv4 address/]],
    ],
    [
      'the network address as gateway',
      [{ subnet: '10.0.0.0/24', gateway: '10.0.0.0' }],
      [[0, 'gateway', /network address/]],
    ],
    [
      'an IP range outside',
      [{ subnet: '10.0.0.0/24', ipRange: '10.0.0.0/23' }],
      [[0, 'ipRange', /outside the subnet/]],
    ],
    [
      'an IP range with host bits',
      [{ subnet: '10.0.0.0/24', ipRange: '10.0.0.5/25' }],
      [[0, 'ipRange', /host bits/]],
    ],
    [
      'overlapping subnets',
      [{ subnet: '10.0.0.0/16' }, { subnet: '10.0.3.0/24' }],
      [[1, 'subnet', /overlaps 10\.0\.0\.0\/16/]],
    ],
    [
      'several problems at once',
      [{ subnet: '10.0.0.0/24', gateway: '1.1.1.1', ipRange: 'x' }],
      [
        [0, 'gateway', /outside/],
        [0, 'ipRange', /not an IP range/],
      ],
    ],
  ])('%s', (_name, pools, expected) => {
    const problems = validateIpamPools(pools);
    expect(problems.map((problem) => [problem.pool, problem.field])).toEqual(
      expected.map(([pool, field]) => [pool, field]),
    );
    problems.forEach((problem, index) => expect(problem.message).toMatch(expected[index]?.[2] ?? /^$/));
  });
});

describe('staticAddressProblem', () => {
  it.each([
    ['10.0.0.9', 4, ['10.0.0.0/24'], undefined],
    ['fd00::9', 6, ['10.0.0.0/24', 'fd00::/64'], undefined],
    ['10.0.1.9', 4, ['10.0.0.0/24'], /outside the network's IPv4 subnet 10\.0\.0\.0\/24/],
    ['10.0.0.9', 4, [], /no IPv4 subnet of its own/],
    ['fd00::9', 4, ['10.0.0.0/24'], /not an IPv4 address/],
    ['nonsense', 6, ['fd00::/64'], /not an IPv6 address/],
  ] as const)('%s (IPv%i) in %j', (address, version, subnets, expected) => {
    const problem = staticAddressProblem(address, version, subnets);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});
