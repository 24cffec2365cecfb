import { afterAll, beforeAll, expect, it } from 'vitest';

import type { EngineInfo } from '../../../electron/common';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { type PrivateDaemon, rigDockerHost, skipUnlessRig, startPrivateDaemon, waitFor } from '../../rig';
import { endpointFor, fastBackoff } from '../helpers';

// Fault suite: a daemon frozen with SIGSTOP (a hung host), with the production heartbeat settings. A daemon of
// its own, since freezing the shared rig daemon would stall every other test.
skipUnlessRig('a daemon frozen with SIGSTOP', () => {
  let daemon: PrivateDaemon;
  let engines: EngineRegistry;
  let service: ContainerService;
  let frozenPid: number | undefined;
  const thaw = (): void => {
    if (frozenPid !== undefined) process.kill(frozenPid, 'SIGCONT');
    frozenPid = undefined;
  };

  beforeAll(async () => {
    daemon = await startPrivateDaemon({ buildImage: false });
    engines = new EngineRegistry(
      [endpointFor(daemon.host, 'frozen'), endpointFor(rigDockerHost(), 'other')],
      {
        backoff: fastBackoff,
      },
    );
    service = new ContainerService(engines);
  });
  afterAll(async () => {
    thaw();
    service?.dispose();
    await engines?.dispose();
    await daemon?.stop();
  });

  it('is marked not answering within 10 s, leaves the other host alone, and is back after SIGCONT', async () => {
    const statuses: EngineInfo['status'][] = [];
    let connects = 0;
    engines.onStatusChanged((info) => {
      if (info.id === 'frozen') statuses.push(info.status);
    });
    engines.onConnected((engineId) => {
      if (engineId === 'frozen') connects += 1;
    });
    engines.start();
    expect((await engines.ready('frozen')).status.state).toBe('connected');
    expect((await engines.ready('other')).status.state).toBe('connected');

    const frozenAt = Date.now();
    frozenPid = daemon.pid;
    process.kill(frozenPid, 'SIGSTOP');
    const marked = await waitFor(() => statuses.find((status) => status.state === 'notAnswering'), {
      description: 'not answering',
      timeoutMs: 40_000,
    });
    const markedAfterMs = marked.since - frozenAt;
    console.info(`[faults] frozen daemon marked not answering after ${markedAfterMs} ms`);
    expect(markedAfterMs).toBeLessThanOrEqual(10_000);
    expect(marked.lastError).toContain('has not answered');

    // The frozen host refuses at once instead of hanging; the other host answers as usual meanwhile.
    const refusedAt = Date.now();
    await expect(service.list('frozen')).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE' });
    expect(Date.now() - refusedAt).toBeLessThan(1_000);
    const other = await service.list('other');
    expect(Array.isArray(other.items)).toBe(true);
    expect(engines.info('other').status.state).toBe('connected');

    thaw();
    await waitFor(() => engines.info('frozen').status.state === 'connected', {
      description: 'back after SIGCONT',
    });
    // Same connection: the held heartbeat was answered, nothing had to reconnect.
    expect(connects).toBe(1);
    expect((await service.list('frozen')).items).toEqual(expect.any(Array));
  });
});
