import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ComposeProjectRef } from '../../../electron/common/compose/project';
import { ComposeService } from '../../../electron/main/docker/compose/compose-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { OperationRegistry } from '../../../electron/main/ops/operation-registry';
import { dockerCli, FIXTURE_IMAGE, rigRemote, type RigRemoteInfo, skipUnlessRemoteRig } from '../../rig';
import { fastBackoff, uniqueName } from '../helpers';
import {
  hostEndpoint,
  makeSshHome,
  recordingPrompts,
  sshEnvironment,
  type SshHome,
  tlsSpec,
} from '../remote-helpers';

/** A two-service project; `webGreeting` changes only `web`'s configuration. */
function composeFile(webGreeting: string): string {
  return `services:
  web:
    image: ${FIXTURE_IMAGE}
    command: ["sh", "-c", "echo web says $$GREETING; exec sleep 3600"]
    environment:
      GREETING: "${webGreeting}"
    labels:
      berth-test: compose
  worker:
    image: ${FIXTURE_IMAGE}
    command: ["sh", "-c", "echo worker ready; exec sleep 3600"]
    labels:
      berth-test: compose
`;
}

interface Inspected {
  Id: string;
  State: { Status: string };
  Config: { Labels: Record<string, string> };
}

/** The forwarding sockets Berth made under the temp dir (there must be none left after an operation). */
async function forwardingFolders(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('berth-fwd-'));
}

