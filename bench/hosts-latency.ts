import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Dockerode from 'dockerode';

import { endpointForHost } from '../electron/main/docker/engine/endpoint';
import { EngineRegistry } from '../electron/main/docker/engine/engine-registry';
import { refusingPrompts } from '../electron/main/docker/engine/ssh/ssh-session';
import { startSshd } from '../test/rig/sshd';
import { startTlsDaemon } from '../test/rig/tls-daemon';
import {
  printRatios,
  printTimings,
  rotate,
  type Rounds,
  summarizeAll,
  timeRotating,
  writeResults,
} from './support';

/** What one run measures; see bench/README.md. */
export type HostsLatencyOptions = Rounds;

type VariantName = 'tls' | 'ssh' | 'sshPerRequest';

const labels: Record<VariantName, string> = {
  tls: 'TLS tcp:// (EngineRegistry, keep-alive)',
  ssh: 'ssh:// one connection, pooled kept-alive dial-stdio channels (EngineRegistry)',
  sshPerRequest: 'ssh:// a new SSH connection per request (docker-modem)',
};

type ColdName = 'tlsCold' | 'sshCold';
const coldLabels: Record<ColdName, string> = {
  tlsCold: 'TLS tcp://: start → connected → container list answered',
  sshCold: 'ssh://: start → connected → container list answered',
};

interface SignalledPing {
  ping(options: { abortSignal: AbortSignal }): Promise<unknown>;
}

/**
 * To one daemon, over TLS tcp and over Berth's SSH connection: `GET /_ping` round trips on connected engines
 * (three ways, interleaved in rotating order so drift hits all alike: TLS; SSH with its pool of kept-alive
 * `docker system dial-stdio` channels; a new SSH connection per request, which is docker-modem's own `protocol:
 * 'ssh'`), then what a window waits for on a host it has not reached yet: a new registry from `start()` to its
 * first container list answered (the handshakes, `/_ping`, `/version`, the `/events` stream, the list).
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
    const endpoints = {
      tls: endpointForHost(
        'tls',
        'tls',
        { url: tls.host, tls: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey } },
        home,
      ),
      ssh: endpointForHost('ssh', 'ssh', { url: sshd.url() }, home),
    };
    const registryOptions = {
      ssh: { home, localUser: 'root', env: {}, prompts: refusingPrompts },
      logger: { warn: () => undefined },
      // A loaded machine must not turn a slow first connect into a failed run.
      connectTimeoutMs: 30_000,
      sshHandshakeTimeoutMs: 30_000,
    };
    const registry = new EngineRegistry([endpoints.tls, endpoints.ssh], registryOptions);
    registries.push(registry);
    registry.start();
    for (const id of ['tls', 'ssh']) {
      const info = await registry.ready(id);
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

    const viaRegistry = (id: string) => () =>
      registry.request(id, (client, abortSignal) =>
        (client as unknown as SignalledPing).ping({ abortSignal }),
      );
    const samples = await timeRotating<VariantName>(
      { tls: viaRegistry('tls'), ssh: viaRegistry('ssh'), sshPerRequest: () => perRequest.ping() },
      options,
    );
    const stats = summarizeAll(samples);
    console.log(`GET /_ping, ${options.iterations} rounds after ${options.warmup} warm-up:\n`);
    printTimings(labels, stats);

    const cold: Record<ColdName, number[]> = { tlsCold: [], sshCold: [] };
    const coldRounds = { iterations: Math.min(options.iterations, 15), warmup: 1 };
    await rotate<ColdName>(['tlsCold', 'sshCold'], coldRounds, async (name, measured) => {
      const id = name === 'tlsCold' ? 'tls' : 'ssh';
      const engines = new EngineRegistry([endpoints[id]], registryOptions);
      try {
        const started = performance.now();
        engines.start();
        await engines.ready(id);
        await engines.request(id, (client, abortSignal) => client.listContainers({ all: true, abortSignal }));
        if (measured) cold[name].push(performance.now() - started);
      } finally {
        await engines.dispose();
      }
    });
    const coldStats = summarizeAll(cold);
    console.log(`\nA new connection to its first rows, ${coldRounds.iterations} rounds:\n`);
    printTimings(coldLabels, coldStats);

    const ratio = {
      'ssh / tls per request (median)': stats.ssh.median / stats.tls.median,
      'ssh / tls per request (p95)': stats.ssh.p95 / stats.tls.p95,
      'ssh per request / ssh pooled (median)': stats.sshPerRequest.median / stats.ssh.median,
      'ssh / tls connect → rows (median)': coldStats.sshCold.median / coldStats.tlsCold.median,
      'ssh / tls connect → rows (p95)': coldStats.sshCold.p95 / coldStats.tlsCold.p95,
    };
    printRatios(ratio);
    await writeResults(
      'hosts-latency',
      { options, labels: { ...labels, ...coldLabels }, stats: { ...stats, ...coldStats }, ratio },
      registry.client('tls'),
    );
  } finally {
    await Promise.all(registries.map((registry) => registry.dispose()));
    await sshd.stop();
    await tls.stop();
    await rm(home, { recursive: true, force: true });
  }
}
