import { afterAll, beforeAll, expect, it } from 'vitest';

import {
  ErrorCode,
  type IpcError,
  IpcEvent,
  logBatchLines,
  type LogLine,
  type LogsBatch,
  type SwarmServicesChange,
} from '../../../electron/common';
import { LogService } from '../../../electron/main/docker/containers/details/logs/log-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { SwarmService } from '../../../electron/main/docker/swarm/swarm-service';
import { SwarmWorkloads } from '../../../electron/main/docker/swarm/swarm-workloads';
import { describeWithSwarm, dockerCli, FIXTURE_IMAGE, waitFor } from '../../rig';
import { endpointFor, fastBackoff, uniqueName } from '../helpers';

/** Ends on SIGTERM at once (busybox `sleep` as PID 1 ignores it, and each task would take its 10 s grace). */
const SLEEPER = ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'];
const V2 = 'berth-test/busybox:v2';

describeWithSwarm('Swarm services against a real two-node swarm', (swarm) => {
  let engines: EngineRegistry;
  let cluster: SwarmService;
  let workloads: SwarmWorkloads;
  /** Runs before a versioned write: the stale-version tests change the object there, for real. */
  let beforeWrite: ((attempt: number) => Promise<void>) | undefined;
  const serviceChanges: SwarmServicesChange[] = [];
  const manager = (...args: string[]): Promise<string> => dockerCli(swarm().managerHost, args);

  beforeAll(async () => {
    engines = new EngineRegistry(
      [endpointFor(swarm().managerHost, 'manager'), endpointFor(swarm().workerHost, 'worker')],
      { backoff: fastBackoff },
    );
    const options = { beforeWrite: (attempt: number) => beforeWrite?.(attempt) ?? Promise.resolve() };
    cluster = new SwarmService(engines, options);
    workloads = new SwarmWorkloads(engines, options);
    workloads.onServicesChanged((change) => serviceChanges.push(change));
    engines.start();
    await Promise.all([engines.ready('manager'), engines.ready('worker')]);
    // A second tag of the fixture on both nodes, for image updates.
    await Promise.all([
      manager('tag', FIXTURE_IMAGE, V2),
      dockerCli(swarm().workerHost, ['tag', FIXTURE_IMAGE, V2]),
    ]);
  });
  afterAll(async () => {
    cluster?.dispose();
    workloads?.dispose();
    await engines?.dispose();
  });

  it('tells a manager from a worker, and the worker names its manager and refuses management', async () => {
    const managerState = await cluster.state('manager');
    expect(managerState).toMatchObject({
      localState: 'active',
      controlAvailable: true,
      nodeId: swarm().managerNodeId,
      nodes: 2,
      managers: 1,
    });
    expect(managerState.clusterId).toMatch(/^[a-z0-9]{25}$/);
    const workerState = await cluster.state('worker');
    expect(workerState).toMatchObject({ localState: 'active', controlAvailable: false });
    expect(workerState.remoteManagers).toEqual([
      { nodeId: swarm().managerNodeId, address: swarm().managerAddress },
    ]);
    const refused = (await cluster.listNodes('worker').catch((error: unknown) => error)) as IpcError;
    expect(refused.code).toBe(ErrorCode.Conflict);
    expect(refused.message).toMatch(/not a swarm manager: managing the swarm needs a manager/);
  });

  it('lists the nodes with their roles, status and the manager status', async () => {
    const { items } = await cluster.listNodes('manager');
    expect(items.map((node) => [node.id, node.role, node.status, node.availability]).sort()).toEqual(
      [
        [swarm().managerNodeId, 'manager', 'ready', 'active'],
        [swarm().workerNodeId, 'worker', 'ready', 'active'],
      ].sort(),
    );
    const leader = items.find((node) => node.id === swarm().managerNodeId);
    expect(leader).toMatchObject({ self: true, managerStatus: { leader: true, reachability: 'reachable' } });
    expect(leader?.engineVersion).toBe(await manager('version', '--format', '{{.Server.Version}}'));
  });

  it('drains and re-activates the worker (docker node inspect agrees), and edits labels', async () => {
    const { workerNodeId } = swarm();
    const availability = (): Promise<string> =>
      manager('node', 'inspect', '--format', '{{.Spec.Availability}}', workerNodeId);
    const drained = await cluster.updateNode({
      engineId: 'manager',
      id: workerNodeId,
      availability: 'drain',
    });
    expect(drained.availability).toBe('drain');
    expect(await availability()).toBe('drain');
    await cluster.updateNode({ engineId: 'manager', id: workerNodeId, availability: 'active' });
    expect(await availability()).toBe('active');
    await cluster.updateNode({ engineId: 'manager', id: workerNodeId, labels: { zone: 'a' } });
    expect(await manager('node', 'inspect', '--format', '{{json .Spec.Labels}}', workerNodeId)).toBe(
      '{"zone":"a"}',
    );
  });

  it('retries once on a stale version index, and says so when the second write is stale too', async () => {
    const { workerNodeId } = swarm();
    let changed = 0;
    // Someone else (the CLI) updates the node between Berth's read and its write: the version sent is stale.
    beforeWrite = async (attempt) => {
      if (attempt > 1) return;
      changed += 1;
      await manager('node', 'update', '--label-add', `other=${changed}`, workerNodeId);
    };
    await cluster.updateNode({ engineId: 'manager', id: workerNodeId, labels: { zone: 'b', other: 'kept' } });
    expect(changed).toBe(1);
    expect(await manager('node', 'inspect', '--format', '{{json .Spec.Labels}}', workerNodeId)).toBe(
      '{"other":"kept","zone":"b"}',
    );

    beforeWrite = async (attempt) => {
      await manager('node', 'update', '--label-add', `other=${attempt}`, workerNodeId);
    };
    const failed = (await cluster
      .updateNode({ engineId: 'manager', id: workerNodeId, availability: 'pause' })
      .catch((error: unknown) => error)) as IpcError;
    beforeWrite = undefined;
    expect(failed.code).toBe(ErrorCode.Conflict);
    expect(failed.message).toMatch(/changed twice while Berth was updating it.*update out of sequence/);
    expect(await manager('node', 'inspect', '--format', '{{.Spec.Availability}}', workerNodeId)).toBe(
      'active',
    );
  });

  it('creates a service with 3 replicas on both nodes, scales it to 1, updates image and env, rolls back', async () => {
    const name = uniqueName('svc');
    const created = await workloads.createService({
      engineId: 'manager',
      name,
      image: FIXTURE_IMAGE,
      mode: 'replicated',
      replicas: 3,
      command: SLEEPER,
      env: ['KEEP=1'],
      update: { parallelism: 1, delaySeconds: 0.5 },
    });
    expect(created).toMatchObject({ name, mode: 'replicated', replicas: 3, image: FIXTURE_IMAGE });
    const running = (count: number) =>
      waitFor(
        async () => {
          const service = (await workloads.listServices('manager')).items.find(
            (item) => item.id === created.id,
          );
          return service?.running === count && service.desired === count ? service : undefined;
        },
        { timeoutMs: 60_000, description: `${count} running tasks of ${name}` },
      );
    await running(3);
    // Live: the follow-up after the create brought every task in, with its node; both nodes run some.
    const tasks = await waitFor(async () => {
      const live = (await workloads.listTasks('manager')).items.filter(
        (task) => task.serviceId === created.id && task.state === 'running',
      );
      return live.length === 3 ? live : undefined;
    });
    expect(new Set(tasks.map((task) => task.nodeId))).toEqual(
      new Set([swarm().managerNodeId, swarm().workerNodeId]),
    );
    expect(tasks.map((task) => task.slot).sort()).toEqual([1, 2, 3]);

    await workloads.updateService({ engineId: 'manager', id: created.id, replicas: 1 });
    await running(1);
    expect(await manager('service', 'inspect', '--format', '{{.Spec.Mode.Replicated.Replicas}}', name)).toBe(
      '1',
    );

    serviceChanges.length = 0;
    const updated = await workloads.updateService({
      engineId: 'manager',
      id: created.id,
      image: V2,
      envSet: ['FOO=bar'],
    });
    expect(updated.envNames.sort()).toEqual(['FOO', 'KEEP']);
    const states = (): string[] =>
      serviceChanges.flatMap((change) =>
        change.upserted
          .filter((item) => item.id === created.id)
          .map((item) => item.updateStatus?.state ?? ''),
      );
    // The rolling update as it happens: pushed as changes, from "updating" to "completed".
    await waitFor(() => states().includes('completed'), {
      timeoutMs: 60_000,
      description: 'update completed',
    });
    expect(states()).toContain('updating');
    const newTask = await waitFor(async () =>
      (await workloads.listTasks('manager')).items.find(
        (task) => task.serviceId === created.id && task.state === 'running' && task.image === V2,
      ),
    );
    expect(newTask.desiredState).toBe('running');
    const image = (): Promise<string> =>
      manager('service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', name);
    expect(await image()).toMatch(/^berth-test\/busybox:v2/);

    const rolledBack = await workloads.rollbackService('manager', created.id);
    expect(rolledBack.image).toBe(FIXTURE_IMAGE);
    await waitFor(() => states().includes('rollback_completed'), {
      timeoutMs: 60_000,
      description: 'rollback completed',
    });
    expect(
      await manager('service', 'inspect', '--format', '{{json .Spec.TaskTemplate.ContainerSpec.Env}}', name),
    ).toBe('["KEEP=1"]');
    expect(await image()).toMatch(/^berth-test\/busybox:latest/);

    await workloads.removeService('manager', created.id);
    expect(await manager('service', 'ls', '-q', '--filter', `name=${name}`)).toBe('');
  });

  it('streams a service log merged from its tasks, each line prefixed name.slot@node', async () => {
    const name = uniqueName('logs');
    const created = await workloads.createService({
      engineId: 'manager',
      name,
      image: FIXTURE_IMAGE,
      mode: 'replicated',
      replicas: 2,
      command: ['sh', '-c', 'echo "hello from $(hostname)"; trap "exit 0" TERM; sleep 3600 & wait'],
    });
    await waitFor(
      async () =>
        (await workloads.listServices('manager')).items.find((item) => item.id === created.id)?.running === 2,
      { timeoutMs: 60_000, description: 'two running tasks' },
    );
    const lines: LogLine[] = [];
    const logs = new LogService(engines, {
      publish: (event, payload) => {
        if (event === IpcEvent.LogsReceived) lines.push(...logBatchLines(payload as LogsBatch));
      },
    });
    const { streamId } = await logs.open({
      engineId: 'manager',
      id: created.id,
      source: 'service',
      follow: true,
    });
    try {
      await waitFor(() => lines.length >= 2, { timeoutMs: 30_000, description: 'a line from each task' });
    } finally {
      logs.close(streamId);
    }
    const prefixes = lines.map((line) => /^(\S+)\.(\d)@(\S+) \| hello from \S+$/.exec(line.text));
    expect(prefixes.every((match) => match?.[1] === name)).toBe(true);
    expect(new Set(prefixes.map((match) => match?.[2]))).toEqual(new Set(['1', '2']));
    expect(lines.every((line) => line.ts !== undefined)).toBe(true);
    await workloads.removeService('manager', created.id);
  });

  it('creates secrets whose value never comes back, and lists and removes them live', async () => {
    const name = uniqueName('secret');
    const value = `S3cr3t-${uniqueName('canary')}`;
    const secret = await workloads.createObject({
      engineId: 'manager',
      kind: 'secret',
      name,
      value,
      labels: { a: 'b' },
    });
    expect(secret).toMatchObject({ kind: 'secret', name, labels: { a: 'b' } });
    expect(JSON.stringify(secret)).not.toContain(value);
    const listed = await workloads.listObjects('manager');
    expect(JSON.stringify(listed)).not.toContain(value);
    expect(JSON.stringify(listed)).not.toContain(Buffer.from(value).toString('base64'));
    // Docker itself gives no way back to the value either.
    expect(await manager('secret', 'inspect', '--format', '{{json .Spec.Data}}', name)).toBe('null');

    const config = await workloads.createObject({ engineId: 'manager', kind: 'config', name, value: 'a=1' });
    expect(config.kind).toBe('config');
    // A config made elsewhere shows up from the events.
    const external = uniqueName('external');
    await manager('config', 'create', external, '/etc/hostname');
    await waitFor(async () =>
      (await workloads.listObjects('manager')).items.some((item) => item.name === external),
    );

    await workloads.removeObject('manager', 'secret', secret.id);
    await workloads.removeObject('manager', 'config', config.id);
    expect(await manager('secret', 'ls', '-q', '--filter', `name=${name}`)).toBe('');
  });
});
