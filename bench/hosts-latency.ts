import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Dockerode from 'dockerode';

import { endpointForHost } from '../electron/main/docker/engine/endpoint';
import { EngineRegistry } from '../electron/main/docker/engine/engine-registry';
import { refusingPrompts } from '../electron/main/docker/engine/ssh/ssh-session';
import { startSshd } from '../test/rig/sshd';
import { startTlsDaemon } from '../test/rig/tls-daemon';
import { printRatios, printTimings, type Rounds, summarizeAll, timeRotating, writeResults } from './support';

/** What one run measures; see bench/README.md. */
export type HostsLatencyOptions = Rounds;

type VariantName = 'tls' | 'sshPersistent' | 'sshReused' | 'sshPerRequest';

const labels: Record<VariantName, string> = {
  tls: 'TLS tcp:// (EngineRegistry, keep-alive)',
  sshPersistent: 'ssh:// one connection, a channel per request (EngineRegistry, default)',
  sshReused: 'ssh:// one connection, channels kept alive (sshReuseChannels)',
  sshPerRequest: 'ssh:// a new SSH connection per request (docker-modem)',
};

interface SignalledPing {
  ping(options: { abortSignal: AbortSignal }): Promise<unknown>;
}

/**
 * `GET /_ping` round trips to one daemon four ways, interleaved in rotating order so drift hits all alike: over
 * TLS tcp; over Berth's persistent SSH connection with one `docker system dial-stdio` channel per request (the
 * default, no new handshake); over the same with channels kept alive between requests; and over a new SSH
 * connection per request, which is what docker-modem's own `protocol: 'ssh'` does.
 */
export async function main(options: HostsLatencyOptions): Promise<void> {
  const tls = await startTlsDaemon({ buildImage: false });
  const sshd = await startSshd({ dockerHost: tls.daemon.host });
  const home = await mkdtemp(join(tmpdir(), 'berth-bench-home-'));
  const registries: EngineRegistry[] = [];
  try {
    await mkdir(join(home, '.ssh'), { mode: 0o700 });
    await copyFile(sshd.keyFile, join(home, '.ssh', 'id_ed25519'));
    await writeFile(join(home, '.ssh', 'known_hosts'), `${sshd.knownHostsLine}\n`, { mode: 0o600 });
    const { certs } = tls;
    const registry = new EngineRegistry(
      [
        endpointForHost(
          'tls',
          'tls',
          { url: tls.host, tls: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey } },
          home,
        ),
        endpointForHost('ssh', 'ssh', { url: sshd.url() }, home),
      ],
      {
        ssh: { home, localUser: 'root', env: {}, prompts: refusingPrompts },
        logger: { warn: () => undefined },
      },
    );
    const reusing = new EngineRegistry([endpointForHost('ssh', 'ssh', { url: sshd.url() }, home)], {
      ssh: { home, localUser: 'root', env: {}, prompts: refusingPrompts },
      sshReuseChannels: true,
      logger: { warn: () => undefined },
    });
    registries.push(registry, reusing);
    registry.start();
    reusing.start();
    for (const [engines, id] of [
      [registry, 'tls'],
      [registry, 'ssh'],
      [reusing, 'ssh'],
    ] as const) {
      const info = await engines.ready(id);
      if (info.status.state !== 'connected')
        throw new Error(`${id}: ${info.status.lastError ?? info.status.state}`);
    }
    const perRequest = new Dockerode({
      protocol: 'ssh',
      host: '127.0.0.1',
      port: sshd.port,
      username: 'root',
      socketPath: undefined,
      sshOptions: { privateKey: await readFile(sshd.keyFile) },
    });

    const viaRegistry = (engines: EngineRegistry, id: string) => () =>
      engines.request(id, (client, abortSignal) =>
        (client as unknown as SignalledPing).ping({ abortSignal }),
      );
    const samples = await timeRotating<VariantName>(
      {
        tls: viaRegistry(registry, 'tls'),
        sshPersistent: viaRegistry(registry, 'ssh'),
        sshReused: viaRegistry(reusing, 'ssh'),
        sshPerRequest: () => perRequest.ping(),
      },
      options,
    );

    const stats = summarizeAll(samples);
    console.log(`GET /_ping, ${options.iterations} rounds after ${options.warmup} warm-up:\n`);
    printTimings(labels, stats);
    const ratio = {
      'ssh persistent / tls (median)': stats.sshPersistent.median / stats.tls.median,
      'ssh per request / ssh persistent (median)': stats.sshPerRequest.median / stats.sshPersistent.median,
      'ssh per request / tls (median)': stats.sshPerRequest.median / stats.tls.median,
      'ssh channels kept alive / tls (median)': stats.sshReused.median / stats.tls.median,
      'ssh persistent / ssh channels kept alive (median)':
        stats.sshPersistent.median / stats.sshReused.median,
      'ssh persistent / tls (p95)': stats.sshPersistent.p95 / stats.tls.p95,
      'ssh per request / ssh persistent (p95)': stats.sshPerRequest.p95 / stats.sshPersistent.p95,
    };
    printRatios(ratio);
    await writeResults('hosts-latency', { options, labels, stats, ratio }, registry.client('tls'));
  } finally {
    await Promise.all(registries.map((registry) => registry.dispose()));
    await sshd.stop();
    await tls.stop();
    await rm(home, { recursive: true, force: true });
  }
}
