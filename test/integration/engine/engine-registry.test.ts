import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type EngineInfo, ErrorCode } from '../../../electron/common';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import type { DockerEvent } from '../../../electron/main/docker/engine/events';
import { docker, FIXTURE_IMAGE, rigDockerHost, rigSocketPath, skipUnlessRig, waitFor } from '../../rig';
import {
  activeResources,
  containerArgs,
  endpointFor,
  fastBackoff,
  leftovers,
  removeGroup,
  uniqueName,
} from '../helpers';

const GROUP = 'engine-registry';

skipUnlessRig('EngineRegistry against a real daemon', () => {
  const registries: EngineRegistry[] = [];
  const track = (registry: EngineRegistry): EngineRegistry => {
    registries.push(registry);
    return registry;
  };

  afterEach(async () => {
    await Promise.all(registries.splice(0).map((registry) => registry.dispose()));
  });
  afterAll(() => removeGroup(GROUP));

  it('connects and reports the API version, the engine version and the ping latency', async () => {
    const registry = track(new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff }));
    const statuses: EngineInfo[] = [];
    const connected: string[] = [];
    registry.onStatusChanged((info) => statuses.push(info));
    registry.onConnected((engineId) => connected.push(engineId));

    expect(registry.info('local').status.state).toBe('connecting');
    registry.start();
    const info = await registry.ready('local');

    const version = JSON.parse(await docker('version', '--format', '{{json .Server}}')) as {
      ApiVersion: string;
      Version: string;
    };
    expect(info.status).toMatchObject({
      state: 'connected',
      apiVersion: version.ApiVersion,
      engineVersion: version.Version,
    });
    expect(info.status.latencyMs).toBeGreaterThanOrEqual(0);
    expect(info.status.lastError).toBeUndefined();
    expect(info.address).toBe(rigDockerHost());
    expect(statuses.map((status) => status.status.state)).toEqual(['connected']);
    expect(connected).toEqual(['local']);
    expect(registry.list()).toEqual([info]);
    expect(typeof registry.client('local').listContainers).toBe('function');
  });

  it('rejects unknown engine ids with NOT_FOUND', async () => {
    const registry = track(new EngineRegistry([endpointFor(rigDockerHost())]));
    expect(() => registry.info('nope')).toThrowError(expect.objectContaining({ code: ErrorCode.NotFound }));
    expect(() => registry.client('nope')).toThrowError(expect.objectContaining({ code: ErrorCode.NotFound }));
    await expect(registry.reconnect('nope')).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  describe('with a socket path where no daemon is (yet)', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'berth-absent-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('reports unreachable with the address and why, then connects by itself when the daemon appears', async () => {
      const socketPath = join(dir, 'docker.sock');
      const address = `unix://${socketPath}`;
      const registry = track(new EngineRegistry([endpointFor(address)], { backoff: fastBackoff }));
      const connected: string[] = [];
      registry.onConnected((engineId) => connected.push(engineId));
      registry.start();

      const down = await registry.ready('local');
      expect(down.status.state).toBe('unreachable');
      expect(down.status.lastError).toBe(
        `Cannot reach the Docker engine at ${address}: no socket exists at that path.`,
      );
      expect(() => registry.client('local')).toThrowError(
        expect.objectContaining({ code: ErrorCode.EngineUnreachable, message: down.status.lastError }),
      );

      // The daemon "appears" at that path.
      await symlink(rigSocketPath(), socketPath);
      await waitFor(() => registry.info('local').status.state === 'connected', { description: 'connected' });
      expect(registry.info('local').status.lastError).toBeUndefined();
      expect(connected).toEqual(['local']);
    });
  });

  it('delivers container events from /events (Action, Actor.ID)', async () => {
    const registry = track(new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff }));
    const events: DockerEvent[] = [];
    registry.onEvent((engineId, event) => {
      expect(engineId).toBe('local');
      events.push(event);
    });
    registry.start();
    await registry.ready('local');

    const id = await docker('create', ...containerArgs(uniqueName('event'), GROUP));
    const created = await waitFor(() =>
      events.find((event) => event.type === 'container' && event.action === 'create' && event.actorId === id),
    );
    expect(created.attributes.image).toBe(FIXTURE_IMAGE);
    expect(created.timeNano).toBeGreaterThan(BigInt(Date.now() - 60_000) * 1_000_000n);
  });

  it('reconnect() on a connected engine opens a fresh stream and fires onConnected again', async () => {
    const registry = track(new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff }));
    const connected: string[] = [];
    registry.onConnected((engineId) => connected.push(engineId));
    registry.start();
    await registry.ready('local');
    await registry.reconnect('local');
    expect(registry.info('local').status.state).toBe('connected');
    expect(connected).toEqual(['local', 'local']);

    // The new stream works.
    const events: DockerEvent[] = [];
    registry.onEvent((_engineId, event) => events.push(event));
    const id = await docker('create', ...containerArgs(uniqueName('reconnect'), GROUP));
    await waitFor(() => events.some((event) => event.actorId === id), { description: 'the create event' });
  });

  it('dispose() leaves no sockets or timers behind', async () => {
    const before = activeResources();
    const registry = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
    registry.start();
    await registry.ready('local');
    await registry.request('local', (client, abortSignal) =>
      client.listContainers({ all: true, abortSignal }),
    );
    expect(activeResources()).not.toEqual(before);
    await registry.dispose();
    expect(leftovers(before, activeResources())).toEqual([]);
  });
});
