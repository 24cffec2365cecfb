import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

import { formatBytes } from '../../../electron/common';
import { ContainerInventory } from '../../../electron/main/docker/containers/container-inventory';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { NetworkService } from '../../../electron/main/docker/networks/network-service';
import { EventsService } from '../../../electron/main/docker/system/events-service';
import { SystemService } from '../../../electron/main/docker/system/system-service';
import { VolumeService } from '../../../electron/main/docker/volumes/volume-service';
import {
  dockerCli,
  FIXTURE_IMAGE,
  type PrivateDaemon,
  skipUnlessRig,
  startPrivateDaemon,
  waitFor,
} from '../../rig';
import { endpointFor, fastBackoff, runWithMount } from '../helpers';

// Prunes remove whatever is unused on the whole daemon, so these tests get a daemon of their own.
skipUnlessRig('disk usage, prunes and the event history on a daemon of their own', () => {
  let daemon: PrivateDaemon;
  let engines: EngineRegistry;
  let containers: ContainerService;
  let inventory: ContainerInventory;
  let volumes: VolumeService;
  let networks: NetworkService;
  let host: SystemService;
  const run = (...args: string[]): Promise<string> => dockerCli(daemon.host, args);
  const ids = async (...args: string[]): Promise<string[]> =>
    (await run(...args)).split('\n').filter(Boolean);

  /** Writes `bytes` bytes into a volume through a throwaway container. */
  async function fill(volume: string, bytes: number): Promise<void> {
    await runWithMount(`${volume}:/d`, ['sh', '-c', `head -c ${bytes} /dev/zero > /d/blob`], run);
  }

  beforeAll(async () => {
    daemon = await startPrivateDaemon();
    engines = new EngineRegistry([endpointFor(daemon.host)], { backoff: fastBackoff });
    containers = new ContainerService(engines);
    inventory = new ContainerInventory(engines, containers);
    volumes = new VolumeService(engines, inventory);
    networks = new NetworkService(engines, inventory);
    host = new SystemService(engines, volumes, networks);
    engines.start();
    await engines.ready('local');
  });
  // Each test starts from a daemon holding only the fixture image.
  afterEach(async () => {
    const containers = await ids('ps', '-aq');
    if (containers.length > 0) await run('rm', '-f', ...containers);
    const left = await ids('volume', 'ls', '-q');
    if (left.length > 0) await run('volume', 'rm', ...left);
    const userNetworks = (await ids('network', 'ls', '--format', '{{.Name}}')).filter(
      (name) => !['bridge', 'host', 'none'].includes(name),
    );
    if (userNetworks.length > 0) await run('network', 'rm', ...userNetworks);
    const images = (await ids('images', '-q', '--no-trunc')).filter(Boolean);
    const fixture = await run('image', 'inspect', '--format', '{{.Id}}', FIXTURE_IMAGE);
    const others = images.filter((image) => image !== fixture);
    if (others.length > 0) await run('rmi', '-f', ...others);
  });
  afterAll(async () => {
    volumes?.dispose();
    networks?.dispose();
    inventory?.dispose();
    containers?.dispose();
    await engines?.dispose();
    await daemon?.stop();
  });

  it('reports disk usage with the same figures as `docker system df`', async () => {
    await run('volume', 'create', 'df-used');
    await run('volume', 'create', 'df-unused');
    await fill('df-used', 40_000);
    await fill('df-unused', 25_000);
    await run(
      'run',
      '-d',
      '--name',
      'df-runner',
      '--network',
      'none',
      '-v',
      'df-used:/d',
      FIXTURE_IMAGE,
      'sleep',
      '3600',
    );
    await run(
      'run',
      '--name',
      'df-writer',
      '--network',
      'none',
      FIXTURE_IMAGE,
      'sh',
      '-c',
      'head -c 7000 /dev/zero > /file',
    );

    const usage = await host.diskUsage('local');
    const cli = (await run('system', 'df', '--format', '{{json .}}')).split('\n').map(
      (line) =>
        JSON.parse(line) as {
          Type: string;
          TotalCount: string;
          Active: string;
          Size: string;
          Reclaimable: string;
        },
    );
    const line = (type: string) => cli.find((entry) => entry.Type === type);
    const reclaimable = (text: string | undefined) => (text ?? '').split(' ')[0];
    for (const [type, total] of [
      ['Images', usage.totals.images],
      ['Containers', usage.totals.containers],
      ['Local Volumes', usage.totals.volumes],
      ['Build Cache', usage.totals.buildCache],
    ] as const) {
      expect({
        type,
        count: String(total.count),
        active: String(total.active),
        size: formatBytes(total.size),
      }).toEqual({
        type,
        count: line(type)?.TotalCount,
        active: line(type)?.Active,
        size: line(type)?.Size,
      });
      expect(formatBytes(total.reclaimable)).toBe(reclaimable(line(type)?.Reclaimable));
    }
    const verbose = JSON.parse(await run('system', 'df', '-v', '--format', '{{json .Volumes}}')) as Array<{
      Name: string;
      Links: number;
      Size: string;
    }>;
    for (const volume of usage.volumes) {
      const row = verbose.find((entry) => entry.Name === volume.name);
      expect([volume.name, String(volume.refCount), formatBytes(volume.size ?? 0)]).toEqual([
        row?.Name,
        String(row?.Links),
        row?.Size,
      ]);
    }
    expect(
      usage.containers.find((container) => container.name === 'df-writer')?.sizeRw,
    ).toBeGreaterThanOrEqual(7000);
  });

  it('previews a volume prune exactly, then reports what the daemon removed and freed', async () => {
    await run('volume', 'create', 'keep-used');
    await run('volume', 'create', 'gone-a');
    await run('volume', 'create', 'gone-b');
    await fill('gone-a', 30_000);
    await run('create', '--name', 'holder', '--network', 'none', '-v', 'keep-used:/d', FIXTURE_IMAGE, 'true');

    const preview = await volumes.prunePreview('local');
    expect(preview.volumes.map((volume) => volume.name)).toEqual(['gone-a', 'gone-b']);
    expect(preview.volumes[0]?.size).toBeGreaterThanOrEqual(30_000);
    expect(preview.reclaimableBytes).toBe((preview.volumes[0]?.size ?? 0) + (preview.volumes[1]?.size ?? 0));

    const report = await volumes.prune('local');
    expect([...report.removed].sort()).toEqual(['gone-a', 'gone-b']);
    expect(report.reclaimedBytes).toBe(preview.reclaimableBytes);
    expect(await ids('volume', 'ls', '-q')).toEqual(['keep-used']);
    expect((await volumes.list('local')).items.map((volume) => volume.name)).toEqual(['keep-used']);
  });

  it('previews a network prune exactly and never touches networks with running containers', async () => {
    await run('network', 'create', 'busy-net');
    await run('network', 'create', 'idle-net');
    await run('network', 'create', 'stopped-net');
    await run('run', '-d', '--name', 'net-runner', '--network', 'busy-net', FIXTURE_IMAGE, 'sleep', '3600');
    await run('create', '--name', 'net-sleeper', '--network', 'stopped-net', FIXTURE_IMAGE, 'true');

    const preview = await networks.prunePreview('local');
    expect(preview.networks.map((network) => network.name)).toEqual(['idle-net', 'stopped-net']);
    const report = await networks.prune('local');
    expect([...report.removed].sort()).toEqual(['idle-net', 'stopped-net']);
    const left = await run('network', 'ls', '--format', '{{.Name}}');
    expect(left.split('\n').sort()).toEqual(['busy-net', 'host', 'none']);
  });

  it('shows what `docker system prune` would remove, with and without volumes and all images, then does exactly that', async () => {
    // A running container and what it uses stay; everything else is fair game.
    await run('volume', 'create', 'live-data');
    await run(
      'run',
      '-d',
      '--name',
      'keeper',
      '--network',
      'none',
      '-v',
      'live-data:/d',
      FIXTURE_IMAGE,
      'sleep',
      '3600',
    );
    await run('volume', 'create', 'stale-data');
    await run(
      'create',
      '--name',
      'stale-user',
      '--network',
      'none',
      '-v',
      'stale-data:/d',
      FIXTURE_IMAGE,
      'true',
    );
    await run('run', '--name', 'exited-one', '--network', 'none', FIXTURE_IMAGE, 'sh', '-c', 'echo x > /f');
    // An anonymous volume (`-v /path`), used only by a stopped container.
    await run('create', '--name', 'anon-user', '--network', 'none', '-v', '/anon', FIXTURE_IMAGE, 'true');
    await run('network', 'create', 'stale-net');
    const tagged = await run('commit', 'exited-one', 'berth-extra:1');
    const dangling = await run('commit', 'stale-user');

    const basic = await host.prunePreview({ engineId: 'local', volumes: false, allImages: false });
    expect(basic.containers.map((container) => container.name).sort()).toEqual([
      'anon-user',
      'exited-one',
      'stale-user',
    ]);
    expect(basic.networks.map((network) => network.name)).toEqual(['stale-net']);
    expect(basic.images.map((image) => image.id)).toEqual([dangling]);
    expect(basic.volumes).toEqual([]);

    const everything = await host.prunePreview({ engineId: 'local', volumes: true, allImages: true });
    expect(everything.images.map((image) => image.id).sort()).toEqual([dangling, tagged].sort());
    // The fixture image stays: the running container uses it.
    expect(everything.images.some((image) => image.tags.includes(FIXTURE_IMAGE))).toBe(false);
    const anonymous = (await volumes.list('local')).items
      .filter((volume) => volume.anonymous)
      .map((volume) => volume.name);
    expect(anonymous).toHaveLength(1);
    const expectedVolumes = everything.anonymousVolumesOnly ? anonymous : [...anonymous, 'stale-data'].sort();
    expect(everything.volumes.map((volume) => volume.name)).toEqual(expectedVolumes);
    expect(everything.reclaimableBytes).toBeGreaterThan(0);

    const result = await host.prune({ engineId: 'local', volumes: true, allImages: true });
    expect(result.failures).toEqual([]);
    expect([...result.containers].sort()).toEqual(
      everything.containers.map((container) => container.id).sort(),
    );
    expect(result.networks).toEqual(['stale-net']);
    expect([...result.volumes].sort()).toEqual(expectedVolumes);
    expect(result.images).toEqual(
      expect.arrayContaining([`deleted: ${dangling}`, 'untagged: berth-extra:1']),
    );
    expect(result.reclaimedBytes).toBeGreaterThan(0);

    expect(await run('ps', '-a', '--format', '{{.Names}}')).toBe('keeper');
    expect((await ids('volume', 'ls', '-q')).sort()).toEqual(
      everything.anonymousVolumesOnly ? ['live-data', 'stale-data'] : ['live-data'],
    );
    expect(await run('images', '--format', '{{.Repository}}:{{.Tag}}')).toBe(FIXTURE_IMAGE);
  });

  it('fetches the recent history with `since` on first open, and keeps a bounded buffer', async () => {
    await run('volume', 'create', 'early');
    await run('volume', 'rm', 'early');

    // A log that starts after those events: only the daemon's history can tell it about them.
    const log = new EventsService(engines, { capacity: 6 });
    try {
      const page = await log.list({ engineId: 'local' });
      expect(page.events).toHaveLength(6);
      expect(page.events.at(-1)).toMatchObject({ type: 'volume', action: 'destroy', actorId: 'early' });
      const times = page.events.map((event) => BigInt(event.timeNano));
      expect(times).toEqual([...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

      for (let index = 0; index < 4; index++) await run('volume', 'create', `flood-${index}`);
      await run('volume', 'rm', 'flood-0', 'flood-1', 'flood-2', 'flood-3');
      await waitFor(
        async () =>
          (await log.list({ engineId: 'local' })).events.filter(
            (event) => event.actorId.startsWith('flood-') && event.action === 'destroy',
          ).length === 4,
        { description: 'the floods in the log' },
      );
      const bounded = await log.list({ engineId: 'local' });
      expect(bounded.events).toHaveLength(6);
      expect(bounded.events.some((event) => event.actorId === 'early')).toBe(false);
      expect(bounded.lastSeq).toBeGreaterThanOrEqual(14);
    } finally {
      log.dispose();
    }
  });
});
