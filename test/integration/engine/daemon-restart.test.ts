import { afterAll, beforeAll, expect, it } from 'vitest';

import type { EngineInfo } from '../../../electron/common';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { dockerCli, type PrivateDaemon, skipUnlessRig, startPrivateDaemon, waitFor } from '../../rig';
import { containerArgs, endpointFor, fastBackoff, uniqueName, waitForListToMatchDocker } from '../helpers';

const GROUP = 'daemon-restart';

// A daemon of its own: stopping the shared rig daemon would pull it from under every other test.
skipUnlessRig('a daemon that stops and comes back', () => {
  let daemon: PrivateDaemon;
  let engines: EngineRegistry;
  let service: ContainerService;
  const run = (...args: string[]): Promise<string> => dockerCli(daemon.host, args);

  beforeAll(async () => {
    daemon = await startPrivateDaemon();
    engines = new EngineRegistry([endpointFor(daemon.host)], { backoff: fastBackoff });
    service = new ContainerService(engines);
  });
  afterAll(async () => {
    service?.dispose();
    await engines?.dispose();
    await daemon?.stop();
  });

  it('goes unreachable, reconnects by itself, fires onConnected again and converges to docker ps -a', async () => {
    const statuses: EngineInfo['status'][] = [];
    let connects = 0;
    engines.onStatusChanged((info) => statuses.push(info.status));
    engines.onConnected(() => connects++);
    engines.start();
    await engines.ready('local');
    const before = await run('create', ...containerArgs(uniqueName('before'), GROUP));
    await waitFor(async () => (await service.list('local')).items.some((item) => item.id === before));
    expect(connects).toBe(1);

    await daemon.kill();
    const down = await waitFor(() => statuses.find((status) => status.state === 'unreachable'), {
      description: 'unreachable',
    });
    expect(down.lastError).toContain(daemon.host);
    await expect(service.list('local')).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE' });

    await daemon.start();
    // Created right after the daemon is back, possibly before Berth has reconnected: only a resync can be trusted.
    const during = await run('create', ...containerArgs(uniqueName('during'), GROUP));
    await waitFor(() => engines.info('local').status.state === 'connected', { description: 'reconnected' });
    expect(connects).toBe(2);

    const converged = await waitForListToMatchDocker(service, 'local', run);
    expect(converged.map((item) => item.id)).toEqual(expect.arrayContaining([before, during]));
    const states = statuses.map((status) => status.state);
    expect(states.slice(0, 2)).toEqual(['connected', 'unreachable']);
    expect(states.at(-1)).toBe('connected');
  });
});
