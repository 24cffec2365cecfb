import type { ServerResponse } from 'node:http';

import type Dockerode from 'dockerode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { type ContainersChange, ErrorCode } from '../../../../electron/common';
import {
  affectsContainerList,
  ContainerService,
  diffContainers,
} from '../../../../electron/main/docker/containers/container-service';
import { toContainerSummary } from '../../../../electron/main/docker/containers/mappers';
import { resolveLocalEndpoint } from '../../../../electron/main/docker/engine/endpoint';
import { EngineRegistry } from '../../../../electron/main/docker/engine/engine-registry';
import type { DockerEvent } from '../../../../electron/main/docker/engine/events';
import { waitFor } from '../../../rig';
import { type FakeDaemon, startFakeDaemon } from '../engine/fake-daemon';
import { recordedContainers as recorded } from '../recorded';

const [paused, exited, created] = recorded as [
  Dockerode.ContainerInfo,
  Dockerode.ContainerInfo,
  Dockerode.ContainerInfo,
];

function event(type: string, action: string): DockerEvent {
  return { type, action, actorId: 'x', attributes: {}, timeNano: 1n };
}

describe('affectsContainerList', () => {
  it.each([
    ['container', 'create', true],
    ['container', 'start', true],
    ['container', 'die', true],
    ['container', 'destroy', true],
    ['container', 'rename', true],
    ['container', 'pause', true],
    ['container', 'health_status: healthy', true],
    ['container', 'exec_start: sh -c true', false],
    ['container', 'exec_die', false],
    ['container', 'attach', false],
    ['container', 'resize', false],
    ['container', 'top', false],
    ['network', 'connect', false],
    ['image', 'delete', false],
  ])('%s %s → %s', (type, action, expected) => {
    expect(affectsContainerList(event(type, action))).toBe(expected);
  });
});

describe('diffContainers', () => {
  const a = toContainerSummary('local', paused);
  const b = toContainerSummary('local', exited);
  const c = toContainerSummary('local', created);
  const map = (...items: (typeof a)[]): Map<string, typeof a> =>
    new Map(items.map((item) => [item.id, item]));

  it.each([
    ['nothing changed', map(a, b), [a, b], [], []],
    ['order alone is no change', map(a, b), [b, a], [], []],
    ['one added', map(a), [a, b], [b], []],
    ['one removed', map(a, b), [a], [], [b.id]],
    [
      'one changed',
      map(a, b),
      [a, { ...b, status: 'Exited (3) 1 minute ago' }],
      [{ ...b, status: 'Exited (3) 1 minute ago' }],
      [],
    ],
    ['all replaced', map(a, b), [c], [c], [a.id, b.id]],
    ['first load', map(), [a, b, c], [a, b, c], []],
  ])('%s', (_case, previous, next, upserted, removed) => {
    expect(diffContainers(previous, next)).toEqual({ upserted, removed });
  });
});

