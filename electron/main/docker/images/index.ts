import { join } from 'node:path';

import type { StoreReset } from '../../../common/settings/types';
import { AppCredentialStore } from '../../credentials/app-credential-store';
import { CredentialHelpers } from '../../credentials/credential-helper';
import { DockerConfigCredentials } from '../../credentials/docker-config';
import { RegistryCredentialsService } from '../../credentials/registry-credentials';
import type { SecretCipher } from '../../credentials/secret-cipher';
import { dockerConfigDir } from '../../hosts/contexts/context-store';
import type { OperationRegistry } from '../../ops/operation-registry';
import type { ContainerService } from '../containers/container-service';
import { RunService } from '../containers/run-service';
import type { EngineRegistry } from '../engine/engine-registry';
import type { ListDemand } from '../lists/list-demand';
import { BuildService } from './build/build-service';
import { ImageService } from './image-service';
import { type FileDialogs, ImageTransfers } from './image-transfers';

interface ImageCompositionOptions {
  engines: EngineRegistry;
  containers: ContainerService;
  operations: OperationRegistry;
  /** The app's data directory: Berth's encrypted registry logins live here. */
  dataDir: string;
  /** The OS keyring (Electron's safeStorage in the app). */
  cipher: SecretCipher;
  dialogs: FileDialogs;
  env: NodeJS.ProcessEnv;
  homedir: string;
  /** The registry logins file could not be decrypted and was kept aside (the window says so). */
  onStoreReset?: (reset: StoreReset) => void;
  /** Whether anyone looks: the images list asks nothing on behalf of events while the window is hidden. */
  demand?: ListDemand;
}

/**
 * Builds the image, transfer, build, run and registry-credential services as the app wires them: everything that
 * pulls (a pull, a build's FROM, a Run of an image the engine lacks) resolves logins through one store.
 */
export function createImageServices(options: ImageCompositionOptions): {
  images: ImageService;
  transfers: ImageTransfers;
  builds: BuildService;
  runs: RunService;
  registries: RegistryCredentialsService;
  dispose: () => void;
} {
  const { engines, containers, operations, dialogs } = options;
  const registries = new RegistryCredentialsService(
    engines,
    new AppCredentialStore(
      join(options.dataDir, 'registry-credentials.bin'),
      options.cipher,
      options.onStoreReset,
    ),
    new DockerConfigCredentials(
      dockerConfigDir(options.env, options.homedir),
      new CredentialHelpers({ path: options.env.PATH ?? '' }),
    ),
  );
  const images = new ImageService(engines, containers, options.demand ? { demand: options.demand } : {});
  const transfers = new ImageTransfers(engines, operations, registries, dialogs, (engineId) =>
    images.cached(engineId),
  );
  const builds = new BuildService(engines, operations, registries, dialogs);
  const runs = new RunService(engines, operations, {
    registryAuth: (registry) => registries.resolve(registry),
  });
  return { images, transfers, builds, runs, registries, dispose: () => images.dispose() };
}
