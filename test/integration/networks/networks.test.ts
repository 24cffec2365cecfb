import { afterAll, beforeAll, expect, it } from 'vitest';

import { ErrorCode, type NetworksChange, type NetworkSummary } from '../../../electron/common';
import { ContainerInventory } from '../../../electron/main/docker/containers/container-inventory';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { NetworkService } from '../../../electron/main/docker/networks/network-service';
import { docker, FIXTURE_IMAGE, rigDockerHost, skipUnlessRig, TEST_LABEL, waitFor } from '../../rig';
import { endpointFor, fastBackoff, removeGroup, uniqueName } from '../helpers';

const GROUP = 'networks';

interface InspectedEndpoint {
  IPAddress: string;
  Aliases: string[] | null;
  IPAMConfig: { IPv4Address?: string } | null;
}

skipUnlessRig('NetworkService against a real daemon', () => {
  let engines: EngineRegistry;
  let containers: ContainerService;
  let inventory: ContainerInventory;
  let service: NetworkService;
  const changes: NetworksChange[] = [];
  const networks: string[] = [];
  const home = uniqueName('home');

  async function row(idOrName: string): Promise<NetworkSummary | undefined> {
    return (await service.list('local')).items.find(
      (network) => network.id === idOrName || network.name === idOrName,
    );
  }

  /**
   * A running labelled container on the suite's own network: the rig daemon has no default bridge, and a
   * container on `none` cannot join any other network.
   */
  async function container(command = ['sleep', '3600']): Promise<{ id: string; name: string }> {
    const name = uniqueName('net-user');
    const id = await docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      home,
      '--label',
      `${TEST_LABEL}=${GROUP}`,
      FIXTURE_IMAGE,
      ...command,
    );
    return { id, name };
  }

  function endpointOf(containerId: string, network: string): Promise<InspectedEndpoint | undefined> {
    return docker('inspect', '--format', '{{json .NetworkSettings.Networks}}', containerId).then(
      (out) => (JSON.parse(out) as Record<string, InspectedEndpoint>)[network],
    );
  }

  beforeAll(async () => {
    engines = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
    containers = new ContainerService(engines);
    inventory = new ContainerInventory(engines, containers);
    service = new NetworkService(engines, inventory);
    service.onChanged((change) => changes.push(change));
    engines.start();
    await engines.ready('local');
    await docker('network', 'create', home);
  });
  afterAll(async () => {
    service?.dispose();
    inventory?.dispose();
    containers?.dispose();
    await engines?.dispose();
    await removeGroup(GROUP);
    for (const name of [...networks, home]) await docker('network', 'rm', name).catch(() => undefined);
  });

  it('lists what `docker network ls` shows, with driver, scope, IPAM, flags and connected containers', async () => {
    const name = uniqueName('listed');
    networks.push(name);
    await docker(
      'network',
      'create',
      '--internal',
      '--attachable',
      '--subnet',
      '10.91.0.0/24',
      '--gateway',
      '10.91.0.1',
      '--ip-range',
      '10.91.0.128/25',
      '--label',
      'team=core',
      '-o',
      'com.docker.network.bridge.enable_icc=true',
      name,
    );
    const running = await container();
    await docker('network', 'connect', '--ip', '10.91.0.130', name, running.id);
    const stopped = uniqueName('stopped');
    await docker(
      'create',
      '--name',
      stopped,
      '--network',
      name,
      '--label',
      `${TEST_LABEL}=${GROUP}`,
      FIXTURE_IMAGE,
      'true',
    );

    const cli = (
      await docker('network', 'ls', '--no-trunc', '--format', '{{.ID}} {{.Name}} {{.Driver}} {{.Scope}}')
    )
      .split('\n')
      .map((line) => line.split(' '));
    const listed = await service.list('local');
    for (const [id, cliName, driver, scope] of cli) {
      if (!['bridge', 'host', 'none', name].includes(cliName ?? '')) continue;
      expect(listed.items.find((network) => network.id === id)).toMatchObject({
        name: cliName,
        driver,
        scope,
      });
    }
    const summary = await row(name);
    expect(summary).toMatchObject({
      name,
      driver: 'bridge',
      scope: 'local',
      internal: true,
      attachable: true,
      predefined: false,
      ipam: [{ subnet: '10.91.0.0/24', gateway: '10.91.0.1', ipRange: '10.91.0.128/25' }],
      labels: { team: 'core' },
      options: { 'com.docker.network.bridge.enable_icc': 'true' },
    });
    const byName = new Map(summary?.containers.map((attachment) => [attachment.containerName, attachment]));
    expect(byName.get(running.name)).toMatchObject({
      containerId: running.id,
      state: 'running',
      ipv4: '10.91.0.130',
      staticIpv4: '10.91.0.130',
    });
    expect(byName.get(running.name)?.macAddress).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(byName.get(stopped)).toMatchObject({ state: 'created' });
    expect((await row('none'))?.predefined).toBe(true);
  });

  it('creates networks with validated IPAM, and refuses bad CIDRs and duplicates before the daemon sees them', async () => {
    const name = uniqueName('made');
    networks.push(name);
    const created = await service.create({
      engineId: 'local',
      name,
      driver: 'bridge',
      ipam: [{ subnet: '10.92.0.0/16', gateway: '10.92.0.254', ipRange: '10.92.8.0/24' }],
      internal: false,
      attachable: true,
      labels: { made: 'by-berth' },
      options: { 'com.docker.network.bridge.name': `br-${name.slice(-8)}` },
    });
    expect(created).toMatchObject({ name, driver: 'bridge', attachable: true, labels: { made: 'by-berth' } });
    const inspect = JSON.parse(await docker('network', 'inspect', name)) as Array<{
      IPAM: { Config: Array<{ Subnet: string; Gateway: string; IPRange: string }> };
    }>;
    expect(inspect[0]?.IPAM.Config).toEqual([
      { Subnet: '10.92.0.0/16', Gateway: '10.92.0.254', IPRange: '10.92.8.0/24' },
    ]);

    await expect(
      service.create({
        engineId: 'local',
        name: uniqueName('bad'),
        driver: 'bridge',
        ipam: [{ subnet: '10.93.0.1/24' }],
      }),
    ).rejects.toMatchObject({
      code: ErrorCode.Validation,
      message: expect.stringContaining('did you mean 10.93.0.0/24') as unknown,
    });
    await expect(
      service.create({
        engineId: 'local',
        name: uniqueName('bad'),
        driver: 'bridge',
        ipam: [{ subnet: '10.93.0.0/24', gateway: '10.94.0.1' }],
      }),
    ).rejects.toMatchObject({
      code: ErrorCode.Validation,
      message: '10.94.0.1 is outside the subnet 10.93.0.0/24.',
    });
    await expect(
      service.create({ engineId: 'local', name, driver: 'bridge', ipam: [] }),
    ).rejects.toMatchObject({
      code: ErrorCode.Conflict,
    });
  });

  it('pushes revisioned changes for networks created and removed with the docker CLI', async () => {
    const before = (await service.list('local')).revision;
    const name = uniqueName('live');
    const id = await docker('network', 'create', name);
    await waitFor(async () => (await row(id)) !== undefined, { description: 'the new network listed' });
    await docker('network', 'rm', name);
    await waitFor(async () => (await row(id)) === undefined, { description: 'the network gone' });
    const ours = changes.filter((change) => change.revision > before);
    ours.forEach((change, index) => expect(change.revision).toBe(before + index + 1));
    expect(ours.some((change) => change.upserted.some((network) => network.id === id))).toBe(true);
    expect(ours.some((change) => change.removed.includes(id))).toBe(true);
  });

  it('connects a container with aliases and a static IP, and disconnects it', async () => {
    const name = uniqueName('connect');
    networks.push(name);
    await docker('network', 'create', '--subnet', '10.95.0.0/24', name);
    const target = await container();

    await service.connect({
      engineId: 'local',
      network: name,
      container: target.name,
      aliases: ['db', 'primary'],
      ipv4Address: '10.95.0.42',
    });
    const endpoint = await endpointOf(target.id, name);
    expect(endpoint?.IPAddress).toBe('10.95.0.42');
    expect(endpoint?.IPAMConfig?.IPv4Address).toBe('10.95.0.42');
    expect(endpoint?.Aliases).toEqual(expect.arrayContaining(['db', 'primary']));
    expect(
      (await row(name))?.containers.map((attachment) => [attachment.containerName, attachment.ipv4]),
    ).toEqual([[target.name, '10.95.0.42']]);

    await expect(
      service.connect({ engineId: 'local', network: name, container: target.id, ipv4Address: '10.96.0.5' }),
    ).rejects.toMatchObject({
      code: ErrorCode.Validation,
      message: expect.stringContaining('outside the network') as unknown,
    });

    await service.disconnect({ engineId: 'local', network: name, container: target.id });
    expect(await endpointOf(target.id, name)).toBeUndefined();
    expect((await row(name))?.containers).toEqual([]);
  });

  it('passes on the daemon’s refusal of a static address on a network whose subnet it chose itself', async () => {
    const name = uniqueName('nosubnet');
    networks.push(name);
    await docker('network', 'create', name);
    const subnet = (await row(name))?.ipam[0]?.subnet ?? '';
    const inside = subnet.replace(/\.0\/\d+$/, '.9');
    const target = await container();
    await expect(
      service.connect({ engineId: 'local', network: name, container: target.id, ipv4Address: inside }),
    ).rejects.toMatchObject({
      code: ErrorCode.Validation,
      message: expect.stringContaining('user configured subnets') as unknown,
    });
  });

  it('refuses to remove a network while containers are attached, naming them, and the predefined ones always', async () => {
    const name = uniqueName('busy');
    networks.push(name);
    await docker('network', 'create', name);
    const attached = await container();
    await docker('network', 'connect', name, attached.id);

    await expect(service.remove('local', name)).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: `Network ${name} has a container attached: ${attached.name}. Disconnect or stop it first.`,
    });
    expect(await docker('network', 'ls', '-q', '--filter', `name=^${name}$`)).not.toBe('');

    for (const predefined of ['bridge', 'host', 'none']) {
      const exists = await row(predefined);
      if (exists === undefined) continue;
      await expect(service.remove('local', predefined)).rejects.toMatchObject({
        code: ErrorCode.Forbidden,
        message: `${predefined} is one of Docker's predefined networks (bridge, host, none); it cannot be removed.`,
      });
    }

    await docker('network', 'disconnect', name, attached.id);
    await service.remove('local', name);
    expect(await docker('network', 'ls', '-q', '--filter', `name=^${name}$`)).toBe('');
    await expect(service.remove('local', name)).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });
});
