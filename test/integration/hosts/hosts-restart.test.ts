import { afterAll, beforeAll, expect, it } from 'vitest';

import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import {
  dockerCli,
  type RigSshd,
  skipUnlessRemoteRig,
  startSshd,
  startTlsDaemon,
  type TlsDaemon,
  waitFor,
} from '../../rig';
import { containerArgs, fastBackoff, uniqueName, waitForListToMatchDocker } from '../helpers';
import { hostEndpoint, makeSshHome, recordingPrompts, sshEnvironment, type SshHome } from '../remote-helpers';

const GROUP = 'hosts-restart';

// A TLS daemon and an sshd of their own: restarting the shared ones would pull them from under other tests.
skipUnlessRemoteRig('a remote daemon that restarts', () => {
  let tls: TlsDaemon;
  let sshd: RigSshd;
  let home: SshHome;
  let engines: EngineRegistry;
  let service: ContainerService;
  const run = (...args: string[]): Promise<string> => dockerCli(tls.daemon.host, args);

  beforeAll(async () => {
    tls = await startTlsDaemon();
    sshd = await startSshd({ dockerHost: tls.daemon.host });
    home = await makeSshHome();
    await home.addKey(sshd.keyFile);
    await home.write('known_hosts', `${sshd.knownHostsLine}\n`);
    const { certs } = tls;
    engines = new EngineRegistry(
      [
        hostEndpoint('tls', {
          url: tls.host,
          tls: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey },
        }),
        hostEndpoint('ssh', { url: sshd.url() }),
      ],
      { backoff: fastBackoff, ssh: sshEnvironment(home, recordingPrompts({})) },
    );
    service = new ContainerService(engines);
  });
  afterAll(async () => {
    service?.dispose();
    await engines?.dispose();
    await sshd?.stop();
    await tls?.stop();
    await home?.remove();
  });

  it('both the TLS and the SSH engine go unreachable, reconnect by themselves and converge to docker ps -a', async () => {
    const states = new Map<string, string[]>([
      ['tls', []],
      ['ssh', []],
    ]);
    const connects = new Map<string, number>();
    engines.onStatusChanged((info) => states.get(info.id)?.push(info.status.state));
    engines.onConnected((engineId) => connects.set(engineId, (connects.get(engineId) ?? 0) + 1));
    engines.start();
    await Promise.all([engines.ready('tls'), engines.ready('ssh')]);
    const before = await run('create', ...containerArgs(uniqueName('before'), GROUP));
    for (const engineId of ['tls', 'ssh']) {
      await waitFor(async () => (await service.list(engineId)).items.some((item) => item.id === before));
    }

    await tls.daemon.kill();
    await waitFor(() => [...states.values()].every((list) => list.includes('unreachable')), {
      description: 'both unreachable',
    });
    expect(engines.info('tls').status.lastError).toContain(tls.host);
    expect(engines.info('ssh').status.lastError).toContain(sshd.url());

    await tls.daemon.start();
    // Created right after the daemon is back, possibly before Berth has reconnected: only a resync can show it.
    const during = await run('create', ...containerArgs(uniqueName('during'), GROUP));
    for (const engineId of ['tls', 'ssh']) {
      await waitFor(() => engines.info(engineId).status.state === 'connected', {
        description: `${engineId} reconnected`,
        timeoutMs: 30_000,
      });
      const converged = await waitForListToMatchDocker(service, engineId, run);
      expect(converged.map((item) => item.id)).toEqual(expect.arrayContaining([before, during]));
      expect(connects.get(engineId)).toBeGreaterThanOrEqual(2);
      expect(states.get(engineId)?.slice(0, 2)).toEqual(['connected', 'unreachable']);
      expect(states.get(engineId)?.at(-1)).toBe('connected');
    }
  });
});
