import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';

import { afterAll, beforeAll, expect, it, type MockInstance, vi } from 'vitest';

import {
  ErrorCode,
  type EventMessage,
  IpcChannel,
  IpcError,
  IpcEvent,
  type OperationSummary,
} from '../../../electron/common';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import type { FileDialogs } from '../../../electron/main/docker/images/image-transfers';
import { createImageServices } from '../../../electron/main/docker/images/index';
import { AppEventBus } from '../../../electron/main/ipc/event-bus';
import { createImageHandlers } from '../../../electron/main/ipc/image-handlers';
import { type InvokeHandlers, registerInvokeHandlers } from '../../../electron/main/ipc/invoke-router';
import { OperationRegistry } from '../../../electron/main/ops/operation-registry';
import { writeFakeHelper } from '../../main/credentials/fake-helper';
import { FakeIpcMain, senderEvent } from '../../mocks/ipc';
import { TestCipher } from '../../mocks/secret-cipher';
import {
  docker,
  registryUnavailableReason,
  rigDockerHost,
  type RigRegistry,
  skipUnlessRig,
  startRigRegistry,
  waitFor,
} from '../../rig';
import { endpointFor, fastBackoff } from '../helpers';
import { filesUnder } from '../support/files';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Design C-T4: a canary password used for logins, pulls, pushes and a build, through Berth's own store and
 * through a docker credential helper, must never show up in the app's data directory, in anything logged, or in
 * any IPC result or event sent to the renderer.
 */
