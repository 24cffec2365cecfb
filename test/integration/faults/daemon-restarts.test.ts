import { afterAll, beforeAll, expect, it } from 'vitest';

import { type EventName, type IpcEventMap, logBatchLines } from '../../../electron/common';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { LogService } from '../../../electron/main/docker/containers/details/logs/log-service';
import { StatsStreams } from '../../../electron/main/docker/containers/details/stats-stream';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import type { Publish } from '../../../electron/main/docker/ports';
import { dockerCli, type PrivateDaemon, skipUnlessRig, startPrivateDaemon, waitFor } from '../../rig';
import { containerArgs, endpointFor, fastBackoff, uniqueName, waitForListToMatchDocker } from '../helpers';

const GROUP = 'faults-restarts';
const RESTARTS = 5;

type Published = { [E in EventName]: { name: E; payload: IpcEventMap[E] } }[EventName];

/** The sequence numbers a log stream delivered (each line of the counter container is one number). */
function numbersOf(events: readonly Published[], streamId: string): number[] {
  const numbers: number[] = [];
  for (const event of events) {
    if (event.name !== 'logs:received' || event.payload.streamId !== streamId) continue;
    for (const line of logBatchLines(event.payload)) numbers.push(Number(line.text));
  }
  return numbers;
}

// Fault suite: the daemon stops and starts again, five times, while Berth follows a log, samples stats and keeps
// the container list. `--live-restore` keeps the container running meanwhile, so its counter goes on and the
// followed log must show every number exactly once. A daemon of its own, so the others are not disturbed.
skipUnlessRig('a daemon stopped and restarted while Berth follows it', () => {
  let daemon: PrivateDaemon;
  let engines: EngineRegistry;
  let containers: ContainerService;
  let logs: LogService;
  let stats: StatsStreams;
  const events: Published[] = [];
  const publish: Publish = (name, payload) => events.push({ name, payload } as Published);
  const run = (...args: string[]): Promise<string> => dockerCli(daemon.host, args);

  beforeAll(async () => {
    daemon = await startPrivateDaemon({ extraArgs: ['--live-restore'] });
    engines = new EngineRegistry([endpointFor(daemon.host)], { backoff: fastBackoff });
    containers = new ContainerService(engines);
    logs = new LogService(engines, { publish });
    stats = new StatsStreams(engines, { publish });
    engines.start();
  });
  afterAll(async () => {
    logs?.closeAll();
    stats?.closeAll();
    containers?.dispose();
    await engines?.dispose();
    // Live-restored containers outlive their daemon: remove them first.
    await run('rm', '-f', ...(await run('ps', '-aq')).split('\n').filter(Boolean)).catch(() => undefined);
    await daemon?.stop();
  });

  it(`resumes the followed log (no line lost or repeated), the stats and the list after ${RESTARTS} restarts`, async () => {
    await engines.ready('local');
    const counter = ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo $i; sleep 0.05; done'];
    const id = await run('run', '-d', ...containerArgs(uniqueName('counter'), GROUP, counter));
    const { streamId } = await logs.open({ engineId: 'local', id, follow: true, tail: 'all' });
    const { streamId: statsId } = await stats.open({ engineId: 'local', id });
    const count = (name: EventName, stream: string): number =>
      events.filter(
        (event) => event.name === name && 'streamId' in event.payload && event.payload.streamId === stream,
      ).length;
    await waitFor(() => numbersOf(events, streamId).length >= 5, { description: 'the first lines' });

    for (let round = 1; round <= RESTARTS; round += 1) {
      await daemon.restart();
      // Changed while Berth may not have reconnected yet: only the resync after the reconnect shows it.
      await run('create', ...containerArgs(uniqueName(`round${round}`), GROUP));
      await waitFor(() => count('streams:resumed', streamId) === round, {
        description: `the log resumed (round ${round})`,
        timeoutMs: 30_000,
      });
      const seen = numbersOf(events, streamId).length;
      await waitFor(() => numbersOf(events, streamId).length > seen + 3, { description: 'new lines' });
      await waitFor(() => count('streams:resumed', statsId) === round, {
        description: `the stats resumed (round ${round})`,
        timeoutMs: 30_000,
      });
      await waitForListToMatchDocker(containers, 'local', run);
    }

    const numbers = numbersOf(events, streamId);
    const expected = Array.from({ length: numbers.length }, (_, index) => index + 1);
    expect(numbers).toEqual(expected);
    expect(count('streams:interrupted', streamId)).toBe(RESTARTS);
    expect(events.some((event) => event.name === 'logs:ended')).toBe(false);
    const statsAfter = events.filter((event) => event.name === 'stats:sampled').length;
    await waitFor(() => events.filter((event) => event.name === 'stats:sampled').length > statsAfter, {
      description: 'stats samples after the last restart',
    });
  });
});
