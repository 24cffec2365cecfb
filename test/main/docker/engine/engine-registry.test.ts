import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { type EngineInfo, ErrorCode } from '../../../../electron/common';
import { resolveLocalEndpoint } from '../../../../electron/main/docker/engine/endpoint';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  EngineRegistry,
  type EngineRegistryOptions,
} from '../../../../electron/main/docker/engine/engine-registry';
import type { DockerEvent } from '../../../../electron/main/docker/engine/events';
import { waitFor } from '../../../rig';
import { type FakeDaemon, startFakeDaemon } from './fake-daemon';

// Long enough that a loaded CI machine never misses it on a healthy fake daemon (the test must not depend on
// machine speed), short enough that the tests waiting it out stay quick.
const CONNECT_TIMEOUT_MS = 900;

const quick: EngineRegistryOptions = {
  backoff: { initialMs: 5, maxMs: 50, jitter: 0 },
  connectTimeoutMs: CONNECT_TIMEOUT_MS,
  logger: { warn: () => undefined },
};

function endpointAt(host: string): ReturnType<typeof resolveLocalEndpoint> {
  return resolveLocalEndpoint({ DOCKER_HOST: host }, 'linux', '/nonexistent-home');
}

function eventLine(action: string, id: string, timeNano: bigint): string {
  return `{"Type":"container","Action":"${action}","Actor":{"ID":"${id}","Attributes":{}},"scope":"local","time":${timeNano / 1_000_000_000n},"timeNano":${timeNano}}\n`;
}

describe('backoffDelay', () => {
  it.each([
    [0, 0.5, 250],
    [1, 0.5, 500],
    [4, 0.5, 4000],
    [7, 0.5, 30_000],
    [50, 0.5, 30_000],
    [0, 0, 200],
    [0, 0.999999, 300],
    [7, 0, 24_000],
  ])('attempt %i with random %f → %i ms (250 ms → 30 s, ±20 %%)', (attempt, random, expected) => {
    expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => random)).toBe(expected);
  });
});