describe('ContainerService targeted refresh (fake daemon with a slow list)', () => {
  let fake: FakeDaemon;
  let engines: EngineRegistry;
  let service: ContainerService;
  let changes: ContainersChange[];
  /** List requests waiting for `release()`. */
  let held: { response: ServerResponse; body: unknown[] }[];
  let inFlight: number;
  let maxInFlight: number;
  let holding: boolean;

  function release(body?: unknown[]): void {
    const next = held.shift();
    if (!next) throw new Error('no list request is waiting');
    next.response.writeHead(200, { 'Content-Type': 'application/json' });
    next.response.end(JSON.stringify(body ?? next.body));
    inFlight--;
  }
  const listRequests = (): number =>
    fake.requests.filter((request) => request.startsWith('GET /containers/json')).length;
  const containerEvent = (action: string, id: string): string =>
    `{"Type":"container","Action":"${action}","Actor":{"ID":"${id}","Attributes":{}},"time":1,"timeNano":1000000000}\n`;

  beforeEach(async () => {
    fake = await startFakeDaemon();
    held = [];
    inFlight = 0;
    maxInFlight = 0;
    holding = true;
    fake.containers = [paused, exited];
    fake.routes.push((request, response) => {
      if (!holding || !request.url?.startsWith('/containers/json')) return false;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      held.push({ response, body: fake.containers });
      return true;
    });
    engines = new EngineRegistry([resolveLocalEndpoint({ DOCKER_HOST: fake.host }, 'linux', '/')], {
      backoff: { initialMs: 5, maxMs: 50, jitter: 0 },
    });
    service = new ContainerService(engines, { logger: { warn: () => undefined } });
    changes = [];
    service.onChanged((change) => changes.push(change));
    engines.start();
    await engines.ready('local');
  });
  afterEach(async () => {
    holding = false;
    while (held.length > 0) release();
    service.dispose();
    await engines.dispose();
    await fake.close();
  });

  it('refreshes once on connect and pushes the first snapshot as revision 1', async () => {
    await waitFor(() => held.length === 1, { description: 'the list request after connect' });
    release();
    await waitFor(() => changes.length === 1);
    expect(changes[0]).toEqual({
      engineId: 'local',
      revision: 1,
      upserted: [toContainerSummary('local', paused), toContainerSummary('local', exited)],
      removed: [],
    });
    // Fresh now: served from memory, no request.
    const snapshot = await service.list('local');
    expect(snapshot).toEqual({ engineId: 'local', revision: 1, items: changes[0]?.upserted });
    expect(listRequests()).toBe(1);
  });

  const state = () => service['containers']['states'].get('local');
  /** The ids a list request asked for (`filters={"id":[…]}`); undefined for the whole list. */
  const idsOf = (request: string): string[] | undefined => {
    const filters = new URL(request.split(' ')[1] ?? '/', 'http://x').searchParams.get('filters');
    return filters === null ? undefined : (JSON.parse(filters) as { id: string[] }).id;
  };
  async function loaded(): Promise<void> {
    await waitFor(() => held.length === 1, { description: 'the list request after connect' });
    release();
    await waitFor(() => changes.length === 1);
  }

  it('never has two list requests in flight; events during one are fetched together in exactly one more', async () => {
    await waitFor(() => held.length === 1);
    for (let i = 0; i < 20; i++) fake.sendEvents(containerEvent('start', `c${i}`));
    await waitFor(() => state()?.wantKeys.size === 20, { description: 'the burst collected' });
    expect(listRequests()).toBe(1);
    release();
    await waitFor(() => held.length === 1, { description: 'the one follow-up request' });
    expect(listRequests()).toBe(2);
    const lists = fake.requests.filter((request) => request.startsWith('GET /containers/json'));
    expect(idsOf(lists[0] ?? '')).toBeUndefined();
    expect(idsOf(lists[1] ?? '')?.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`).sort());
    release();
    await waitFor(() => changes.length === 1 && state()?.running === undefined);
    await service.list('local');
    expect(listRequests()).toBe(2);
    expect(maxInFlight).toBe(1);
  });

  it('fetches the first event at once, drops a destroyed row without a request, pushes only differences', async () => {
    await loaded();
    fake.sendEvents(containerEvent('start', paused.Id));
    await waitFor(() => held.length === 1, { description: 'the leading-edge request' });
    expect(idsOf(fake.requests.at(-1) ?? '')).toEqual([paused.Id]);
    release(); // the same two containers: no difference
    await waitFor(() => held.length === 0 && state()?.running === undefined);
    expect(changes).toHaveLength(1);

    fake.sendEvents(containerEvent('destroy', exited.Id));
    await waitFor(() => changes.length === 2, { description: 'the row dropped' });
    expect(changes[1]).toEqual({ engineId: 'local', revision: 2, upserted: [], removed: [exited.Id] });
    expect(listRequests()).toBe(2);

    fake.sendEvents(containerEvent('unpause', paused.Id));
    await waitFor(() => held.length === 1);
    const unpaused = { ...paused, State: 'running', Status: 'Up 1 second' };
    // Rows that were not asked for are no news, even if the daemon answers them.
    release([unpaused, created]);
    await waitFor(() => changes.length === 3);
    expect(changes[2]).toEqual({
      engineId: 'local',
      revision: 3,
      upserted: [toContainerSummary('local', unpaused)],
      removed: [],
    });
    expect((await service.list('local')).items).toEqual([toContainerSummary('local', unpaused)]);
  });

  it('an answer older than a destroy cannot bring the row back; an asked id missing from it is gone', async () => {
    await loaded();
    fake.sendEvents(containerEvent('die', exited.Id));
    await waitFor(() => held.length === 1);
    fake.sendEvents(containerEvent('destroy', exited.Id));
    await waitFor(() => changes.length === 2, { description: 'the row dropped' });
    release([paused, exited]);
    await waitFor(() => state()?.running === undefined);
    expect((await service.list('local')).items.map((item) => item.id)).toEqual([paused.Id]);

    fake.sendEvents(containerEvent('kill', paused.Id));
    await waitFor(() => held.length === 1);
    release([]);
    await waitFor(() => changes.length === 3);
    expect(changes[2]?.removed).toEqual([paused.Id]);
    expect(listRequests()).toBe(3);
  });

  it('ignores events that cannot change the list', async () => {
    await loaded();
    // The service subscribed first, so once this listener has seen an event, the service has handled it too.
    const delivered: string[] = [];
    engines.onEvent((_engineId, seen) => delivered.push(seen.action));
    fake.sendEvents(containerEvent('exec_start: sh', paused.Id));
    fake.sendEvents(containerEvent('exec_die', paused.Id));
    fake.sendEvents('{"Type":"network","Action":"create","Actor":{"ID":"n"},"timeNano":2}\n');
    await waitFor(() => delivered.length === 3);
    expect(state()?.wantKeys.size).toBe(0);
    expect(state()?.running).toBeUndefined();
    expect((await service.list('local')).revision).toBe(1);
    expect(listRequests()).toBe(1);
  });

  it('list() after a failed refresh fetches at once and surfaces the failure', async () => {
    await waitFor(() => held.length === 1);
    const listing = service.list('local');
    release();
    expect((await listing).items).toHaveLength(2);

    holding = false;
    fake.routes.unshift((request, response) => {
      if (!request.url?.startsWith('/containers/json')) return false;
      response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end('{"message":"database is locked"}');
      return true;
    });
    fake.sendEvents(containerEvent('start', paused.Id));
    await waitFor(() => state()?.failed, { description: 'the background refresh to fail' });
    expect(state()?.wantKeys.has(paused.Id)).toBe(true);
    await expect(service.list('local')).rejects.toMatchObject({
      code: ErrorCode.Internal,
      message: 'database is locked',
    });
  });

  it('rejects what the API could not take as a container id before calling it', async () => {
    const before = fake.requests.length;
    await expect(service.start({ engineId: 'local', id: '../images/x' })).rejects.toMatchObject({
      code: ErrorCode.Validation,
    });
    await expect(service.list('nope')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    expect(fake.requests.length).toBe(before);
  });

  it('dispose() cancels a pending refresh and pushes nothing afterwards', async () => {
    await waitFor(() => held.length === 1);
    const listener = vi.fn();
    service.onChanged(listener);
    service.dispose();
    holding = false;
    release();
    fake.sendEvents(containerEvent('start', paused.Id));
    await engines.dispose();
    expect(listener).not.toHaveBeenCalled();
  });
});
