import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode, type OperationSummary, type OperationUpdate } from '../../../electron/common';
import type { RunSpec } from '../../../electron/common/containers/run';
import { RunService } from '../../../electron/main/docker/containers/run-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { OperationRegistry } from '../../../electron/main/ops/operation-registry';
import {
  docker,
  FIXTURE_IMAGE,
  rigDockerHost,
  rigRegistry,
  skipUnlessRegistry,
  skipUnlessRig,
  TEST_LABEL,
  waitFor,
} from '../../rig';
import { endpointFor, fastBackoff, removeGroup, runSpec, uniqueName } from '../helpers';
import { pushFreshImage } from '../support/registry-images';

const GROUP = 'run-service';

const spec = runSpec;

const inspect = (id: string, format: string): Promise<string> => docker('inspect', '--format', format, id);

interface Harness {
  engines: EngineRegistry;
  operations: OperationRegistry;
  updates: OperationUpdate[];
}

async function setup(
  options: ConstructorParameters<typeof RunService>[2] = {},
): Promise<Harness & { runs: RunService }> {
  const engines = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
  const operations = new OperationRegistry({ throttleMs: 0 });
  const updates: OperationUpdate[] = [];
  operations.onUpdated((update) => updates.push(update));
  engines.start();
  await engines.ready('local');
  return { engines, operations, updates, runs: new RunService(engines, operations, options) };
}

/** Runs `request` and waits for the operation to end; a container it made is labelled for cleanup. */
async function runToEnd(runs: RunService, operations: OperationRegistry, request: RunSpec) {
  const started = await runs.run(request);
  expect(started.state).toBe('running');
  expect(started.kind).toBe('container.run');
  return operations.whenFinished(started.id);
}

/** Containers the service made carry no test label, so they are remembered here and removed by id. */
const created: string[] = [];
function track(id: string | undefined): void {
  if (id !== undefined) created.push(id);
}

async function removeCreated(): Promise<void> {
  const ids = created.splice(0);
  if (ids.length > 0) await docker('rm', '-f', ...ids).catch(() => undefined);
}

