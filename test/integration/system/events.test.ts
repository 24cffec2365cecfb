import { afterAll, beforeAll, expect, it } from 'vitest';

import type { EngineEvent, EventsBatch } from '../../../electron/common';
import { ContainerInventory } from '../../../electron/main/docker/containers/container-inventory';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { NetworkService } from '../../../electron/main/docker/networks/network-service';
import { EventsService } from '../../../electron/main/docker/system/events-service';
import { SystemService } from '../../../electron/main/docker/system/system-service';
import { VolumeService } from '../../../electron/main/docker/volumes/volume-service';
import { docker, FIXTURE_IMAGE, rigDockerHost, skipUnlessRig, TEST_LABEL, waitFor } from '../../rig';
import { endpointFor, fastBackoff, removeGroup, uniqueName } from '../helpers';

const GROUP = 'host-events';

skipUnlessRig('SystemService and EventsService against a real daemon', () => {
  let engines: EngineRegistry;
  let containers: ContainerService;
  let inventory: ContainerInventory;
  let volumes: VolumeService;
  let networks: NetworkService;
  let host: SystemService;
  let log: EventsService;
  const batches: EventsBatch[] = [];
  const received = (): EngineEvent[] => batches.flatMap((batch) => batch.events);

  beforeAll(async () => {
    engines = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
    containers = new ContainerService(engines);
    inventory = new ContainerInventory(engines, containers);
    volumes = new VolumeService(engines, inventory);
    networks = new NetworkService(engines, inventory);
    host = new SystemService(engines, volumes, networks);
    log = new EventsService(engines);
    log.onReceived((batch) => batches.push(batch));
    engines.start();
    await engines.ready('local');
  });
  afterAll(async () => {
    log?.dispose();
    volumes?.dispose();
    networks?.dispose();
    inventory?.dispose();
    containers?.dispose();
    await engines?.dispose();
    await removeGroup(GROUP);
  });

  it('describes the host as `docker info` and `docker version` do', async () => {
    const info = await host.info('local');
    const cli = JSON.parse(await docker('info', '--format', '{{json .}}')) as Record<string, unknown>;
    const server = JSON.parse(await docker('version', '--format', '{{json .Server}}')) as Record<
      string,
      unknown
    >;
    expect(info).toMatchObject({
      engineId: 'local',
      name: cli.Name,
      engineVersion: server.Version,
      apiVersion: server.ApiVersion,
      minApiVersion: server.MinAPIVersion,
      operatingSystem: cli.OperatingSystem,
      osType: cli.OSType,
      kernelVersion: cli.KernelVersion,
      architecture: cli.Architecture,
      cpus: cli.NCPU,
      memoryBytes: cli.MemTotal,
      storageDriver: cli.Driver,
      loggingDriver: cli.LoggingDriver,
      cgroupDriver: cli.CgroupDriver,
      cgroupVersion: cli.CgroupVersion,
      dataRoot: cli.DockerRootDir,
      defaultRuntime: cli.DefaultRuntime,
      indexServerAddress: cli.IndexServerAddress,
      liveRestore: cli.LiveRestoreEnabled,
    });
    expect(info.storageDriverStatus).toEqual(cli.DriverStatus);
    expect(info.runtimes).toEqual(Object.keys(cli.Runtimes as object).sort());
    const plugins = cli.Plugins as { Volume: string[]; Network: string[]; Log: string[] };
    expect(info.plugins).toMatchObject({
      volume: plugins.Volume,
      network: plugins.Network,
      log: plugins.Log,
    });
    const registry = cli.RegistryConfig as { InsecureRegistryCIDRs: string[]; Mirrors: string[] };
    expect(info.insecureRegistries).toEqual(expect.arrayContaining(registry.InsecureRegistryCIDRs));
    expect(info.registryMirrors).toEqual(registry.Mirrors);
    expect(info.swarm.state).toBe((cli.Swarm as { LocalNodeState: string }).LocalNodeState);
    expect(info.warnings).toEqual((cli.Warnings as string[] | null) ?? []);
    expect(info.components.map((component) => component.name)).toEqual(
      expect.arrayContaining(['containerd', 'runc']),
    );
  });

  it('puts every event of actions done with the docker CLI in the timeline as they happen', async () => {
    const volume = uniqueName('evt');
    const container = uniqueName('evt');
    await docker('volume', 'create', volume);
    const id = await docker(
      'create',
      '--name',
      container,
      '--network',
      'none',
      '--label',
      `${TEST_LABEL}=${GROUP}`,
      '-v',
      `${volume}:/d`,
      FIXTURE_IMAGE,
      'true',
    );
    await docker('start', '-a', id);
    await docker('rm', container);
    await docker('volume', 'rm', volume);

    const seen = await waitFor(
      () => {
        const events = received();
        const ours = events.filter((event) => event.actorId === id || event.actorId === volume);
        return ours.some((event) => event.type === 'volume' && event.action === 'destroy') ? ours : undefined;
      },
      { description: 'the volume destroy event' },
    );
    const actions = seen.map((event) => `${event.type}:${event.action}`);
    for (const expected of [
      'volume:create',
      'container:create',
      'volume:mount',
      'container:start',
      'container:die',
      'volume:unmount',
      'container:destroy',
      'volume:destroy',
    ]) {
      expect(actions).toContain(expected);
    }
    // In the order they happened.
    expect(actions.indexOf('container:create')).toBeLessThan(actions.indexOf('container:start'));
    expect(actions.indexOf('container:die')).toBeLessThan(actions.indexOf('container:destroy'));
    const start = seen.find((event) => event.action === 'start');
    expect(start).toMatchObject({ engineId: 'local', actorName: container, scope: 'local' });
    expect(start?.attributes.image).toBe(FIXTURE_IMAGE);
    expect(start?.time).toBe(Number(BigInt(start?.timeNano ?? '0') / 1_000_000n));

    // Every event is pushed once, with strictly increasing sequence numbers.
    const seqs = received().map((event) => event.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);

    const page = await log.list({ engineId: 'local' });
    const listed = new Set(page.events.map((event) => event.seq));
    for (const event of seen) expect(listed.has(event.seq)).toBe(true);
    expect(page.capacity).toBe(5000);

    const newer = await log.list({ engineId: 'local', sinceSeq: start?.seq ?? 0 });
    expect(newer.events.every((event) => event.seq > (start?.seq ?? 0))).toBe(true);
    expect(newer.events.some((event) => event.action === 'destroy' && event.actorId === volume)).toBe(true);
  });
});
