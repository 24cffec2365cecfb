import { IpcChannel } from '../../common';
import type { RegistryCredentialsService } from '../credentials/registry-credentials';
import type { BuildService } from '../docker/images/build/build-service';
import type { ImageService } from '../docker/images/image-service';
import type { ImageTransfers } from '../docker/images/image-transfers';
import type { InvokeHandlers } from './invoke-router';

/** The services behind the images and registries channels. */
export interface ImageServices {
  images: ImageService;
  transfers: ImageTransfers;
  builds: BuildService;
  registries: RegistryCredentialsService;
}

type ImageChannel = (typeof IpcChannel)[
  | 'ImagesList'
  | 'ImagesInspect'
  | 'ImagesRemove'
  | 'ImagesTag'
  | 'ImagesPrunePreview'
  | 'ImagesPrune'
  | 'ImagesPull'
  | 'ImagesPush'
  | 'ImagesChooseBuildContext'
  | 'ImagesBuild'
  | 'ImagesSave'
  | 'ImagesLoad'
  | 'RegistriesList'
  | 'RegistriesLogin'
  | 'RegistriesLogout'];

/** The handlers of the `images:*` and `registries:*` channels, spread into the handler map. */
export function createImageHandlers({
  images,
  transfers,
  builds,
  registries,
}: ImageServices): Pick<InvokeHandlers, ImageChannel> {
  return {
    [IpcChannel.ImagesList]: (engineId) => images.list(engineId),
    [IpcChannel.ImagesInspect]: (ref) => images.inspect(ref),
    [IpcChannel.ImagesRemove]: (request) => images.remove(request),
    [IpcChannel.ImagesTag]: (request) => images.tag(request),
    [IpcChannel.ImagesPrunePreview]: (request) => images.prunePreview(request),
    [IpcChannel.ImagesPrune]: (request) => images.prune(request),
    [IpcChannel.ImagesPull]: (request) => transfers.pull(request),
    [IpcChannel.ImagesPush]: (request) => transfers.push(request),
    [IpcChannel.ImagesChooseBuildContext]: () => builds.chooseContext(),
    [IpcChannel.ImagesBuild]: (request) => builds.build(request),
    [IpcChannel.ImagesSave]: (request) => transfers.save(request),
    [IpcChannel.ImagesLoad]: (request) => transfers.load(request),
    [IpcChannel.RegistriesList]: () => registries.list(),
    [IpcChannel.RegistriesLogin]: (request) => registries.login(request),
    [IpcChannel.RegistriesLogout]: (request) => registries.logout(request),
  };
}
