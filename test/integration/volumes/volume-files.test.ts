import { mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorCode, IpcError } from '../../../electron/common';
import { HELPER_OWNER_PID_LABEL } from '../../../electron/main/docker/containers/helper-janitor';
import { HELPER_LABEL } from '../../../electron/main/docker/containers/mappers';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import {
  type FileDialogs,
  VolumeFileService,
} from '../../../electron/main/docker/volumes/volume-file-service';
import { OperationRegistry } from '../../../electron/main/ops/operation-registry';
import {
  docker,
  dockerCli,
  FIXTURE_IMAGE,
  type PrivateDaemon,
  rigDockerHost,
  skipUnlessRig,
  startPrivateDaemon,
} from '../../rig';
import { endpointFor, fastBackoff, runWithMount, uniqueName } from '../helpers';

/** Dialogs answered by the test, as a user would; every request is recorded. */
class ScriptedDialogs implements FileDialogs {
  readonly requests: Array<{ method: string; title: string }> = [];
  answers: Array<string | undefined> = [];

  chooseSavePath(request: { title: string }): Promise<string | undefined> {
    this.requests.push({ method: 'save', title: request.title });
    return Promise.resolve(this.answers.shift());
  }

  chooseOpenPath(request: { title: string }): Promise<string | undefined> {
    this.requests.push({ method: 'open', title: request.title });
    return Promise.resolve(this.answers.shift());
  }
}

/** A volume's content as the daemon sees it: every path with type, mode, size and a content hash, sorted. */
async function contentOf(run: (...args: string[]) => Promise<string>, volume: string): Promise<string> {
  return runWithMount(
    `${volume}:/d:ro`,
    [
      'sh',
      '-c',
      'cd /d && find . | sort | while read -r p; do if [ -L "$p" ]; then echo "$p link $(readlink "$p")"; elif [ -d "$p" ]; then echo "$p dir $(stat -c %a "$p")"; else echo "$p file $(stat -c %a "$p") $(md5sum < "$p")"; fi; done',
    ],
    run,
  );
}

/** Helpers this test process's service made (other test files make helper-labelled containers of their own). */
async function helpersLeft(run: (...args: string[]) => Promise<string>): Promise<string> {
  return run(
    'ps',
    '-aq',
    '--filter',
    `label=${HELPER_LABEL}`,
    '--filter',
    `label=${HELPER_OWNER_PID_LABEL}=${process.pid}`,
  );
}

