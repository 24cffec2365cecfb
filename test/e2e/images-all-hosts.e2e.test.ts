import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, expect, it } from 'vitest';

import {
  docker,
  FIXTURE_IMAGE,
  rigDockerHost,
  rigRemote,
  type RigRemoteInfo,
  skipUnlessRemoteRig,
} from '../rig';
import { type BerthApp, launchBerth } from './harness';
import {
  contextEngineId,
  dumpAppOnFailure,
  type E2eDockerConfig,
  makeDockerConfig,
  remoteDockerOf,
} from './support';

/** The names of an image on one daemon (`[]` when the name is not there). */
async function namesOf(run: (...args: string[]) => Promise<string>, ref: string): Promise<string[]> {
  try {
    return JSON.parse(await run('image', 'inspect', '--format', '{{json .RepoTags}}', ref)) as string[];
  } catch {
    return [];
  }
}

skipUnlessRemoteRig('images of two hosts under All hosts', () => {
  const suffix = randomBytes(4).toString('hex');
  const context = `e2e-img-${suffix}`;
  const remoteId = contextEngineId(context);
  // The same name on both daemons, and a name only the second one has.
  const shared = `berth-e2e/both-${suffix}:1`;
  const remoteOnly = `berth-e2e/remote-${suffix}:1`;
  const added = `berth-e2e/remote-${suffix}:tagged`;
  let remote: RigRemoteInfo;
  let dockerConfig: E2eDockerConfig | undefined;
  let app: BerthApp;
  const remoteDocker = remoteDockerOf(() => remote);

  beforeAll(async () => {
    remote = rigRemote() as RigRemoteInfo;
    // The second daemon as a docker CLI context over mutual TLS, as a user with two hosts would have it.
    dockerConfig = await makeDockerConfig([{ name: context, remote, mutualTls: true }]);
    await docker('tag', FIXTURE_IMAGE, shared);
    await remoteDocker('tag', FIXTURE_IMAGE, shared);
    await remoteDocker('tag', FIXTURE_IMAGE, remoteOnly);
    app = await launchBerth({ env: { DOCKER_HOST: rigDockerHost(), DOCKER_CONFIG: dockerConfig.dir } });
  });

  dumpAppOnFailure(() => app);

  afterAll(async () => {
    await app?.close();
    // Only names go: the fixture image keeps its own name on both daemons.
    await docker('rmi', shared).catch(() => undefined);
    for (const ref of [shared, remoteOnly, added]) await remoteDocker('rmi', ref).catch(() => undefined);
    await dockerConfig?.remove();
  });

  it('shows both hosts in one table, and removes and tags on the second host only', async () => {
    const page = app.window;
    await page.locator(`option[value="${remoteId}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    await page.getByRole('combobox', { name: 'Host' }).selectOption('all');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Images' }).click();

    // One table: the same name on both hosts is two rows, each naming its host.
    const table = page.getByRole('table', { name: 'Images on all hosts' });
    const row = (engineId: string, ref: string) =>
      table.locator(`[data-testid="image-row"][data-engine-id="${engineId}"][data-ref="${ref}"]`);
    await row('local', shared).waitFor({ timeout: 30_000 });
    await row(remoteId, shared).waitFor({ timeout: 30_000 });
    await row(remoteId, remoteOnly).waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toContain('Host');
    expect(await row(remoteId, shared).locator('[data-column="host"]').innerText()).toBe(context);
    expect(await row('local', shared).locator('[data-column="host"]').innerText()).toBe('Local');

    // The search matches the host's name.
    const search = page.getByRole('textbox', { name: 'Search images' });
    await search.fill(`${context} both`);
    await row('local', shared).waitFor({ state: 'detached' });
    expect(await row(remoteId, shared).count()).toBe(1);
    await search.fill('');

    // Removing the second host's copy untags it there, and only there.
    await row(remoteId, shared)
      .getByRole('button', { name: `Remove ${shared} on ${context}` })
      .click();
    const removal = page.getByTestId('remove-images-modal');
    await removal.getByTestId('remove-refs').getByText(`on ${context}`).waitFor();
    await removal.getByRole('button', { name: 'Remove', exact: true }).click();
    await row(remoteId, shared).waitFor({ state: 'detached', timeout: 30_000 });
    expect(await namesOf(remoteDocker, shared)).toEqual([]);
    expect(await namesOf(docker, shared)).toContain(shared);
    expect(await row('local', shared).count()).toBe(1);

    // Tagging a row of the second host names the image there, not on the local daemon.
    await row(remoteId, remoteOnly)
      .getByRole('button', { name: `Tag ${remoteOnly} on ${context}` })
      .click();
    const tagging = page.getByRole('dialog', { name: `Tag ${remoteOnly} on ${context}` });
    await tagging.getByRole('textbox', { name: 'New name' }).fill(added);
    await tagging.getByRole('button', { name: 'Tag', exact: true }).click();
    await row(remoteId, added).waitFor({ timeout: 30_000 });
    expect(await namesOf(remoteDocker, added)).toContain(added);
    expect(await namesOf(docker, added)).toEqual([]);
    expect(await row('local', added).count()).toBe(0);
  });
});
