// The fleet simulator (bench/fleet) is for benchmarks only; this checks that what it serves has the shape of what
// the rig's real dockerd answers to the same requests, so the benchmarks measure Berth on realistic data.
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SimulatedDaemon } from '../../../bench/fleet/simulator';
import { docker, rigSocketPath, skipUnlessRig } from '../../rig';

function get(socketPath: string, path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text,
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Every key path with its JSON type (`$.Names[]` → string); arrays are described by their first element. */
function shape(value: unknown, path = '$', out = new Map<string, string>()): Map<string, string> {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  out.set(path, type);
  if (Array.isArray(value)) {
    if (value.length > 0) shape(value[0], `${path}[]`, out);
  } else if (type === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      // Maps keyed by data (labels, networks by name) are compared by their values' shape only.
      const mapLike = /Labels|Networks|Options|Containers|Attributes$/.test(key);
      if (mapLike && child !== null && typeof child === 'object' && !Array.isArray(child)) {
        out.set(`${path}.${key}`, 'object');
        for (const inner of Object.values(child)) shape(inner, `${path}.${key}.*`, out);
      } else shape(child, `${path}.${key}`, out);
    }
  }
  return out;
}

skipUnlessRig('fleet simulator', () => {
  describe('the fleet simulator answers in the real daemon’s shape', () => {
    let dir: string;
    let sim: SimulatedDaemon;
    let running: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'berth-sim-shape-'));
      sim = new SimulatedDaemon({ name: 'shape', socketPath: join(dir, 'sim.sock'), containers: 5 });
      await sim.start();
      await docker('volume', 'create', '--label', 'berth-test=sim-shape', 'berth-sim-shape');
      running = (
        await docker(
          'run',
          '-d',
          '--network',
          'none',
          '--label',
          'berth-test=sim-shape',
          'berth-test/busybox:latest',
          'sleep',
          '300',
        )
      ).trim();
    });

    afterAll(async () => {
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
      await docker('rm', '-f', running).catch(() => undefined);
      await docker('volume', 'rm', 'berth-sim-shape').catch(() => undefined);
    });

    const simRunning = (): string => sim.containerIds[0];

    // The rig daemon is shared with tests running at the same time: its lists are read for objects of this test
    // (and the fixture image), so the first element compared is always of the same kind.
    const only = (filters: Record<string, string[]>): string =>
      `filters=${encodeURIComponent(JSON.stringify(filters))}`;
    it.each([
      ['/_ping', ''],
      ['/version', ''],
      ['/info', ''],
      ['/containers/json?all=1', `&${only({ label: ['berth-test=sim-shape'] })}`],
      ['/images/json', `?${only({ reference: ['berth-test/busybox:latest'] })}`],
      ['/volumes', `?${only({ name: ['berth-sim-shape'] })}`],
      ['/networks', `?${only({ name: ['none'] })}`],
      ['/containers/{running}/json', ''],
      ['/containers/{running}/stats?stream=false', ''],
    ])('%s', async (path, realFilter) => {
      const real = await get(rigSocketPath(), `${path.replace('{running}', running)}${realFilter}`);
      const simulated = await get(sim.options.socketPath, path.replace('{running}', simRunning()));
      expect(simulated.status).toBe(real.status);
      const ours = shape(simulated.body);
      const parentOf = (path: string): string => path.replace(/(\[\]|\.[^.[\]]*)$/, '');
      const nullAbove = (path: string): boolean => {
        for (let p = parentOf(path); p !== path && p !== ''; path = p, p = parentOf(p)) {
          if (ours.get(p) === 'null') return true;
        }
        return false;
      };
      // A field the daemon sends as null in one answer and as [] or {} in another (Dns, Labels…) is the same field.
      const differs = [...shape(real.body)].filter(([path, type]) => {
        const simType = ours.get(path);
        if (simType === undefined) return !nullAbove(path);
        return simType !== type && simType !== 'null' && type !== 'null';
      });
      expect(
        differs.map(([path, type]) => `${path}: ${type} (simulated: ${ours.get(path) ?? 'missing'})`),
      ).toEqual([]);
    });

    it('filters /containers/json by id as the daemon does', async () => {
      const id = sim.containerIds[3];
      const { body } = await get(
        sim.options.socketPath,
        `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ id: [id.slice(0, 12)] }))}`,
      );
      expect((body as { Id: string }[]).map((c) => c.Id)).toEqual([id]);
    });

    it('streams a container event in the daemon’s shape when a container changes', async () => {
      const line = await new Promise<string>((resolve, reject) => {
        const req = request({ socketPath: sim.options.socketPath, path: '/events' }, (res) => {
          res.once('data', (chunk: Buffer) => {
            resolve(chunk.toString('utf8'));
            req.destroy();
          });
          sim.toggle(sim.containerIds[1]);
        });
        req.on('error', reject);
        req.end();
      });
      const event = JSON.parse(line) as { Type: string; Action: string; Actor: { ID: string } };
      expect(event).toMatchObject({ Type: 'container', Actor: { ID: sim.containerIds[1] } });
      expect(['start', 'die']).toContain(event.Action);
    });
  });
});