skipUnlessRig('a canary registry password never leaves main', () => {
  const canary = `S3cr3t-${randomUUID()}`;
  let registry: RigRegistry | undefined;
  let dir: string;
  let dataDir: string;
  let bin: string;
  let configDir: string;
  let engines: EngineRegistry;
  let containers: ContainerService;
  let operations: OperationRegistry;
  let services: ReturnType<typeof createImageServices>;
  let ipc: FakeIpcMain;
  const cipher = new TestCipher();
  const toRenderer: unknown[] = [];
  const logged: string[] = [];
  const spies: MockInstance[] = [];
  const dialogs: FileDialogs = {
    chooseSavePath: () => Promise.resolve(undefined),
    chooseOpenPath: () => Promise.resolve(undefined),
  };

  beforeAll(async () => {
    const unavailable = registryUnavailableReason();
    if (unavailable) throw new Error(unavailable);
    registry = await startRigRegistry({ dockerHost: rigDockerHost(), username: 'canary', password: canary });
    dir = await mkdtemp(join(tmpdir(), 'berth-canary-'));
    dataDir = join(dir, 'app-data');
    bin = join(dir, 'bin');
    configDir = join(dir, 'docker-config');
    await mkdir(configDir, { recursive: true });
    await writeFakeHelper(bin, 'test', { [registry.address]: ['canary', canary] });

    for (const method of CONSOLE_METHODS) {
      spies.push(
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          logged.push(args.map((arg) => inspect(arg, { depth: 8 })).join(' '));
        }),
      );
    }

    engines = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
    containers = new ContainerService(engines);
    operations = new OperationRegistry({
      throttleMs: 20,
      onUnexpectedError: (operation, error) => console.error(`[ops] ${operation.kind} failed:`, error),
    });
    services = createImageServices({
      engines,
      containers,
      operations,
      dataDir,
      cipher,
      dialogs,
      env: { ...process.env, DOCKER_CONFIG: configDir, PATH: `${bin}:${process.env.PATH ?? ''}` },
      homedir: dir,
    });
    const bus = new AppEventBus();
    bus.attach({ send: (_channel, message) => toRenderer.push(message), isDestroyed: () => false });
    operations.onUpdated((update) => bus.publish(IpcEvent.OperationUpdated, update));
    services.images.onChanged((change) => bus.publish(IpcEvent.ImagesChanged, change));

    // Only the image and registry channels are wired; the others answer NOT_FOUND.
    const imageHandlers = createImageHandlers(services) as Record<string, unknown>;
    const handlers = new Proxy(imageHandlers, {
      get: (target, key: string) =>
        target[key] ??
        (() => {
          throw new IpcError(ErrorCode.NotFound, 'not wired in this test');
        }),
    }) as unknown as InvokeHandlers;
    ipc = new FakeIpcMain();
    registerInvokeHandlers(ipc, handlers, {
      isTrustedSender: () => true,
      onUnexpectedError: (channel, error) => console.error(`[ipc] ${channel} failed:`, error),
    });
    engines.start();
    await engines.ready('local');
  });

  afterAll(async () => {
    for (const spy of spies) spy.mockRestore();
    operations?.dispose();
    services?.dispose();
    containers?.dispose();
    await engines?.dispose();
    await registry?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  /** Invokes a channel as the renderer does and records what comes back. */
  async function invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const envelope = await ipc.invoke(channel, senderEvent(), ...args);
    toRenderer.push(envelope);
    return envelope;
  }

  async function finished(envelope: unknown): Promise<OperationSummary> {
    const started = (envelope as { ok: boolean; value: OperationSummary }).value;
    return waitFor(
      () =>
        toRenderer
          .filter(
            (message): message is EventMessage =>
              typeof message === 'object' && message !== null && 'name' in message,
          )
          .filter((message) => message.name === IpcEvent.OperationUpdated)
          .map((message) => (message.payload as { operation: OperationSummary }).operation)
          .find((operation) => operation.id === started.id && operation.state !== 'running'),
      { timeoutMs: 30_000, description: `operation ${started.title}` },
    );
  }

  it('logs in, pulls, pushes and builds with the canary, then uses it from a credential helper: it appears nowhere', async () => {
    const address = registry!.address;
    const image = registry!.fixtureImage;
    await invoke(IpcChannel.RegistriesList);

    const refused = await invoke(IpcChannel.RegistriesLogin, {
      engineId: 'local',
      registry: address,
      username: 'canary',
      password: `${canary}-wrong`,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.Unauthorized } });

    expect(
      await invoke(IpcChannel.RegistriesLogin, {
        engineId: 'local',
        registry: address,
        username: 'canary',
        password: canary,
      }),
    ).toEqual({ ok: true, value: { registry: address, username: 'canary', source: 'berth' } });
    // Positive control: the secret really is in Berth's store, encrypted.
    const stored = await readFile(join(dataDir, 'registry-credentials.bin'));
    expect(await cipher.decrypt(stored)).toContain(canary);

    const pulled = await finished(await invoke(IpcChannel.ImagesPull, { engineId: 'local', ref: image }));
    expect(pulled.state).toBe('succeeded');
    const missing = await finished(
      await invoke(IpcChannel.ImagesPull, { engineId: 'local', ref: `${address}/berth/busybox:nope` }),
    );
    expect(missing.state).toBe('failed');

    const pushedRef = `${address}/berth/canary-push:1`;
    await docker('tag', image, pushedRef);
    const pushed = await finished(await invoke(IpcChannel.ImagesPush, { engineId: 'local', ref: pushedRef }));
    expect(pushed.state).toBe('succeeded');
    await docker('rmi', pushedRef);

    const context = join(dir, 'context');
    await mkdir(context);
    await writeFile(join(context, 'Dockerfile'), `FROM ${image}\nRUN ["/bin/sh", "-c", "echo built"]\n`);
    services.builds.allow(context);
    const built = await finished(
      await invoke(IpcChannel.ImagesBuild, {
        engineId: 'local',
        context,
        tags: [],
        buildArgs: {},
        noCache: true,
        pull: true,
      }),
    );
    expect(built.state).toBe('succeeded');
    await invoke(IpcChannel.RegistriesList);
    await invoke(IpcChannel.ImagesList, 'local');

    // Now only the docker CLI's credential helper knows the password.
    await invoke(IpcChannel.RegistriesLogout, { registry: address });
    await writeFile(join(configDir, 'config.json'), JSON.stringify({ credHelpers: { [address]: 'test' } }));
    const listed = (await invoke(IpcChannel.RegistriesList)) as { value: { logins: unknown[] } };
    expect(listed.value.logins).toContainEqual({
      registry: address,
      username: 'canary',
      source: 'docker-config',
      store: 'docker-credential-test',
    });
    await docker('rmi', image);
    const viaHelper = await finished(await invoke(IpcChannel.ImagesPull, { engineId: 'local', ref: image }));
    expect(viaHelper.state).toBe('succeeded');
    expect(await readFile(join(bin, 'test.calls'), 'utf8')).toContain(`get ${address}`);

    // The grep: the app's data directory, everything logged, everything sent to the renderer.
    expect(toRenderer.length).toBeGreaterThan(10);
    const sentToRenderer = JSON.stringify(toRenderer);
    expect(sentToRenderer).toContain('docker-credential-test');
    expect(sentToRenderer).not.toContain(canary);
    expect(logged.join('\n')).not.toContain(canary);
    expect(await filesUnder(dataDir)).not.toContain(canary);
    expect(await filesUnder(dataDir)).not.toContain(Buffer.from(`canary:${canary}`).toString('base64'));
  });
});
