import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

import { ErrorCode } from '../../../electron/common';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import {
  docker,
  dockerCli,
  rigDockerHost,
  rigRemote,
  type RigRemoteInfo,
  skipUnlessRemoteRig,
  startTlsFront,
  type TlsFront,
  waitFor,
} from '../../rig';
import { containerArgs, endpointFor, fastBackoff, removeGroup, uniqueName } from '../helpers';
import {
  hostEndpoint,
  makeSshHome,
  recordingPrompts,
  sshEnvironment,
  type SshHome,
  startBlackHole,
  tlsSpec,
} from '../remote-helpers';

const GROUP = 'hosts-tls';

skipUnlessRemoteRig('TLS hosts, every kind at once, and hosts that hang', () => {
  let remote: RigRemoteInfo;
  let home: SshHome;
  const registries: EngineRegistry[] = [];
  const track = (registry: EngineRegistry): EngineRegistry => {
    registries.push(registry);
    return registry;
  };
  const tlsDocker = (...args: string[]): Promise<string> => dockerCli(remote.tls.socketHost, args);

  beforeAll(async () => {
    remote = rigRemote() as RigRemoteInfo;
    home = await makeSshHome();
    await home.addKey(remote.ssh.keyFile);
    await home.write('known_hosts', `${remote.ssh.knownHostsLine}\n`);
  });
  afterEach(async () => {
    await Promise.all(registries.splice(0).map((registry) => registry.dispose()));
  });
  afterAll(async () => {
    await home?.remove();
    await removeGroup(GROUP);
    await removeGroup(GROUP, tlsDocker);
  });

  it('connects to a unix socket, a TLS daemon and an SSH host at once, each action going to its own daemon', async () => {
    const engines = track(
      new EngineRegistry(
        [
          endpointFor(rigDockerHost(), 'local'),
          hostEndpoint('tls', tlsSpec(remote)),
          hostEndpoint('ssh', { url: `ssh://root@127.0.0.1:${remote.ssh.port}` }),
        ],
        { backoff: fastBackoff, ssh: sshEnvironment(home, recordingPrompts({})) },
      ),
    );
    const service = new ContainerService(engines);
    engines.start();
    await Promise.all(['local', 'tls', 'ssh'].map((id) => engines.ready(id)));
    expect(engines.list().map((info) => [info.id, info.kind, info.status.state])).toEqual([
      ['local', 'unix', 'connected'],
      ['tls', 'tcp', 'connected'],
      ['ssh', 'ssh', 'connected'],
    ]);

    const onLocal = await docker('create', ...containerArgs(uniqueName('local'), GROUP));
    const onRemote = await tlsDocker('create', ...containerArgs(uniqueName('remote'), GROUP));
    await waitFor(
      async () => {
        const [local, tls, ssh] = await Promise.all(['local', 'tls', 'ssh'].map((id) => service.list(id)));
        const ids = (list: typeof local): string[] => list?.items.map((item) => item.id) ?? [];
        return (
          ids(local).includes(onLocal) &&
          !ids(local).includes(onRemote) &&
          ids(tls).includes(onRemote) &&
          ids(ssh).includes(onRemote) &&
          !ids(tls).includes(onLocal)
        );
      },
      { description: 'each container on its own daemon' },
    );

    // An action sent to the TLS engine lands on the TLS daemon only.
    await service.start({ engineId: 'tls', id: onRemote });
    expect(await tlsDocker('inspect', '--format', '{{.State.Running}}', onRemote)).toBe('true');
    expect(await docker('inspect', '--format', '{{.State.Running}}', onLocal)).toBe('false');
    service.dispose();
  });

  it('refuses a daemon whose certificate is not signed by the given CA (unknown CA)', async () => {
    const engines = track(new EngineRegistry([], { backoff: fastBackoff }));
    const probed = await engines.probe(
      hostEndpoint(
        'wrong-ca',
        tlsSpec(remote, { tls: { ...tlsSpec(remote).tls, ca: remote.tls.certs.wrongCa } }),
      ),
    );
    expect(probed.status).toMatchObject({
      state: 'unreachable',
      lastError: `Cannot reach the Docker engine at ${remote.tls.host}: its TLS certificate is not signed by the CA Berth was given (unknown CA).`,
    });
  });

  it('refuses a certificate that does not name the address it was reached at (no SAN for 127.0.0.1)', async () => {
    let front: TlsFront | undefined;
    try {
      front = await startTlsFront(
        remote.tls.certs.noSanCert,
        remote.tls.certs.noSanKey,
        remote.tls.socketPath,
      );
      const engines = track(new EngineRegistry([], { backoff: fastBackoff }));
      const probed = await engines.probe(hostEndpoint('no-san', tlsSpec(remote, { url: front.host })));
      expect(probed.status).toMatchObject({
        state: 'unreachable',
        lastError: `Cannot reach the Docker engine at ${front.host}: its TLS certificate is not valid for this address (127.0.0.1 is not among the certificate's subject alternative names).`,
      });
      // The same front with verification explicitly off (the visible opt-in) does reach the daemon: the refusal
      // above was the certificate check, not a broken front.
      const insecure = await engines.probe(
        hostEndpoint('no-san-insecure', { url: front.host, skipTlsVerify: true, allowInsecure: true }),
      );
      expect(insecure.status.state).toBe('connected');
    } finally {
      await front?.close();
    }
  });

  it('says the daemon requires a client certificate when none is given (authFailed)', async () => {
    const engines = track(new EngineRegistry([], { backoff: fastBackoff }));
    const probed = await engines.probe(
      hostEndpoint('no-cert', { url: remote.tls.host, tls: { ca: remote.tls.certs.ca } }),
    );
    expect(probed.status.state).toBe('authFailed');
    expect(probed.status.lastError).toMatch(
      new RegExp(
        `^Cannot reach the Docker engine at ${remote.tls.host.replace(/\./g, '\\.')}: the daemon (requires a client certificate, and none was given|refused the client certificate)`,
      ),
    );
  });

  it('refuses plain tcp to the TLS daemon unless allowed, and then reports what the daemon says', async () => {
    const engines = track(new EngineRegistry([], { backoff: fastBackoff }));
    const refused = await engines.probe(hostEndpoint('plain', { url: remote.tls.host }));
    expect(refused.status.lastError).toMatch(/plain tcp: not encrypted/);
    const allowed = await engines.probe(hostEndpoint('plain', { url: remote.tls.host, allowInsecure: true }));
    expect(allowed.status.state).not.toBe('connected');
    expect(allowed.status.lastError).toMatch(/HTTP request to an HTTPS server|closed the connection/);
  });

  it('marks a host that accepts TCP and never answers unreachable within 10 s, while the local host keeps answering', async () => {
    const blackHole = await startBlackHole();
    const { port } = blackHole;
    try {
      // Production deadlines (connect 5 s): nothing is shortened for the test.
      const engines = track(
        new EngineRegistry(
          [
            endpointFor(rigDockerHost(), 'local'),
            hostEndpoint('hung', { url: `tcp://127.0.0.1:${port}`, allowInsecure: true }),
          ],
          { backoff: fastBackoff },
        ),
      );
      const started = Date.now();
      engines.start();
      expect((await engines.ready('local')).status.state).toBe('connected');
      // While the hung host is still connecting, the local one answers requests.
      let answered = 0;
      while (engines.info('hung').status.state === 'connecting') {
        await engines.request('local', (client, abortSignal) =>
          client.listContainers({ all: true, abortSignal }),
        );
        answered++;
      }
      const hung = engines.info('hung');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(hung.status).toMatchObject({
        state: 'unreachable',
        lastError: `The Docker engine at tcp://127.0.0.1:${port} did not answer within 5 s.`,
      });
      expect(answered).toBeGreaterThan(0);
      await expect(engines.request('hung', (client) => client.ping())).rejects.toMatchObject({
        code: ErrorCode.EngineUnreachable,
      });
    } finally {
      await blackHole.close();
    }
  });

  it('marks an SSH server that accepts TCP and never answers unreachable within 10 s', async () => {
    const blackHole = await startBlackHole();
    const { port } = blackHole;
    try {
      const engines = track(
        new EngineRegistry([hostEndpoint('hung-ssh', { url: `ssh://root@127.0.0.1:${port}` })], {
          backoff: fastBackoff,
          ssh: sshEnvironment(home, recordingPrompts({})),
        }),
      );
      const started = Date.now();
      engines.start();
      const info = await engines.ready('hung-ssh');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(info.status).toMatchObject({
        state: 'unreachable',
        lastError: `The SSH handshake with root@127.0.0.1:${port} did not finish within 8 s.`,
      });
    } finally {
      await blackHole.close();
    }
  });
});
