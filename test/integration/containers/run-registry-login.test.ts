import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { ErrorCode } from '../../../electron/common';
import type { RunSpec } from '../../../electron/common/containers/run';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { createImageServices } from '../../../electron/main/docker/images/index';
import { OperationRegistry } from '../../../electron/main/ops/operation-registry';
import { TestCipher } from '../../mocks/secret-cipher';
import { docker, rigDockerHost, rigRegistry, skipUnlessRegistry } from '../../rig';
import { endpointFor, fastBackoff, runSpec } from '../helpers';
import { ScriptedDialogs } from '../images/image-harness';
import { pushFreshImage } from '../support/registry-images';

/**
 * Run through the services exactly as the composition root builds them (createImageServices): the RunService
 * there must resolve logins from the same store image pulls use, so a login stored in Berth lets Run pull.
 */
skipUnlessRegistry('Run of an image only the auth-protected rig registry has', () => {
  let dir: string;
  let reference: string;
  let engines: EngineRegistry;
  let containers: ContainerService;
  let operations: OperationRegistry;
  let services: ReturnType<typeof createImageServices>;
  const created: string[] = [];

  beforeAll(async () => {
    const registry = rigRegistry();
    if (registry === undefined) throw new Error('no rig registry');
    reference = await pushFreshImage(rigDockerHost(), registry);
    dir = await mkdtemp(join(tmpdir(), 'berth-run-login-'));
    // An empty docker config of its own, so only a login stored in Berth can authorise the pull.
    await mkdir(join(dir, 'docker-config'));
    engines = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
    containers = new ContainerService(engines);
    operations = new OperationRegistry({ throttleMs: 0 });
    services = createImageServices({
      engines,
      containers,
      operations,
      dataDir: join(dir, 'app-data'),
      cipher: new TestCipher(),
      dialogs: new ScriptedDialogs(),
      env: { DOCKER_CONFIG: join(dir, 'docker-config'), PATH: '' },
      homedir: dir,
    });
    engines.start();
    await engines.ready('local');
  });
  afterAll(async () => {
    if (created.length > 0) await docker('rm', '-f', ...created).catch(() => undefined);
    await docker('rmi', '-f', reference).catch(() => undefined);
    services.dispose();
    operations.dispose();
    containers.dispose();
    await engines.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const spec = (): RunSpec => runSpec({ image: reference, command: [] });

  it('fails UNAUTHORIZED without a login, and runs once Berth has stored one', async () => {
    await expect(docker('image', 'inspect', reference)).rejects.toThrow(/No such image/);
    const refused = await operations.whenFinished((await services.runs.run(spec())).id);
    expect(refused.state).toBe('failed');
    expect(refused.error?.code).toBe(ErrorCode.Unauthorized);
    expect(refused.error?.message).toContain(`The registry refused to let Berth pull ${reference}`);
    expect(refused.resultId).toBeUndefined();

    const registry = rigRegistry()!;
    await services.registries.login({
      engineId: 'local',
      registry: registry.address,
      username: registry.username,
      password: registry.password,
    });
    const ran = await operations.whenFinished((await services.runs.run(spec())).id);
    if (ran.resultId !== undefined) created.push(ran.resultId);
    expect(ran.error).toBeUndefined();
    expect(ran.state).toBe('succeeded');
    expect(
      await docker('inspect', '--format', '{{.Config.Image}} {{.State.Status}}', ran.resultId ?? ''),
    ).toBe(`${reference} running`);
  });
});
