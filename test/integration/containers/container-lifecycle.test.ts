import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';

import { ErrorCode, IpcError } from '../../../electron/common';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { docker, FIXTURE_IMAGE, rigDockerHost, skipUnlessRig, TEST_LABEL, waitFor } from '../../rig';
import { containerArgs, endpointFor, fastBackoff, removeGroup, uniqueName } from '../helpers';

const GROUP = 'container-lifecycle';

/** `docker inspect --format` of one container. */
const inspect = (id: string, format: string): Promise<string> => docker('inspect', '--format', format, id);

/** The IpcError a call rejects with (fails the test when it resolves). */
async function failureOf(call: Promise<unknown>): Promise<IpcError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof IpcError)) throw new Error(`expected an IpcError, got ${String(error)}`);
  return error;
}

skipUnlessRig('container lifecycle actions against a real daemon', () => {
  let engines: EngineRegistry;
  let service: ContainerService;

  beforeEach(async () => {
    engines = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
    service = new ContainerService(engines);
    engines.start();
    await engines.ready('local');
  });
  afterEach(async () => {
    service.dispose();
    await engines.dispose();
  });
  afterAll(async () => {
    await removeGroup(GROUP);
  });

  const running = async (prefix: string, command?: string[]): Promise<string> =>
    docker('run', '-d', ...containerArgs(uniqueName(prefix), GROUP, command));
  const ref = (id: string) => ({ engineId: 'local', id });

  it('restarts a running container (a new start time, running again)', async () => {
    const id = await running('restart');
    const startedBefore = await inspect(id, '{{.State.StartedAt}}');
    await service.restart({ ...ref(id), timeoutSeconds: 0 });
    expect(await inspect(id, '{{.State.Status}}')).toBe('running');
    expect(await inspect(id, '{{.State.StartedAt}}')).not.toBe(startedBefore);
  });

  it('pauses and unpauses, and says why when the state does not allow it', async () => {
    const id = await running('pause');
    await service.pause(ref(id));
    expect(await inspect(id, '{{.State.Status}}')).toBe('paused');
    const again = await failureOf(service.pause(ref(id)));
    expect(again.code).toBe(ErrorCode.Conflict);
    expect(again.message).toMatch(/already paused/i);

    await service.unpause(ref(id));
    expect(await inspect(id, '{{.State.Status}}')).toBe('running');
    const notPaused = await failureOf(service.unpause(ref(id)));
    expect(notPaused.code).toBe(ErrorCode.Conflict);
    expect(notPaused.message).toMatch(/not paused/i);
  });

  it('kills with SIGKILL by default and with the signal asked for', async () => {
    const id = await running('kill');
    await service.kill(ref(id));
    await waitFor(async () => (await inspect(id, '{{.State.Status}}')) === 'exited');
    expect(await inspect(id, '{{.State.ExitCode}}')).toBe('137');

    // The shell traps HUP and exits 7: the exit code proves which signal arrived.
    const trapping = await running('kill-hup', [
      'sh',
      '-c',
      'trap "exit 7" HUP; while true; do sleep 0.1; done',
    ]);
    await service.kill({ ...ref(trapping), signal: 'SIGHUP' });
    await waitFor(async () => (await inspect(trapping, '{{.State.Status}}')) === 'exited');
    expect(await inspect(trapping, '{{.State.ExitCode}}')).toBe('7');

    const stopped = await failureOf(service.kill(ref(id)));
    expect(stopped.code).toBe(ErrorCode.Conflict);
    expect(stopped.message).toMatch(/not running/i);
  });

  it('stops with the given timeout (busybox sleep ignores SIGTERM, so the stop ends in a kill)', async () => {
    const id = await running('stop-timeout');
    await service.stop({ ...ref(id), timeoutSeconds: 1 });
    expect(await inspect(id, '{{.State.Status}}')).toBe('exited');
    expect(await inspect(id, '{{.State.ExitCode}}')).toBe('137');
  });

  it('renames, and names the container that already has a name', async () => {
    const id = await running('rename');
    const taken = await running('rename-taken');
    const takenName = (await inspect(taken, '{{.Name}}')).slice(1);
    const newName = uniqueName('renamed');
    await service.rename({ ...ref(id), name: newName });
    expect(await inspect(id, '{{.Name}}')).toBe(`/${newName}`);

    const conflict = await failureOf(service.rename({ ...ref(id), name: takenName }));
    expect(conflict.code).toBe(ErrorCode.Conflict);
    expect(conflict.message).toBe(
      `The name “${takenName}” is already in use by container ${taken.slice(0, 12)}. Remove or rename that container, or pick another name.`,
    );
  });

  it('removes with and without the anonymous volumes', async () => {
    const create = (prefix: string) =>
      docker(
        'create',
        '--name',
        uniqueName(prefix),
        '--network',
        'none',
        '--label',
        `${TEST_LABEL}=${GROUP}`,
        '-v',
        '/data',
        FIXTURE_IMAGE,
        'true',
      );
    const volumeOf = (id: string) => inspect(id, '{{range .Mounts}}{{.Name}}{{end}}');
    const volumes = async () => (await docker('volume', 'ls', '-q')).split('\n');

    const keeps = await create('remove-keep');
    const kept = await volumeOf(keeps);
    await service.remove({ ...ref(keeps), removeVolumes: false });
    expect(await volumes()).toContain(kept);
    await docker('volume', 'rm', kept);

    const drops = await create('remove-drop');
    const dropped = await volumeOf(drops);
    await service.remove({ ...ref(drops), removeVolumes: true });
    expect(await volumes()).not.toContain(dropped);
    const gone = await failureOf(service.remove(ref(drops)));
    expect(gone.code).toBe(ErrorCode.NotFound);
  });

  it('refuses to remove a running container without force, and force-removes it', async () => {
    const id = await running('remove-running');
    const refused = await failureOf(service.remove(ref(id)));
    expect(refused.code).toBe(ErrorCode.Conflict);
    await service.remove({ ...ref(id), force: true });
    expect(await docker('ps', '-aq', '--no-trunc', '--filter', `id=${id}`)).toBe('');
  });
});
