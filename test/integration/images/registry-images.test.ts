import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { ErrorCode } from '../../../electron/common';
import { docker, rigRegistry, type RigRegistryInfo, skipUnlessRegistry, waitFor } from '../../rig';
import { uniqueName } from '../helpers';
import { createImageHarness, type ImageHarness } from './image-harness';

/** Every file under `dir`, read as bytes and joined (what a grep -r would see). */
async function everything(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const parts: string[] = [];
  for (const entry of entries) {
    if (entry.isFile()) parts.push((await readFile(join(entry.parentPath, entry.name))).toString('latin1'));
  }
  return parts.join('\n');
}

async function registryTags(registry: RigRegistryInfo, repository: string): Promise<string[]> {
  const response = await fetch(`http://${registry.address}/v2/${repository}/tags/list`, {
    headers: {
      authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`,
    },
  });
  if (response.status !== 200) return [];
  return ((await response.json()) as { tags?: string[] | null }).tags ?? [];
}

skipUnlessRegistry('images, registries and credentials against the rig daemon and registry', () => {
  let registry: RigRegistryInfo;
  let harness: ImageHarness;
  const cleanup: string[] = [];

  beforeAll(() => {
    registry = rigRegistry()!;
  });
  beforeEach(async () => {
    harness = await createImageHarness();
  });
  afterEach(async () => {
    await harness.dispose();
  });
  afterAll(async () => {
    for (const ref of cleanup) await docker('rmi', '-f', ref).catch(() => undefined);
  });

  it('logs in with good credentials: checked first, stored encrypted, listed without the secret', async () => {
    const login = await harness.credentials.login({
      engineId: 'local',
      registry: registry.address,
      username: registry.username,
      password: registry.password,
    });
    expect(login).toEqual({ registry: registry.address, username: registry.username, source: 'berth' });
    const list = await harness.credentials.list();
    expect(list.canStoreSecrets).toBe(true);
    expect(list.logins).toContainEqual(login);
    expect(JSON.stringify(list)).not.toContain(registry.password);
    const onDisk = await everything(harness.dataDir);
    expect(onDisk.length).toBeGreaterThan(0);
    expect(onDisk).not.toContain(registry.password);
    expect(onDisk).not.toContain(registry.username);
  });

  it('refuses bad credentials with UNAUTHORIZED and stores nothing', async () => {
    await expect(
      harness.credentials.login({
        engineId: 'local',
        registry: registry.address,
        username: registry.username,
        password: 'not-the-password',
      }),
    ).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    expect((await harness.credentials.list()).logins).toEqual([]);
    expect(harness.cipher.encrypted).toBe(0);
  });

  it('refuses to store a login when there is no OS keyring, before asking the registry', async () => {
    harness.cipher.available = false;
    await expect(
      harness.credentials.login({
        engineId: 'local',
        registry: registry.address,
        username: registry.username,
        password: registry.password,
      }),
    ).rejects.toMatchObject({
      code: ErrorCode.Forbidden,
      message: expect.stringMatching(/keyring/) as unknown,
    });
    expect((await harness.credentials.list()).canStoreSecrets).toBe(false);
  });

  /** Logs the harness in to the rig registry (stored by Berth). */
  async function login(): Promise<void> {
    await harness.credentials.login({
      engineId: 'local',
      registry: registry.address,
      username: registry.username,
      password: registry.password,
    });
  }

  /**
   * An image only the registry has: built with a layer of random bytes (so no layer exists in the daemon), pushed,
   * then removed from the daemon.
   */
  async function imageOnlyInRegistry(): Promise<string> {
    const context = await mkdtemp(join(tmpdir(), 'berth-unique-'));
    const reference = `${registry.address}/berth/${uniqueName('pull')}:1`;
    try {
      await writeFile(join(context, 'payload.bin'), randomBytes(256 * 1024));
      await writeFile(
        join(context, 'Dockerfile'),
        'FROM berth-test/busybox:latest\nCOPY payload.bin /payload.bin\n',
      );
      await docker('build', '-q', '-t', reference, context);
    } finally {
      await rm(context, { recursive: true, force: true });
    }
    const pushed = await harness.finished(harness.transfers.push({ engineId: 'local', ref: reference }));
    expect(pushed.error).toBeUndefined();
    await docker('rmi', reference);
    return reference;
  }

  it('pulls with per-layer progress after a login; the image appears in the live list', async () => {
    await harness.images.list('local');
    await login();
    const reference = await imageOnlyInRegistry();
    cleanup.push(reference);
    const started = harness.transfers.pull({ engineId: 'local', ref: reference });
    expect(started).toMatchObject({ kind: 'image.pull', state: 'running', title: `Pull ${reference}` });
    const done = await harness.finished(started);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('succeeded');
    expect(done.resultId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const progress = harness.updates.filter((update) => update.operation.id === started.id);
    // The new layer is downloaded and extracted; the busybox layer already exists.
    const statuses = new Set(
      progress.flatMap((update) => update.operation.progress.items.map((item) => item.status)),
    );
    expect(
      [...statuses].some((status) =>
        /^(Pull complete|Download complete|Downloading|Extracting)/.test(status),
      ),
    ).toBe(true);
    expect(done.progress.items.length).toBeGreaterThanOrEqual(2);
    expect(done.progress.items.every((item) => item.done)).toBe(true);
    expect(done.progress.fraction).toBe(1);
    const listed = await waitFor(async () => {
      const list = await harness.images.list('local');
      return list.items.find((image) => image.repoTags.includes(reference));
    });
    expect(listed.id).toBe(done.resultId);
    expect(
      harness.imageChanges.some((change) => change.upserted.some((image) => image.id === done.resultId)),
    ).toBe(true);
  });

  it('runs several pulls at once, each with its own outcome', async () => {
    await login();
    const references = [await imageOnlyInRegistry(), await imageOnlyInRegistry()];
    cleanup.push(...references);
    const started = references.map((ref) => harness.transfers.pull({ engineId: 'local', ref }));
    const failing = harness.transfers.pull({
      engineId: 'local',
      ref: `${registry.address}/berth/busybox:missing`,
    });
    const running = harness.operations.list().filter((operation) => operation.state === 'running');
    expect(running.map((operation) => operation.id)).toEqual(
      expect.arrayContaining([...started.map((operation) => operation.id), failing.id]),
    );
    const outcomes = await Promise.all([...started, failing].map((operation) => harness.finished(operation)));
    expect(outcomes.map((outcome) => outcome.state)).toEqual(['succeeded', 'succeeded', 'failed']);
  });

  it('fails a pull of an unknown tag with NOT_FOUND, never a silent success', async () => {
    await login();
    const done = await harness.finished(
      harness.transfers.pull({ engineId: 'local', ref: `${registry.address}/berth/busybox:no-such-tag` }),
    );
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe(ErrorCode.NotFound);
  });

  it('fails a pull with a wrong password from the docker config with UNAUTHORIZED', async () => {
    await harness.writeDockerConfig({
      auths: { [registry.address]: { auth: Buffer.from(`${registry.username}:wrong`).toString('base64') } },
    });
    const done = await harness.finished(
      harness.transfers.pull({ engineId: 'local', ref: registry.fixtureImage }),
    );
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe(ErrorCode.Unauthorized);
  });

  it('uses the docker config credentials (auths) as the CLI does', async () => {
    await docker('rmi', '-f', registry.fixtureImage).catch(() => undefined);
    await harness.writeDockerConfig({
      auths: {
        [`http://${registry.address}/v2/`]: {
          auth: Buffer.from(`${registry.username}:${registry.password}`).toString('base64'),
        },
      },
    });
    const list = await harness.credentials.list();
    expect(list.logins).toContainEqual({
      registry: registry.address,
      username: registry.username,
      source: 'docker-config',
      store: 'config.json',
    });
    const done = await harness.finished(
      harness.transfers.pull({ engineId: 'local', ref: registry.fixtureImage }),
    );
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('succeeded');
  });

  it('pushes with progress to the registry', async () => {
    const repository = `berth/${uniqueName('push')}`;
    const target = `${registry.address}/${repository}:1`;
    cleanup.push(target);
    await docker('tag', 'berth-test/busybox:latest', target);
    await login();
    const started = harness.transfers.push({ engineId: 'local', ref: target });
    expect(started.kind).toBe('image.push');
    const done = await harness.finished(started);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('succeeded');
    expect(done.progress.items.length).toBeGreaterThan(0);
    expect(await registryTags(registry, repository)).toEqual(['1']);
  });

  it('fails a push without credentials with UNAUTHORIZED', async () => {
    const target = `${registry.address}/berth/${uniqueName('anonymous')}:1`;
    cleanup.push(target);
    await docker('tag', 'berth-test/busybox:latest', target);
    const done = await harness.finished(harness.transfers.push({ engineId: 'local', ref: target }));
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe(ErrorCode.Unauthorized);
  });

  it('cancels a pull: the operation ends cancelled', async () => {
    await login();
    const started = harness.transfers.pull({ engineId: 'local', ref: registry.fixtureImage });
    harness.operations.cancel(started.id);
    const done = await harness.finished(started);
    expect(done.state).toBe('cancelled');
    expect(done.error?.code).toBe(ErrorCode.Cancelled);
  });
});
