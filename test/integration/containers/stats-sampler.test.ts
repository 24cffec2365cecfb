import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import type { ContainerUsage } from '../../../electron/common/containers/usage';
import { ContainerStatsSampler } from '../../../electron/main/docker/containers/stats-sampler';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { ManualTimers } from '../../mocks/manual-timers';
import {
  type CountingProxy,
  docker,
  pathnameOf,
  rigSocketPath,
  skipUnlessRig,
  startCountingProxy,
  waitFor,
} from '../../rig';
import { containerArgs, endpointFor, fastBackoff, removeGroup, uniqueName } from '../helpers';

const GROUP = 'stats-sampler';

skipUnlessRig('ContainerStatsSampler against a real daemon (through a counting proxy)', () => {
  let proxy: CountingProxy;
  let engines: EngineRegistry;
  let sampler: ContainerStatsSampler;
  let timers: ManualTimers;
  let samples: ContainerUsage[];
  let busy: string;
  let idle: string[];
  let stopped: string;

  const statsRequests = () =>
    proxy.requests.filter((request) => /^\/containers\/[^/]+\/stats$/.test(pathnameOf(request.path)));
  const samplesOf = (id: string) => samples.filter((sample) => sample.id === id);

  beforeAll(async () => {
    proxy = await startCountingProxy(rigSocketPath());
    // One container burns CPU, so its CPU % is clearly above zero; the others sleep.
    busy = await docker(
      'run',
      '-d',
      ...containerArgs(uniqueName('busy'), GROUP, ['sh', '-c', 'while :; do :; done']),
    );
    idle = await Promise.all(
      [1, 2, 3, 4, 5].map(() => docker('run', '-d', ...containerArgs(uniqueName('idle'), GROUP))),
    );
    stopped = await docker('create', ...containerArgs(uniqueName('stopped'), GROUP));
  });
  afterAll(async () => {
    await removeGroup(GROUP);
    await proxy.close();
  });
  beforeEach(async () => {
    engines = new EngineRegistry([endpointFor(proxy.host)], { backoff: fastBackoff });
    timers = new ManualTimers();
    sampler = new ContainerStatsSampler(engines, { timers, intervalMs: 5000 });
    samples = [];
    sampler.onSampled((batch) => {
      expect(batch.engineId).toBe('local');
      samples.push(...batch.samples);
    });
    engines.start();
    await engines.ready('local');
    proxy.reset();
  });
  afterEach(async () => {
    sampler.dispose();
    await engines.dispose();
  });

  it('samples exactly the visible ids with one-shot requests, CPU % from its own previous sample', async () => {
    const ids = [busy, ...idle];
    sampler.watch({ engineId: 'local', ids, visible: true });
    await waitFor(() => ids.every((id) => samplesOf(id).length === 1), {
      description: 'a first sample of each',
    });
    // A one-shot sample has no previous one: memory yes, CPU not yet.
    for (const id of ids) {
      const [first] = samplesOf(id);
      expect(first?.cpuPercent).toBeUndefined();
      expect(first?.memoryBytes).toBeGreaterThan(0);
      expect(first?.memoryLimitBytes).toBeGreaterThan(0);
    }
    const requests = statsRequests();
    expect(requests).toHaveLength(ids.length);
    for (const request of requests) {
      const query = new URL(request.path, 'http://x').searchParams;
      expect(query.get('stream')).toBe('false');
      expect(query.get('one-shot')).toBe('true');
    }
    expect(new Set(requests.map((request) => pathnameOf(request.path).split('/')[2]))).toEqual(new Set(ids));

    // The next round is scheduled (not run) once this one is over.
    await waitFor(() => timers.pending.size === 1, { description: 'the next round to be scheduled' });
    timers.fireAll();
    await waitFor(() => ids.every((id) => samplesOf(id).length === 2), {
      description: 'a second sample of each',
    });
    const busyCpu = samplesOf(busy)[1]?.cpuPercent ?? -1;
    expect(busyCpu).toBeGreaterThan(20);
    for (const id of idle) {
      expect(samplesOf(id)[1]?.cpuPercent).toBeGreaterThanOrEqual(0);
      expect(samplesOf(id)[1]?.cpuPercent).toBeLessThan(busyCpu);
    }
    expect(statsRequests()).toHaveLength(ids.length * 2);
  });

  it('makes no stats request while the window is hidden, the page is hidden, or nothing is on screen', async () => {
    const ids = idle.slice(0, 2);
    const settleRound = async () => {
      await waitFor(() => !sampler.isSampling('local') || timers.pending.size === 1, {
        description: 'the round in flight to end',
      });
    };

    sampler.setWindowVisible(false);
    sampler.watch({ engineId: 'local', ids, visible: true });
    expect(sampler.isSampling('local')).toBe(false);
    timers.fireAll();
    expect(statsRequests()).toHaveLength(0);

    // Shown again: sampling resumes at once.
    sampler.setWindowVisible(true);
    expect(sampler.isSampling('local')).toBe(true);
    await waitFor(() => samples.length === ids.length, { description: 'samples after showing the window' });
    await settleRound();

    // Minimised or hidden to the tray: the scheduled round is dropped.
    sampler.setWindowVisible(false);
    expect(sampler.isSampling('local')).toBe(false);
    expect(timers.pending.size).toBe(0);
    proxy.reset();
    timers.fireAll();
    sampler.watch({ engineId: 'local', ids, visible: true });
    expect(statsRequests()).toHaveLength(0);

    // The page itself hidden (document.visibilityState), window visible.
    sampler.setWindowVisible(true);
    await waitFor(() => samples.length === ids.length * 2, { description: 'samples again' });
    await settleRound();
    sampler.watch({ engineId: 'local', ids, visible: false });
    expect(sampler.isSampling('local')).toBe(false);
    proxy.reset();
    timers.fireAll();
    expect(statsRequests()).toHaveLength(0);

    // Nothing on screen.
    sampler.watch({ engineId: 'local', ids: [], visible: true });
    expect(sampler.isSampling('local')).toBe(false);
    timers.fireAll();
    expect(statsRequests()).toHaveLength(0);
  });

  it('emits nothing for a container that is not running, and keeps sampling the others', async () => {
    sampler.watch({ engineId: 'local', ids: [stopped, busy], visible: true });
    await waitFor(() => samplesOf(busy).length === 1 && statsRequests().length === 2, {
      description: 'both requests answered',
    });
    await waitFor(() => timers.pending.size === 1, { description: 'the round to end' });
    expect(samplesOf(stopped)).toEqual([]);
  });
});
