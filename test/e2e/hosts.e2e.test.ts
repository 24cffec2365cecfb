import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import type { IpcEnvelope, OperationSummary, RunSpec } from '../../electron/common';
import { runSpec } from '../fixtures/run-spec';
import {
  docker,
  FIXTURE_IMAGE,
  rigDockerHost,
  rigRemote,
  type RigRemoteInfo,
  skipUnlessRemoteRig,
  TEST_LABEL,
} from '../rig';
import { type BerthApp, launchBerth } from './harness';
import { dumpAppOnFailure, remoteDockerOf } from './support';

/** The page globals this test touches (the node tsconfig has no DOM types). */
interface BerthPage {
  berth: { containers: { run(spec: RunSpec): Promise<IpcEnvelope<OperationSummary>> } };
}

skipUnlessRemoteRig('an SSH host added in the UI, next to the local one', () => {
  const suffix = randomBytes(4).toString('hex');
  const remoteName = `e2e-remote-${suffix}`;
  const localName = `e2e-local-${suffix}`;
  let remote: RigRemoteInfo;
  let home: string;
  let app: BerthApp;
  const remoteDocker = remoteDockerOf(() => remote);

  beforeAll(async () => {
    remote = rigRemote() as RigRemoteInfo;
    // The app's own HOME: an ssh key the rig's sshd accepts, no known_hosts yet (so the UI asks about the host key).
    home = await mkdtemp(join(tmpdir(), 'berth-e2e-home-'));
    await mkdir(join(home, '.ssh'), { mode: 0o700 });
    await copyFile(remote.ssh.keyFile, join(home, '.ssh', 'id_ed25519'));
    await docker(
      'create',
      '--name',
      localName,
      '--network',
      'none',
      '--label',
      `${TEST_LABEL}=e2e-hosts`,
      FIXTURE_IMAGE,
      'sleep',
      '3600',
    );
    app = await launchBerth({ env: { DOCKER_HOST: rigDockerHost(), HOME: home } });
  });

  afterAll(async () => {
    await app?.close();
    await docker('rm', '-f', localName).catch(() => undefined);
    await remoteDocker('rm', '-f', remoteName).catch(() => undefined);
    await rm(home, { recursive: true, force: true });
  });

  dumpAppOnFailure(() => app);

  it('adds the host (trusting its key), switches to it, runs a container there and shows it in All hosts', async () => {
    const page = app.window;
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor();

    // Add the SSH host on the Hosts page; saving tests the connection first.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Hosts' }).click();
    await page.getByRole('button', { name: 'Add host' }).click();
    const form = page.getByRole('dialog', { name: 'Add a host' });
    await form.getByRole('textbox', { name: /^Name/ }).fill('rig-ssh');
    await form.getByRole('textbox', { name: /^Address/ }).fill(`ssh://root@127.0.0.1:${remote.ssh.port}`);
    await form.getByRole('button', { name: 'Test and add' }).click();

    // First contact: the host key is shown with its fingerprint, and trusted by the user.
    const prompt = page.getByRole('dialog', { name: 'Trust this SSH host?' });
    await expect
      .poll(() => prompt.getByTestId('host-key-fingerprint').innerText())
      .toBe(`ssh-ed25519 ${remote.ssh.fingerprint}`);
    await prompt.getByRole('button', { name: 'Trust and connect' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await readFile(join(home, '.ssh', 'known_hosts'), 'utf8')).toContain(remote.ssh.knownHostsLine);

    const row = page.getByTestId('host-row').filter({ hasText: 'rig-ssh' });
    await row.locator('[data-testid="host-state"][data-state="connected"]').waitFor();
    const engineId = await row.getAttribute('data-engine-id');
    expect(engineId).toMatch(/^host:/);
    // The Kind column gives way to the address on a window this narrow (columns by priority); the scheme says it.
    expect(await row.innerText()).toContain('ssh://');

    // Switch to it and run a container there (through Berth's own run, on that engine).
    await page.getByRole('combobox', { name: 'Host' }).selectOption(engineId ?? '');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Containers' }).click();
    const spec = runSpec({
      engineId: engineId ?? '',
      image: FIXTURE_IMAGE,
      name: remoteName,
      command: ['sleep', '3600'],
      network: 'none',
    });
    const started = await page.evaluate(
      async (runSpec) => (globalThis as unknown as BerthPage).berth.containers.run(runSpec),
      spec,
    );
    if (!started.ok) throw new Error(started.error.message);
    await page
      .locator(`[data-testid="container-row"][data-state="running"]`)
      .filter({ hasText: remoteName })
      .waitFor({ timeout: 60_000 });
    // It runs on the daemon behind the SSH host, not on the local one.
    expect(await remoteDocker('inspect', '--format', '{{.State.Status}}', remoteName)).toBe('running');
    await expect(docker('inspect', remoteName)).rejects.toThrow(/No such object/);
    expect(await page.getByTestId('container-row').filter({ hasText: localName }).count()).toBe(0);

    // All hosts: both, each with its host.
    await page.getByRole('combobox', { name: 'Host' }).selectOption('all');
    const table = page.getByRole('table', { name: 'Containers on all hosts' });
    const remoteRow = table.getByTestId('container-row').filter({ hasText: remoteName });
    const localRow = table.getByTestId('container-row').filter({ hasText: localName });
    await remoteRow.waitFor();
    await localRow.waitFor();
    expect(await remoteRow.locator('[data-column="host"]').innerText()).toBe('rig-ssh');
    expect(await localRow.locator('[data-column="host"]').innerText()).toBe('Local');
    expect(await remoteRow.getAttribute('data-engine-id')).toBe(engineId);
    expect(await localRow.getAttribute('data-engine-id')).toBe('local');

    // An action from the merged list goes to the right host.
    await remoteRow.getByRole('button', { name: `Stop ${remoteName} on rig-ssh` }).click();
    await table
      .locator('[data-testid="container-row"][data-state="exited"]')
      .filter({ hasText: remoteName })
      .waitFor({ timeout: 30_000 });
    expect(await remoteDocker('inspect', '--format', '{{.State.Status}}', remoteName)).toBe('exited');
  });
});
