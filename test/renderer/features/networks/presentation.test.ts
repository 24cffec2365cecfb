import { describe, expect, it } from 'vitest';

import {
  aliasProblem,
  driverOptions,
  filterNetworks,
  formatAttachments,
  gatewaysText,
  networkFlags,
  networkNameProblem,
  parseAliases,
  removalProblem,
  sortNetworks,
  subnetsText,
} from '../../../../renderer/features/networks/presentation';
import { makeNetwork, makeSystemInfo } from '../../support/resource-fixtures';

const on = (name: string, state: 'running' | 'exited' | 'paused' = 'running', ipv4?: string) => ({
  containerId: name,
  containerName: name,
  state,
  aliases: [],
  ...(ipv4 !== undefined ? { ipv4 } : {}),
});

describe('filterNetworks and sortNetworks', () => {
  const networks = [
    makeNetwork({
      name: 'backend',
      ipam: [{ subnet: '10.1.0.0/24' }],
      containers: [on('api'), on('db')],
      created: 2,
    }),
    makeNetwork({ name: 'edge', driver: 'macvlan', labels: { zone: 'dmz' }, created: 1 }),
    makeNetwork({ name: 'Bridge', predefined: true, scope: 'local', created: 3 }),
  ];
  it.each([
    ['', ['backend', 'edge', 'Bridge']],
    ['10.1.0', ['backend']],
    ['macvlan', ['edge']],
    ['zone=dmz', ['edge']],
    ['api', ['backend']],
    ['BRIDGE', ['backend', 'Bridge']],
  ])('search %j', (search, expected) => {
    expect(filterNetworks(networks, search).map((network) => network.name)).toEqual(expected);
  });

  it.each([
    ['name', 'asc', ['backend', 'Bridge', 'edge']],
    ['containers', 'desc', ['backend', 'Bridge', 'edge']],
    ['driver', 'asc', ['backend', 'Bridge', 'edge']],
    ['created', 'asc', ['edge', 'backend', 'Bridge']],
  ] as const)('sort by %s %s', (key, direction, expected) => {
    expect(sortNetworks(networks, key, direction).map((network) => network.name)).toEqual(expected);
  });
});

describe('under All hosts', () => {
  const hostName = (engineId: string) => ({ local: 'Local', 'context:rig': 'rig' })[engineId] ?? engineId;
  const networks = [
    makeNetwork({ engineId: 'local', name: 'bridge' }),
    makeNetwork({ engineId: 'context:rig', name: 'bridge' }),
    makeNetwork({ engineId: 'context:rig', name: 'apps' }),
  ];
  const shown = (list: readonly { engineId: string; name: string }[]) =>
    list.map((network) => `${hostName(network.engineId)}/${network.name}`);
  it.each([
    ['host', 'asc', ['Local/bridge', 'rig/apps', 'rig/bridge']],
    ['host', 'desc', ['rig/apps', 'rig/bridge', 'Local/bridge']],
    ['name', 'asc', ['rig/apps', 'Local/bridge', 'rig/bridge']],
  ] as const)('sorts by %s %s, ties by host', (key, direction, expected) => {
    expect(shown(sortNetworks(networks, key, direction, hostName))).toEqual(expected);
  });
  it.each([
    ['rig', undefined, []],
    ['rig', hostName, ['rig/bridge', 'rig/apps']],
    ['rig apps', hostName, ['rig/apps']],
  ] as const)('%j matches the host only when hosts are shown', (search, names, expected) => {
    expect(shown(filterNetworks(networks, search, names))).toEqual(expected);
  });
});

describe('cells', () => {
  it.each([
    [[], '—', '—'],
    [[{ subnet: '10.0.0.0/24', gateway: '10.0.0.1' }], '10.0.0.0/24', '10.0.0.1'],
    [
      [{ subnet: '10.0.0.0/24' }, { subnet: 'fd00::/64', gateway: 'fd00::1' }],
      '10.0.0.0/24, fd00::/64',
      'fd00::1',
    ],
  ])('ipam %j', (ipam, subnets, gateways) => {
    const network = makeNetwork({ ipam });
    expect(subnetsText(network)).toBe(subnets);
    expect(gatewaysText(network)).toBe(gateways);
  });

  it('lists flags and attachments', () => {
    expect(
      networkFlags(makeNetwork({ internal: true, attachable: true, ingress: true, enableIPv6: true })),
    ).toEqual(['internal', 'attachable', 'ingress', 'IPv6']);
    expect(networkFlags(makeNetwork())).toEqual([]);
    expect(formatAttachments([on('api', 'running', '10.0.0.2'), on('db', 'exited')])).toBe(
      'api (10.0.0.2), db',
    );
  });

  it.each([
    [
      makeNetwork({ name: 'bridge', predefined: true }),
      'bridge is predefined by Docker and cannot be removed.',
    ],
    [
      makeNetwork({ containers: [on('api'), on('db', 'paused'), on('old', 'exited')] }),
      'Disconnect or stop api, db first.',
    ],
    [makeNetwork({ containers: [on('old', 'exited')] }), undefined],
    [makeNetwork(), undefined],
  ])('removal problem %#', (network, expected) => {
    expect(removalProblem(network)).toBe(expected);
  });
});

describe('driverOptions', () => {
  it('offers everything when the host is not known yet', () => {
    expect(driverOptions(undefined).every((option) => !option.disabled)).toBe(true);
  });

  it('disables what the host has no plugin for, and overlay off a swarm manager', () => {
    const host = makeSystemInfo({
      plugins: { volume: [], network: ['bridge', 'macvlan', 'overlay'], log: [], authorization: [] },
    });
    expect(driverOptions(host).map((option) => [option.value, option.disabled, option.reason])).toEqual([
      ['bridge', false, undefined],
      ['macvlan', false, undefined],
      ['ipvlan', true, 'This host has no ipvlan network driver.'],
      ['overlay', true, 'Overlay networks need this host to be a swarm manager.'],
    ]);
    const manager = makeSystemInfo({ swarm: { state: 'active', controlAvailable: true } });
    expect(driverOptions(manager).find((option) => option.value === 'overlay')?.disabled).toBe(false);
    const worker = makeSystemInfo({ swarm: { state: 'active', controlAvailable: false } });
    expect(driverOptions(worker).find((option) => option.value === 'overlay')?.disabled).toBe(true);
  });
});

describe('form checks', () => {
  it.each([
    ['', []],
    ['db', ['db']],
    ['db, primary\nreplica  db', ['db', 'primary', 'replica']],
  ])('aliases %j', (text, expected) => {
    expect(parseAliases(text)).toEqual(expected);
  });

  it.each([
    [['db', 'a.b-c_d'], undefined],
    [['db', '-bad'], '-bad is not a valid alias (letters, digits, _ . -).'],
    [['x'.repeat(64)], `${'x'.repeat(64)} is not a valid alias (letters, digits, _ . -).`],
  ])('alias problem %j', (aliases, expected) => {
    expect(aliasProblem(aliases)).toBe(expected);
  });

  it.each([
    ['', 'Give the network a name.'],
    ['apps', undefined],
    ['my-net_1.x', undefined],
    ['has space', 'Use letters, digits, _ . or -, starting with a letter or digit.'],
    ['a/b', 'Use letters, digits, _ . or -, starting with a letter or digit.'],
  ])('name %j', (name, expected) => {
    expect(networkNameProblem(name)).toBe(expected);
  });
});
