import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ImagesChange, OperationSummary, OperationUpdate } from '../../../electron/common';
import { AppCredentialStore } from '../../../electron/main/credentials/app-credential-store';
import { CredentialHelpers } from '../../../electron/main/credentials/credential-helper';
import { DockerConfigCredentials } from '../../../electron/main/credentials/docker-config';
import { RegistryCredentialsService } from '../../../electron/main/credentials/registry-credentials';
import { ContainerService } from '../../../electron/main/docker/containers/container-service';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import { BuildService } from '../../../electron/main/docker/images/build/build-service';
import { ImageService } from '../../../electron/main/docker/images/image-service';
import { type FileDialogs, ImageTransfers } from '../../../electron/main/docker/images/image-transfers';
import { OperationRegistry } from '../../../electron/main/ops/operation-registry';
import { TestCipher } from '../../mocks/secret-cipher';
import { rigDockerHost } from '../../rig';
import { endpointFor, fastBackoff } from '../helpers';

/** Dialog answers a test queues; an empty queue answers "cancelled". */
export class ScriptedDialogs implements FileDialogs {
  folders: string[] = [];
  saveFiles: string[] = [];
  openFiles: string[] = [];

  chooseOpenPath({ kind }: { kind?: 'file' | 'directory' }): Promise<string | undefined> {
    return Promise.resolve(kind === 'directory' ? this.folders.shift() : this.openFiles.shift());
  }

  chooseSavePath(): Promise<string | undefined> {
    return Promise.resolve(this.saveFiles.shift());
  }
}

/** Every image service wired as the composition root wires them, against the rig daemon. */
export interface ImageHarness {
  dir: string;
  dataDir: string;
  dockerConfigDir: string;
  engines: EngineRegistry;
  containers: ContainerService;
  images: ImageService;
  operations: OperationRegistry;
  credentials: RegistryCredentialsService;
  transfers: ImageTransfers;
  builds: BuildService;
  dialogs: ScriptedDialogs;
  cipher: TestCipher;
  updates: OperationUpdate[];
  imageChanges: ImagesChange[];
  /** Waits for an operation's end. */
  finished(summary: OperationSummary): Promise<OperationSummary>;
  /** Writes the docker CLI config the credentials are read from. */
  writeDockerConfig(config: unknown): Promise<void>;
  dispose(): Promise<void>;
}

export async function createImageHarness(options: { helperPath?: string } = {}): Promise<ImageHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-images-'));
  const dataDir = join(dir, 'app-data');
  const dockerConfigDir = join(dir, 'docker-config');
  await mkdir(dockerConfigDir, { recursive: true });
  const engines = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
  const containers = new ContainerService(engines);
  const images = new ImageService(engines, containers);
  const operations = new OperationRegistry({ throttleMs: 20 });
  const cipher = new TestCipher();
  const credentials = new RegistryCredentialsService(
    engines,
    new AppCredentialStore(join(dataDir, 'registry-credentials.bin'), cipher),
    new DockerConfigCredentials(
      dockerConfigDir,
      new CredentialHelpers(options.helperPath !== undefined ? { path: options.helperPath } : {}),
    ),
  );
  const dialogs = new ScriptedDialogs();
  const transfers = new ImageTransfers(engines, operations, credentials, dialogs, (engineId) =>
    images.cached(engineId),
  );
  const builds = new BuildService(engines, operations, credentials, dialogs);
  const updates: OperationUpdate[] = [];
  const imageChanges: ImagesChange[] = [];
  operations.onUpdated((update) => updates.push(update));
  images.onChanged((change) => imageChanges.push(change));
  engines.start();
  await engines.ready('local');
  return {
    dir,
    dataDir,
    dockerConfigDir,
    engines,
    containers,
    images,
    operations,
    credentials,
    transfers,
    builds,
    dialogs,
    cipher,
    updates,
    imageChanges,
    finished: (summary) => operations.whenFinished(summary.id),
    writeDockerConfig: (config) => writeFile(join(dockerConfigDir, 'config.json'), JSON.stringify(config)),
    async dispose() {
      operations.dispose();
      images.dispose();
      containers.dispose();
      await engines.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