skipUnlessRemoteRig(
  'Compose deploys through Berth’s connection (real docker-compose, TLS and SSH hosts)',
  () => {
    let remote: RigRemoteInfo;
    let home: SshHome;
    let engines: EngineRegistry;
    let operations: OperationRegistry;
    let compose: ComposeService;
    let folder: string;
    const cli = (...args: string[]): Promise<string> => dockerCli(remote.tls.socketHost, args);

    beforeAll(async () => {
      remote = rigRemote() as RigRemoteInfo;
      home = await makeSshHome();
      await home.addKey(remote.ssh.keyFile);
      await home.write('known_hosts', `${remote.ssh.knownHostsLine}\n`);
      engines = new EngineRegistry(
        [
          hostEndpoint('tls', tlsSpec(remote)),
          hostEndpoint('ssh', { url: `ssh://root@127.0.0.1:${remote.ssh.port}` }),
        ],
        {
          backoff: fastBackoff,
          // A loaded machine starts the remote `docker system dial-stdio` slowly.
          connectTimeoutMs: 30_000,
          sshHandshakeTimeoutMs: 30_000,
          ssh: sshEnvironment(home, recordingPrompts({})),
        },
      );
      engines.start();
      for (const id of ['tls', 'ssh']) expect((await engines.ready(id)).status.state).toBe('connected');
      operations = new OperationRegistry();
      // The environment a user's shell would carry, pointing at another daemon with certificates: Compose must
      // ignore all of it and act only through Berth's socket.
      compose = new ComposeService(engines, operations, {
        env: {
          PATH: process.env.PATH,
          HOME: home.home,
          DOCKER_HOST: 'tcp://127.0.0.1:1',
          DOCKER_TLS_VERIFY: '1',
          DOCKER_CERT_PATH: '/nonexistent',
          DOCKER_CONTEXT: 'nonexistent',
        },
      });
      folder = await mkdtemp(join(tmpdir(), 'berth-compose-project-'));
    });
    afterAll(async () => {
      operations?.dispose();
      await engines?.dispose();
      await home?.remove();
      await rm(folder, { recursive: true, force: true });
    });

    it('uses the real Compose of this machine', async () => {
      expect(await compose.tool()).toMatchObject({
        available: true,
        version: expect.stringMatching(/^\d+\.\d+/) as unknown,
      });
    });

    describe.each(['tls', 'ssh'])('on the %s host', { timeout: 300_000 }, (engineId) => {
      let ref: ComposeProjectRef;
      const containers = async (): Promise<Map<string, Inspected>> => {
        const ids = (
          await cli('ps', '-aq', '--filter', `label=com.docker.compose.project=${ref.projectName}`)
        )
          .split('\n')
          .filter(Boolean);
        const byService = new Map<string, Inspected>();
        if (ids.length === 0) return byService;
        for (const item of JSON.parse(await cli('inspect', ...ids)) as Inspected[]) {
          byService.set(item.Config.Labels['com.docker.compose.service'] ?? '', item);
        }
        return byService;
      };

      beforeAll(async () => {
        const project = uniqueName(`compose-${engineId}`);
        const dir = join(folder, project);
        await mkdir(dir);
        await writeFile(join(dir, 'compose.yaml'), composeFile('hello'));
        ref = { engineId, projectName: project, workingDir: dir, files: [join(dir, 'compose.yaml')] };
      });
      afterAll(async () => {
        await compose.runAction(ref, { kind: 'down', removeVolumes: true }).catch(() => undefined);
      });

      it('deploys both services; the daemon has them running with Compose’s labels', async () => {
        const operation = compose.act(ref, { kind: 'up' });
        const done = await operations.whenFinished(operation.id);
        expect(done.error).toBeUndefined();
        expect(done.state).toBe('succeeded');
        // Per-service progress, read from Compose's own output.
        expect(done.progress.items.map((item) => item.id)).toEqual(expect.arrayContaining(['web', 'worker']));
        const byService = await containers();
        expect([...byService.keys()].sort()).toEqual(['web', 'worker']);
        for (const item of byService.values()) {
          expect(item.State.Status).toBe('running');
          expect(item.Config.Labels).toMatchObject({
            'com.docker.compose.project': ref.projectName,
            'com.docker.compose.project.working_dir': ref.workingDir,
            'com.docker.compose.oneoff': 'False',
          });
        }
        expect(await cli('network', 'ls', '-q', '--filter', `name=${ref.projectName}_default`)).not.toBe('');
        expect(await forwardingFolders()).toEqual([]);
      });

      it('redeploys after one service changed: only that one is recreated', async () => {
        const before = await containers();
        await writeFile(join(ref.workingDir, 'compose.yaml'), composeFile('changed'));
        await compose.runAction(ref, { kind: 'up' });
        const after = await containers();
        expect(after.get('worker')?.Id).toBe(before.get('worker')?.Id);
        expect(after.get('web')?.Id).not.toBe(before.get('web')?.Id);
        expect(after.get('web')?.State.Status).toBe('running');
      });

      it('shows the resolved configuration and calls out unset variables', async () => {
        await writeFile(
          join(ref.workingDir, 'compose.yaml'),
          composeFile('changed').replace('"changed"', '"${BERTH_TEST_UNSET_VARIABLE}"'),
        );
        const config = await compose.config(ref);
        expect(config.yaml).toContain('worker');
        expect(config.unsetVariables).toEqual(['BERTH_TEST_UNSET_VARIABLE']);
        await writeFile(join(ref.workingDir, 'compose.yaml'), composeFile('changed'));
      });

      it('down removes the containers and the network', async () => {
        await compose.runAction(ref, { kind: 'down', removeVolumes: false });
        expect((await containers()).size).toBe(0);
        expect(await cli('network', 'ls', '-q', '--filter', `name=${ref.projectName}_default`)).toBe('');
        expect(await forwardingFolders()).toEqual([]);
      });
    });

    it('fails clearly, with Compose’s words, when the files are invalid', async () => {
      const dir = await mkdtemp(join(folder, 'broken-'));
      await writeFile(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: [oops\n');
      await expect(
        compose.config({ engineId: 'tls', projectName: 'broken', workingDir: dir }),
      ).rejects.toMatchObject({
        code: 'TOOL_FAILED',
        message: expect.stringMatching(/^Docker Compose failed: /) as unknown,
      });
    });

    it('says how to get Compose when there is none, and runs nothing', async () => {
      const none = new ComposeService(engines, operations, {
        discover: () => Promise.resolve({ available: false, searched: [], howToGet: 'Install the plugin.' }),
      });
      await expect(
        none.runAction({ engineId: 'tls', workingDir: folder }, { kind: 'up' }),
      ).rejects.toMatchObject({
        code: 'TOOL_FAILED',
        message: 'Docker Compose was not found. Install the plugin.',
      });
    });
  },
);