describe('EngineRegistry (fake daemons for failures a real one cannot produce on demand)', () => {
  let unhandled: unknown[];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  const registries: EngineRegistry[] = [];
  const track = (registry: EngineRegistry): EngineRegistry => {
    registries.push(registry);
    return registry;
  };

  beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    await Promise.all(registries.splice(0).map((registry) => registry.dispose()));
    // Give a stray rejection the chance to surface before we look.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });

  describe('with a fake daemon', () => {
    let fake: FakeDaemon;
    beforeEach(async () => {
      fake = await startFakeDaemon();
    });
    afterEach(() => fake.close());

    it('connects: ping, version, then the event stream', async () => {
      const registry = track(new EngineRegistry([endpointAt(fake.host)], quick));
      registry.start();
      const info = await registry.ready('local');
      expect(info.status).toMatchObject({
        state: 'connected',
        apiVersion: '1.41',
        engineVersion: '99.0.0-fake',
      });
      expect(fake.requests.map((request) => request.split('?')[0])).toEqual([
        'GET /_ping',
        'GET /version',
        'GET /events',
      ]);
    });

    it('is not thrown off by docker-modem env defaults (tcp DOCKER_HOST with unreadable DOCKER_CERT_PATH)', async () => {
      const saved = { ...process.env };
      try {
        Object.assign(process.env, {
          DOCKER_HOST: 'tcp://elsewhere.example:2376',
          DOCKER_TLS_VERIFY: '1',
          DOCKER_CERT_PATH: '/nonexistent-certs',
        });
        const registry = track(new EngineRegistry([endpointAt(fake.host)], quick));
        registry.start();
        expect((await registry.ready('local')).status.state).toBe('connected');
        expect(process.env.DOCKER_CERT_PATH).toBe('/nonexistent-certs');
      } finally {
        process.env = saved;
      }
    });

    it('turns unreachable when the event stream ends, reconnects with since=, and signals a refresh', async () => {
      const registry = track(new EngineRegistry([endpointAt(fake.host)], quick));
      const connected: string[] = [];
      const statuses: EngineInfo[] = [];
      registry.onConnected((engineId) => connected.push(engineId));
      registry.onStatusChanged((info) => statuses.push(info));
      registry.start();
      await registry.ready('local');
      const events: DockerEvent[] = [];
      registry.onEvent((_engineId, event) => events.push(event));
      fake.sendEvents(eventLine('create', 'c1', 1795980693699423756n));
      await waitFor(() => events.length === 1);

      for (const stream of fake.eventStreams) stream.end();
      await waitFor(() => connected.length === 2, { description: 'the reconnect' });
      const states = statuses.map((info) => info.status.state);
      expect(states).toEqual(['connected', 'unreachable', 'connected']);
      expect(statuses[1]?.status.lastError).toBe(
        `Lost the connection to the Docker engine at ${fake.host}: the daemon closed it.`,
      );
      const reopened = fake.requests.filter((request) => request.startsWith('GET /events')).at(-1);
      expect(reopened).toContain('since=1795980693.699423757');
    });

    it('marks a daemon that stops answering the heartbeat notAnswering, keeps the connection, and is back when it answers', async () => {
      const registry = track(
        new EngineRegistry([endpointAt(fake.host)], {
          ...quick,
          heartbeatMs: 30,
          answerTimeoutMs: 50,
          lostAfterMs: 60_000,
        }),
      );
      const connected: string[] = [];
      registry.onConnected((engineId) => connected.push(engineId));
      registry.start();
      await registry.ready('local');

      // The event stream stays open but the daemon stops answering (a frozen process): the ping is held.
      const held: http.ServerResponse[] = [];
      fake.routes.push((request, response) => {
        if (!request.url?.startsWith('/_ping')) return false;
        held.push(response);
        return true;
      });
      await waitFor(() => registry.info('local').status.state === 'notAnswering', {
        description: 'not answering',
      });
      expect(registry.info('local').status.lastError).toBe(
        `The Docker engine at ${fake.host} has not answered for 0.1 s: it may be frozen or overloaded. Berth keeps the connection and waits for it.`,
      );
      await expect(registry.request('local', (client) => client.ping())).rejects.toMatchObject({
        code: ErrorCode.EngineUnreachable,
      });

      // It wakes up: the held ping is answered, and the same connection is back (no reconnect, no refetch).
      fake.routes.length = 0;
      for (const response of held) response.end('OK');
      await waitFor(() => registry.info('local').status.state === 'connected', { description: 'back' });
      expect(registry.info('local').status).toMatchObject({
        apiVersion: '1.41',
        engineVersion: '99.0.0-fake',
      });
      expect(connected).toEqual(['local']);
    });

    it('drops the connection of a daemon that does not answer for lostAfterMs, then reconnects', async () => {
      const registry = track(
        new EngineRegistry([endpointAt(fake.host)], {
          ...quick,
          heartbeatMs: 30,
          answerTimeoutMs: 20,
          lostAfterMs: 300,
        }),
      );
      const connected: string[] = [];
      const states: string[] = [];
      registry.onConnected((engineId) => connected.push(engineId));
      registry.onStatusChanged((info) => states.push(info.status.state));
      registry.start();
      await registry.ready('local');

      let hanging = true;
      fake.routes.push((request) => (hanging && request.url?.startsWith('/_ping') ? undefined : false));
      await waitFor(() => registry.info('local').status.state === 'unreachable', {
        description: 'unreachable',
      });
      expect(states.slice(0, 3)).toEqual(['connected', 'notAnswering', 'unreachable']);

      hanging = false;
      await waitFor(() => connected.length === 2, { description: 'the reconnect' });
      expect(registry.info('local').status.state).toBe('connected');
    });

    it('does not ping a daemon whose events show it is alive', async () => {
      const registry = track(new EngineRegistry([endpointAt(fake.host)], { ...quick, heartbeatMs: 2000 }));
      registry.start();
      await registry.ready('local');
      const events: DockerEvent[] = [];
      registry.onEvent((_engineId, event) => events.push(event));
      const pingsBefore = fake.requests.filter((request) => request.includes('/_ping')).length;
      for (let index = 1; index <= 6; index += 1) {
        fake.sendEvents(eventLine('start', `c${index}`, BigInt(index)));
        await waitFor(() => events.length === index);
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      // 6 × 400 ms of events spans more than a quiet period, yet no ping was needed.
      expect(fake.requests.filter((request) => request.includes('/_ping')).length).toBe(pingsBefore);
    });

    it('skips an unreadable event line and keeps the stream', async () => {
      const warn = vi.fn();
      const registry = track(new EngineRegistry([endpointAt(fake.host)], { ...quick, logger: { warn } }));
      registry.start();
      await registry.ready('local');
      const events: DockerEvent[] = [];
      registry.onEvent((_engineId, event) => events.push(event));
      fake.sendEvents('{"Type":"container","Act');
      fake.sendEvents('ion":"start"\n'); // broken JSON across two chunks
      fake.sendEvents(eventLine('start', 'c2', 2n));
      await waitFor(() => events.length === 1);
      expect(events[0]).toMatchObject({ action: 'start', actorId: 'c2' });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(registry.info('local').status.state).toBe('connected');
    });

    it('isolates a throwing listener from the others', async () => {
      const warn = vi.fn();
      const registry = track(new EngineRegistry([endpointAt(fake.host)], { ...quick, logger: { warn } }));
      const seen: string[] = [];
      registry.onEvent(() => {
        throw new Error('listener bug');
      });
      registry.onEvent((_engineId, event) => seen.push(event.actorId));
      registry.start();
      await registry.ready('local');
      fake.sendEvents(eventLine('die', 'c3', 3n));
      await waitFor(() => seen.length === 1);
      expect(warn).toHaveBeenCalledWith('[engines] a listener threw:', expect.any(Error));
    });

    it('stops calling a listener once it unsubscribes', async () => {
      const registry = track(new EngineRegistry([endpointAt(fake.host)], quick));
      const kept: string[] = [];
      const dropped: string[] = [];
      registry.onEvent((_engineId, event) => kept.push(event.actorId));
      const off = registry.onEvent((_engineId, event) => dropped.push(event.actorId));
      registry.start();
      await registry.ready('local');
      off();
      fake.sendEvents(eventLine('die', 'c4', 4n));
      await waitFor(() => kept.length === 1);
      expect(dropped).toEqual([]);
    });
  });

  describe('engines added, changed and removed at run time', () => {
    let first: FakeDaemon;
    let second: FakeDaemon;
    beforeEach(async () => {
      first = await startFakeDaemon();
      second = await startFakeDaemon();
    });
    afterEach(async () => {
      await first.close();
      await second.close();
    });
    const at = (host: string, id: string) => ({ ...endpointAt(host), id, name: id });

    it('add() connects a new engine at once and announces it; remove() closes it and says so', async () => {
      const registry = track(new EngineRegistry([at(first.host, 'local')], quick));
      const statuses: string[] = [];
      const removed: string[] = [];
      registry.onStatusChanged((info) => statuses.push(`${info.id}:${info.status.state}`));
      registry.onRemoved((engineId) => removed.push(engineId));
      registry.start();
      await registry.ready('local');

      expect(() => registry.add(at(second.host, 'local'))).toThrowError(
        expect.objectContaining({ code: ErrorCode.Conflict }),
      );
      const added = registry.add(at(second.host, 'remote'));
      expect(added.status.state).toBe('connecting');
      expect((await registry.ready('remote')).status.state).toBe('connected');
      expect(registry.list().map((info) => info.id)).toEqual(['local', 'remote']);
      expect(statuses).toEqual(['local:connected', 'remote:connecting', 'remote:connected']);

      await registry.remove('remote');
      expect(removed).toEqual(['remote']);
      expect(registry.has('remote')).toBe(false);
      expect(() => registry.info('remote')).toThrowError(
        expect.objectContaining({ code: ErrorCode.NotFound }),
      );
      await waitFor(() => second.eventStreams.size === 0, {
        description: 'the removed engine’s stream to close',
      });
      // The other engine is untouched.
      expect(registry.info('local').status.state).toBe('connected');
      expect(first.eventStreams.size).toBe(1);
    });

    it('disconnect() stops dialling until connect(); requests say it is disconnected', async () => {
      const registry = track(new EngineRegistry([at(first.host, 'local')], quick));
      const connected: string[] = [];
      registry.onConnected((engineId) => connected.push(engineId));
      registry.start();
      await registry.ready('local');

      await registry.disconnect('local');
      expect(registry.info('local').status.state).toBe('disconnected');
      await waitFor(() => first.eventStreams.size === 0, { description: 'the stream to close' });
      await registry.reconnect('local');
      expect(registry.info('local').status.state).toBe('disconnected');
      await expect(registry.request('local', (client) => client.ping())).rejects.toMatchObject({
        code: ErrorCode.EngineUnreachable,
        message: expect.stringContaining('is disconnected') as unknown,
      });

      await registry.connect('local');
      expect(registry.info('local').status.state).toBe('connected');
      expect(connected).toEqual(['local', 'local']);
    });

    it('an engine added disconnected does not dial', async () => {
      const registry = track(new EngineRegistry([], quick));
      registry.start();
      registry.add(at(second.host, 'later'), { disconnected: true });
      expect(registry.info('later').status.state).toBe('disconnected');
      expect(second.requests).toEqual([]);
      await registry.connect('later');
      expect(registry.info('later').status.state).toBe('connected');
    });

    it('update() with a new endpoint moves the engine and refetches; the same endpoint changes nothing', async () => {
      const registry = track(new EngineRegistry([at(first.host, 'local')], quick));
      const connected: string[] = [];
      registry.onConnected((engineId) => connected.push(engineId));
      registry.start();
      await registry.ready('local');

      await registry.update(at(first.host, 'local'));
      expect(connected).toEqual(['local']);

      await registry.update(at(second.host, 'local'));
      expect(registry.info('local')).toMatchObject({ address: second.host, status: { state: 'connected' } });
      expect(connected).toEqual(['local', 'local']);
      await waitFor(() => first.eventStreams.size === 0, { description: 'the old stream to close' });
      expect(second.eventStreams.size).toBe(1);
    });

    it('probe() connects once to an endpoint that is not an engine and keeps nothing', async () => {
      const registry = track(new EngineRegistry([], quick));
      const ok = await registry.probe(at(second.host, 'candidate'));
      expect(ok.status).toMatchObject({ state: 'connected', engineVersion: '99.0.0-fake' });
      expect(registry.has('candidate')).toBe(false);
      await waitFor(() => second.eventStreams.size === 0, { description: 'the probe to close' });

      const refused = await registry.probe(at('unix:///nonexistent/docker.sock', 'nowhere'));
      expect(refused.status).toMatchObject({
        state: 'unreachable',
        lastError:
          'Cannot reach the Docker engine at unix:///nonexistent/docker.sock: no socket exists at that path.',
      });
    });
  });

  describe('with a host that accepts connections and never answers', () => {
    let dir: string;
    let server: net.Server;
    let connections: number;
    const sockets = new Set<net.Socket>();
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'berth-blackhole-'));
      server = net.createServer((socket) => {
        connections++;
        sockets.add(socket);
        // Read (and ignore) requests, so the end of a connection is noticed.
        socket.resume();
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => server.listen(join(dir, 'docker.sock'), resolve));
    });
    beforeEach(() => {
      connections = 0;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    });

    it('reports TIMEOUT-worded unreachability and keeps retrying', async () => {
      const host = `unix://${join(dir, 'docker.sock')}`;
      const registry = track(new EngineRegistry([endpointAt(host)], quick));
      registry.start();
      const info = await registry.ready('local');
      expect(info.status).toMatchObject({
        state: 'unreachable',
        lastError: `The Docker engine at ${host} did not answer within ${CONNECT_TIMEOUT_MS} ms.`,
      });
      await waitFor(() => connections >= 3, { description: 'retries' });
      expect(() => registry.client('local')).toThrowError(
        expect.objectContaining({ code: ErrorCode.EngineUnreachable, message: info.status.lastError }),
      );
    });

    it('dispose() while an attempt hangs resolves, closes its sockets and leaves no timers', async () => {
      const host = `unix://${join(dir, 'docker.sock')}`;
      const timers = (): number =>
        process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
      const timersBefore = timers();
      const registry = new EngineRegistry([endpointAt(host)], { ...quick, connectTimeoutMs: 60_000 });
      registry.start();
      await waitFor(() => connections >= 1);
      expect(timers()).toBeGreaterThan(timersBefore);
      await registry.dispose();
      expect(timers()).toBeLessThanOrEqual(timersBefore);
      // The far end sees every connection closed.
      await waitFor(() => sockets.size === 0, { description: 'the server-side sockets to close' });
      expect(registry.info('local').status.state).toBe('connecting');
    });
  });

  describe('endpoints that cannot be dialled', () => {
    it('refuses plain tcp without the opt-in in plain words, and never dials', async () => {
      const registry = track(new EngineRegistry([endpointAt('tcp://127.0.0.1:1')], quick));
      const statuses: EngineInfo[] = [];
      registry.onStatusChanged((info) => statuses.push(info));
      registry.start();
      const info = await registry.ready('local');
      expect(info).toMatchObject({
        kind: 'tcp',
        address: 'tcp://127.0.0.1:1',
        status: { state: 'unreachable' },
      });
      expect(info.status.lastError).toMatch(/plain tcp: not encrypted/);
      await registry.reconnect('local');
      expect(statuses.map((status) => status.status.state)).toEqual([
        'unreachable',
        'connecting',
        'unreachable',
      ]);
    });

    it('names the certificate file it cannot read for a TLS host', async () => {
      const endpoint = resolveLocalEndpoint(
        { DOCKER_HOST: 'tcp://127.0.0.1:1', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nonexistent-certs' },
        'linux',
        '/home/ada',
      );
      const registry = track(new EngineRegistry([endpoint], quick));
      registry.start();
      const info = await registry.ready('local');
      expect(info.status.lastError).toBe(
        'Cannot connect to the Docker engine at tcp://127.0.0.1:1: the CA certificate /nonexistent-certs/ca.pem cannot be read (ENOENT).',
      );
    });

    it('rejects duplicate engine ids', () => {
      const endpoint = endpointAt('unix:///x.sock');
      expect(() => new EngineRegistry([endpoint, endpoint])).toThrow(/Duplicate engine id: local/);
    });
  });
});