skipUnlessRig('VolumeFileService: browse, download, export and import through a helper container', () => {
  let engines: EngineRegistry;
  let operations: OperationRegistry;
  let dialogs: ScriptedDialogs;
  let service: VolumeFileService;
  let scratch: string;
  let source: string;
  const volumes: string[] = [];

  async function makeVolume(prefix: string): Promise<string> {
    const name = uniqueName(prefix);
    await docker('volume', 'create', name);
    volumes.push(name);
    return name;
  }

  beforeAll(async () => {
    engines = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
    operations = new OperationRegistry();
    dialogs = new ScriptedDialogs();
    service = new VolumeFileService(engines, operations, dialogs, { preferredHelperImage: FIXTURE_IMAGE });
    engines.start();
    await engines.ready('local');
    scratch = await mkdtemp(join(tmpdir(), 'berth-volume-files-'));
    source = await makeVolume('source');
    // Files, nested folders, a big file, odd names, modes, a symlink, a long path (PAX/GNU long names).
    await runWithMount(`${source}:/d`, [
      'sh',
      '-c',
      [
        'cd /d',
        'echo hello > a.txt',
        'mkdir -p sub/deep "with space"',
        'printf "x%.0s" $(seq 1 5000) > sub/deep/b.bin',
        'head -c 3000000 /dev/urandom > big.bin',
        'echo run > sub/tool.sh && chmod 750 sub/tool.sh',
        'echo spaced > "with space/é ü.txt"',
        'ln -s a.txt link',
        `mkdir -p ${'long-directory-name/'.repeat(8)} && echo deep > ${'long-directory-name/'.repeat(8)}file.txt`,
      ].join(' && '),
    ]);
  });
  afterAll(async () => {
    await service?.dispose();
    operations?.dispose();
    await engines?.dispose();
    for (const name of volumes) await docker('volume', 'rm', '-f', name).catch(() => undefined);
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('lists the root of a volume, folders first, with kinds, sizes, modes and link targets', async () => {
    const listing = await service.browse({ engineId: 'local', volume: source, path: '' });
    expect(listing.truncated).toBe(false);
    expect(listing.entries.map((entry) => [entry.name, entry.kind])).toEqual([
      ['long-directory-name', 'directory'],
      ['sub', 'directory'],
      ['with space', 'directory'],
      ['a.txt', 'file'],
      ['big.bin', 'file'],
      ['link', 'symlink'],
    ]);
    const byName = new Map(listing.entries.map((entry) => [entry.name, entry]));
    expect(byName.get('a.txt')).toMatchObject({ path: 'a.txt', size: 6, mode: 0o644 });
    expect(byName.get('big.bin')?.size).toBe(3_000_000);
    expect(byName.get('link')?.linkTarget).toBe('a.txt');
    expect(byName.get('sub')?.modified).toBeGreaterThan(Date.UTC(2020, 0, 1));
    expect(await helpersLeft(docker)).toBe('');
  });

  it('lists a nested folder and paths with spaces and non-ASCII names', async () => {
    const sub = await service.browse({ engineId: 'local', volume: source, path: 'sub' });
    expect(sub.entries.map((entry) => [entry.path, entry.kind, entry.mode])).toEqual([
      ['sub/deep', 'directory', 0o755],
      ['sub/tool.sh', 'file', 0o750],
    ]);
    const spaced = await service.browse({ engineId: 'local', volume: source, path: 'with space' });
    expect(spaced.entries.map((entry) => entry.path)).toEqual(['with space/é ü.txt']);
    const deep = await service.browse({
      engineId: 'local',
      volume: source,
      path: `${'long-directory-name/'.repeat(8)}`.replace(/\/$/, ''),
    });
    expect(deep.entries.map((entry) => entry.name)).toEqual(['file.txt']);
  });

  it('says clearly when a folder does not exist or is a file, or the volume does not', async () => {
    await expect(service.browse({ engineId: 'local', volume: source, path: 'nope' })).rejects.toMatchObject({
      code: ErrorCode.NotFound,
      message: `There is no folder /nope in volume ${source}.`,
    });
    await expect(service.browse({ engineId: 'local', volume: source, path: 'a.txt' })).rejects.toMatchObject({
      code: ErrorCode.Validation,
    });
    await expect(
      service.browse({ engineId: 'local', volume: 'berth-no-such-volume-y', path: '' }),
    ).rejects.toMatchObject({ code: ErrorCode.NotFound, message: 'No such volume: berth-no-such-volume-y' });
    // Mounting a missing volume would have created it.
    expect(await docker('volume', 'ls', '-q', '--filter', 'name=berth-no-such-volume-y')).toBe('');
    expect(await helpersLeft(docker)).toBe('');
  });

  it('stops a listing early when a folder is too big to scan, and says so', async () => {
    const small = new VolumeFileService(engines, operations, dialogs, { maxListedEntries: 2 });
    const listing = await small.browse({ engineId: 'local', volume: source, path: '' });
    expect(listing.truncated).toBe(true);
    expect(listing.entries.length).toBe(2);
    expect(await helpersLeft(docker)).toBe('');
  });

  it('downloads a file byte for byte through a save dialog, as an operation', async () => {
    const target = join(scratch, 'saved-big.bin');
    dialogs.answers = [target];
    const start = await service.download({
      engineId: 'local',
      volume: source,
      path: 'big.bin',
      kind: 'file',
    });
    if (!start.started) throw new Error('the download did not start');
    expect(start.localPath).toBe(target);
    expect(start.operation.kind).toBe('volume.download');
    const finished = await operations.whenFinished(start.operation.id);
    expect(finished.state).toBe('succeeded');
    expect(finished.resultId).toBe(target);
    const expected = await runWithMount(`${source}:/d:ro`, ['md5sum', '/d/big.bin']);
    const { createHash } = await import('node:crypto');
    const actual = createHash('md5')
      .update(await readFile(target))
      .digest('hex');
    expect(expected.split(' ')[0]).toBe(actual);
    expect((await readdir(scratch)).filter((name) => name.includes('berth-partial'))).toEqual([]);
    expect(dialogs.requests.at(-1)).toEqual({ method: 'save', title: `Save big.bin from volume ${source}` });
  });

  it('does nothing when the user cancels the dialog', async () => {
    dialogs.answers = [undefined];
    await expect(service.export({ engineId: 'local', volume: source })).resolves.toEqual({ started: false });
    expect(operations.list().filter((operation) => operation.state === 'running')).toEqual([]);
  });

  it('copies a folder into a new folder next to what is there, writing no link and nothing outside it', async () => {
    const parent = join(scratch, 'copies');
    await import('node:fs/promises').then(({ mkdir }) => mkdir(join(parent, 'sub'), { recursive: true }));
    const result = await service.downloadFolder('local', source, 'sub', parent);
    expect(result.localPath).toBe(join(parent, 'sub (2)'));
    expect(await readFile(join(parent, 'sub (2)', 'deep', 'b.bin'), 'utf8')).toBe('x'.repeat(5000));
    expect(((await stat(join(parent, 'sub (2)', 'tool.sh'))).mode & 0o111) !== 0).toBe(true);
    expect(await readdir(join(parent, 'sub'))).toEqual([]);

    const root = await service.downloadFolder('local', source, '', parent);
    expect(root.skipped).toEqual(['link (a link to a.txt, not copied)']);
    await expect(readlink(join(root.localPath, 'link'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(join(root.localPath, 'with space', 'é ü.txt'), 'utf8')).toBe('spaced\n');
  });

  it('exports a volume to a tar file and imports it into another volume with identical data', async () => {
    const archive = join(scratch, 'export.tar');
    dialogs.answers = [archive];
    const started = await service.export({ engineId: 'local', volume: source });
    if (!started.started) throw new Error('the export did not start');
    const exported = await operations.whenFinished(started.operation.id);
    expect(exported.state).toBe('succeeded');
    expect((await stat(archive)).size).toBeGreaterThan(3_000_000);

    const copy = await makeVolume('copy');
    dialogs.answers = [archive];
    const importing = await service.import({ engineId: 'local', volume: copy });
    if (!importing.started) throw new Error('the import did not start');
    const imported = await operations.whenFinished(importing.operation.id);
    expect(imported.state).toBe('succeeded');
    expect(imported.progress.fraction).toBe(1);

    expect(await contentOf(docker, copy)).toBe(await contentOf(docker, source));
    expect(await helpersLeft(docker)).toBe('');
  });

  it('refuses to import a file that is not a tar archive, before touching the volume', async () => {
    const target = await makeVolume('untouched');
    const bogus = join(scratch, 'notes.txt');
    await writeFile(bogus, 'these are not the bytes of a tar archive'.repeat(40));
    dialogs.answers = [bogus];
    await expect(service.import({ engineId: 'local', volume: target })).rejects.toMatchObject({
      code: ErrorCode.Validation,
      message: 'notes.txt is not a tar archive (plain, gzip, bzip2 or xz); nothing was imported.',
    });
    expect(await contentOf(docker, target)).toBe('. dir 755');
  });

  it('leaves no file behind when a download is cancelled', async () => {
    const target = join(scratch, 'cancelled.bin');
    const controller = new AbortController();
    const transfer = service.downloadFile('local', source, 'big.bin', target, {
      signal: controller.signal,
      onBytes: () => controller.abort(),
    });
    // A typed IpcError, not a stray AbortError (the operation registry reports the cancel itself).
    await expect(transfer).rejects.toBeInstanceOf(IpcError);
    await expect(transfer).rejects.toMatchObject({ code: ErrorCode.Cancelled });
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await readdir(scratch)).filter((name) => name.includes('berth-partial'))).toEqual([]);
    expect(await helpersLeft(docker)).toBe('');
  });
});

skipUnlessRig('VolumeFileService on a host without any image', () => {
  let daemon: PrivateDaemon;
  let engines: EngineRegistry;

  beforeAll(async () => {
    daemon = await startPrivateDaemon({ buildImage: false });
    engines = new EngineRegistry([endpointFor(daemon.host)], { backoff: fastBackoff });
    engines.start();
    await engines.ready('local');
  });
  afterAll(async () => {
    await engines?.dispose();
    await daemon?.stop();
  });

  describe('with no image to make a helper from', () => {
    it('says so clearly and pulls nothing', async () => {
      await dockerCli(daemon.host, ['volume', 'create', 'lonely']);
      const service = new VolumeFileService(engines, new OperationRegistry(), new ScriptedDialogs());
      await expect(service.browse({ engineId: 'local', volume: 'lonely', path: '' })).rejects.toMatchObject({
        code: ErrorCode.Conflict,
        message: expect.stringContaining('there is none. Berth never pulls one for this') as unknown,
      });
      expect(await dockerCli(daemon.host, ['images', '-q'])).toBe('');
      expect(await dockerCli(daemon.host, ['ps', '-aq'])).toBe('');
    });
  });
});
