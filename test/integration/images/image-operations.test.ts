import { copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { ErrorCode, type OperationSummary } from '../../../electron/common';
import { docker, FIXTURE_IMAGE, skipUnlessRig, waitFor } from '../../rig';
import { containerArgs, removeGroup, uniqueName } from '../helpers';
import { createImageHarness, type ImageHarness } from './image-harness';

const GROUP = 'image-operations';

/** A build folder: a Dockerfile and the files it copies. */
async function buildFolder(root: string, files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(root, 'context-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

async function imageId(reference: string): Promise<string | undefined> {
  return docker('image', 'inspect', '--format', '{{.Id}}', reference).catch(() => undefined);
}

skipUnlessRig('image operations against the rig daemon', () => {
  let harness: ImageHarness;
  let work: string;
  const cleanup: string[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'berth-image-ops-'));
  });
  beforeEach(async () => {
    harness = await createImageHarness();
    await harness.images.list('local');
  });
  afterEach(async () => {
    await harness.dispose();
    await removeGroup(GROUP);
  });
  afterAll(async () => {
    for (const ref of cleanup) await docker('rmi', '-f', ref).catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  });

  type BuildRequest = Parameters<ImageHarness['builds']['build']>[0];
  /** A build of `context` on `local` with the form's defaults (no tags, args, cache kept, no pull). */
  const buildRequest = (context: string, request: Partial<BuildRequest> = {}): BuildRequest => ({
    engineId: 'local',
    context,
    tags: [],
    buildArgs: {},
    noCache: false,
    pull: false,
    ...request,
  });

  /** Allows `context` (as the folder dialog would), builds it and waits for the end. */
  async function build(
    context: string,
    request: Partial<BuildRequest> = {},
  ): Promise<{ started: OperationSummary; done: OperationSummary; lines: string[] }> {
    harness.builds.allow(context);
    const started = await harness.builds.build(buildRequest(context, request));
    const done = await harness.finished(started);
    const lines = harness.updates
      .filter((update) => update.operation.id === started.id)
      .flatMap((update) => update.appendedLines);
    return { started, done, lines };
  }

  it('builds FROM scratch with tags, build args and a target; the image appears in the list', async () => {
    const tag = `berth-test/${uniqueName('built')}:1`;
    cleanup.push(tag);
    const context = await buildFolder(work, {
      Dockerfile: [
        'FROM scratch AS base',
        'ARG GREETING=unset',
        'COPY hello.txt /hello.txt',
        'LABEL greeting=$GREETING',
        'FROM base AS final',
        'COPY never.txt /never.txt',
        '',
      ].join('\n'),
      'hello.txt': 'hello\n',
    });
    const { started, done, lines } = await build(context, {
      tags: [tag],
      buildArgs: { GREETING: 'from-berth' },
      target: 'base',
      noCache: true,
    });
    expect(started.kind).toBe('image.build');
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('succeeded');
    expect(lines.some((line) => line.startsWith('Step 1/'))).toBe(true);
    expect(done.progress.items.map((item) => item.status)).toEqual(
      expect.arrayContaining([expect.stringContaining('COPY hello.txt /hello.txt')]),
    );
    const id = await imageId(tag);
    expect(done.resultId).toBe(id);
    expect(await docker('image', 'inspect', '--format', '{{index .Config.Labels "greeting"}}', tag)).toBe(
      'from-berth',
    );
    const listed = await waitFor(async () =>
      (await harness.images.list('local')).items.find((image) => image.repoTags.includes(tag)),
    );
    expect(listed.id).toBe(id);
  });

  it('respects .dockerignore (the Dockerfile is sent even when it is listed)', async () => {
    const tag = `berth-test/${uniqueName('ignored')}:1`;
    cleanup.push(tag);
    const context = await buildFolder(work, {
      Dockerfile:
        'FROM berth-test/busybox:latest\nCOPY . /ctx/\nRUN ["/bin/sh", "-c", "cd /ctx && find . -type f | sort > /list"]\n',
      '.dockerignore': 'secrets\n*.log\n!keep.log\nDockerfile\n',
      'secrets/key.pem': 'nope',
      'app.txt': 'yes',
      'debug.log': 'nope',
      'keep.log': 'yes',
    });
    const { done } = await build(context, { tags: [tag] });
    // The build ran, so the (ignored) Dockerfile was sent; the daemon leaves it out of `COPY .`, as with the CLI.
    expect(done.error).toBeUndefined();
    const listing = await docker('run', '--rm', '--network', 'none', tag, 'cat', '/list');
    expect(listing.split('\n')).toEqual(['./.dockerignore', './app.txt', './keep.log']);
  });

  it('fails a build with a missing file, naming the failing step', async () => {
    const context = await buildFolder(work, {
      Dockerfile: 'FROM scratch\nCOPY present.txt /present.txt\nCOPY missing.txt /missing.txt\n',
      'present.txt': 'here',
    });
    const { done, lines } = await build(context);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(
      /^Step 3\/3 : COPY missing\.txt \/missing\.txt failed: .*missing\.txt/,
    );
    expect(lines.at(-1)).toMatch(/^ERROR: Step 3\/3/);
  });

  it('fails a build with a bad Dockerfile with the daemon’s reason', async () => {
    const context = await buildFolder(work, { Dockerfile: 'FROM scratch\nFROBNICATE everything\n' });
    const { done } = await build(context);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(/unknown instruction: FROBNICATE/i);
  });

  it('refuses a build folder that was not chosen through the dialog, and a Dockerfile outside it', async () => {
    const context = await buildFolder(work, { Dockerfile: 'FROM scratch\n' });
    await expect(harness.builds.build(buildRequest(context))).rejects.toMatchObject({
      code: ErrorCode.Forbidden,
    });
    harness.dialogs.folders.push(context);
    expect(await harness.builds.chooseContext()).toEqual({ path: context });
    await expect(
      harness.builds.build(buildRequest(context, { dockerfile: '../Dockerfile' })),
    ).rejects.toMatchObject({ code: ErrorCode.Validation });
    expect(await harness.builds.chooseContext()).toBeNull();
  });

  it('cancels a build', async () => {
    const context = await buildFolder(work, {
      Dockerfile: 'FROM berth-test/busybox:latest\nRUN ["/bin/sh", "-c", "sleep 30"]\n',
    });
    harness.builds.allow(context);
    const started = await harness.builds.build(buildRequest(context, { noCache: true }));
    await waitFor(() =>
      harness.updates.some(
        (update) =>
          update.operation.id === started.id &&
          update.appendedLines.some((line) => line.startsWith('Step 2/2')),
      ),
    );
    harness.operations.cancel(started.id);
    const done = await harness.finished(started);
    expect(done.state).toBe('cancelled');
  });

  it('saves an image to a tar file and loads it back (round trip), with byte progress', async () => {
    const tag = `berth-test/${uniqueName('saved')}:1`;
    await docker('tag', FIXTURE_IMAGE, tag);
    const file = join(work, `${uniqueName('save')}.tar`);
    harness.dialogs.saveFiles.push(file);
    const saving = await harness.transfers.save({ engineId: 'local', refs: [tag] });
    expect(saving).not.toBeNull();
    const saved = await harness.finished(saving!);
    expect(saved.error).toBeUndefined();
    expect(saved.state).toBe('succeeded');
    expect(saved.resultId).toBe(file);
    expect((await stat(file)).size).toBeGreaterThan(100_000);
    expect(saved.progress.text).toMatch(/written/);

    await docker('rmi', tag);
    expect(await imageId(tag)).toBeUndefined();
    harness.dialogs.openFiles.push(file);
    const loading = await harness.transfers.load({ engineId: 'local' });
    const loaded = await harness.finished(loading!);
    expect(loaded.error).toBeUndefined();
    expect(loaded.state).toBe('succeeded');
    expect(loaded.resultId).toBe(tag);
    expect(loaded.progress.fraction).toBe(1);
    expect(await imageId(tag)).toBe(await imageId(FIXTURE_IMAGE));
    await docker('rmi', tag);
  });

  it('returns null when the save or load dialog is cancelled, and fails a load of a file that is no image', async () => {
    expect(await harness.transfers.save({ engineId: 'local', refs: [FIXTURE_IMAGE] })).toBeNull();
    expect(await harness.transfers.load({ engineId: 'local' })).toBeNull();
    const bogus = join(work, 'bogus.tar');
    await copyFile('/etc/hostname', bogus).catch(() => writeFile(bogus, 'not a tar'));
    harness.dialogs.openFiles.push(bogus);
    const loaded = await harness.finished((await harness.transfers.load({ engineId: 'local' }))!);
    expect(loaded.state).toBe('failed');
    expect(loaded.error?.message).not.toBe('');
  });

  it('prunes dangling images with a preview and reports the reclaimed space', async () => {
    const tag = `berth-test/${uniqueName('dangling')}:1`;
    const first = await buildFolder(work, {
      Dockerfile: 'FROM scratch\nCOPY a /a\n',
      a: 'one'.repeat(10_000),
    });
    const second = await buildFolder(work, {
      Dockerfile: 'FROM scratch\nCOPY a /a\n',
      a: 'two'.repeat(10_000),
    });
    const old = (await build(first, { tags: [tag] })).done.resultId!;
    await build(second, { tags: [tag] });
    cleanup.push(tag);
    const preview = await waitFor(async () => {
      const candidate = await harness.images.prunePreview({ engineId: 'local', mode: 'dangling' });
      return candidate.images.some((image) => image.id === old) ? candidate : undefined;
    });
    expect(preview.reclaimableBytes).toBeGreaterThan(0);
    expect(preview.images.every((image) => image.repoTags.length === 0)).toBe(true);
    const result = await harness.images.prune({ engineId: 'local', mode: 'dangling' });
    expect(result.deleted).toContain(old);
    expect(result.reclaimedBytes).toBeGreaterThan(0);
    await waitFor(async () => !(await harness.images.list('local')).items.some((image) => image.id === old));
    expect(await imageId(old)).toBeUndefined();
  });

  it('untags one name, deletes by id, and says which container uses an image', async () => {
    const a = `berth-test/${uniqueName('names')}:a`;
    const b = `berth-test/${uniqueName('names')}:b`;
    const context = await buildFolder(work, {
      Dockerfile: 'FROM berth-test/busybox:latest\nLABEL unique=' + uniqueName('x') + '\n',
    });
    const id = (await build(context, { tags: [a] })).done.resultId!;
    await docker('tag', a, b);
    cleanup.push(a, b);

    const [byId] = await harness.images.remove({ engineId: 'local', refs: [id] });
    expect(byId?.error?.code).toBe(ErrorCode.Conflict);
    expect(byId?.error?.message).toMatch(/several names/);

    const [untag] = await harness.images.remove({ engineId: 'local', refs: [a] });
    expect(untag).toEqual({ ref: a, untagged: [a], deleted: [] });
    expect(await imageId(b)).toBe(id);

    const name = uniqueName('user');
    await docker(
      'create',
      ...containerArgs(name, GROUP, ['true']).map((arg) => (arg === FIXTURE_IMAGE ? b : arg)),
    );
    const [inUse] = await harness.images.remove({ engineId: 'local', refs: [id] });
    expect(inUse?.error?.code).toBe(ErrorCode.Conflict);
    expect(inUse?.error?.message).toContain(name);
    expect(inUse?.error?.message).toMatch(/force/);

    const details = await harness.images.inspect({ engineId: 'local', id });
    expect(details.usedBy.map((user) => user.name)).toEqual([name]);
    const listed = await waitFor(async () =>
      (await harness.images.list('local')).items.find((image) => image.id === id && image.containers === 1),
    );
    expect(listed.repoTags).toEqual([b]);

    const [forced] = await harness.images.remove({ engineId: 'local', refs: [id], force: true });
    expect(forced?.error).toBeUndefined();
    expect(forced?.deleted).toContain(id);
  });

  it('tags an image and shows its details: history, labels, masked env in the inspect text', async () => {
    const tag = `berth-test/${uniqueName('details')}:1`;
    const retag = `berth-test/${uniqueName('details')}:2`;
    cleanup.push(tag, retag);
    const context = await buildFolder(work, {
      Dockerfile: 'FROM scratch\nENV API_TOKEN=hunter2-token\nLABEL team=berth\nCOPY a /a\n',
      a: 'a',
    });
    const id = (await build(context, { tags: [tag] })).done.resultId!;
    await harness.images.tag({ engineId: 'local', source: tag, target: retag });
    expect(await imageId(retag)).toBe(id);
    const details = await harness.images.inspect({ engineId: 'local', id: tag });
    expect(details.id).toBe(id);
    expect(details.repoTags.sort()).toEqual([tag, retag].sort());
    expect(details.labels).toEqual({ team: 'berth' });
    expect(details.env).toContainEqual({ name: 'API_TOKEN', value: 'hunter2-token' });
    expect(details.inspect).toContain('API_TOKEN=');
    expect(details.inspect).not.toContain('hunter2-token');
    expect(details.history.map((layer) => layer.createdBy).join('\n')).toMatch(/COPY .* in \/a/);
    expect(details.history[0]?.id).toBe(id);
  });

  it('follows image events: a tag made with the CLI arrives as a change', async () => {
    const tag = `berth-test/${uniqueName('live')}:1`;
    cleanup.push(tag);
    await docker('tag', FIXTURE_IMAGE, tag);
    const change = await waitFor(() =>
      harness.imageChanges.find((candidate) =>
        candidate.upserted.some((image) => image.repoTags.includes(tag)),
      ),
    );
    expect(change.engineId).toBe('local');
  });
});
