// Records what a real dockerd answers to the requests the fleet simulator serves, into bench/fleet/recorded/*.json,
// so the simulator's synthetic data has the daemon's own shape. `node bench/run.mjs --only fleet-record` (a private
// daemon of its own; nothing else is touched). Re-record after an Engine API upgrade.
import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type Dockerode from 'dockerode';

import { FIXTURE_IMAGE } from '../../test/rig/private-daemon';
import { runContainer, withBenchDaemon } from '../support';

const RECORDED_DIR = join(fileURLToPath(new URL('.', import.meta.url)), 'recorded');

/** One GET on the daemon's socket: status, the headers that matter, the parsed body. */
export function getJson(
  socketPath: string,
  path: string,
): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const headers: Record<string, string> = {};
        for (const name of ['api-version', 'docker-experimental', 'ostype', 'server', 'content-type']) {
          const value = res.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        let body: unknown = text;
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          // `/_ping` answers plain text
        }
        resolve({ status: res.statusCode ?? 0, headers, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The events `act` caused: `/events` with `since` and `until` is a finite answer (NDJSON), read once it ends. */
async function captureEvents(socketPath: string, act: () => Promise<void>): Promise<unknown[]> {
  const since = Math.floor(Date.now() / 1000) - 1;
  await act();
  const until = Math.floor(Date.now() / 1000) + 1;
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const { body } = await getJson(socketPath, `/events?since=${since}&until=${until}`);
  return String(body)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

async function seed(client: Dockerode): Promise<void> {
  await runContainer(client, 'recorded-running', ['sleep', '3600']);
  const exited = await client.createContainer({
    name: 'recorded-exited',
    Image: FIXTURE_IMAGE,
    Cmd: ['sh', '-c', 'exit 3'],
    Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'db' },
    HostConfig: { NetworkMode: 'none', Binds: ['recorded-data:/data'] },
  });
  await exited.start();
  await exited.wait();
  await client.createVolume({ Name: 'recorded-data-2', Labels: { purpose: 'record' } });
}

/** What the simulator serves, from one real daemon. */
export async function main(): Promise<void> {
  await withBenchDaemon(async (daemon, client) => {
    await seed(client);
    const socket = daemon.socketPath;
    const record: Record<string, unknown> = {};
    for (const [name, path] of [
      ['ping', '/_ping'],
      ['version', '/version'],
      ['info', '/info'],
      ['containers', '/containers/json?all=1'],
      ['images', '/images/json'],
      ['volumes', '/volumes'],
      ['networks', '/networks'],
      ['notFound', '/containers/0000000000000000/json'],
    ] as const) {
      record[name] = await getJson(socket, path);
    }
    const running = (await client.listContainers({ filters: { name: ['recorded-running'] } }))[0].Id;
    record.stats = await getJson(socket, `/containers/${running}/stats?stream=false`);
    record.inspect = await getJson(socket, `/containers/${running}/json`);
    record.events = await captureEvents(socket, async () => {
      const id = await runContainer(client, 'recorded-events', ['sh', '-c', 'exit 0']);
      await client.getContainer(id).wait();
      await client.getContainer(id).remove();
    });
    const file = join(RECORDED_DIR, 'dockerd-20.10.json');
    await writeFile(
      file,
      `${JSON.stringify({ recordedAt: new Date().toISOString(), ...record }, null, 2)}\n`,
    );
    console.log(`[fleet-record] wrote ${file}`);
  });
}
