import { afterAll, beforeAll, expect, it } from 'vitest';

import { defaultSettings, type EngineId } from '../../../electron/common';
import { ContainerInventory } from '../../../electron/main/docker/containers/container-inventory';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { createContainerDetailsServices } from '../../../electron/main/docker/containers/details/index';
import { ContainerStatsSampler } from '../../../electron/main/docker/containers/stats-sampler';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { ImageService } from '../../../electron/main/docker/images/image-service';
import { NetworkService } from '../../../electron/main/docker/networks/network-service';
import { EventsService } from '../../../electron/main/docker/system/events-service';
import { VolumeService } from '../../../electron/main/docker/volumes/volume-service';
import { NotificationService } from '../../../electron/main/notifications/notification-service';
import { docker, rigDockerHost, skipUnlessRig, waitFor } from '../../rig';
import { containerArgs, endpointFor, fastBackoff, removeGroup, uniqueName } from '../helpers';

const GROUP = 'host-removal';

/**
 * Two engines on the rig daemon; one is removed as the hosts service removes a host. Everything main keeps per
 * engine must let go of it: list snapshots, the shared container inventory, the event timeline, stats sampling,
 * log/stats streams, what notifications remember, and the engine's own event stream.
 */
skipUnlessRig('removing a host releases everything main kept for its engine', () => {
  let engines: EngineRegistry;
  let containers: ContainerService;
  let images: ImageService;
  let inventory: ContainerInventory;
  let volumes: VolumeService;
  let networks: NetworkService;
  let events: EventsService;
  let sampler: ContainerStatsSampler;
  let notifications: NotificationService;
  let details: ReturnType<typeof createContainerDetailsServices>;
  let running: string;
  const seen: Array<{ engineId: EngineId; actorId: string }> = [];

  beforeAll(async () => {
    running = await docker(
      'run',
      '-d',
      ...containerArgs(uniqueName('removal'), GROUP, ['sh', '-c', 'while true; do echo tick; sleep 1; done']),
    );
    engines = new EngineRegistry(
      [endpointFor(rigDockerHost(), 'gone'), endpointFor(rigDockerHost(), 'stays')],
      {
        backoff: fastBackoff,
      },
    );
    containers = new ContainerService(engines);
    images = new ImageService(engines, containers);
    inventory = new ContainerInventory(engines, containers);
    volumes = new VolumeService(engines, inventory);
    networks = new NetworkService(engines, inventory);
    events = new EventsService(engines);
    sampler = new ContainerStatsSampler(engines, { intervalMs: 200 });
    notifications = new NotificationService(
      {
        onEvent: (listener) => engines.onEvent(listener),
        onStatusChanged: (listener) => engines.onStatusChanged(listener),
        onOperationUpdated: () => () => undefined,
        onEngineRemoved: (listener) => engines.onRemoved(listener),
      },
      { settings: () => defaultSettings, show: () => undefined },
    );
    details = createContainerDetailsServices(engines, {
      publish: () => undefined,
      chooseSavePath: () => Promise.resolve(undefined),
      chooseOpenPath: () => Promise.resolve(undefined),
    });
    engines.onEvent((engineId, event) => seen.push({ engineId, actorId: event.actorId }));
    engines.start();
    await engines.ready('gone');
    await engines.ready('stays');
  });
  afterAll(async () => {
    details.closeAll();
    notifications.dispose();
    sampler.dispose();
    events.dispose();
    networks.dispose();
    volumes.dispose();
    inventory.dispose();
    images.dispose();
    containers.dispose();
    await engines.dispose();
    await removeGroup(GROUP);
  });

  it('drops the per-engine maps, closes its streams and its event stream', async () => {
    // Use everything per engine on the host about to go.
    await Promise.all([
      containers.list('gone'),
      images.list('gone'),
      volumes.list('gone'),
      networks.list('gone'),
      inventory.list('gone'),
      events.list({ engineId: 'gone' }),
    ]);
    sampler.watch({ engineId: 'gone', ids: [running], visible: true });
    await details.logs.open({ engineId: 'gone', id: running, follow: true, tail: 10 });
    await details.stats.open({ engineId: 'gone', id: running });
    await docker('stop', '-t', '0', running);
    await waitFor(() => seen.some((event) => event.engineId === 'gone' && event.actorId === running));

    const lists = {
      containers: containers['containers']['states'],
      images: images['images']['states'],
      volumes: volumes['volumes']['states'],
      networks: networks['networks']['states'],
    };
    for (const states of Object.values(lists)) expect(states.has('gone')).toBe(true);
    expect(events['logs'].has('gone')).toBe(true);
    expect(sampler['watches'].has('gone')).toBe(true);
    expect(notifications['connected'].has('gone')).toBe(true);
    expect(details.logs.openCount + details.stats.openCount).toBeGreaterThan(0);

    await engines.remove('gone');

    for (const [name, states] of Object.entries(lists))
      expect({ name, has: states.has('gone') }).toEqual({ name, has: false });
    expect(events['logs'].has('gone')).toBe(false);
    expect(sampler['watches'].has('gone')).toBe(false);
    expect([...sampler['previous'].keys()].some((key) => key.startsWith('gone/'))).toBe(false);
    expect(sampler.isSampling('gone')).toBe(false);
    expect(notifications['connected'].has('gone')).toBe(false);
    expect([...notifications['lastStopRequest'].keys()].some((key) => key.startsWith('gone/'))).toBe(false);
    expect(details.logs.openCount).toBe(0);
    expect(details.stats.openCount).toBe(0);
    // A watch that crosses the removal starts nothing.
    sampler.watch({ engineId: 'gone', ids: [running], visible: true });
    expect(sampler['watches'].has('gone')).toBe(false);

    // Its event stream is closed: the daemon's next event reaches the other engine only.
    const before = seen.length;
    await docker('start', running);
    await waitFor(() =>
      seen.slice(before).some((event) => event.engineId === 'stays' && event.actorId === running),
    );
    expect(seen.slice(before).filter((event) => event.engineId === 'gone')).toEqual([]);
    // The host that stays keeps its state.
    expect((await containers.list('stays')).items.some((container) => container.id === running)).toBe(true);
  });
});