skipUnlessRig('RunService against a real daemon (local image)', () => {
  let harness: Harness & { runs: RunService };
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-run-'));
    await writeFile(join(dir, 'hello.txt'), 'hello from the host\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await removeGroup(GROUP);
  });
  beforeEach(async () => {
    harness = await setup();
  });
  afterEach(async () => {
    await removeCreated();
    harness.operations.dispose();
    await harness.engines.dispose();
  });

  it('creates and starts a container from a local image with every option, without pulling', async () => {
    const name = uniqueName('run-full');
    const volume = uniqueName('vol');
    const finished = await runToEnd(
      harness.runs,
      harness.operations,
      spec({
        name,
        command: ['sh', '-c', 'cat /host/hello.txt; echo "$GREETING"; sleep 3600'],
        env: ['GREETING=hello world', 'EMPTY='],
        mounts: [
          { type: 'bind', source: dir, target: '/host', readOnly: true },
          { type: 'volume', source: volume, target: '/data', readOnly: false },
          { type: 'volume', source: '', target: '/cache', readOnly: false },
        ],
        restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
        interactive: true,
        tty: true,
      }),
    );
    track(finished.resultId);
    expect(finished.state).toBe('succeeded');
    const id = finished.resultId ?? '';
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(finished.progress.items).toEqual([]);

    expect(await inspect(id, '{{.Name}} {{.State.Status}} {{.Config.Image}}')).toBe(
      `/${name} running ${FIXTURE_IMAGE}`,
    );
    expect(JSON.parse(await inspect(id, '{{json .Config.Env}}'))).toEqual(
      expect.arrayContaining(['GREETING=hello world', 'EMPTY=']),
    );
    expect(JSON.parse(await inspect(id, '{{json .Config.Cmd}}'))).toEqual([
      'sh',
      '-c',
      'cat /host/hello.txt; echo "$GREETING"; sleep 3600',
    ]);
    expect(await inspect(id, '{{.Config.Tty}} {{.Config.OpenStdin}} {{.HostConfig.NetworkMode}}')).toBe(
      'true true none',
    );
    expect(
      await inspect(id, '{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}'),
    ).toBe('on-failure:3');
    const mounts = JSON.parse(await inspect(id, '{{json .Mounts}}')) as Array<{
      Type: string;
      Name?: string;
      Source: string;
      Destination: string;
      RW: boolean;
    }>;
    const byTarget = new Map(mounts.map((mount) => [mount.Destination, mount]));
    expect(byTarget.get('/host')).toMatchObject({ Type: 'bind', Source: dir, RW: false });
    expect(byTarget.get('/data')).toMatchObject({ Type: 'volume', Name: volume, RW: true });
    expect(byTarget.get('/cache')).toMatchObject({ Type: 'volume', RW: true });
    // The bind mount and the environment really reached the process.
    await waitFor(async () => (await docker('logs', id)).includes('hello world'));
    expect(await docker('logs', id)).toContain('hello from the host');
    await docker('rm', '-f', id);
    await docker('volume', 'rm', volume);
  });

  it('reports the steps it went through as the operation text', async () => {
    const finished = await runToEnd(
      harness.runs,
      harness.operations,
      spec({ name: uniqueName('run-steps') }),
    );
    track(finished.resultId);
    const texts = harness.updates
      .filter((update) => update.operation.id === finished.id)
      .map((update) => update.operation.progress.text);
    expect(texts).toContain('Starting the container');
    expect(finished.progress.text).toMatch(/^Started berth-run-steps-/);
  });

  it('removes the container when it exits, with auto-remove', async () => {
    const finished = await runToEnd(
      harness.runs,
      harness.operations,
      spec({ name: uniqueName('run-rm'), command: ['true'], autoRemove: true }),
    );
    expect(finished.state).toBe('succeeded');
    const id = finished.resultId ?? '';
    await waitFor(async () => (await docker('ps', '-aq', '--no-trunc', '--filter', `id=${id}`)) === '', {
      description: 'the auto-removed container to be gone',
    });
  });

  it('refuses an invalid request before anything reaches the daemon', async () => {
    const attempt = harness.runs.run(spec({ image: 'Not/Valid:ref', env: ['oops'] }));
    await expect(attempt).rejects.toMatchObject({ code: ErrorCode.Validation });
    await expect(attempt).rejects.toThrow(/lower-case/);
    expect(harness.operations.list()).toEqual([]);
  });

  it('says which container already has the name', async () => {
    const name = uniqueName('run-taken');
    const owner = await docker(
      'create',
      '--name',
      name,
      '--network',
      'none',
      '--label',
      `${TEST_LABEL}=${GROUP}`,
      FIXTURE_IMAGE,
    );
    const finished = await runToEnd(harness.runs, harness.operations, spec({ name }));
    expect(finished.state).toBe('failed');
    expect(finished.error).toEqual({
      code: ErrorCode.Conflict,
      message: `The name “${name}” is already in use by container ${owner.slice(0, 12)}. Remove or rename that container, or pick another name.`,
    });
  });

  it('says a bind-mounted host path does not exist', async () => {
    const missing = join(dir, 'no-such-dir');
    const finished = await runToEnd(
      harness.runs,
      harness.operations,
      spec({ mounts: [{ type: 'bind', source: missing, target: '/x', readOnly: false }] }),
    );
    expect(finished.state).toBe('failed');
    expect(finished.error?.code).toBe(ErrorCode.Validation);
    expect(finished.error?.message).toContain(`The host path ${missing} does not exist`);
  });

  it('says a network does not exist', async () => {
    const finished = await runToEnd(harness.runs, harness.operations, spec({ network: uniqueName('nonet') }));
    expect(finished.state).toBe('failed');
    expect(finished.error?.code).toBe(ErrorCode.NotFound);
    expect(finished.error?.message).toMatch(/network .* not found/i);
  });

  describe('published ports (on a bridge network of its own: the rig runs with --bridge=none)', () => {
    let network: string;
    let blocker: net.Server;
    let blockedPort: number;

    beforeAll(async () => {
      network = uniqueName('ports');
      await docker('network', 'create', '--driver', 'bridge', '--label', `${TEST_LABEL}=${GROUP}`, network);
      blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      blockedPort = (blocker.address() as net.AddressInfo).port;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
      await removeCreated();
      await docker('network', 'rm', network).catch(() => undefined);
    });

    it('publishes a port that answers on the host', async () => {
      const finished = await runToEnd(
        harness.runs,
        harness.operations,
        spec({
          network,
          command: ['sh', '-c', 'echo pong | nc -l -p 80'],
          ports: [{ hostIp: '127.0.0.1', containerPort: { start: 80 }, protocol: 'tcp' }],
        }),
      );
      track(finished.resultId);
      expect(finished.state).toBe('succeeded');
      const bindings = JSON.parse(
        await inspect(finished.resultId ?? '', '{{json .NetworkSettings.Ports}}'),
      ) as Record<string, Array<{ HostIp: string; HostPort: string }>>;
      expect(bindings['80/tcp']?.[0]?.HostIp).toBe('127.0.0.1');
      expect(Number(bindings['80/tcp']?.[0]?.HostPort)).toBeGreaterThan(0);
    });

    it('says the host port is taken by another program', async () => {
      const finished = await runToEnd(
        harness.runs,
        harness.operations,
        spec({
          name: uniqueName('run-port-busy'),
          network,
          ports: [
            {
              hostIp: '127.0.0.1',
              hostPort: { start: blockedPort },
              containerPort: { start: 80 },
              protocol: 'tcp',
            },
          ],
        }),
      );
      expect(finished.state).toBe('failed');
      expect(finished.error?.code).toBe(ErrorCode.Conflict);
      expect(finished.error?.message).toContain(`Port ${blockedPort} on 127.0.0.1 is already allocated`);
      // Nothing half-made is left behind.
      expect(await docker('ps', '-aq', '--filter', `name=run-port-busy`)).toBe('');
    });

    it('says the host port is taken by another container', async () => {
      const first = await runToEnd(
        harness.runs,
        harness.operations,
        spec({ network, ports: [{ hostIp: '127.0.0.1', containerPort: { start: 80 }, protocol: 'tcp' }] }),
      );
      track(first.resultId);
      const hostPort = Number(
        await inspect(first.resultId ?? '', '{{(index (index .NetworkSettings.Ports "80/tcp") 0).HostPort}}'),
      );
      const second = await runToEnd(
        harness.runs,
        harness.operations,
        spec({
          network,
          ports: [
            {
              hostIp: '127.0.0.1',
              hostPort: { start: hostPort },
              containerPort: { start: 81 },
              protocol: 'tcp',
            },
          ],
        }),
      );
      track(second.resultId);
      expect(second.state).toBe('failed');
      expect(second.error?.code).toBe(ErrorCode.Conflict);
      expect(second.error?.message).toContain(`Port ${hostPort} on 127.0.0.1 is already allocated`);
    });
  });
});

