import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ContainerInventory } from '../../../electron/main/docker/containers/container-inventory';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { NetworkService } from '../../../electron/main/docker/networks/network-service';
import { SystemService } from '../../../electron/main/docker/system/system-service';
import { VolumeService } from '../../../electron/main/docker/volumes/volume-service';
import { dockerCli, FIXTURE_IMAGE, type PrivateDaemon, skipUnlessRig, startPrivateDaemon } from '../../rig';
import { endpointFor, fastBackoff } from '../helpers';

// The preview must list exactly what the prune then removes, for every option combination: a daemon of its own,
// since a prune removes whatever is unused on the whole daemon.
skipUnlessRig('system prune: the preview is exactly what the prune removes', () => {
  let daemon: PrivateDaemon;
  let engines: EngineRegistry;
  let containers: ContainerService;
  let inventory: ContainerInventory;
  let volumes: VolumeService;
  let networks: NetworkService;
  let host: SystemService;
  let fixture: string;
  const run = (...args: string[]): Promise<string> => dockerCli(daemon.host, args);
  const lines = async (...args: string[]) => (await run(...args)).split('\n').filter(Boolean);
  const idOf = (ref: string) => run('image', 'inspect', '--format', '{{.Id}}', ref);

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
    fixture = await idOf(FIXTURE_IMAGE);
  });
  afterEach(async () => {
    const containers = await lines('ps', '-aq');
    if (containers.length > 0) await run('rm', '-f', ...containers);
    const left = await lines('volume', 'ls', '-q');
    if (left.length > 0) await run('volume', 'rm', ...left);
    await run('network', 'prune', '-f');
    // `prune --all` may have untagged the fixture (the keeper's image keeps only one of its two tags).
    await run('tag', fixture.replace('sha256:', ''), FIXTURE_IMAGE);
    await run('rmi', 'berth-extra:one').catch(() => undefined);
    const others = (await lines('images', '-q', '--no-trunc')).filter((image) => image !== fixture);
    for (const image of new Set(others)) await run('rmi', '-f', image).catch(() => undefined);
  });
  afterAll(async () => {
    volumes?.dispose();
    networks?.dispose();
    inventory?.dispose();
    containers?.dispose();
    await engines?.dispose();
    await daemon?.stop();
  });

  /**
   * A running keeper on the fixture image (tagged twice), an image used only by a stopped container (with a
   * named volume only it uses), a dangling image, an unused network.
   */
  async function scene(): Promise<{ onlyStopped: string; dangling: string; stopped: string }> {
    await run('run', '-d', '--name', 'keeper', '--network', 'none', FIXTURE_IMAGE, 'sleep', '3600');
    await run('tag', FIXTURE_IMAGE, 'berth-extra:one');
    await run('create', '--name', 'base-a', '--network', 'none', FIXTURE_IMAGE, 'true');
    await run('commit', 'base-a', 'berth-only-stopped:1');
    await run('create', '--name', 'base-d', '--network', 'none', FIXTURE_IMAGE, 'true');
    const dangling = await run('commit', 'base-d');
    await run('rm', 'base-a', 'base-d');
    const stopped = await run(
      'create',
      '--name',
      'stopped-user',
      '--network',
      'none',
      '-v',
      'only-stopped:/d',
      'berth-only-stopped:1',
      'true',
    );
    await run('network', 'create', 'berth-unused-net');
    return { onlyStopped: await idOf('berth-only-stopped:1'), dangling, stopped };
  }

  describe.each([
    { volumes: false, allImages: false },
    { volumes: true, allImages: false },
    { volumes: false, allImages: true },
    { volumes: true, allImages: true },
  ])('volumes $volumes, all images $allImages', (flags) => {
    it('the preview lists exactly what the prune removed', async () => {
      const { onlyStopped, dangling, stopped } = await scene();
      const options = { engineId: 'local', ...flags };
      const keeperImage = await idOf(FIXTURE_IMAGE);
      const preview = await host.prunePreview(options);

      expect(preview.containers.map((item) => item.id)).toEqual([stopped]);
      expect(preview.networks.map((item) => item.name)).toEqual(['berth-unused-net']);
      const previewedImages = preview.images.map((item) => item.id).sort();
      // Images freed by the containers the same prune removes go too, with --all.
      expect(previewedImages).toEqual(flags.allImages ? [dangling, onlyStopped].sort() : [dangling]);
      // The keeper's image stays; with --all one of its two tags goes (the daemon refuses only the last).
      expect(preview.untagged).toHaveLength(flags.allImages ? 1 : 0);
      expect(preview.volumes.map((item) => item.name)).toEqual(flags.volumes ? ['only-stopped'] : []);

      const result = await host.prune(options);
      expect(result.failures).toEqual([]);
      expect(result.differences).toEqual([]);
      // What the daemon itself still has agrees.
      expect(await lines('ps', '-aq', '--no-trunc')).toHaveLength(1);
      const keptTags = await lines(
        'image',
        'inspect',
        '--format',
        '{{range .RepoTags}}{{println .}}{{end}}',
        keeperImage,
      );
      expect(keptTags).toHaveLength(flags.allImages ? 1 : 2);
      expect(await lines('volume', 'ls', '-q')).toEqual(flags.volumes ? [] : ['only-stopped']);
    });
  });

  it('something that changed after the preview is reported, not hidden', async () => {
    await scene();
    const options = { engineId: 'local', volumes: false, allImages: false };
    await host.prunePreview(options);
    const late = await run('create', '--name', 'late-comer', '--network', 'none', FIXTURE_IMAGE, 'true');
    const result = await host.prune(options);
    expect(result.differences).toEqual([`Containers removed that the preview did not list: ${late}`]);
  });
});
