import { spawn } from 'node:child_process';

import { afterAll, beforeAll, describe } from 'vitest';

import {
  dockerCli,
  FIXTURE_IMAGE,
  type PrivateDaemon,
  privateDaemonUnavailableReason,
  startPrivateDaemon,
} from './private-daemon';
import { freePort } from './tls-daemon';

/**
 * A real two-node swarm on loopback: a manager dockerd and a worker dockerd, each a private daemon of the rig
 * (own data-root, exec-root, pidfile, socket, no bridge, no iptables), the worker joined with its own
 * listen/advertise port. Services without networks run on both nodes. Overlay networks only work while all
 * tasks of the network sit on one node (two nodes in one network namespace collide on the VXLAN device), so
 * tests that use one pin their services to the manager (`node.role==manager`).
 *
 * It is started by the test files that need it (see {@link useRigSwarm}), not by the global setup: most runs
 * need no swarm, and two more daemons cost memory and a few seconds.
 */
export interface RigSwarm {
  manager: PrivateDaemon;
  worker: PrivateDaemon;
  /** `unix://…` of the manager's and the worker's socket. */
  managerHost: string;
  workerHost: string;
  managerNodeId: string;
  workerNodeId: string;
  /** `127.0.0.1:<port>`: the manager's swarm listen address (what `swarm join` is given). */
  managerAddress: string;
  workerAddress: string;
  stop(): Promise<void>;
}

/** Why a rig swarm cannot run here, or undefined. */
export function swarmUnavailableReason(): string | undefined {
  if (process.env.BERTH_RIG_NO_SWARM) return 'BERTH_RIG_NO_SWARM is set';
  return privateDaemonUnavailableReason();
}

/** `docker save` on one daemon piped into `docker load` on another (the worker has no registry to pull from). */
function copyImage(from: string, to: string, image: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const save = spawn('docker', ['-H', from, 'save', image], { stdio: ['ignore', 'pipe', 'pipe'] });
    const load = spawn('docker', ['-H', to, 'load', '-q'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    save.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    load.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    save.stdout.pipe(load.stdin);
    save.on('error', reject);
    load.on('error', reject);
    load.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`copying ${image} failed (${code}): ${stderr.trim()}`)),
    );
  });
}

async function initSwarm(manager: PrivateDaemon, worker: PrivateDaemon): Promise<Omit<RigSwarm, 'stop'>> {
  const [managerPort, workerPort, dataPathPort] = [await freePort(), await freePort(), await freePort()];
  const managerAddress = `127.0.0.1:${managerPort}`;
  const workerAddress = `127.0.0.1:${workerPort}`;
  await dockerCli(manager.host, [
    'swarm',
    'init',
    '--advertise-addr',
    managerAddress,
    '--listen-addr',
    managerAddress,
    '--data-path-port',
    String(dataPathPort),
  ]);
  const token = await dockerCli(manager.host, ['swarm', 'join-token', '-q', 'worker']);
  await dockerCli(worker.host, [
    'swarm',
    'join',
    '--token',
    token,
    '--listen-addr',
    workerAddress,
    '--advertise-addr',
    workerAddress,
    managerAddress,
  ]);
  const nodeId = (host: string): Promise<string> =>
    dockerCli(host, ['info', '--format', '{{.Swarm.NodeID}}']);
  return {
    manager,
    worker,
    managerHost: manager.host,
    workerHost: worker.host,
    managerNodeId: await nodeId(manager.host),
    workerNodeId: await nodeId(worker.host),
    managerAddress,
    workerAddress,
  };
}

/** Services first (their tasks stop with them), then the worker, then the manager. */
async function stopSwarm(manager: PrivateDaemon, worker: PrivateDaemon): Promise<void> {
  try {
    const services = (await dockerCli(manager.host, ['service', 'ls', '-q'])).split('\n').filter(Boolean);
    if (services.length > 0) await dockerCli(manager.host, ['service', 'rm', ...services]);
  } catch {
    // the daemon may be gone already; stopping it below is what matters
  }
  await worker.stop();
  await manager.stop();
}

/** Starts the two daemons, builds the fixture image on both and forms the swarm. */
export async function startRigSwarm(): Promise<RigSwarm> {
  const unavailable = swarmUnavailableReason();
  if (unavailable) throw new Error(`Cannot start a rig swarm: ${unavailable}`);
  const [manager, worker] = await Promise.all([
    startPrivateDaemon(),
    startPrivateDaemon({ buildImage: false }),
  ]);
  try {
    await copyImage(manager.host, worker.host, FIXTURE_IMAGE);
    let lastError: unknown;
    // A free port may be taken between finding and binding it; a second try picks others.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const swarm = await initSwarm(manager, worker);
        return { ...swarm, stop: () => stopSwarm(manager, worker) };
      } catch (error) {
        lastError = error;
        await dockerCli(worker.host, ['swarm', 'leave', '--force']).catch(() => undefined);
        await dockerCli(manager.host, ['swarm', 'leave', '--force']).catch(() => undefined);
      }
    }
    throw lastError;
  } catch (error) {
    await Promise.all([manager.stop(), worker.stop()]);
    throw error;
  }
}

/**
 * A `describe` with a rig swarm for its tests: started in `beforeAll`, stopped in `afterAll`; skipped with the
 * reason when no private daemon can run here. `swarm()` returns it inside tests and hooks.
 */
export function describeWithSwarm(name: string, body: (swarm: () => RigSwarm) => void): void {
  const reason = swarmUnavailableReason();
  if (reason) console.warn(`[rig] "${name}" skipped: ${reason}`);
  describe.skipIf(reason !== undefined)(name, () => {
    let running: RigSwarm | undefined;
    beforeAll(async () => {
      running = await startRigSwarm();
    }, 180_000);
    afterAll(async () => {
      await running?.stop();
    }, 120_000);
    body(() => {
      if (!running) throw new Error('The rig swarm is not running (beforeAll failed?)');
      return running;
    });
  });
}
