import { afterAll, beforeAll, expect, it } from 'vitest';

import { ErrorCode, type VolumesChange, type VolumeSummary } from '../../../electron/common';
import { ContainerInventory } from '../../../electron/main/docker/containers/container-inventory';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { HELPER_LABEL } from '../../../electron/main/docker/containers/mappers';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { VolumeService } from '../../../electron/main/docker/volumes/volume-service';
import { docker, FIXTURE_IMAGE, rigDockerHost, skipUnlessRig, TEST_LABEL, waitFor } from '../../rig';
import { endpointFor, fastBackoff, removeGroup, runWithMount, uniqueName } from '../helpers';

const GROUP = 'volumes';

skipUnlessRig('VolumeService against a real daemon', () => {
  let engines: EngineRegistry;
  let containers: ContainerService;
  let inventory: ContainerInventory;
  let service: VolumeService;
  const changes: VolumesChange[] = [];
  const created: string[] = [];

  /** A volume made with the docker CLI, removed after the suite. */
  async function volume(prefix: string, ...args: string[]): Promise<string> {
    const name = uniqueName(prefix);
    await docker('volume', 'create', ...args, name);
    created.push(name);
    return name;
  }

  /** A container (not started unless asked) mounting `mounts` (`name:/path[:ro]`). */
  async function containerUsing(mounts: string[], run = false): Promise<{ id: string; name: string }> {
    const name = uniqueName('user');
    const args = ['--name', name, '--network', 'none', '--label', `${TEST_LABEL}=${GROUP}`];
    for (const mount of mounts) args.push('-v', mount);
    const id = run
      ? await docker('run', '-d', ...args, FIXTURE_IMAGE, 'sleep', '3600')
      : await docker('create', ...args, FIXTURE_IMAGE, 'sleep', '3600');
    return { id, name };
  }

  async function row(name: string): Promise<VolumeSummary | undefined> {
    return (await service.list('local')).items.find((volume) => volume.name === name);
  }

  beforeAll(async () => {
    engines = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
    containers = new ContainerService(engines);
    inventory = new ContainerInventory(engines, containers);
    service = new VolumeService(engines, inventory);
    service.onChanged((change) => changes.push(change));
    engines.start();
    await engines.ready('local');
  });
  afterAll(async () => {
    service?.dispose();
    inventory?.dispose();
    containers?.dispose();
    await engines?.dispose();
    await removeGroup(GROUP);
    for (const name of created) await docker('volume', 'rm', '-f', name).catch(() => undefined);
  });

  it('lists what `docker volume ls` shows, with driver, mountpoint, labels and the containers using each', async () => {
    const labelled = await volume('labelled', '--label', 'tier=data', '--label', `${TEST_LABEL}=${GROUP}`);
    const shared = await volume('shared');
    const web = await containerUsing([`${shared}:/data`, `${labelled}:/config:ro`], true);
    const job = await containerUsing([`${shared}:/work`]);

    const listed = await service.list('local');
    const cli = (await docker('volume', 'ls', '-q')).split('\n').filter(Boolean).sort();
    // Other suites create volumes concurrently: every volume the CLI saw before ours listed must be ours too.
    for (const name of [labelled, shared]) expect(cli).toContain(name);
    expect(listed.items.map((item) => item.name)).toEqual(expect.arrayContaining([labelled, shared]));

    const inspect = JSON.parse(await docker('volume', 'inspect', labelled)) as Array<{
      Driver: string;
      Mountpoint: string;
      CreatedAt: string;
    }>;
    const labelledRow = await row(labelled);
    expect(labelledRow).toMatchObject({
      engineId: 'local',
      driver: inspect[0]?.Driver,
      mountpoint: inspect[0]?.Mountpoint,
      scope: 'local',
      anonymous: false,
      labels: { tier: 'data', [TEST_LABEL]: GROUP },
      created: Date.parse(inspect[0]?.CreatedAt ?? ''),
    });
    expect(labelledRow?.usedBy).toEqual([
      { id: web.id, name: web.name, state: 'running', destination: '/config', readOnly: true },
    ]);
    const sharedRow = await row(shared);
    expect(sharedRow?.usedBy.map((user) => [user.name, user.state, user.destination, user.readOnly])).toEqual(
      [
        [web.name, 'running', '/data', false],
        [job.name, 'created', '/work', false],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('pushes revisioned changes for volumes created, used and removed with the docker CLI', async () => {
    const before = (await service.list('local')).revision;
    const name = await volume('live');
    await waitFor(async () => (await row(name)) !== undefined, { description: 'the new volume listed' });
    const user = await containerUsing([`${name}:/d`]);
    await waitFor(async () => (await row(name))?.usedBy.some((entry) => entry.id === user.id), {
      description: 'the container listed as user',
    });
    await docker('rm', user.id);
    await docker('volume', 'rm', name);
    await waitFor(async () => (await row(name)) === undefined, { description: 'the volume gone' });

    const ours = changes.filter((change) => change.revision > before);
    ours.forEach((change, index) => expect(change.revision).toBe(before + index + 1));
    expect(ours.some((change) => change.upserted.some((item) => item.name === name))).toBe(true);
    expect(ours.some((change) => change.removed.includes(name))).toBe(true);
  });

  it('creates a volume with a driver, options and labels, and refuses a name that exists', async () => {
    const name = uniqueName('made');
    created.push(name);
    const summary = await service.create({
      engineId: 'local',
      name,
      driver: 'local',
      driverOptions: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' },
      labels: { purpose: 'test' },
    });
    expect(summary).toMatchObject({ name, driver: 'local', labels: { purpose: 'test' } });
    const inspect = JSON.parse(await docker('volume', 'inspect', name)) as Array<{
      Options: Record<string, string>;
      Labels: Record<string, string>;
    }>;
    expect(inspect[0]?.Options).toEqual({ type: 'tmpfs', device: 'tmpfs', o: 'size=1m' });
    expect(inspect[0]?.Labels).toEqual({ purpose: 'test' });
    expect(summary.options).toEqual(inspect[0]?.Options);

    await expect(service.create({ engineId: 'local', name })).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: `A volume named ${name} already exists.`,
    });
  });

  it('creates an anonymous volume when no name is given', async () => {
    const summary = await service.create({ engineId: 'local' });
    created.push(summary.name);
    expect(summary.name).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.anonymous).toBe(true);
  });

  it('removes several volumes, refusing one in use by naming its containers and leaving its data alone', async () => {
    const free1 = await volume('free');
    const free2 = await volume('free');
    const busy = await volume('busy');
    const runner = await containerUsing([`${busy}:/data`], true);
    const stopped = await containerUsing([`${busy}:/other`]);
    await runWithMount(`${busy}:/data`, ['sh', '-c', 'echo keep > /data/f']);

    const outcomes = await service.remove('local', [free1, busy, free2, 'berth-no-such-volume-x']);
    expect(outcomes.map((outcome) => [outcome.name, outcome.removed, outcome.error?.code])).toEqual([
      [free1, true, undefined],
      [busy, false, ErrorCode.Conflict],
      [free2, true, undefined],
      ['berth-no-such-volume-x', false, ErrorCode.NotFound],
    ]);
    const refusal = outcomes[1]?.error?.message ?? '';
    expect(refusal).toContain(`Volume ${busy} is in use by`);
    expect(refusal).toContain(runner.name);
    expect(refusal).toContain(stopped.name);

    const remaining = (await docker('volume', 'ls', '-q')).split('\n');
    expect(remaining).toContain(busy);
    expect(remaining).not.toContain(free1);
    expect(remaining).not.toContain(free2);
    expect(await runWithMount(`${busy}:/data`, ['cat', '/data/f'])).toBe('keep');
    expect((await service.list('local')).items.map((item) => item.name)).not.toContain(free1);
  });

  it('names the containers when the daemon itself refuses (a user the list does not show)', async () => {
    const name = await volume('raced');
    // Berth's own helper containers are not listed as users, so only the daemon knows this one: its refusal
    // carries container ids, which the message turns into names.
    const helperName = uniqueName('helper');
    const helperId = await docker(
      'create',
      '--name',
      helperName,
      '--network',
      'none',
      '--label',
      `${HELPER_LABEL}=volume`,
      '--label',
      `${TEST_LABEL}=${GROUP}`,
      '-v',
      `${name}:/volume`,
      FIXTURE_IMAGE,
      'true',
    );
    expect((await row(name))?.usedBy).toEqual([]);
    const [outcome] = await service.remove('local', [name]);
    expect(outcome?.removed).toBe(false);
    expect(outcome?.error?.code).toBe(ErrorCode.Conflict);
    expect(outcome?.error?.message).toContain(`Volume ${name} is in use by ${helperName}.`);
    expect(outcome?.error?.message).not.toContain(helperId.slice(0, 12));
  });

  it('measures sizes through /system/df on demand, as the daemon reports them', async () => {
    const name = await volume('sized');
    await runWithMount(`${name}:/d`, ['sh', '-c', 'head -c 12345 /dev/zero > /d/blob']);
    const sizes = await service.sizes('local');
    const df = JSON.parse(await docker('system', 'df', '-v', '--format', '{{json .Volumes}}')) as Array<{
      Name: string;
      Size: string;
    }>;
    expect(df.find((entry) => entry.Name === name)).toMatchObject({ Name: name });
    expect(sizes.sizes[name]).toBeGreaterThanOrEqual(12345);
    expect(sizes.engineId).toBe('local');
  });
});
