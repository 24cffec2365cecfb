import type http from 'node:http';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ContainerUsage } from '../../../../electron/common/containers/usage';
import { ContainerStatsSampler } from '../../../../electron/main/docker/containers/stats-sampler';
import { resolveLocalEndpoint } from '../../../../electron/main/docker/engine/endpoint';
import { EngineRegistry } from '../../../../electron/main/docker/engine/engine-registry';
import { ManualTimers } from '../../../mocks/manual-timers';
import { waitFor } from '../../../rig';
import { type FakeDaemon, startFakeDaemon } from '../engine/fake-daemon';

/** A held stats request: answered when the test says so, with CPU numbers the test chooses. */
interface Held {
  id: string;
  query: URLSearchParams;
  response: http.ServerResponse;
}

function statsBody(totalUsage: number, systemUsage: number, readAt: string): string {
  return JSON.stringify({
    read: readAt,
    cpu_stats: { cpu_usage: { total_usage: totalUsage }, system_cpu_usage: systemUsage, online_cpus: 4 },
    precpu_stats: {},
    memory_stats: { usage: 64 * 1024 * 1024, stats: { inactive_file: 0 }, limit: 1024 * 1024 * 1024 },
  });
}

// Only the fake can hold stats answers open to count how many are in flight at once; the real-daemon behaviour
// (one-shot queries, zero requests when hidden) is in test/integration/stats-sampler.test.ts.
describe('ContainerStatsSampler request discipline (fake daemon holding stats answers)', () => {
  let fake: FakeDaemon;
  let engines: EngineRegistry;
  let sampler: ContainerStatsSampler;
  let timers: ManualTimers;
  let held: Held[];
  let inFlight: number;
  let maxInFlight: number;
  let samples: ContainerUsage[];
  const ids = Array.from({ length: 10 }, (_, index) => `c${index}`.padEnd(12, '0'));

  const answer = (request: Held, total: number, system: number, readAt: string): void => {
    held.splice(held.indexOf(request), 1);
    request.response.writeHead(200, { 'Content-Type': 'application/json' });
    request.response.end(statsBody(total, system, readAt));
  };

  beforeEach(async () => {
    fake = await startFakeDaemon();
    held = [];
    inFlight = 0;
    maxInFlight = 0;
    samples = [];
    fake.routes.push((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      const match = /\/containers\/([^/]+)\/stats$/.exec(url.pathname);
      if (match === null) return false;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      response.on('close', () => inFlight--);
      held.push({ id: match[1] ?? '', query: url.searchParams, response });
      return true;
    });
    engines = new EngineRegistry([resolveLocalEndpoint({ DOCKER_HOST: fake.host }, 'linux', '/')], {
      backoff: { initialMs: 5, maxMs: 50, jitter: 0 },
    });
    timers = new ManualTimers();
    sampler = new ContainerStatsSampler(engines, { timers, logger: { warn: () => undefined } });
    sampler.onSampled((batch) => samples.push(...batch.samples));
    engines.start();
    await engines.ready('local');
  });
  afterEach(async () => {
    sampler.dispose();
    for (const request of [...held]) request.response.destroy();
    await engines.dispose();
    await fake.close();
  });

  it('keeps at most 4 requests in flight per engine and works through the whole screen', async () => {
    sampler.watch({ engineId: 'local', ids, visible: true });
    await waitFor(() => held.length === 4, { description: '4 held requests' });
    for (let answered = 0; answered < ids.length; answered++) {
      // Answer one; the sampler tops up to 4 (while ids remain), never beyond.
      await waitFor(() => held.length === Math.min(4, ids.length - answered), {
        description: 'the pool refilled',
      });
      const next = held[0];
      if (next === undefined) throw new Error('nothing held');
      expect(next.query.get('stream')).toBe('false');
      expect(next.query.get('one-shot')).toBe('true');
      answer(next, 1e9, 100e9, '2026-11-29T20:00:00Z');
    }
    await waitFor(() => samples.length === ids.length, { description: 'all samples' });
    expect(maxInFlight).toBe(4);
    expect(new Set(samples.map((sample) => sample.id))).toEqual(new Set(ids));
    expect(samples.every((sample) => sample.memoryBytes === 64 * 1024 * 1024)).toBe(true);
  });

  it('computes CPU % from its own previous reading of the same container', async () => {
    const [id = ''] = ids;
    sampler.watch({ engineId: 'local', ids: [id], visible: true });
    await waitFor(() => held.length === 1);
    answer(held[0], 10e9, 1000e9, '2026-11-29T20:00:00Z');
    await waitFor(() => samples.length === 1 && timers.pending.size === 1);
    expect(samples[0]?.cpuPercent).toBeUndefined();

    timers.fireAll();
    await waitFor(() => held.length === 1);
    // The host spent 20 s of CPU (4 CPUs × 5 s), the container 3 s: 60 % of one CPU.
    answer(held[0], 13e9, 1020e9, '2026-11-29T20:00:05Z');
    await waitFor(() => samples.length === 2);
    expect(samples[1]?.cpuPercent).toBeCloseTo(60);
    expect(samples[1]?.sampledAt).toBe(Date.parse('2026-11-29T20:00:05Z'));
  });

  it('aborts the requests in flight when the window is hidden, and starts no new ones', async () => {
    sampler.watch({ engineId: 'local', ids, visible: true });
    await waitFor(() => held.length === 4);
    const before = fake.requests.length;
    sampler.setWindowVisible(false);
    await waitFor(() => inFlight === 0, { description: 'the held requests to be aborted' });
    expect(sampler.isSampling('local')).toBe(false);
    timers.fireAll();
    expect(fake.requests.length).toBe(before);
    expect(samples).toEqual([]);
  });

  it('drops ids that scrolled out of view before their turn', async () => {
    sampler.watch({ engineId: 'local', ids, visible: true });
    await waitFor(() => held.length === 4);
    const shown = held.map((request) => request.id);
    // Only the first four are still on screen.
    sampler.watch({ engineId: 'local', ids: shown, visible: true });
    for (const request of [...held]) answer(request, 1e9, 100e9, '2026-11-29T20:00:00Z');
    await waitFor(() => samples.length === 4 && timers.pending.size === 1);
    const statsPaths = fake.requests.filter((line) => line.includes('/stats'));
    expect(statsPaths).toHaveLength(4);
  });
});
