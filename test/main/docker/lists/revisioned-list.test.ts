import type { ServerResponse } from 'node:http';

import type Dockerode from 'dockerode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ResourceListChange } from '../../../../electron/common';
import { resolveLocalEndpoint } from '../../../../electron/main/docker/engine/endpoint';
import { EngineRegistry } from '../../../../electron/main/docker/engine/engine-registry';
import {
  RevisionedList,
  type RevisionedListOptions,
} from '../../../../electron/main/docker/lists/revisioned-list';
import { waitFor } from '../../../rig';
import { type FakeDaemon, startFakeDaemon } from '../engine/fake-daemon';

interface Row {
  id: string;
  name: string;
  /** Joined in from another source (as images join container counts). */
  extra: number;
}

describe('RevisionedList (fake daemon)', () => {
  let fake: FakeDaemon;
  let engines: EngineRegistry;
  let list: RevisionedList<Row, Dockerode.ContainerInfo, Map<string, number>>;
  let changes: ResourceListChange<Row>[];
  let joined: Map<string, number>;
  let joins: number;
  let held: ServerResponse[];
  let holding: boolean;
  const listRequests = (): number =>
    fake.requests.filter((request) => request.startsWith('GET /containers/json')).length;

  async function setup(options: RevisionedListOptions = {}): Promise<void> {
    list = new RevisionedList(
      engines,
      {
        name: 'rows',
        affects: (event) => event.type === 'container',
        keyOf: (row) => row.id,
        fetch: (_engineId, client, abortSignal) => client.listContainers({ all: true, abortSignal }),
        join: () => {
          joins += 1;
          return Promise.resolve(new Map(joined));
        },
        row: (_engineId, info, extra) => ({
          id: info.Id,
          name: info.Names[0] ?? '',
          extra: extra.get(info.Id) ?? 0,
        }),
      },
      { logger: { warn: () => undefined }, ...options },
    );
    list.onChanged((change) => changes.push(change));
    engines.start();
    await engines.ready('local');
  }

  beforeEach(async () => {
    fake = await startFakeDaemon();
    fake.containers = [
      { Id: 'a', Names: ['/a'] },
      { Id: 'b', Names: ['/b'] },
    ];
    held = [];
    holding = false;
    fake.routes.push((request, response) => {
      if (!holding || !request.url?.includes('/containers/json')) return false;
      held.push(response);
      return true;
    });
    engines = new EngineRegistry([resolveLocalEndpoint({ DOCKER_HOST: fake.host }, 'linux', '/')], {
      backoff: { initialMs: 5, maxMs: 50, jitter: 0 },
    });
    changes = [];
    joined = new Map([['a', 1]]);
    joins = 0;
  });
  afterEach(async () => {
    holding = false;
    for (const response of held.splice(0)) response.end('[]');
    list.dispose();
    await engines.dispose();
    await fake.close();
  });

  it('fetches nothing for an engine until it is listed, unless eager', async () => {
    await setup();
    // The connect has happened; a lazy list asked for nothing.
    expect(listRequests()).toBe(0);
    const snapshot = await list.list('local');
    expect(snapshot.items).toEqual([
      { id: 'a', name: '/a', extra: 1 },
      { id: 'b', name: '/b', extra: 0 },
    ]);
    expect(listRequests()).toBe(1);
  });

  it('an eager list fetches on connect', async () => {
    await setup({ eager: true });
    await waitFor(() => changes.length === 1, { description: 'the first push after connect' });
    expect(changes[0]?.revision).toBe(1);
    expect(listRequests()).toBe(1);
  });

  it('re-joins the other source into the last answer without asking the daemon again', async () => {
    await setup();
    await list.list('local');
    joined.set('b', 3);
    await list.rejoin('local');
    expect(listRequests()).toBe(1);
    expect(joins).toBe(2);
    expect(changes.at(-1)).toEqual({
      engineId: 'local',
      revision: 2,
      upserted: [{ id: 'b', name: '/b', extra: 3 }],
      removed: [],
    });
    // Nothing changed: nothing pushed.
    await list.rejoin('local');
    expect(changes).toHaveLength(2);
  });

  it('forgets a removed engine: a fetch in flight pushes nothing and its state goes', async () => {
    await setup();
    holding = true;
    // The removal may end the request itself; either way the list must push nothing for the engine.
    const listing = list.list('local').catch(() => undefined);
    await waitFor(() => held.length === 1, { description: 'the held list request' });
    await engines.remove('local');
    expect(list['states'].has('local')).toBe(false);
    const response = held.shift();
    response?.writeHead(200, { 'Content-Type': 'application/json' });
    response?.end(JSON.stringify(fake.containers));
    await listing;
    expect(changes).toEqual([]);
    expect(list.cached('local')).toEqual([]);
  });
});