skipUnlessRegistry('RunService pulling from a registry (the rig registry, with auth)', () => {
  let harness: Harness & { runs: RunService };
  let reference: string;
  const registry = () => {
    const info = rigRegistry();
    if (info === undefined) throw new Error('no rig registry');
    return info;
  };

  beforeAll(async () => {
    reference = await pushFreshImage(rigDockerHost(), registry());
  });
  beforeEach(async () => {
    const { address, username, password } = registry();
    harness = await setup({
      registryAuth: (host) =>
        Promise.resolve(host === address ? { username, password, serveraddress: address } : undefined),
    });
  });
  afterEach(async () => {
    await removeCreated();
    harness.operations.dispose();
    await harness.engines.dispose();
  });
  afterAll(async () => {
    await docker('rmi', '-f', reference).catch(() => undefined);
  });

  it('pulls an image that is not local, with progress per layer and overall, then runs it', async () => {
    await expect(docker('image', 'inspect', reference)).rejects.toThrow(/No such image/);
    const finished = await runToEnd(
      harness.runs,
      harness.operations,
      spec({ image: reference, command: [] }),
    );
    track(finished.resultId);
    expect(finished.state).toBe('succeeded');
    expect(await inspect(finished.resultId ?? '', '{{.Config.Image}} {{.State.Status}}')).toBe(
      `${reference} running`,
    );
    // Every layer ended done, and the overall fraction reached 1.
    expect(finished.progress.items.length).toBeGreaterThan(0);
    expect(finished.progress.items.every((item) => item.done)).toBe(true);
    expect(finished.progress.fraction).toBe(1);
    // The one new layer was really downloaded, and the renderer saw it on the way.
    const statuses = harness.updates
      .filter((update) => update.operation.id === finished.id)
      .flatMap((update) => update.operation.progress.items.map((item) => item.status));
    expect(statuses).toContain('Pull complete');
    expect(harness.updates.some((update) => update.operation.progress.text === `Pulling ${reference}`)).toBe(
      true,
    );
    expect(await docker('image', 'inspect', '--format', '{{.Id}}', reference)).toMatch(/^sha256:/);
  });

  it('says the registry has no such image', async () => {
    const missing = `${registry().address}/berth-run/no-such-image:1`;
    const finished = await runToEnd(harness.runs, harness.operations, spec({ image: missing }));
    expect(finished.state).toBe('failed');
    expect(finished.error?.code).toBe(ErrorCode.NotFound);
    expect(finished.error?.message).toContain(`The registry has no image ${missing}`);
  });

  it('says the registry refused when there are no credentials', async () => {
    const notLocal = await pushFreshImage(rigDockerHost(), registry());
    const anonymous = await setup();
    try {
      const finished = await runToEnd(anonymous.runs, anonymous.operations, spec({ image: notLocal }));
      expect(finished.state).toBe('failed');
      expect(finished.error?.code).toBe(ErrorCode.Unauthorized);
      expect(finished.error?.message).toContain(`The registry refused to let Berth pull ${notLocal}`);
    } finally {
      anonymous.operations.dispose();
      await anonymous.engines.dispose();
    }
  });

  it('can be cancelled while pulling', async () => {
    const other = await pushFreshImage(rigDockerHost(), registry());
    const started = await harness.runs.run(spec({ image: other }));
    harness.operations.cancel(started.id);
    const finished: OperationSummary = await harness.operations.whenFinished(started.id);
    expect(finished.state).toBe('cancelled');
    expect(finished.error?.code).toBe(ErrorCode.Cancelled);
    expect(finished.resultId).toBeUndefined();
    await docker('rmi', '-f', other).catch(() => undefined);
  });
});
